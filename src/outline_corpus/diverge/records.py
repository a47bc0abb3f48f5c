"""Divergence records and the thresholds that produce them."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from outline_corpus.config import DivergenceParams
from outline_corpus.model import RECORD_KINDS, SEVERITIES

__all__ = ["KINDS", "SEVERITIES", "Divergence", "DivergenceParams", "RecordMaker", "WordGap"]

KINDS = RECORD_KINDS


@dataclass(frozen=True)
class Divergence:
    """One thing a reviewing translator must know, with its evidence.

    ``doc`` is the translation concerned (the original's id for ``source_noise`` and
    ``source_suspect``); ``original_ids``/``translation_ids`` are unit or sentence ids
    of either side and ``original_text``/``translation_text`` the exact spans
    concerned; ``article`` is the number of the article it is in (read from the unit
    tree) or ``None``; ``beads`` the ids of the beads it concerns (see
    :mod:`outline_corpus.diverge.place`)."""

    id: str
    doc: str
    kind: str
    severity: str
    article: int | None
    original_ids: tuple[str, ...]
    translation_ids: tuple[str, ...]
    original_text: str
    translation_text: str
    message: str
    evidence: dict[str, Any] = field(default_factory=dict)
    beads: tuple[str, ...] = ()

    def as_dict(self) -> dict[str, Any]:
        return {"id": self.id, "doc": self.doc, "kind": self.kind, "severity": self.severity,
                "article": self.article, "original_ids": list(self.original_ids),
                "translation_ids": list(self.translation_ids),
                "original_text": self.original_text, "translation_text": self.translation_text,
                "evidence": self.evidence, "message": self.message, "beads": list(self.beads)}

    @property
    def quote(self) -> str:
        """The text the record is about, for a reader beside the message: the omitted
        original of an omission, the added translation of an addition, else ``""``."""
        return {"omission": self.original_text,
                "addition": self.translation_text}.get(self.kind, "")


class RecordMaker:
    """Builds records with stable ids: ``{doc}/{kind}/{anchor}``, ``#2``… on repeats."""

    def __init__(self) -> None:
        self.seen: dict[str, int] = {}

    def __call__(self, doc: str, kind: str, severity: str, article: int | None,
                 original_ids: tuple[str, ...], translation_ids: tuple[str, ...],
                 original_text: str, translation_text: str, message: str,
                 **evidence: Any) -> Divergence:
        anchor = (original_ids or translation_ids or (doc,))[0]
        base = f"{doc}/{kind}/{anchor}"
        self.seen[base] = self.seen.get(base, 0) + 1
        rid = base if self.seen[base] == 1 else f"{base}#{self.seen[base]}"
        return Divergence(rid, doc, kind, severity, article, original_ids, translation_ids,
                          original_text, translation_text, message, evidence)


@dataclass(frozen=True)
class WordGap:
    """A word without counterpart in one bead of translation ``translation``.

    ``side``: ``original`` (a Chinese word the translation does not render; ``start``
    and ``end`` are offsets in the text of sentence ``sentence``) or ``translation``
    (English words with no source; offsets in the bead's translation text).
    ``unmatched`` (0-1) how unlike the word is to everything on the other side of its
    bead, ``confidence`` (0-1) that the gap is real once the other translations are
    heard, ``weight`` (0-1) its content weight, ``glosses`` the dictionary's glosses
    of a Chinese word, ``others`` what each other translation has there (``""``:
    nothing), ``shared`` whether every other translation has the same gap (renders
    the Chinese word neither, or says the English word too), which makes it a gap of
    the dictionary more likely than of the translation (never so for half of a
    paired phrase rendered by one English word: 对接融合 → "integration"), ``record``
    the id of
    the record made of it (``""``: none), ``nearest`` the English text the model
    finds closest to a Chinese word without rendering (``""`` for English gaps),
    ``repeats`` for a restated English clause (:mod:`.restated`) the Chinese words its
    words are sourced by, each rendered elsewhere in the bead, and for the second word
    of a word said twice (:mod:`.doubled`) the Chinese words the two render, and for a
    Chinese word said only by English words other Chinese words take the words that
    take them (``()`` for other gaps)."""

    translation: str
    bead: str
    side: str
    sentence: str
    start: int
    end: int
    text: str
    unmatched: float
    confidence: float
    weight: float
    glosses: tuple[str, ...]
    others: tuple[tuple[str, str], ...]
    shared: bool
    record: str = ""
    nearest: str = ""
    repeats: tuple[str, ...] = ()

    @property
    def score(self) -> float:
        return self.confidence * self.weight

    def as_dict(self) -> dict[str, Any]:
        return {"translation": self.translation, "bead": self.bead, "side": self.side,
                "sentence": self.sentence, "start": self.start, "end": self.end,
                "text": self.text, "unmatched": self.unmatched,
                "confidence": self.confidence, "weight": self.weight,
                "glosses": list(self.glosses), "others": dict(self.others),
                "shared": self.shared, "record": self.record, "nearest": self.nearest,
                "repeats": list(self.repeats)}
