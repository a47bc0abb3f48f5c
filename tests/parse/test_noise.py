"""Defects the parser reports without repairing them: here, characters that TMX and
HTML cannot carry, found at parse time with their raw offsets."""

from __future__ import annotations

import pytest

from outline_corpus.model import DocumentMeta
from outline_corpus.parse import parse_text
from outline_corpus.parse.noise import XML_UNSAFE_KIND


def _meta(language: str) -> DocumentMeta:
    return DocumentMeta(id=f"x.{language}", file="x.txt", language=language,
                        role="original", work="x", title="x", structure="law")


@pytest.mark.parametrize("language,text", [
    ("en", "Test Law\nArticle 1 Rule one.\x07 Rule\x1b[31m two.\nArticle 2 Rule three.\n"),
    ("zh", "测试法\n第一条　规则一。\x07规则\x1b[31m二。\n第二条　规则三。\n"),
])
def test_control_characters_are_found_at_their_offsets(language: str, text: str) -> None:
    doc = parse_text(_meta(language), text)
    found = [d for d in doc.diagnostics if d.kind == XML_UNSAFE_KIND]
    assert [(d.snippet, d.start) for d in found] == [("\x07", text.index("\x07")),
                                                     ("\x1b", text.index("\x1b"))]
    assert all(d.unit.startswith(f"x.{language}/art-1/") and not d.repaired for d in found)
    assert "U+0007" in found[0].message and "U+001B" in found[1].message
    assert any("\x07" in s.text for s in doc.all_sentences())  # the text is not changed


def test_tab_line_ends_and_printable_text_are_not_reported() -> None:
    doc = parse_text(_meta("en"), "Test Law\r\nArticle 1 Rule\tone.\r\nArticle 2 Rule "
                                  "“two” — 😀.\n")
    assert not [d for d in doc.diagnostics if d.kind == XML_UNSAFE_KIND]
