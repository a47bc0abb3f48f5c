"""Building frozen units (sentences, paragraphs) from raw pieces."""

from __future__ import annotations

from outline_corpus.model import Paragraph, Sentence, Spans
from outline_corpus.segment import Pieces, split_sentences


class SentenceMaker:
    """Splits raw pieces into :class:`Sentence` units for one document."""

    def __init__(self, raw: str, language: str, joiner: str, semicolon: bool = False) -> None:
        self.raw = raw
        self.language = language
        self.joiner = joiner
        self.semicolon = semicolon

    def pieces(self, spans: list[tuple[int, int]] | Spans) -> Pieces:
        return Pieces(self.raw, tuple(spans), self.joiner)

    def sentences(self, spans: list[tuple[int, int]] | Spans, prefix: str, first: int,
                  role: str = "body", item: int | None = None,
                  paragraph: int | None = None) -> list[Sentence]:
        """Sentences of the text that ``spans`` denote, ids ``{prefix}/s-{n}`` from
        ``first``."""
        pieces = self.pieces(spans)
        out: list[Sentence] = []
        for start, end in split_sentences(pieces.text, self.language, self.semicolon):
            text, sub = pieces.sub(start, end)
            if text:
                idx = first + len(out)
                out.append(Sentence(f"{prefix}/s-{idx}", idx, text, sub, role, item, paragraph,
                                    prefix))
        return out

    def paragraph(self, spans: list[tuple[int, int]] | Spans, prefix: str, index: int,
                  first_sentence: int, role: str = "body") -> Paragraph:
        """A paragraph ``{prefix}/p-{index}``; its sentences are numbered in ``prefix``."""
        pieces = self.pieces(spans)
        text, sub = pieces.sub(0, len(pieces.text))
        sents = self.sentences(sub, prefix, first_sentence, paragraph=index)
        return Paragraph(f"{prefix}/p-{index}", index, text, sub, tuple(sents), role)
