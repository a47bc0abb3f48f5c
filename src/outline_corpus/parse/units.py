"""Building frozen units (sentences, paragraphs) from raw pieces."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from outline_corpus.model import FrontMatter, Paragraph, Sentence, Spans
from outline_corpus.parse.progress import Tracker
from outline_corpus.segment import Pieces, split_progress, split_sentences

#: A text at least this long reports its progress while it is split.
LONG_TEXT = 1_000_000


class UniqueIds:
    """Hands out ids: a base id the first time, ``{base}-dup{n}`` for its n-th repeat."""

    def __init__(self) -> None:
        self._seen: Counter[str] = Counter()

    def __call__(self, base: str) -> str:
        self._seen[base] += 1
        n = self._seen[base]
        return base if n == 1 else f"{base}-dup{n}"


class SentenceMaker:
    """Splits raw pieces into :class:`Sentence` units for one document, telling
    ``tracker`` how many characters it has split."""

    def __init__(self, raw: str, language: str, joiner: str, semicolon: bool = False,
                 tracker: Tracker | None = None) -> None:
        self.raw = raw
        self.language = language
        self.joiner = joiner
        self.semicolon = semicolon
        self.tracker = tracker

    def pieces(self, spans: list[tuple[int, int]] | Spans) -> Pieces:
        return Pieces(self.raw, tuple(spans), self.joiner)

    def sentences(self, spans: list[tuple[int, int]] | Spans, prefix: str, first: int,
                  role: str = "body", item: int | None = None,
                  paragraph: int | None = None) -> list[Sentence]:
        """Sentences of the text that ``spans`` denote, ids ``{prefix}/s-{n}`` from
        ``first``."""
        pieces = self.pieces(spans)
        out: list[Sentence] = []
        for start, end in self._split(pieces.text):
            text, sub = pieces.sub(start, end)
            if text:
                idx = first + len(out)
                out.append(Sentence(f"{prefix}/s-{idx}", idx, text, sub, role, item, paragraph,
                                    prefix))
        return out

    def _split(self, text: str) -> list[tuple[int, int]]:
        tracker = self.tracker
        if tracker is None or not tracker.active:
            return split_sentences(text, self.language, self.semicolon)
        if len(text) < LONG_TEXT:
            ranges = split_sentences(text, self.language, self.semicolon)
        else:
            with split_progress(tracker.splitting):
                ranges = split_sentences(text, self.language, self.semicolon)
        tracker.split(len(text))
        return ranges

    def paragraph(self, spans: list[tuple[int, int]] | Spans, prefix: str, index: int,
                  first_sentence: int, role: str = "body") -> Paragraph:
        """A paragraph ``{prefix}/p-{index}``; its sentences are numbered in ``prefix``."""
        pieces = self.pieces(spans)
        text, sub = pieces.sub(0, len(pieces.text))
        sents = self.sentences(sub, prefix, first_sentence, paragraph=index)
        return Paragraph(f"{prefix}/p-{index}", index, text, sub, tuple(sents), role)

    def paragraphs(self, spans_list: Sequence[Sequence[tuple[int, int]]], prefix: str,
                   first_sentence: int, first_index: int = 1) -> tuple[list[Paragraph], int]:
        """Paragraphs ``{prefix}/p-{k}`` from ``first_index`` whose sentences are numbered
        on from ``first_sentence``; also the next sentence number."""
        paras: list[Paragraph] = []
        n = first_sentence
        for k, spans in enumerate(spans_list, first_index):
            para = self.paragraph(tuple(spans), prefix, k, n)
            paras.append(para)
            n += len(para.sentences)
        return paras, n

    def block(self, prefix: str, index: int, spans: Spans, kind: str) -> FrontMatter:
        """A front- or back-matter block ``prefix`` of ``kind`` with its sentences."""
        pieces = self.pieces(spans)
        text, sub = pieces.sub(0, len(pieces.text))
        return FrontMatter(prefix, index, kind, text, sub, tuple(self.sentences(sub, prefix, 1)))
