"""What every export shares: the refusal of characters TMX and HTML cannot carry, the
selection of documents, and the schema's agreement with the divergence kinds."""

from __future__ import annotations

from pathlib import Path

import pytest

from outline_corpus.diverge.records import KINDS
from outline_corpus.errors import ExportError
from outline_corpus.export.data import refuse_unwritable, select
from outline_corpus.export.jsonfmt import schema
from outline_corpus.store.query import Corpus


@pytest.mark.parametrize(("char", "code"), [("\x00", "0000"), ("\x0b", "000B"),
                                            ("\x1f", "001F"), ("\x7f", "007F"),
                                            ("\x85", "0085"), ("\x9f", "009F"),
                                            ("\ufffe", "FFFE")])
def test_control_characters_are_refused(char: str, code: str) -> None:
    with pytest.raises(ExportError) as err:
        refuse_unwritable("TMX", [("ok", "fine\ttext\n"), ("d/s-1", f"ab{char}c")])
    assert str(err.value).startswith(f"d/s-1: character U+{code} at position 2 of the text "
                                     "cannot be written to TMX")


def test_what_survives() -> None:
    refuse_unwritable("HTML", [("x", "<b>&amp;\"'😀\u200f\u202eمرحبا\t\r\n\u00a0\u3000")])


def test_selection(built: Path) -> None:
    with Corpus.open(built) as corpus:
        everything = select(corpus, None)
        assert everything.originals == ("outline.zh",)
        assert everything.translations == ("outline.en.a", "outline.en.b")
        assert len(everything.documents) == 5
        b = select(corpus, ["outline.en.b"])
        assert (b.originals, b.translations, b.documents) == (
            ("outline.zh",), ("outline.en.b",), ("outline.zh", "outline.en.b"))
        assert select(corpus, ["outline.zh"]).translations == ("outline.en.a", "outline.en.b")


def test_schema_knows_every_divergence_kind() -> None:
    kinds = schema()["$defs"]["divergence"]["properties"]["kind"]["enum"]
    assert kinds == list(KINDS)
