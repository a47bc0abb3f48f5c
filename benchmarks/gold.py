"""Recall and precision of divergence records against the hand-checked list of real
divergences in the Outline (``benchmarks/diverge_gold_dev.toml``).

A record finds an item when it is about the same translation (``doc``) and Chinese
sentence, of a kind that reports that divergence (:data:`FINDS`), and quotes the same
words: its Chinese text and the item's contain one another, or its English text and
the item's do, or share a content word; a record of another sentence of the article
finds it only if its Chinese text holds the item's whole quote (a list record quoting
several sentences). A list given closed (``evidence.open_list``) quotes every member of
the list, so it finds only an item quoting the list's Chinese on its sentence. A
record of the original (``source_suspect``, ``source_noise``) finds a defect of its
sentence: they are made one per sentence.
Precision is over the records on the listed articles: a record is right if it finds
an item or is judged right in ``benchmarks/diverge_judgements.toml``."""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from outline_corpus.diverge.records import Divergence

GOLD = Path(__file__).resolve().parent / "diverge_gold_dev.toml"
JUDGEMENTS = Path(__file__).resolve().parent / "diverge_judgements.toml"
#: The record kinds that report each kind of listed divergence.
FINDS = {"omission": {"omission", "meaning_shift", "list_difference", "number_mismatch",
                      "missing_list_item"},
         "addition": {"addition", "meaning_shift"},
         "meaning_shift": {"meaning_shift", "omission", "addition", "number_mismatch",
                           "low_similarity"},
         "number_mismatch": {"number_mismatch", "omission", "meaning_shift"},
         "source_suspect": {"source_suspect", "source_noise"},
         "source_noise": {"source_suspect", "source_noise"}}
#: The measured groups: defects of the original are counted together.
GROUP = {"source_suspect": "source defect", "source_noise": "source defect"}
_COMMON = frozenset(("the", "and", "for", "with", "quality", "will", "such", "that", "this",
                     "are", "from"))


def load(path: Path = GOLD) -> list[dict[str, Any]]:
    items: list[dict[str, Any]] = tomllib.loads(path.read_text(encoding="utf-8"))["items"]
    return items


def load_judgements(path: Path = JUDGEMENTS) -> dict[str, dict[str, Any]]:
    """The hand judgements by record id: ``right`` and, where given, the ``zh`` and
    ``en`` quotes of the record judged."""
    raw = tomllib.loads(path.read_text(encoding="utf-8"))["judgements"]
    return {k: v if isinstance(v, dict) else {"right": v} for k, v in raw.items()}


def fitting(records: Iterable[Divergence], judgements: dict[str, dict[str, Any]]
            ) -> tuple[dict[str, bool], list[str], list[str]]:
    """The judgements that apply to ``records`` (id → right), the ids of records whose
    judgement was made of another record under the same id (it quotes other words), and
    the ids judged right that no record fits any more (gone, or quoting other words)."""
    judged: dict[str, bool] = {}
    stale: list[str] = []
    for r in records:
        j = judgements.get(r.id)
        if j is None:
            continue
        if j.get("zh", r.original_text) != r.original_text or j.get(
                "en", r.translation_text) != r.translation_text:
            stale.append(r.id)
        else:
            judged[r.id] = bool(j["right"])
    lost = sorted(i for i, j in judgements.items() if j["right"] and i not in judged)
    return judged, stale, lost


def _words(text: str) -> set[str]:
    return {w.lower() for w in re.findall(r"[A-Za-z]{3,}", text)} - _COMMON


def _contain(a: str, b: str) -> bool:
    return bool(a and b and (a in b or b in a))


def finds(r: Divergence, item: dict[str, Any]) -> bool:
    """Whether record ``r`` reports the listed divergence ``item``."""
    if (r.doc != item["doc"] or r.kind not in FINDS[item["kind"]]
            or (item["sentence"] not in r.original_ids and r.article != item["article"])):
        return False
    if item["kind"].startswith("source_"):
        return item["sentence"] in r.original_ids
    if r.evidence.get("open_list"):
        # a list given closed quotes every member: it finds only the closed list itself
        return item["sentence"] in r.original_ids and _contain(r.original_text, item["zh"])
    if item["sentence"] not in r.original_ids:
        # a record of another sentence finds the item only by quoting all of it (a list
        # record quoting several sentences), not by a word the item's quote holds too
        return bool(item["zh"]) and item["zh"] in r.original_text
    if _contain(r.original_text, item["zh"]):
        return True
    en, mine = item["en"].lower(), r.translation_text.lower()
    if r.kind == "addition" or r.evidence.get("level") == "word":
        return _contain(mine, en) or bool(_words(mine) & _words(en))
    return False


def measure(records: Iterable[Divergence], judged: dict[str, bool],
            items: list[dict[str, Any]] | None = None) -> dict[str, Any]:
    """Recall per kind (all items, and major ones), and precision on the listed
    articles."""
    items = load() if items is None else items
    articles = {i["article"] for i in items}
    mine = [r for r in records if r.article in articles and r.kind in {
        k for kinds in FINDS.values() for k in kinds}]
    recall: dict[str, dict[str, int]] = {}
    missed = []
    for item in items:
        group = GROUP.get(item["kind"], item["kind"])
        row = recall.setdefault(group, {"items": 0, "found": 0, "major": 0, "major_found": 0})
        hit = any(finds(r, item) for r in mine)
        row["items"] += 1
        row["found"] += hit
        row["major"] += item["weight"] == "major"
        row["major_found"] += hit and item["weight"] == "major"
        if not hit:
            missed.append(f"{item['article']} {item['doc']} {item['kind']}: {item['zh']}")
    right = [r for r in mine if any(finds(r, i) for i in items) or judged.get(r.id)]
    wrong = [r.id for r in mine if r not in right and r.id in judged]
    unjudged = [r.id for r in mine if r not in right and r.id not in judged]
    return {"items": len(items), "articles": sorted(articles), "recall": recall,
            "records": len(mine), "right": len(right), "wrong": wrong,
            "unjudged": unjudged, "missed": missed,
            "precision": round(len(right) / len(mine), 3) if mine else None}
