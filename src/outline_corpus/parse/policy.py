"""Parser for policy documents: front matter, preamble, parts, numbered articles, list
items, paragraphs and sentences, in Chinese or English, with every repair recorded."""

from __future__ import annotations

from dataclasses import dataclass, field

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
)
from outline_corpus.parse.blocks import Block, BlockReader, Issue, scan_lines
from outline_corpus.parse.front import split_prelude
from outline_corpus.parse.grammar import grammar_for
from outline_corpus.parse.locate import with_diagnostics
from outline_corpus.parse.noise import noise_issues
from outline_corpus.parse.numbering import numbering_issues
from outline_corpus.parse.progress import LINES, STRUCTURE, Tracker
from outline_corpus.parse.units import SentenceMaker, UniqueIds


@dataclass
class _Article:
    head: Block
    part: int | None
    body: list[Block] = field(default_factory=list)
    #: Whether ``body`` holds a list item.
    has_items: bool = False


@dataclass
class _Part:
    head: Block
    body: list[Block] = field(default_factory=list)
    articles: list[_Article] = field(default_factory=list)


def parse_policy(meta: DocumentMeta, raw: str, path: str, semicolon: bool = False, *,
                 tracker: Tracker | None = None) -> Document:
    """Parse a policy document (see module doc), its progress told to ``tracker``.
    Raises :class:`StructureError` when it has neither part headings nor numbered
    articles."""
    return _PolicyParser(meta, raw, semicolon, tracker).parse(path)


