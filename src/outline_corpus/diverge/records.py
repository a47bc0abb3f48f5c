"""Divergence records and the thresholds that produce them."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from outline_corpus.config import DivergenceParams

__all__ = ["KINDS", "SEVERITIES", "Divergence", "DivergenceParams", "RecordMaker"]

KINDS = ("missing_article", "missing_heading", "missing_list_item", "extra_unit",
         "numbering_anomaly", "fused_heading", "front_matter", "omission", "addition",
         "number_mismatch", "list_difference", "low_similarity", "source_suspect",
         "source_noise")
SEVERITIES = ("high", "medium", "low")


@dataclass(frozen=True)
class Divergence:
    """One thing a reviewing translator must know, with its evidence.

    ``doc`` is the translation concerned (the original's id for ``source_noise`` and
    ``source_suspect``); ``zh_ids``/``en_ids`` are unit or sentence ids and
    ``zh_text``/``en_text`` the exact spans concerned; ``article`` is the article
    number or ``None``."""

    id: str
    doc: str
    kind: str
    severity: str
    article: int | None
    zh_ids: tuple[str, ...]
    en_ids: tuple[str, ...]
    zh_text: str
    en_text: str
    message: str
    evidence: dict[str, Any] = field(default_factory=dict)

    def as_dict(self) -> dict[str, Any]:
        return {"id": self.id, "doc": self.doc, "kind": self.kind, "severity": self.severity,
                "article": self.article, "zh_ids": list(self.zh_ids),
                "en_ids": list(self.en_ids), "zh_text": self.zh_text, "en_text": self.en_text,
                "evidence": self.evidence, "message": self.message}

    @property
    def quote(self) -> str:
        """The text the record is about, for a reader beside the message: the omitted
        Chinese of an omission, the added English of an addition, else ``""``."""
        return {"omission": self.zh_text, "addition": self.en_text}.get(self.kind, "")


class RecordMaker:
    """Builds records with stable ids: ``{doc}/{kind}/{anchor}``, ``#2``… on repeats."""

    def __init__(self) -> None:
        self.seen: dict[str, int] = {}

    def __call__(self, doc: str, kind: str, severity: str, article: int | None,
                 zh_ids: tuple[str, ...], en_ids: tuple[str, ...], zh_text: str,
                 en_text: str, message: str, **evidence: Any) -> Divergence:
        anchor = (zh_ids or en_ids or (doc,))[0]
        base = f"{doc}/{kind}/{anchor}"
        self.seen[base] = self.seen.get(base, 0) + 1
        rid = base if self.seen[base] == 1 else f"{base}#{self.seen[base]}"
        return Divergence(rid, doc, kind, severity, article, zh_ids, en_ids, zh_text,
                          en_text, message, evidence)
