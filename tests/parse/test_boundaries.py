"""Every article starts at its own heading and ends before the next unit; front matter
never leaks into the body; every unit's offsets give back its text."""

import re

import pytest

from outline_corpus.model import Document
from outline_corpus.parse.grammar import grammar_for

POLICY = ["outline.zh", "outline.en.a", "outline.en.b", "action-plan.en"]


@pytest.mark.parametrize("doc_id", POLICY)
def test_articles_start_at_their_heading_and_do_not_swallow_neighbours(
        corpus: dict[str, Document], doc_id: str) -> None:
    doc = corpus[doc_id]
    g = grammar_for(doc.language)
    arts = doc.articles
    for art, nxt in zip(arts, [*arts[1:], None], strict=True):
        text = doc.text[art.start:art.end]
        assert text.startswith(art.heading.label), art.id
        if nxt is not None:
            assert art.end <= nxt.start, art.id
        for line in text.splitlines()[1:]:
            m = g.article.match(line.strip())
            assert m is None, (art.id, line[:40])
        for part in doc.parts:
            assert not (art.start < part.start < art.end), (art.id, part.id)


@pytest.mark.parametrize("doc_id", POLICY)
def test_front_matter_precedes_preamble_and_body(corpus: dict[str, Document],
                                                 doc_id: str) -> None:
    doc = corpus[doc_id]
    body_start = min(u.start for u in (*doc.parts, *doc.articles))
    front_end = max(f.end for f in doc.front_matter)
    assert front_end <= doc.preamble[0].start < doc.preamble[-1].end <= body_start
    body_ids = [s.id for s in doc.sentences()]
    assert len(body_ids) == len(set(body_ids))
    front_ids = {s.id for f in doc.front_matter for s in f.sentences}
    assert all(re.fullmatch(rf"{re.escape(doc.id)}/front-\d+/s-\d+", i) for i in front_ids)
    assert not front_ids & set(body_ids)
    for block in doc.front_matter:
        for unit in (*doc.parts, *doc.articles):
            assert block.end <= unit.start, (block.id, unit.id)


@pytest.mark.parametrize("doc_id", [*POLICY, "press-conference.en"])
def test_offsets_slice_back_to_text(corpus: dict[str, Document], doc_id: str) -> None:
    doc = corpus[doc_id]
    for sent in doc.all_sentences():
        assert doc.slice(sent.spans) == sent.text, sent.id
    for art in doc.articles:
        assert doc.slice(art.heading.spans) == art.heading.title
        for item in art.items:
            assert doc.slice(item.spans) == item.text
        for para in art.paragraphs:
            assert doc.slice(para.spans) == para.text
    for diag in doc.diagnostics:
        assert doc.text[diag.start:diag.end] == diag.snippet
