"""The fault benchmark's cases and machinery (entry point: ``benchmarks/bench_faults.py``):
``core`` (runs, plans, cases, verdicts, judging), ``context`` (the temporary world and
running the command line), ``checks`` (checks of a result), one module per family
(``raw``, ``manifest``, ``options``, ``queries``, ``outputs``, ``damaged``), the data-free
helpers (``bytefaults``, ``tomltext``, ``sqlitefaults``, ``snapshots``) and ``runner``."""
