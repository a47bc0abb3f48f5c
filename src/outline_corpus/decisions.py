"""A reviewer's decisions on divergence records and beads, and the review file that
carries them from the HTML review page to the database (``outline-corpus review
import``) and back (``outline-corpus review export``).

A decision is keyed by what it is about, not by where that was in one build, so that
it survives a rebuild: a record by its id (``{doc}/{kind}/{anchor}``, made from the
ids of the sentences it concerns), a bead by its translation and the ids of the
sentences on both sides. Its ``digest`` fingerprints the texts it was made on; a
decision applies to a record or bead of a build only where the key and the digest
both match (a record whose quoted words changed is a new record to review)."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Literal

from outline_corpus.errors import ReviewFileError

#: What a reviewer can say of a record or a bead: the divergence is real, it is not a
#: divergence (the rendering is right), or it has been fixed in the translation.
STATUSES = ("confirmed", "not_a_divergence", "fixed")
#: The statuses as a reviewer reads them.
STATUS_LABELS = {"confirmed": "confirmed", "not_a_divergence": "not a divergence",
                 "fixed": "fixed"}
FILE_FORMAT = "outline-corpus-review"
FILE_VERSION = 1

Target = Literal["record", "bead"]


@dataclass(frozen=True)
class Decision:
    """A reviewer's ``status`` (one of :data:`STATUSES`, or ``""`` for a comment
    alone) and ``comment`` on a record or bead of translation ``doc``. ``key``: the
    record id, or :func:`bead_key` of the bead; ``updated``: when it was made, ISO 8601
    in UTC (the newer of two decisions on one key wins). ``record``/``bead``: the
    record or bead of the current build it applies to (``None``: it matches none)."""

    target: Target
    doc: str
    key: str
    digest: str
    status: str
    comment: str
    reviewer: str
    updated: str
    record: str | None = None
    bead: str | None = None

    @property
    def cleared(self) -> bool:
        """Whether the decision was taken back (no status and no comment)."""
        return not self.status and not self.comment

    @property
    def applies(self) -> bool:
        """Whether a record or bead of the current build is what it is about."""
        return self.record is not None or self.bead is not None

    def line(self) -> str:
        """``review: confirmed (reviewer, 2026-12-02): comment``, for notes and cells."""
        who = ", ".join(x for x in (self.reviewer, self.updated[:10]) if x)
        status = STATUS_LABELS.get(self.status, "comment")
        return f"review: {status}" + (f" ({who})" if who else "") + \
            (f": {self.comment}" if self.comment else "")

    def to_dict(self) -> dict[str, Any]:
        """The decision as an entry of the review file."""
        out: dict[str, Any] = {"target": self.target, "doc": self.doc}
        if self.target == "record":
            out["id"] = self.key
        else:
            _, source, target = json.loads(self.key)
            out["source_ids"], out["target_ids"] = source, target
        out.update(digest=self.digest, status=self.status, comment=self.comment,
                   reviewer=self.reviewer, updated=self.updated)
        return out


def bead_key(doc: str, source_ids: tuple[str, ...] | list[str],
             target_ids: tuple[str, ...] | list[str]) -> str:
    """The key of a bead's decisions: its translation and the sentence ids of both
    sides, as compact JSON."""
    return json.dumps([doc, list(source_ids), list(target_ids)], ensure_ascii=False,
                      separators=(",", ":"))


def digest(*texts: str) -> str:
    """A 16-hex-digit fingerprint of ``texts`` (SHA-256 of their JSON)."""
    data = json.dumps(list(texts), ensure_ascii=False).encode("utf-8")
    return hashlib.sha256(data).hexdigest()[:16]


def review_file(decisions: list[Decision], original: str = "") -> dict[str, Any]:
    """The review file holding ``decisions`` (of the original ``original``, if one)."""
    out: dict[str, Any] = {"format": FILE_FORMAT, "version": FILE_VERSION}
    if original:
        out["original"] = original
    out["decisions"] = [d.to_dict() for d in decisions]
    return out


def read_review_file(path: str | Path) -> list[Decision]:
    """The decisions in the review file at ``path``; raises :class:`ReviewFileError`
    naming the file and the first entry that is not a decision."""
    p = Path(path)
    try:
        data = json.loads(p.read_bytes().decode("utf-8"))
    except OSError as exc:
        raise ReviewFileError(str(p), f"cannot read it ({exc.strerror or exc})") from None
    except (UnicodeDecodeError, ValueError) as exc:
        raise ReviewFileError(str(p), f"not JSON ({exc}); give the file the review page's "
                                      "'Export decisions' button saved") from None
    if not isinstance(data, dict) or data.get("format") != FILE_FORMAT:
        raise ReviewFileError(str(p), f"not a review file (no \"format\": \"{FILE_FORMAT}\"); "
                                      "give the file the review page's 'Export decisions' "
                                      "button saved")
    if data.get("version") != FILE_VERSION:
        raise ReviewFileError(str(p), f"review file version {data.get('version')!r}; this "
                                      f"outline-corpus reads version {FILE_VERSION}")
    entries = data.get("decisions")
    if not isinstance(entries, list):
        raise ReviewFileError(str(p), "\"decisions\" is not a list")
    out = []
    for n, entry in enumerate(entries, 1):
        try:
            out.append(_decision(entry))
        except (KeyError, TypeError, ValueError) as exc:
            raise ReviewFileError(str(p), f"decision {n} is not valid ({exc})") from None
    return out


def _text(entry: dict[str, Any], key: str, required: bool = True) -> str:
    value = entry.get(key, None if required else "")
    if not isinstance(value, str):
        raise ValueError(f"{key!r} must be a string")
    return value


def _ids(entry: dict[str, Any], key: str) -> list[str]:
    value = entry.get(key)
    if not isinstance(value, list) or not all(isinstance(x, str) for x in value):
        raise ValueError(f"{key!r} must be a list of sentence ids")
    return value


def _decision(entry: Any) -> Decision:
    """One entry of a review file, checked."""
    if not isinstance(entry, dict):
        raise TypeError("not an object")
    target = entry.get("target")
    doc = _text(entry, "doc")
    if target == "record":
        key = _text(entry, "id")
    elif target == "bead":
        source, dest = _ids(entry, "source_ids"), _ids(entry, "target_ids")
        if not source and not dest:
            raise ValueError("a bead has sentences on one side at least")
        key = bead_key(doc, source, dest)
    else:
        raise ValueError(f"target {target!r} is neither 'record' nor 'bead'")
    status = _text(entry, "status", required=False)
    if status and status not in STATUSES:
        raise ValueError(f"status {status!r} is none of {', '.join(STATUSES)}")
    return Decision(target, doc, key, _text(entry, "digest"), status,
                    _text(entry, "comment", required=False).strip(),
                    _text(entry, "reviewer", required=False).strip(),
                    _when(_text(entry, "updated")))


def _when(text: str) -> str:
    """``text`` (ISO 8601) in UTC as ``YYYY-MM-DDTHH:MM:SS.mmmZ``, the form the page
    writes, so that two stamps compare as strings."""
    try:
        stamp = datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        raise ValueError(f"'updated' {text!r} is not an ISO 8601 time") from None
    if stamp.tzinfo is None:
        stamp = stamp.replace(tzinfo=UTC)
    return stamp.astimezone(UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")


def newer(a: Decision, b: Decision) -> Decision:
    """The decision made later (``a`` on a tie)."""
    return b if b.updated > a.updated else a


def unmatched(d: Decision) -> Decision:
    """``d`` applying to nothing (before it is matched against a build)."""
    return replace(d, record=None, bead=None)
