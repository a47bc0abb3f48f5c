"""Terminal rendering: corpus text with escape sequences reaches no terminal raw."""

from __future__ import annotations

import io
from dataclasses import replace
from typing import Any

import pytest
from rich.console import Console, RenderableType

from outline_corpus import render
from outline_corpus.align.corpus import Alignment, FrontLink, SentenceBead, UnitLink
from outline_corpus.align.evaluate import Scores
from outline_corpus.diverge.records import Divergence
from outline_corpus.model import (
    Article,
    Diagnostic,
    Document,
    DocumentMeta,
    Heading,
    Sentence,
    Turn,
    Unit,
)
from outline_corpus.store.query import Hit
from outline_corpus.store.view import ArticleView, Rendering, Row

#: Retitles the window (OSC … BEL), clears the screen (CSI), a C1 CSI, DEL, CR.
EVIL = "a\x1b]0;PWNED\x07b\x1b[2Jc\x9b31md\x7fe\rf"
SHOWN = "a␛]0;PWNED␇b␛[2Jc\\x9b31md␡e␍f"


def _output(*renderables: RenderableType) -> str:
    buf = io.StringIO()
    console = Console(file=buf, width=400, color_system=None)
    for r in renderables:
        console.print(r)
    return buf.getvalue()


def _assert_safe(out: str) -> None:
    assert "\x1b" not in out and "\x9b" not in out and "\x07" not in out
    assert "\x7f" not in out and "\r" not in out
    assert "␛]0;PWNED␇" in out


def _printed(draw: Any, *args: Any) -> str:
    buf = io.StringIO()
    draw(Console(file=buf, width=400, color_system=None), *args)
    return buf.getvalue()


def test_printable_shows_every_control_but_newline_and_tab() -> None:
    assert render.printable(EVIL) == SHOWN
    assert render.printable("\x00\x1f\x85") == "␀␟\\x85"
    kept = "第一条 line\nnext\tcell “quoted” 😀 \u200fمرحبا\u200f [b]x[/b]"
    assert render.printable(kept) == kept


def test_rich_alone_lets_escape_sequences_through() -> None:
    from rich.text import Text

    raw = _output(Text(EVIL))
    assert "\x1b]0;PWNED" in raw and "\x9b" in raw  # why render.printable exists


def _doc() -> Document:
    meta = DocumentMeta(id=f"d{EVIL}", file=f"f{EVIL}.txt", language="zh", role="translation",
                        work="w", title=EVIL, original=f"o{EVIL}")
    sentence = Sentence(id=f"d/art-1/s-1{EVIL}", index=0, text=EVIL, spans=((0, 1),))
    heading = Heading(label=f"第一条{EVIL}", label_span=(0, 1), title=EVIL, spans=((0, 1),))
    article = Article(id=f"d/art-1{EVIL}", number=1, heading=heading, part=None, start=0,
                      end=10, paragraphs=(), items=(), sentences=(sentence,))
    diag = Diagnostic(kind="stray_latin", unit=EVIL, start=0, end=1, snippet=EVIL,
                      message=EVIL, repaired=False)
    return Document(meta=meta, text=EVIL, articles=(article,), diagnostics=(diag,))


def test_parse_and_unit_views() -> None:
    doc = _doc()
    _assert_safe(_printed(render.print_parse, [doc], True))
    article, sentence = doc.articles[0], doc.articles[0].sentences[0]
    turn = Turn(id=EVIL, index=0, speaker=EVIL, role=EVIL, kind="answer", label_span=(0, 1),
                start=0, end=10, paragraphs=(), sentences=(sentence,))
    unit = Unit(id=EVIL, kind="section", label=EVIL, number=None, path=(), parent=None,
                start=0, end=10)
    for u in (article, turn, unit):
        _assert_safe(_printed(render.print_unit, doc, u, [sentence]))


def _record() -> Divergence:
    return Divergence(id=EVIL, doc=f"e{EVIL}", kind="omission", severity="high", article=1,
                      original_ids=(), translation_ids=(), original_text=EVIL,
                      translation_text=EVIL, message=EVIL)


def test_tables() -> None:
    bead = SentenceBead(source=("s",), target=(), score=1.0, similarity=None,
                        source_unit=None, target_unit=None, article=1, source_text=EVIL,
                        target_text="")
    al = Alignment(original=EVIL, translation=EVIL, signature={},
                   units=(UnitLink("article", EVIL, None, 1, None, None),),
                   front=(FrontLink(f"x/{EVIL}", f"y/{EVIL}", 0.9),), beads=(bead,))
    scores = Scores(1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1, 1)
    counts = {"documents": {EVIL: {"sentences": 1, "articles": 1, "parts": 0, "items": 0}},
              "beads": {EVIL: {EVIL: 1}}, "divergences": {EVIL: {EVIL: 1}}}
    hit = Hit(doc=EVIL, id=EVIL, lang="en", article=1, text=EVIL, score=1.0,
              snippet=f"[{EVIL}]", parallel={EVIL: {"ids": [], "text": EVIL, "kind": "1:1"}})
    link = {"unit": EVIL, "article": EVIL, "score": 0.5, "text": EVIL}
    tables: list[RenderableType] = [
        render.alignment_table([al], EVIL), render.scores_table({EVIL: scores}),
        *render.divergence_tables([_record()]),
        render.build_table({k: EVIL for k in ("database", "documents", "sentences", "beads",
                                              "divergences", "seconds")}),
        render.hits_table([hit], True), *render.stats_tables(counts),
        render.links_table([link]),
        render.exports_table([{"format": EVIL, "path": EVIL, "records": EVIL}])]
    for table in tables:
        _assert_safe(_output(table))


@pytest.mark.parametrize("kind", ["article", "section"])
def test_article_view(kind: str) -> None:
    renderings = {f"t{EVIL}": Rendering(ids=(), text=EVIL, kind="1:1", score=1.0,
                                        shared=False)}
    row = Row(id=f"o/art-1/{EVIL}", text=EVIL, renderings=renderings,
              divergences={f"t{EVIL}": [EVIL], f"o{EVIL}": [EVIL]})
    view = ArticleView(original=f"o{EVIL}", number=1, title=EVIL, translations=(f"t{EVIL}",),
                       rows=(row,), added={EVIL: [(EVIL, EVIL)]},
                       notes=[{"doc": EVIL, "kind": EVIL, "message": EVIL}],
                       links=[{"unit": EVIL, "score": 0.5, "text": EVIL}], kind=kind,
                       label=EVIL, path=(EVIL,))
    _assert_safe(_printed(render.print_article_view, view))


def test_markup_in_ids_is_not_read() -> None:
    doc = "[link=https://evil.example]x[/link]"  # rich markup would write an OSC 8 link
    out = _output(*render.divergence_tables([replace(_record(), doc=doc)]))
    assert doc in out and "\x1b" not in out


def test_a_record_shows_its_id_and_the_words_on_both_sides() -> None:
    omission = Divergence("e/omission/z/art-3/s-1", "e", "omission", "medium", 3,
                          ("z/art-3/s-1",), ("e/art-3/s-1",), "加快建设质量强国",
                          "Build a strong country.", "This clause is not rendered.")
    out = _output(*render.divergence_tables([omission]))
    row = next(line for line in out.splitlines() if "e/omission/z/art-3/s-1" in line)
    assert "加快建设质量强国" in row and "Build a strong country." in row
    assert "This clause is not rendered." in row and "medium" in row
