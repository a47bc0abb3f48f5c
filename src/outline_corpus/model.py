"""The document model: frozen dataclasses for every structural unit of a parsed text.

Offsets are character offsets (not bytes) into :attr:`Document.text`, the decoded raw
file. A *leaf* unit (sentence, paragraph, list item, title) may have been repaired by
the parser, e.g. a word broken by a page break rejoined; its ``spans`` then hold several
raw pieces and its text is ``joiner.join(text[s:e] for s, e in spans)``, where the joiner
is ``""`` for Chinese and ``" "`` for English (see :meth:`Document.slice`). A *container*
unit (front matter block, part, article, turn) has a single span and its text is the
verbatim raw slice, line breaks included.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cached_property

from outline_corpus.languages import language

Spans = tuple[tuple[int, int], ...]

#: The gap after a piece that stops before a hyphen at a line end ("develop-" / "ment").
HYPHEN_BREAK = re.compile(r"-[ \t]*[\n\r\f\v\x1c\x1d\x1e\x85\u2028\u2029]\s*")
#: A footnote marker glued to the word before it ("security[1]", "law¹", "法律①").
FOOTNOTE_MARKER = re.compile(r"\[\d{1,3}\]|[¹²³⁰⁴-⁹]+|[①-⑳]")

#: The kinds of divergence records (see :mod:`outline_corpus.diverge`), in report order.
RECORD_KINDS = ("missing_article", "missing_heading", "missing_list_item", "extra_unit",
                "numbering_anomaly", "fused_heading", "front_matter", "omission",
                "addition", "meaning_shift", "number_mismatch", "list_difference",
                "low_similarity", "source_suspect", "source_noise")
#: Severities of divergence records, most severe first.
SEVERITIES = ("high", "medium", "low")


def separator(raw: str, end: int, start: int, joiner: str) -> str:
    """What joins a piece ending at ``end`` to the next starting at ``start``: the
    joiner, or nothing across a word hyphenated at a line end (the first piece stops
    before the hyphen) or across a footnote marker set aside."""
    if joiner and (HYPHEN_BREAK.fullmatch(raw, end, start)
                   or FOOTNOTE_MARKER.fullmatch(raw, end, start)):
        return ""
    return joiner


def join_pieces(raw: str, spans: Spans, joiner: str) -> str:
    """The raw pieces ``spans`` of ``raw`` joined (see :func:`separator`)."""
    out: list[str] = []
    for k, (s, e) in enumerate(spans):
        if k:
            out.append(separator(raw, spans[k - 1][1], s, joiner))
        out.append(raw[s:e])
    return "".join(out)


class Spanned:
    """A leaf unit made of raw pieces ``spans``; ``start``/``end`` bound them."""

    spans: Spans

    @property
    def start(self) -> int:
        return self.spans[0][0]

    @property
    def end(self) -> int:
        return self.spans[-1][1]


@dataclass(frozen=True)
class DocumentMeta:
    """One manifest entry: what a raw file is.

    ``role`` is ``original``, ``translation`` or ``related``; ``structure`` names the
    structure profile (``policy``, ``law``, ``transcript``) or ``auto`` to detect it.
    """

    id: str
    file: str
    language: str
    role: str
    work: str
    title: str
    structure: str = "auto"
    original: str | None = None
    publisher: str | None = None
    date: str | None = None
    notes: str | None = None


@dataclass(frozen=True)
class Diagnostic:
    """A repair the parser made, or a defect of the raw text it left as it is.

    ``kind`` names the defect (e.g. ``page_break_join``, ``fused_heading``,
    ``numbering_ocr``, ``stray_latin``); ``unit`` is the id of the unit concerned;
    ``start``/``end`` are raw offsets of ``snippet``; ``repaired`` tells whether the
    parser corrected it in the units it produced.
    """

    kind: str
    unit: str
    start: int
    end: int
    snippet: str
    message: str
    repaired: bool


@dataclass(frozen=True)
class Sentence(Spanned):
    """A sentence. ``index`` is 1-based within its container; ``role`` is ``title``
    (a heading or an article's title), ``body`` or ``item`` (inside a list item, whose
    number is ``item``); ``paragraph`` is the 1-based paragraph number in the container;
    ``unit`` is the id of the container (article, part, front matter block …)."""

    id: str
    index: int
    text: str
    spans: Spans
    role: str = "body"
    item: int | None = None
    paragraph: int | None = None
    unit: str = ""


@dataclass(frozen=True)
class Paragraph(Spanned):
    """A paragraph (leaf unit, possibly rejoined across page breaks)."""

    id: str
    index: int
    text: str
    spans: Spans
    sentences: tuple[Sentence, ...]
    role: str = "body"


@dataclass(frozen=True)
class ListItem(Spanned):
    """An enumerated item (e.g. a 2025 goal). ``marker`` is the raw bullet (``——``,
    ``-``, ``--``) or ``""`` where the bullet is missing; ``text`` excludes the bullet."""

    id: str
    number: int
    marker: str
    text: str
    spans: Spans
    sentences: tuple[Sentence, ...]


@dataclass(frozen=True)
class Heading:
    """The heading of a part or article: raw ``label`` (``"十一、"``, ``"(Fourteen)"``,
    ``"VT、"``) and the title text (leaf unit, may be rejoined)."""

    label: str
    label_span: tuple[int, int]
    title: str
    spans: Spans


@dataclass(frozen=True)
class Article:
    """A numbered article with its heading, paragraphs, list items and sentences.

    ``part`` is the number of the part heading it appears under in this document
    (``None`` before any part heading). ``start``/``end`` delimit the article from its
    label to just before the next unit."""

    id: str
    number: int
    heading: Heading
    part: int | None
    start: int
    end: int
    paragraphs: tuple[Paragraph, ...]
    items: tuple[ListItem, ...]
    sentences: tuple[Sentence, ...]

    @property
    def title(self) -> str:
        return self.heading.title


@dataclass(frozen=True)
class Part:
    """A division heading (a part of a policy document; a volume, chapter or section of
    a law: ``kind``) with the text under it that precedes its first article
    (``paragraphs``); ``sentences`` starts with the title sentence. ``parent`` is the id
    of the division it lies in (a chapter for a section), ``None`` at the top level."""

    id: str
    number: int
    heading: Heading
    start: int
    end: int
    paragraphs: tuple[Paragraph, ...]
    sentences: tuple[Sentence, ...]
    articles: tuple[int, ...]
    kind: str = "part"
    parent: str | None = None

    @property
    def title(self) -> str:
        return self.heading.title


@dataclass(frozen=True)
class FrontMatter(Spanned):
    """Material that is not part of the document proper: ``kind`` is one of
    ``headline``, ``release-time``, ``editor-note``, ``news-lead``, ``lead-in``,
    ``doc-number``, ``preface``, ``back-matter``."""

    id: str
    index: int
    kind: str
    text: str
    spans: Spans
    sentences: tuple[Sentence, ...]


@dataclass(frozen=True)
class Turn:
    """A speaker's turn in a transcript. ``kind`` is ``host`` (the moderator),
    ``question``, ``answer`` or ``statement``; ``responds_to`` is the id of the question
    an answer replies to."""

    id: str
    index: int
    speaker: str
    role: str
    kind: str
    label_span: tuple[int, int]
    start: int
    end: int
    paragraphs: tuple[Paragraph, ...]
    sentences: tuple[Sentence, ...]
    responds_to: str | None = None


@dataclass(frozen=True)
class Unit:
    """A node of a document's unit tree. ``kind`` is e.g. ``front``, ``preamble``,
    ``part``, ``chapter``, ``section``, ``article``, ``paragraph``, ``item``, ``turn``,
    ``back``; ``label`` is the label as written (``"（三）"``, ``"第十二条"``,
    ``"Article 12"``, ``""`` for none) and ``number`` the number read from it.
    ``path`` names every level from the root (``("part-3", "art-14", "item-2")``);
    ``id`` is the document id plus the shortest suffix of the path that numbering
    scope keeps unique (articles numbered through the document: ``DOC/art-14``).
    ``start``/``end`` are raw offsets; ``parent`` is the parent's id (``None`` at the
    top)."""

    id: str
    kind: str
    label: str
    number: int | None
    path: tuple[str, ...]
    parent: str | None
    start: int
    end: int


@dataclass(frozen=True)
class Document:
    """A parsed document. ``text`` is the decoded raw file; every unit points into it."""

    meta: DocumentMeta
    text: str
    front_matter: tuple[FrontMatter, ...] = ()
    preamble: tuple[Paragraph, ...] = ()
    parts: tuple[Part, ...] = ()
    articles: tuple[Article, ...] = ()
    turns: tuple[Turn, ...] = ()
    back_matter: tuple[FrontMatter, ...] = ()
    diagnostics: tuple[Diagnostic, ...] = ()
    expected_articles: tuple[int, ...] = field(default=())
    #: The structure profile the document was read by, and how well it fits (0..1).
    profile: str = "policy"
    confidence: float = 1.0
    #: Every unit of the document as a tree (see :class:`Unit`), in text order.
    units: tuple[Unit, ...] = ()
    #: Whether its Chinese sentences were also ended at ；.
    semicolon: bool = False

    @property
    def id(self) -> str:
        return self.meta.id

    @property
    def language(self) -> str:
        return self.meta.language

    @property
    def joiner(self) -> str:
        """The string that joins the raw pieces of a repaired unit: ``""`` for Chinese."""
        return language(self.language).joiner

    def slice(self, spans: Spans) -> str:
        """The text that ``spans`` denote: raw pieces joined with :attr:`joiner` (directly
        across a word hyphenated at a line end, see :func:`separator`)."""
        return join_pieces(self.text, spans, self.joiner)

    def article(self, number: int) -> Article | None:
        """The article numbered ``number`` (1-based), or ``None`` if absent."""
        for art in self.articles:
            if art.number == number:
                return art
        return None

    def part(self, number: int) -> Part | None:
        for part in self.parts:
            if part.number == number:
                return part
        return None

    @property
    def missing_articles(self) -> tuple[int, ...]:
        """Article numbers expected (from the original, else 1..max) but absent."""
        present = {a.number for a in self.articles}
        expected = self.expected_articles or tuple(range(1, max(present, default=0) + 1))
        return tuple(n for n in expected if n not in present)

    @property
    def list_items(self) -> tuple[ListItem, ...]:
        return tuple(item for art in self.articles for item in art.items)

    @cached_property
    def article_numbers(self) -> dict[str, int]:
        """Unit or sentence id → the number of the article it is in (read from the unit
        tree and each sentence's unit; ids outside every article are absent)."""
        out: dict[str, int] = {}
        for unit in self.units:  # parents come before their children
            if unit.kind == "article" and unit.number is not None:
                out[unit.id] = unit.number
            elif unit.parent in out:
                out[unit.id] = out[unit.parent]
        for s in self.all_sentences():
            if s.unit in out:
                out[s.id] = out[s.unit]
        return out

    @property
    def preamble_unit(self) -> tuple[str, str]:
        """Id and kind of the unit holding :attr:`preamble`: ``{id}/preamble`` of kind
        ``preamble``, or, in a document read flat, ``{id}/text`` of kind ``text``."""
        if self.profile == "flat":
            return f"{self.id}/text", "text"
        return f"{self.id}/preamble", "preamble"

    @property
    def preamble_sentences(self) -> tuple[Sentence, ...]:
        return tuple(s for p in self.preamble for s in p.sentences)

    def sentences(self) -> Iterator[Sentence]:
        """Every sentence of the document proper (not front or back matter), in order."""
        yield from self.preamble_sentences
        by_start: list[tuple[int, tuple[Sentence, ...]]] = []
        by_start.extend((p.start, p.sentences) for p in self.parts)
        by_start.extend((a.start, a.sentences) for a in self.articles)
        by_start.extend((t.start, t.sentences) for t in self.turns)
        for _, sents in sorted(by_start, key=lambda pair: pair[0]):
            yield from sents

    def all_sentences(self) -> Iterator[Sentence]:
        """Every sentence including front and back matter, in text order."""
        everything = list(self.sentences())
        for block in (*self.front_matter, *self.back_matter):
            everything.extend(block.sentences)
        yield from sorted(everything, key=lambda s: s.start)
