"""The review page's model: letters of the translation columns."""

from __future__ import annotations

from outline_corpus.export.review import column_letter


def test_columns_are_lettered_as_spreadsheets_do() -> None:
    letters = [column_letter(n) for n in range(28)]
    assert letters[:3] == ["A", "B", "C"] and letters[25:] == ["Z", "AA", "AB"]
    assert len(set(column_letter(n) for n in range(1000))) == 1000
