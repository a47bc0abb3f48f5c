"""Reading and writing bead files (``[i,j]:[k]`` a line, 0-based, ``[]`` for an empty
side) and scoring a test alignment against a gold one.

Over beads whose two sides are both non-empty: *strict* precision and recall count a
bead as correct only if the identical bead is in the other alignment; *lax* counts a
bead as correct if it links at least one source sentence to a target sentence that the
other alignment also links (as in the Vecalign and Bertalign evaluations)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

from outline_corpus.errors import AlignmentFormatError, InputFileError

Pair = tuple[tuple[int, ...], tuple[int, ...]]
_LINE = re.compile(r"^\s*\[([\d,\s]*)\]\s*:\s*\[([\d,\s]*)\]\s*(?:[:\t ].*)?$")


def _ids(text: str, where: str) -> tuple[int, ...]:
    parts = [p.strip() for p in text.split(",") if p.strip()]
    if any(not p.isdigit() for p in parts):
        raise AlignmentFormatError(f"{where}: bad sentence ids {text!r}")
    return tuple(int(p) for p in parts)


def read_beads(path: str | Path) -> list[Pair]:
    """Beads of a file of ``[i,j]:[k]`` lines (anything after the bead is ignored)."""
    try:
        lines = Path(path).read_bytes().decode("utf-8").split("\n")  # as wc -l counts
    except FileNotFoundError:
        raise InputFileError(str(path), "file not found") from None
    except UnicodeDecodeError:
        raise InputFileError(str(path), "not UTF-8 text") from None
    except OSError as exc:
        raise InputFileError(str(path), f"cannot be read ({exc.strerror})") from None
    beads = []
    for n, line in enumerate(lines, 1):
        if not line.strip():
            continue
        m = _LINE.match(line)
        if not m:
            raise AlignmentFormatError(f"{path}:{n}: not a bead line ([i,j]:[k]): "
                                       f"{line[:60]!r}")
        beads.append((_ids(m.group(1), f"{path}:{n}"), _ids(m.group(2), f"{path}:{n}")))
    return beads


def format_bead(src: tuple[int, ...], tgt: tuple[int, ...]) -> str:
    return f"[{','.join(map(str, src))}]:[{','.join(map(str, tgt))}]"


@dataclass(frozen=True)
class Scores:
    """Strict and lax precision, recall and F1 (each in [0, 1]) and bead counts."""

    strict_precision: float
    strict_recall: float
    strict_f1: float
    lax_precision: float
    lax_recall: float
    lax_f1: float
    test_beads: int
    gold_beads: int

    def as_dict(self) -> dict[str, float | int]:
        return {k: (round(v, 4) if isinstance(v, float) else v)
                for k, v in self.__dict__.items()}


def _f1(p: float, r: float) -> float:
    return 2 * p * r / (p + r) if p + r else 0.0


#: A sentence id: a line number, or (file index, line number) over several files.
Id = TypeVar("Id", int, tuple[int, int])


def _links(beads: list[tuple[tuple[Id, ...], tuple[Id, ...]]]) -> set[tuple[Id, Id]]:
    return {(s, t) for src, tgt in beads for s in src for t in tgt}


def score(gold: list[tuple[tuple[Id, ...], tuple[Id, ...]]],
          test: list[tuple[tuple[Id, ...], tuple[Id, ...]]]) -> Scores:
    """Strict and lax scores of ``test`` against ``gold`` (empty-sided beads ignored)."""
    gold = [b for b in gold if b[0] and b[1]]
    test = [b for b in test if b[0] and b[1]]
    gold_set, test_set = set(gold), set(test)
    hit = len(gold_set & test_set)
    sp = hit / len(test_set) if test_set else 0.0
    sr = hit / len(gold_set) if gold_set else 0.0
    gold_links, test_links = _links(gold), _links(test)
    lp_hits = sum(1 for s, t in test if any((x, y) in gold_links for x in s for y in t))
    lr_hits = sum(1 for s, t in gold if any((x, y) in test_links for x in s for y in t))
    lp = lp_hits / len(test) if test else 0.0
    lr = lr_hits / len(gold) if gold else 0.0
    return Scores(sp, sr, _f1(sp, sr), lp, lr, _f1(lp, lr), len(test), len(gold))


def merge_within(beads: list[Pair], source_groups: list[str], target_groups: list[str]
                 ) -> list[Pair]:
    """``beads`` with each run of consecutive beads that lie inside one group merged
    into one bead: ``source_groups[i]`` names the group (e.g. the verse) of source
    sentence ``i``, ``target_groups[k]`` that of target sentence ``k``. A bead lies
    inside a group when all its sentences belong to it; others are kept as they are.
    This is the verse-merged scoring of the Bertalign and Vecalign papers, for a gold
    whose beads are whole verses."""
    out: list[Pair] = []
    last: str | None = None
    for src, tgt in beads:
        groups = {source_groups[i] for i in src} | {target_groups[k] for k in tgt}
        group = next(iter(groups)) if len(groups) == 1 else None
        if group is not None and group == last:
            prev_src, prev_tgt = out[-1]
            out[-1] = (tuple(sorted({*prev_src, *src})), tuple(sorted({*prev_tgt, *tgt})))
        else:
            out.append((src, tgt))
        last = group
    return out


def _tagged(n: int, bead: Pair) -> tuple[tuple[tuple[int, int], ...],
                                          tuple[tuple[int, int], ...]]:
    return tuple((n, x) for x in bead[0]), tuple((n, x) for x in bead[1])


def evaluate_paths(gold: str | Path, test: str | Path) -> dict[str, Scores]:
    """Scores for two files, or for two directories matched by file name (plus the
    micro-average over all files under the key ``"all"``)."""
    g, t = Path(gold), Path(test)
    if g.is_dir() != t.is_dir():
        raise AlignmentFormatError(f"{gold} and {test}: give two files or two directories")
    if not g.is_dir():
        return {t.name: score(read_beads(g), read_beads(t))}
    names = sorted(p.name for p in g.iterdir() if p.is_file())
    common = [n for n in names if (t / n).is_file()]
    if not common:
        raise AlignmentFormatError(f"{gold} and {test}: no file names in common")
    out: dict[str, Scores] = {}
    all_gold: list[tuple[tuple[tuple[int, int], ...], tuple[tuple[int, int], ...]]] = []
    all_test: list[tuple[tuple[tuple[int, int], ...], tuple[tuple[int, int], ...]]] = []
    for n, name in enumerate(common):
        gb, tb = read_beads(g / name), read_beads(t / name)
        out[name] = score(gb, tb)
        all_gold += [_tagged(n, b) for b in gb]  # ids of each file kept apart, however many
        all_test += [_tagged(n, b) for b in tb]
    out["all"] = score(all_gold, all_test)
    return out
