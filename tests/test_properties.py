"""Property-based tests of the parsers on random and mutated text.

Whatever text it is given, :func:`outline_corpus.parse.parse_text` either returns a
:class:`Document` or raises :class:`StructureError`; and every unit of a document it
returns points back into the raw text: ``doc.slice(unit.spans) == unit.text``."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from outline_corpus.errors import StructureError
from outline_corpus.model import Document, DocumentMeta, Spans
from outline_corpus.parse import parse_text

REAL_RAW = Path(__file__).resolve().parents[1] / "data" / "raw"
#: The real documents' texts, by file name (read once; never written).
SOURCES: dict[str, str] = {p.name: p.read_text(encoding="utf-8")
                           for p in sorted(REAL_RAW.glob("*.txt"))}

#: Reproducible in CI: a fixed derandomised search, no example database. For a longer,
#: random hunt set OUTLINE_CORPUS_FUZZ=<examples> (e.g. 5000).
_HUNT = int(os.environ.get("OUTLINE_CORPUS_FUZZ", "0"))
PROPERTY = settings(max_examples=_HUNT or 100, deadline=None, derandomize=not _HUNT,
                    database=None, print_blob=True,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])

COMBINATIONS = [("zh", "policy"), ("zh", "transcript"), ("en", "policy"), ("en", "transcript")]

#: Fragments that look like structure: labels, bullets, numerals, speaker lines, breaks.
FRAGMENTS = (
    "\n", "\n\n", "\r\n", "\r", " ", "\t", "\u00a0", "\u3000", "\f", "\u2028", "\x85",
    "(", ")", "（", "）", "(12)", "(1)", "(Fourteen)", "(一)", "（三）", "（十二）", "VT、",
    "VI.", "I. ", "II.", "12. ", "2.", "一、", "十一、", "三、", "二", "十", "百", "〇",
    "First, ", "Second,", "Eleventh,", "——", "—", "–", "-", "--", "- ", "、", "。", "！", "？",
    "；", "：", ":", ".", ". ", "!", "?", ";", ",", "，", "“", "”", "‘", "’", "《", "》", '"',
    "质量", "强国", "建设纲要", "the ", "of", "quality", "Outline", "and", "a", "as follows:",
    "主要内容如下。", "Reporter:", "Host:", "Tian Shihong:", "Xing Huina, spokesperson:",
    "CCTV reporter:", "No. ", "95", "2025", "\ufeff", "e\u0301", "\U0001f600", "aa aa",
    "质量质量",
)

#: What may start a line: part and article labels, bullets, speaker lines, or nothing.
LINE_STARTS = (
    "", "", "", "一、", "十一、", "三. ", "（一）", "(3)", "（十四）", "——", "—", "--",
    "I. ", "2. ", "12.", "VT、", "First, ", "(1) ", "(Fourteen) ", "-", "- ",
    "Tian Shihong:\n", "Reporter:\n", "Host:\n",
)
LINE_ENDS = ("\n", "\n", "\n\n", "\r\n", "\r", "", "\u2029")

fragment = st.one_of(st.sampled_from(FRAGMENTS), st.text(max_size=6))
line = st.tuples(st.sampled_from(LINE_STARTS), st.lists(fragment, max_size=10).map("".join),
                 st.sampled_from(LINE_ENDS)).map("".join)
#: Random lines made of random and structure-like fragments.
random_text = st.lists(line, max_size=25).map("".join)


def insertion() -> st.SearchStrategy[str]:
    return st.lists(st.sampled_from(FRAGMENTS), min_size=1, max_size=4).map("".join)


#: The real texts each grammar is most often given (any of them may be drawn).
PREFERRED = {
    ("zh", "policy"): ("outline-zh-xinhua.txt",),
    ("zh", "transcript"): ("press-conference-2023-02-16-en.txt",),
    ("en", "policy"): ("outline-en-a-building-materials.txt",
                       "outline-en-b-brand-association.txt", "action-plan-2022-2025-en.txt"),
    ("en", "transcript"): ("press-conference-2023-02-16-en.txt",),
}


@st.composite
def mutated_text(draw: st.DrawFn, preferred: tuple[str, ...]) -> str:
    """A real document (mostly one of ``preferred``), or a window of one, with a few
    random mutations applied."""
    text = SOURCES[draw(st.sampled_from(preferred * 3 + tuple(sorted(SOURCES))))]
    if draw(st.booleans()):
        start = draw(st.integers(0, len(text)))
        text = text[start:start + draw(st.integers(0, 4000))]
    for _ in range(draw(st.integers(1, 6))):
        kind = draw(st.sampled_from(["delete", "duplicate", "insert", "swap_lines"]))
        i = draw(st.integers(0, len(text)))
        j = min(len(text), i + draw(st.integers(0, 300)))
        if kind == "delete":
            text = text[:i] + text[j:]
        elif kind == "duplicate":
            text = text[:j] + text[i:j] + text[j:]
        elif kind == "insert":
            text = text[:i] + draw(insertion()) + text[i:]
        else:
            lines = text.split("\n")
            a = draw(st.integers(0, len(lines) - 1))
            b = draw(st.integers(0, len(lines) - 1))
            lines[a], lines[b] = lines[b], lines[a]
            text = "\n".join(lines)
    return text


def meta_for(language: str, structure: str) -> DocumentMeta:
    return DocumentMeta(id=f"t.{language}", file="t.txt", language=language,
                        role="original", work="w", title="T", structure=structure)


def parse_or_none(language: str, structure: str, text: str) -> Document | None:
    """The parsed document, or ``None`` for :class:`StructureError` (the only exception
    allowed; any other propagates and fails the test)."""
    try:
        return parse_text(meta_for(language, structure), text, "<fuzz>")
    except StructureError as exc:
        assert str(exc).startswith("<fuzz>: ")
        return None


# -- the properties --------------------------------------------------------------------------
def leaves(doc: Document) -> Iterator[tuple[str, str, Spans]]:
    """``(id, text, spans)`` of every leaf unit: sentences, paragraphs, list items, front
    and back matter blocks; headings are checked by :func:`check_headings`."""
    seen: set[int] = set()

    def sentences(owner: object) -> Iterator[tuple[str, str, Spans]]:
        for s in getattr(owner, "sentences", ()):
            if id(s) not in seen:
                seen.add(id(s))
                yield s.id, s.text, s.spans

    for s in doc.all_sentences():
        seen.add(id(s))
        yield s.id, s.text, s.spans
    paragraphs = [*doc.preamble,
                  *(p for part in doc.parts for p in part.paragraphs),
                  *(p for art in doc.articles for p in art.paragraphs),
                  *(p for turn in doc.turns for p in turn.paragraphs)]
    for p in paragraphs:
        yield p.id, p.text, p.spans
        yield from sentences(p)
    for item in doc.list_items:
        yield item.id, item.text, item.spans
        yield from sentences(item)
    for block in (*doc.front_matter, *doc.back_matter):
        yield block.id, block.text, block.spans
        yield from sentences(block)
    for unit in (*doc.parts, *doc.articles, *doc.turns):
        yield from sentences(unit)


def check_spans(doc: Document, uid: str, spans: Spans, allow_none: bool = False) -> None:
    """Spans within bounds, each non-empty, increasing and non-overlapping."""
    assert spans or allow_none, f"{uid}: no spans"
    previous_end = 0
    for start, end in spans:
        assert 0 <= start < end <= len(doc.text), f"{uid}: span {(start, end)} out of bounds " \
                                                  f"or empty (text length {len(doc.text)})"
        assert start >= previous_end, f"{uid}: spans {spans} overlap or go backwards"
        previous_end = end


def check_document(doc: Document, text: str) -> None:
    assert doc.text == text
    n = len(text)
    for uid, unit_text, spans in leaves(doc):
        check_spans(doc, uid, spans)
        assert doc.slice(spans) == unit_text, f"{uid}: {spans} slice to " \
                                              f"{doc.slice(spans)!r}, not {unit_text!r}"
    for unit in (*doc.parts, *doc.articles):
        h = unit.heading
        check_spans(doc, f"{unit.id} heading", h.spans, allow_none=not h.title)
        assert doc.slice(h.spans) == h.title, f"{unit.id} heading: {h.spans} slice to " \
                                              f"{doc.slice(h.spans)!r}, not {h.title!r}"
        assert 0 <= h.label_span[0] <= h.label_span[1] <= n, f"{unit.id}: label_span"
    for container in (*doc.parts, *doc.articles, *doc.turns):
        assert 0 <= container.start <= container.end <= n, \
            f"{container.id}: start {container.start}, end {container.end}, length {n}"
    for turn in doc.turns:
        assert 0 <= turn.label_span[0] <= turn.label_span[1] <= n, f"{turn.id}: label_span"
    for d in doc.diagnostics:
        assert 0 <= d.start <= d.end <= n, f"diagnostic {d.kind} at {d.start}-{d.end} of {n}"
        assert d.snippet == text[d.start:d.end], f"diagnostic {d.kind}: snippet"


def check(language: str, structure: str, text: str) -> str:
    """Parse ``text`` and check the properties; returns what was parsed, for statistics."""
    doc = parse_or_none(language, structure, text)
    if doc is None:
        return "StructureError"
    check_document(doc, text)
    return "parsed with " + ("turns" if doc.turns else "articles" if doc.articles
                             else "parts" if doc.parts else "no units")


# -- the tests -------------------------------------------------------------------------------
@pytest.mark.parametrize(("language", "structure"), COMBINATIONS)
@PROPERTY
@given(text=random_text)
def test_random_text(language: str, structure: str, text: str) -> None:
    event(check(language, structure, text))


@pytest.mark.parametrize(("language", "structure"), COMBINATIONS)
@PROPERTY
@given(data=st.data())
def test_mutated_real_text(language: str, structure: str, data: st.DataObject) -> None:
    text = data.draw(mutated_text(PREFERRED[language, structure]), label="text")
    event(check(language, structure, text))


@pytest.mark.parametrize("name", sorted(SOURCES))
@pytest.mark.parametrize(("language", "structure"), COMBINATIONS)
def test_real_text_unmutated(name: str, language: str, structure: str) -> None:
    """The properties hold for every real document read with every grammar."""
    check(language, structure, SOURCES[name])


def test_real_documents_parse_as_listed() -> None:
    """The properties are not vacuous: each real text yields units in its own grammar."""
    zh = parse_or_none("zh", "policy", SOURCES["outline-zh-xinhua.txt"])
    assert zh is not None and len(zh.articles) == 32 and len(zh.parts) == 11
    transcript = parse_or_none("en", "transcript",
                               SOURCES["press-conference-2023-02-16-en.txt"])
    assert transcript is not None and len(transcript.turns) > 10
    with pytest.raises(StructureError):
        parse_text(meta_for("en", "policy"), "Just a sentence.\n", "<fuzz>")


#: spaCy refuses a text of more than this many characters (``nlp.max_length``).
SPACY_MAX_LENGTH = 1_000_000


@pytest.mark.parametrize(("structure", "head"), [("policy", "I. Title\n(1) Guiding ideology. "),
                                                 ("transcript", "Host:\n")],
                         ids=["policy", "transcript"])
def test_english_paragraph_longer_than_spacy_limit(structure: str, head: str) -> None:
    """A paragraph over a million characters is still text: it parses or is refused with
    a StructureError, never spaCy's ValueError [E088]."""
    text = head + "word " * (SPACY_MAX_LENGTH // 5 + 1) + "\n"
    doc = parse_or_none("en", structure, text)
    assert doc is not None
    assert (len(doc.articles), len(doc.turns)) == ((1, 0) if structure == "policy" else (0, 1))
    body = doc.articles[0].paragraphs[0] if doc.articles else doc.turns[0].paragraphs[0]
    assert doc.slice(body.spans) == body.text
    assert len(body.text) > SPACY_MAX_LENGTH
