"""Divergence records and the thresholds that produce them."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from outline_corpus.errors import ParameterError

KINDS = ("missing_article", "missing_heading", "missing_list_item", "extra_unit",
         "numbering_anomaly", "fused_heading", "front_matter", "omission", "addition",
         "number_mismatch", "list_difference", "low_similarity", "source_suspect",
         "source_noise")
SEVERITIES = ("high", "medium", "low")


@dataclass(frozen=True)
class DivergenceParams:
    """Thresholds (documented defaults; cosines are of the default model).

    ``min_clause_chars``: shortest omitted Chinese clause run reported (characters);
    ``min_added_chars``: shortest added English clause run reported (characters);
    ``added_clause_max_cos``: an English clause counts as added only if no window of
    1-3 Chinese clauses of its bead is at least this similar; ``low_similarity``: an
    aligned bead below this cosine is a possible meaning shift; ``suspect_z``: how many
    standard deviations of its usual log length ratio every translation must be off
    at a Chinese sentence of at least ``suspect_min_chars`` characters, with renderings
    agreeing at cosine ``suspect_agreement`` or more, for a ``source_suspect``;
    ``clause_merge_penalty``: the merge penalty of the clause-level alignment."""

    min_clause_chars: int = 6
    min_added_chars: int = 30
    added_clause_max_cos: float = 0.4
    low_similarity: float = 0.4
    suspect_agreement: float = 0.8
    suspect_z: float = 2.5
    suspect_min_chars: int = 20
    clause_merge_penalty: float = 0.3

    def __post_init__(self) -> None:
        for name in ("added_clause_max_cos", "low_similarity", "suspect_agreement"):
            if not -1.0 <= getattr(self, name) <= 1.0:
                raise ParameterError(f"{name.replace('_', ' ')} {getattr(self, name)} must be "
                                     "a cosine in [-1, 1]")
        if self.suspect_z <= 0 or self.min_clause_chars < 1:
            raise ParameterError("suspect z must be positive and min clause chars at least 1")

    def signature(self) -> dict[str, Any]:
        return dict(self.__dict__)


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