class _PolicyParser:
    def __init__(self, meta: DocumentMeta, raw: str, semicolon: bool,
                 tracker: Tracker | None = None) -> None:
        self.meta = meta
        self.raw = raw
        self.g = grammar_for(meta.language)
        self.tracker = tracker
        self.maker = SentenceMaker(raw, meta.language, self.g.joiner, semicolon, tracker)
        self.issues: list[Issue] = []
        self.unique = UniqueIds()

    def parse(self, path: str) -> Document:
        reader = BlockReader(self.raw, self.g)
        lines = scan_lines(self.raw)
        cut = reader.back_matter(lines)
        blocks = reader.read(lines[:cut])
        self.issues.extend(reader.issues)
        if self.tracker is not None:
            self.tracker.reach(LINES)
        first = next((i for i, b in enumerate(blocks) if b.kind in ("part", "article")), None)
        if first is None:
            raise StructureError(path, "no part headings or numbered articles found; "
                                       "not a policy document this parser recognises")
        front_specs, preamble_blocks, issues = split_prelude(blocks[:first], self.g, self.raw)
        self.issues.extend(issues)
        parts, loose = self._group(blocks[first:])
        articles = [*loose, *(a for p in parts for a in p.articles)]
        self.issues.extend(numbering_issues([p.head for p in parts], [a.head for a in articles]))
        if self.tracker is not None:
            self.tracker.reach(STRUCTURE)

        front = [self.maker.block(f"{self.meta.id}/front-{k}", k, spans, kind)
                 for k, (spans, kind) in enumerate(front_specs, 1)]
        back = [self.maker.block(f"{self.meta.id}/back-{k}", k, ((line.start, line.end),),
                            "back-matter") for k, line in enumerate(lines[cut:], 1)]
        preamble, _ = self.maker.paragraphs([b.spans for b in preamble_blocks],
                                       f"{self.meta.id}/preamble", 1)
        built_parts = [self._part(p) for p in parts]
        built_articles = sorted((self._article(a) for a in articles), key=lambda a: a.start)
        doc = Document(meta=self.meta, text=self.raw, front_matter=tuple(front),
                       preamble=tuple(preamble), parts=tuple(built_parts),
                       articles=tuple(built_articles), back_matter=tuple(back))
        return with_diagnostics(doc, [*self.issues, *noise_issues(doc, self.tracker)])

    # -- grouping -----------------------------------------------------------------------
    def _group(self, blocks: list[Block]) -> tuple[list[_Part], list[_Article]]:
        """Group body blocks under parts and articles; split run-on list items and read
        an unbulleted paragraph between two list items as an item."""
        parts: list[_Part] = []
        loose: list[_Article] = []
        article: _Article | None = None
        for k, block in enumerate(blocks):
            if block.kind == "part":
                parts.append(_Part(block))
                article = None
            elif block.kind == "article":
                number = parts[-1].head.number if parts else None
                article = _Article(block, number.value if number else None)
                (parts[-1].articles if parts else loose).append(article)
            elif article is None:
                parts[-1].body.append(block)
            else:
                nxt = blocks[k + 1] if k + 1 < len(blocks) else None
                if (block.kind == "para" and nxt is not None and nxt.kind == "item"
                        and article.has_items):
                    block.kind = "item"
                    self.issues.append(Issue(
                        "missing_bullet", block.start, min(block.end, block.start + 40),
                        "list item without its bullet read as an item", True))
                if block.kind == "item":
                    article.body.extend(self._split_run_on(block))
                    article.has_items = True
                else:
                    article.body.append(block)
        return parts, loose

    def _split_run_on(self, block: Block) -> list[Block]:
        """``block`` and the items run onto its line, split off it in turn; each search
        goes on in the block's text where the last item split off begins."""
        out = [block]
        pieces = self.maker.pieces(block.spans)
        start, end = 0, len(pieces.text)
        while True:
            m = self.g.run_on.search(pieces.text, start, end)
            if not m:
                return out
            marker = pieces.spans_of(m.start("marker"), m.end("marker"))[0]
            head = list(pieces.find_spans(start, m.start()))
            tail = list(pieces.find_spans(m.end(), end))
            self.issues.append(Issue("run_on_item", marker[0], min(tail[-1][1], marker[1] + 30),
                                     "list item run onto the previous item's line split off",
                                     True))
            out[-1].spans = head
            out.append(Block("item", tail, marker[0], marker=m.group("marker"),
                             label_span=marker))
            start, end = pieces.strip(m.end(), end)

    # -- building -----------------------------------------------------------------------
    def _heading(self, block: Block, spans: tuple[tuple[int, int], ...]) -> Heading:
        pieces = self.maker.pieces(spans)
        title = pieces.text.rstrip(self.g.sentence_end + " ")
        text, sub = pieces.sub(0, len(title))
        return Heading(block.label, block.label_span or (block.start, block.start), text, sub)

    def _part(self, part: _Part) -> Part:
        number = part.head.number.value if part.head.number else 0
        prefix = self.unique(f"{self.meta.id}/part-{number}")
        heading = self._heading(part.head, tuple(part.head.spans))
        title = Sentence(f"{prefix}/s-1", 1, heading.title, heading.spans, role="title",
                         unit=prefix)
        paras, _ = self.maker.paragraphs([b.spans for b in part.body], prefix, 2)
        last = [part.head, *part.body, *(b for a in part.articles for b in (a.head, *a.body))]
        return Part(prefix, number, heading, part.head.start, max(b.end for b in last),
                    tuple(paras), (title, *(s for p in paras for s in p.sentences)),
                    tuple(a.head.number.value for a in part.articles if a.head.number))

    def _article(self, art: _Article) -> Article:
        number = art.head.number.value if art.head.number else 0
        prefix = self.unique(f"{self.meta.id}/art-{number}")
        sentences: list[Sentence] = []
        paragraphs: list[Paragraph] = []
        items: list[ListItem] = []
        first = self.maker.paragraph(art.head.spans, prefix, 1, 1) if art.head.spans else None
        if first is not None and first.sentences:
            lead = first.sentences[0]
            first_sents = (Sentence(lead.id, 1, lead.text, lead.spans, "title", None, 1, prefix),
                           *first.sentences[1:])
            first = Paragraph(first.id, 1, first.text, first.spans, first_sents, "body")
            paragraphs.append(first)
            sentences.extend(first_sents)
            heading = self._heading(art.head, lead.spans)
        else:
            heading = Heading(art.head.label, art.head.label_span or (0, 0), "", ())
        has_items = any(b.kind == "item" for b in art.body)
        for block in art.body:
            n = len(sentences) + 1
            if block.kind == "item":
                k = len(items) + 1
                pieces = self.maker.pieces(block.spans)
                text, sub = pieces.sub(0, len(pieces.text))
                sents = self.maker.sentences(sub, prefix, n, role="item", item=k)
                items.append(ListItem(f"{prefix}/item-{k}", k, block.marker, text, sub,
                                      tuple(sents)))
            else:
                role = "closing" if items else ("lead" if has_items else "body")
                para = self.maker.paragraph(block.spans, prefix, len(paragraphs) + 1, n, role)
                paragraphs.append(para)
                sents = list(para.sentences)
            sentences.extend(sents)
        end = max(b.end for b in (art.head, *art.body))
        return Article(prefix, number, heading, art.part, art.head.start, end,
                       tuple(paragraphs), tuple(items), tuple(sentences))
