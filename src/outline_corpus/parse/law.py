"""Parser for laws and regulations (and rules in their shape): volumes, chapters and
sections, articles numbered through the document, their paragraphs (款) and items
(项), front matter (promulgation order, title, adoption note, contents, navigation),
a preamble (序言), and trailing back matter, in Chinese or English, by the declared
:mod:`~outline_corpus.parse.profiles`.

Articles are the longest chain of article labels whose numbers rise through the text,
so that a citation that a line break put at the start of a line ("Article 7, Article
8, …") is never read as an article."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from outline_corpus.errors import StructureError
from outline_corpus.model import (
    Article,
    Document,
    DocumentMeta,
    Heading,
    ListItem,
    Paragraph,
    Part,
    Sentence,
    Spans,
)
from outline_corpus.numerals import Numeral
from outline_corpus.parse.blocks import Block, Issue, read_label
from outline_corpus.parse.furniture import page_furniture
from outline_corpus.parse.grammar import grammar_for
from outline_corpus.parse.lawfront import classify_prelude
from outline_corpus.parse.lines import LogicalLine, join_lines, raw_lines
from outline_corpus.parse.locate import with_diagnostics
from outline_corpus.parse.noise import noise_issues
from outline_corpus.parse.numbering import numbering_issues
from outline_corpus.parse.profiles import Level, Profile, law_profile
from outline_corpus.parse.progress import LINES, STRUCTURE, Tracker
from outline_corpus.parse.units import SentenceMaker, UniqueIds

#: The largest gap between two article numbers read as one chain (a translation may
#: lack articles; a citation far ahead is not the next article).
MAX_ARTICLE_GAP = 40
DIVISIONS = ("volume", "subvolume", "chapter", "section")


#: Invisible format characters a label may hold (soft hyphen, zero-width space and
#: joiners, word joiner, byte-order mark): the label is read as if they were not there.
INVISIBLE = re.compile("[\u00ad\u200b-\u200d\u2060\ufeff]")


@dataclass(frozen=True)
class _Unseen:
    """A label pattern's match on ``line`` read without its invisible characters; its
    positions are those of ``line`` as written (``kept``: the index in ``line`` of each
    character read)."""

    found: re.Match[str]
    kept: tuple[int, ...]
    line: str

    def group(self, name: str) -> str | Any:  # as re.Match[str].group
        return self.found.group(name)

    def start(self, name: str) -> int:
        pos = self.found.start(name)
        return pos if pos < 0 else self.kept[pos] if pos < len(self.kept) else len(self.line)

    def end(self, name: str) -> int:
        pos = self.found.end(name)
        return pos if pos <= 0 else self.kept[pos - 1] + 1

    def hidden(self) -> str:
        """The invisible characters inside the label, as U+XXXX codes."""
        inside = self.line[:self.end("label")]
        return ", ".join(sorted({f"U+{ord(c):04X}" for c in INVISIBLE.findall(inside)}))


@dataclass
class _Mark:
    """A logical line read as a label of ``level`` with its match and number."""

    level: Level
    match: re.Match[str] | _Unseen
    number: Numeral


@dataclass
class _Art:
    line: LogicalLine
    mark: _Mark
    part: _Div | None
    #: Lines after the article's first, each with its item mark (``None``: a paragraph).
    body: list[tuple[LogicalLine, _Mark | None]] = field(default_factory=list)


@dataclass
class _Div:
    line: LogicalLine
    mark: _Mark
    parent: _Div | None
    title: list[tuple[int, int]] = field(default_factory=list)
    body: list[LogicalLine] = field(default_factory=list)
    articles: list[_Art] = field(default_factory=list)
    id: str = ""


def parse_law(meta: DocumentMeta, raw: str, path: str, semicolon: bool = False,
              profile: Profile | None = None, *, tracker: Tracker | None = None) -> Document:
    """Parse a law or regulation (see module doc), its progress told to ``tracker``.
    Raises :class:`StructureError` when it has no numbered articles."""
    prof = profile or law_profile(meta.language)
    return _LawParser(meta, raw, semicolon, prof, tracker).parse(path)


#: What follows a cited item label at the start of a wrapped line (（二）项规定的,
#: "(2) of Article 5"): the label is a citation, not an item.
_CITED_ITEM = re.compile(r"^(?:[项款目条]|(?:of|in|under|and|or)\b)")


def mark_of(profile: Profile, text: str) -> _Mark | None:
    """The first level of ``profile`` whose label pattern matches ``text``, read without
    the invisible characters of its first 40 characters if it does not match as
    written."""
    unseen: tuple[str, tuple[int, ...]] | None = None
    for level in profile.levels:
        m: re.Match[str] | _Unseen | None = level.pattern.match(text)
        if not m and INVISIBLE.search(text, 0, 40):
            if unseen is None:
                kept = tuple(k for k, c in enumerate(text) if not INVISIBLE.match(c))
                unseen = ("".join(text[k] for k in kept), kept)
            found = level.pattern.match(unseen[0])
            m = _Unseen(found, unseen[1], text) if found else None
        if not m:
            continue
        if level.kind == "item" and _CITED_ITEM.match(m.group("rest") or ""):
            continue
        number = _read(m.group("num"), level.kind)
        if number is not None and number.value > 0:
            return _Mark(level, m, number)
    return None


def _read(text: str, kind: str) -> Numeral | None:
    if kind == "item" and re.fullmatch(r"[a-z]", text):
        return Numeral(ord(text) - ord("a") + 1, "letter")
    return read_label(text)


def article_chain(marks: list[_Mark | None]) -> set[int]:
    """Indexes of the longest chain of article marks with rising numbers (gaps at most
    :data:`MAX_ARTICLE_GAP`; among equally long chains the one with the smaller gaps).

    A mark can follow only a mark numbered at most :data:`MAX_ARTICLE_GAP` below it, so
    the best chain ending at each mark is found from the best chain ending at each of
    those numbers so far, in O(marks × gap) rather than O(marks²)."""
    cand = [(k, m.number.value) for k, m in enumerate(marks)
            if m is not None and m.level.kind == "article"]
    best: list[tuple[int, int, int]] = []  # (length, -gaps, previous index in cand)
    # number -> the greatest (length, -gaps, index) of a chain ending at that number
    ending: dict[int, tuple[int, int, int]] = {}
    for i, (_, n) in enumerate(cand):
        top = (1, -(n - 1), -1)
        for p in range(n - MAX_ARTICLE_GAP, n):
            if p in ending:
                length, gaps, j = ending[p]
                top = max(top, (length + 1, gaps - (n - p - 1), j))
        best.append(top)
        entry = (top[0], top[1], i)
        ending[n] = max(ending.get(n, entry), entry)
    if not best:
        return set()
    i = max(range(len(best)), key=lambda k: (best[k][0], best[k][1], -k))
    chosen: set[int] = set()
    while i >= 0:
        chosen.add(cand[i][0])
        i = best[i][2]
    return chosen


class _LawParser:
    def __init__(self, meta: DocumentMeta, raw: str, semicolon: bool, profile: Profile,
                 tracker: Tracker | None = None) -> None:
        self.meta = meta
        self.raw = raw
        self.p = profile
        self.g = grammar_for(meta.language)
        self.tracker = tracker
        self.maker = SentenceMaker(raw, meta.language, self.g.joiner, semicolon, tracker)
        self.issues: list[Issue] = []
        self.unique = UniqueIds()

    def parse(self, path: str) -> Document:
        terminal = self.g.terminal + ";:"
        kept, furniture = page_furniture(self.raw, raw_lines(self.raw))
        self.issues.extend(furniture)
        lines, issues = join_lines(self.raw, kept, self.g.joiner, terminal,
                                   self.p.language, lambda t: mark_of(self.p, t) is not None,
                                   self._is_heading)
        self.issues.extend(issues)
        if self.tracker is not None:
            self.tracker.reach(LINES)
        marks = [mark_of(self.p, line.text) for line in lines]
        chain = article_chain(marks)
        if not chain:
            raise StructureError(path, f"no numbered articles found; not a law or "
                                       f"regulation the '{self.p.name}' profile reads")
        for k, m in enumerate(marks):
            if m is not None and m.level.kind == "article" and k not in chain:
                marks[k] = None
            elif m is not None and isinstance(m.match, _Unseen):
                self.issues.append(Issue(
                    "invisible_in_label", lines[k].start, lines[k].start + m.match.end("label"),
                    f"invisible character {m.match.hidden()} inside the label "
                    f"{m.match.group('label')}; read without it", True))
        first = min(chain)
        body_start = self._body_start(lines, marks, first)
        back_start = self._back_start(lines, marks, max(chain))
        divs, loose = self._group(lines[body_start:back_start], marks[body_start:back_start])
        front, preamble = classify_prelude(self.p, self.raw, lines[:body_start])
        if self.tracker is not None:
            self.tracker.reach(STRUCTURE)
        return self._document(lines, front, preamble, divs, loose, back_start)

    def _is_heading(self, text: str) -> bool:
        mark = mark_of(self.p, text)
        return mark is not None and mark.level.kind in DIVISIONS

    # -- where the body begins and ends ---------------------------------------------------
    def _body_start(self, lines: list[LogicalLine], marks: list[_Mark | None],
                    first: int) -> int:
        """The first line of the body: the division headings just before the first
        article, at most one per level, outermost first (a table of contents that lists
        the same headings stays in the front matter)."""
        start, outer = first, len(DIVISIONS)
        k = first - 1
        while k >= 0:
            m = marks[k]
            if m is not None and m.level.kind in DIVISIONS:
                rank = DIVISIONS.index(m.level.kind)
                if rank >= outer:
                    break
                start, outer = k, rank
            elif not (k > 0 and self._bare_heading(marks[k - 1], lines[k])):
                break
            k -= 1
        return start

    def _bare_heading(self, mark: _Mark | None, nxt: LogicalLine) -> bool:
        """Whether ``mark`` is a division label without title and ``nxt`` its title."""
        return (mark is not None and mark.level.kind in DIVISIONS
                and not (mark.match.group("rest") or "").strip()
                and mark_of(self.p, nxt.text) is None and len(nxt.text) <= 150
                and nxt.text[-1] not in self.g.sentence_end)

    def _back_start(self, lines: list[LogicalLine], marks: list[_Mark | None],
                    last: int) -> int:
        """The first line of trailing back matter after the last article (``len(lines)``
        if none): a line of page furniture, or a paragraph after the last article's
        entry-into-force clause that repeals nothing."""
        in_force = False
        for k in range(last, len(lines)):
            text = lines[k].text
            if k > last and (self.p.back.match(text) or (in_force and marks[k] is None
                                                         and not self.p.repeal.search(text))):
                return k
            in_force = in_force or bool(self.p.in_force.search(text))
        return len(lines)

    # -- grouping ---------------------------------------------------------------------------
    def _group(self, lines: list[LogicalLine], marks: list[_Mark | None]
               ) -> tuple[list[_Div], list[_Art]]:
        divs: list[_Div] = []
        loose: list[_Art] = []
        art: _Art | None = None
        open_divs: dict[str, _Div] = {}
        k = 0
        while k < len(lines):
            line, mark = lines[k], marks[k]
            if mark is not None and mark.level.kind in DIVISIONS:
                rank = DIVISIONS.index(mark.level.kind)
                parent = next((open_divs[d] for d in reversed(DIVISIONS[:rank])
                               if d in open_divs), None)
                for d in DIVISIONS[rank:]:
                    open_divs.pop(d, None)
                div = _Div(line, mark, parent, title=self._title_spans(line, mark))
                open_divs[mark.level.kind] = div
                divs.append(div)
                art = None
                if not div.title and k + 1 < len(lines) and self._bare_heading(
                        mark, lines[k + 1]):
                    k += 1
                    div.title = list(lines[k].spans)
                    self.issues.append(Issue("title_on_next_line", line.start, lines[k].end,
                                             "heading title on the line after its label "
                                             "read with it", True))
            elif mark is not None and mark.level.kind == "article":
                innermost = divs[-1] if divs else None
                art = _Art(line, mark, innermost)
                (innermost.articles if innermost else loose).append(art)
            elif art is not None:
                art.body.append((line, mark))
            elif divs:
                divs[-1].body.append(line)
            k += 1
        return divs, loose

    def _title_spans(self, line: LogicalLine, mark: _Mark) -> list[tuple[int, int]]:
        if not (mark.match.group("rest") or "").strip():
            return []
        return self._rest(line, mark.match.start("rest"))

    def _rest(self, line: LogicalLine, offset: int) -> list[tuple[int, int]]:
        """The raw pieces of ``line`` after its first ``offset`` characters (a label);
        whitespace left at the start is trimmed where the pieces are made into text."""
        return list(self.maker.pieces(line.spans).spans_of(offset, len(line.text)))

    # -- building ---------------------------------------------------------------------------
    def _document(self, lines: list[LogicalLine], front: list[tuple[Spans, str]],
                  preamble: list[Spans], divs: list[_Div], loose: list[_Art],
                  back_start: int) -> Document:
        for div in divs:
            base = f"{div.mark.level.id_prefix}-{div.mark.number.value}"
            scoped = div.mark.level.scope == "parent" and div.parent is not None
            div.id = self.unique(f"{div.parent.id if scoped and div.parent else self.meta.id}"
                                  f"/{base}")
        articles = [*loose, *(a for d in divs for a in d.articles)]
        self.issues.extend(numbering_issues([_block(d.line, d.mark) for d in divs
                                             if d.mark.level.kind == "chapter"],
                                            [_block(a.line, a.mark) for a in articles]))
        fronts = [self.maker.block(f"{self.meta.id}/front-{k}", k, spans, kind)
                  for k, (spans, kind) in enumerate(front, 1)]
        backs = [self.maker.block(f"{self.meta.id}/back-{k}", k, tuple(line.spans), "back-matter")
                 for k, line in enumerate(lines[back_start:], 1)]
        preamble_paras, _ = self.maker.paragraphs(preamble, f"{self.meta.id}/preamble", 1)
        doc = Document(meta=self.meta, text=self.raw, front_matter=tuple(fronts),
                       preamble=tuple(preamble_paras),
                       parts=tuple(self._part(d) for d in divs),
                       articles=tuple(sorted((self._article(a) for a in articles),
                                             key=lambda a: a.start)),
                       back_matter=tuple(backs), profile=self.p.name)
        return with_diagnostics(doc, [*self.issues, *noise_issues(doc, self.tracker)])

    def _part(self, div: _Div) -> Part:
        pieces = self.maker.pieces(div.title)
        title, spans = pieces.sub(0, len(pieces.text))
        m = div.mark.match
        label_span = (div.line.start, div.line.start + m.end("label"))
        heading = Heading(m.group("label"), label_span, title, spans)
        sents = [Sentence(f"{div.id}/s-1", 1, title, spans, "title", unit=div.id)] if spans else []
        paras, _ = self.maker.paragraphs([line.spans for line in div.body], div.id,
                                         len(sents) + 1)
        sents.extend(s for p in paras for s in p.sentences)
        end = max([div.line.end, *(sp[1] for sp in div.title), *(b.end for b in div.body),
                   *(_art_end(a) for a in div.articles)])
        parent = div.parent.id if div.parent else None
        return Part(div.id, div.mark.number.value, heading, div.line.start, end, tuple(paras),
                    tuple(sents), tuple(a.mark.number.value for a in div.articles),
                    kind=div.mark.level.kind, parent=parent)

    def _article(self, art: _Art) -> Article:
        prefix = self.unique(f"{self.meta.id}/{art.mark.level.id_prefix}-"
                              f"{art.mark.number.value}")
        m = art.mark.match
        label_span = (art.line.start, art.line.start + m.end("label"))
        heading = Heading(m.group("label"), label_span, "", ())
        blocks: list[tuple[list[tuple[int, int]], _Mark | None]] = []
        if (m.group("rest") or "").strip():
            blocks.append((self._rest(art.line, m.start("rest")), None))
        blocks.extend((list(line.spans) if mark is None else
                       self._rest(line, mark.match.start("rest")), mark)
                      for line, mark in art.body)
        paragraphs: list[Paragraph] = []
        items: list[ListItem] = []
        sentences: list[Sentence] = []
        for spans, mark in blocks:
            n = len(sentences) + 1
            if mark is not None:
                number = mark.number.value
                pieces = self.maker.pieces(spans)
                text, sub = pieces.sub(0, len(pieces.text))
                sents = self.maker.sentences(sub, prefix, n, role="item", item=number)
                items.append(ListItem(self.unique(f"{prefix}/item-{number}"), number,
                                      mark.match.group("label"), text, sub, tuple(sents)))
            else:
                role = "closing" if items else "body"
                para = self.maker.paragraph(spans, prefix, len(paragraphs) + 1, n, role)
                paragraphs.append(para)
                sents = list(para.sentences)
            sentences.extend(sents)
        part = art.part.mark.number.value if art.part else None
        return Article(prefix, art.mark.number.value, heading, part, art.line.start,
                       _art_end(art), tuple(paragraphs), tuple(items), tuple(sentences))


def _art_end(art: _Art) -> int:
    return max([art.line.end, *(line.end for line, _ in art.body)])


def _block(line: LogicalLine, mark: _Mark) -> Block:
    m = mark.match
    return Block(mark.level.kind, list(line.spans), line.start, label=m.group("label"),
                 label_span=(line.start, line.start + m.end("label")), number=mark.number)
