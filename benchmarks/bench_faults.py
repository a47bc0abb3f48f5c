"""Fault benchmark: the command line against a few hundred bad inputs and faults, each
run in a subprocess (HOME and the embedding cache in a temporary directory, a timeout
per case), counting the cases that behave well: "cases tried, cases that give a clear
error or a correct result". Usage::

    python benchmarks/bench_faults.py [--family NAME]... [--quick] [--json] [--list]
        [--timeout S] [--base DIR] [--keep] [--exe PATH]

Families: ``raw`` (raw input files: encodings, binary, control and invisible
characters, line ends, huge lines, directories, symbolic links; ``align-files`` inputs),
``manifest`` (missing, not TOML, wrong types, bad ids, languages, roles, structures,
paths out of the raw directory, Unicode oddities), ``options`` (NaN, infinite,
negative, huge and non-numeric values of every numeric knob; ``--limit``,
``--article``, unknown labels, formats, kinds, documents, models), ``queries``
(``search``, ``similar`` and ``show`` against a built database), ``outputs`` (``--out``
that is a file, a link, a device; a held lock, leftovers of a killed run, a file-size
limit standing for a full disk, two runs at once, SIGKILL/SIGTERM/SIGINT mid-build) and
``damaged`` (a truncated, overwritten or altered database; a damaged embedding cache;
``--db`` paths with ``%41``, ``?mode=rwc``, ``#``).

The base corpus (``--base``, default the Data Security Law pair of
``../shared/devcorpus``) is copied and built once; every case works on copies.

A case is *good* when the run exits 0 with a correct result (checked where the case has
an expected result that is cheap to check: counts like the base corpus, outputs
byte-identical to a reference, hits within ``--limit``…), or exits 1 with exactly one
``error: …`` line on stderr (``warning:`` lines aside) that names the file or option
concerned. Anything else is *bad*: a traceback, an internal error (exit 70), a usage
error (exit 2, a multi-line box), exit 0 where an error was due, an error where the
README promises a result (a GBK or CRLF file, a hyphenated search word, an existing
database whose name holds ``%41``), a hang past the timeout, a multi-line error, a raw
SQL message, or outputs changed by a run that failed (or, after a kill, neither the old
nor the new set). Cases that cannot be tried here are *skipped* with the reason (a NUL
byte cannot be passed in argv; ``chmod`` does not stop root from writing).

A measurement, not a test: it exits 0 whatever the figures, 1 only if the base corpus
cannot be built.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "benchmarks"))

from faults.core import FAMILIES  # noqa: E402
from faults.runner import QUICK, all_cases, run_all  # noqa: E402

DEVCORPUS = ROOT.parent / "shared" / "devcorpus"
BASE = DEVCORPUS / "data-security-law-2021" / "raw"


def parse_args() -> argparse.Namespace:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--family", action="append", choices=FAMILIES, metavar="NAME",
                    help=f"run this family only (repeatable): {', '.join(FAMILIES)}")
    ap.add_argument("--quick", action="store_true",
                    help=f"a sample of about {QUICK} cases per family")
    ap.add_argument("--match", metavar="TEXT", help="only cases whose name contains TEXT")
    ap.add_argument("--json", action="store_true", help="print the results as JSON")
    ap.add_argument("--list", action="store_true", help="list the cases and exit")
    ap.add_argument("--timeout", type=float, default=120.0, metavar="S",
                    help="seconds a case may run (default 120)")
    ap.add_argument("--base", type=Path, default=BASE, metavar="DIR",
                    help="raw directory of the base corpus (default: the Data Security Law "
                         "pair of ../shared/devcorpus)")
    ap.add_argument("--exe", metavar="PATH", help="the outline-corpus executable "
                    "(default: beside this Python, else .venv/bin)")
    ap.add_argument("--live", action="store_true",
                    help="run the executable on the sources as they are during the run "
                         "(default: on a copy of src/ taken at the start, so that edits "
                         "made meanwhile do not change the toolkit half-way)")
    ap.add_argument("--keep", action="store_true",
                    help="keep the temporary directory and every case's files")
    return ap.parse_args()


def main() -> None:
    args = parse_args()
    families = args.family or list(FAMILIES)
    cases = all_cases(families, args.quick)
    if args.match:
        cases = [c for c in cases if args.match in c.name]
    if args.list:
        for c in cases:
            print(f"{c.family:<9} {c.name}")
        print(f"{len(cases)} cases", file=sys.stderr)
        return
    run_all(cases, args)


if __name__ == "__main__":
    main()
