"""Family ``damaged``: a truncated, overwritten or altered database; a damaged embedding
cache; ``--db`` paths with ``%41``, ``?mode=rwc``, ``#``."""

from __future__ import annotations

import json
import math
import shutil
import sqlite3
from collections.abc import Callable
from pathlib import Path

from .bytefaults import random_bytes
from .checks import export_digest, nothing_written, same_outputs, same_stdout, unchanged
from .context import Ctx
from .core import EITHER, ERROR, RESULT, Arg, Case, Plan, Run
from .outputs import base_outputs, build_args
from .snapshots import snapshot
from .sqlitefaults import execute, overwrite, truncate, vector_blob

DbDamage = Callable[[Path, Ctx], None]


def sql(*statements: str) -> DbDamage:
    return lambda path, ctx: execute(path, *statements)


def truncated(fraction: float = 0.0, size: int | None = None, less: int = 0) -> DbDamage:
    def damage(path: Path, ctx: Ctx) -> None:
        full = path.stat().st_size
        truncate(path, size if size is not None else int(full * fraction) - less
                    if fraction else full - less)
    return damage


def replaced(data: bytes | Callable[[Ctx], bytes]) -> DbDamage:
    def damage(path: Path, ctx: Ctx) -> None:
        path.write_bytes(data(ctx) if callable(data) else data)
    return damage


def overwritten(fraction: float, data: bytes, aligned: bool = True) -> DbDamage:
    def damage(path: Path, ctx: Ctx) -> None:
        offset = int(path.stat().st_size * fraction)
        overwrite(path, offset - offset % 4096 if aligned else offset, data)
    return damage


def nan_vectors(path: Path, ctx: Ctx) -> None:
    db = sqlite3.connect(path)
    (size,) = db.execute("SELECT length(vec) FROM embeddings LIMIT 1").fetchone()
    db.close()
    blob = vector_blob([math.nan] * (size // 4)).hex()
    execute(path, f"UPDATE embeddings SET vec = x'{blob}'")


def empty_sqlite(path: Path, ctx: Ctx) -> None:
    path.unlink()
    execute(path, "CREATE TABLE t (a)", "DROP TABLE t")


def foreign_sqlite(path: Path, ctx: Ctx) -> None:
    shutil.copyfile(ctx.small_cache, path)


def beside(suffix: str, data: bytes) -> DbDamage:
    def damage(path: Path, ctx: Ctx) -> None:
        path.with_name(path.name + suffix).write_bytes(data)
    return damage


DB_DAMAGES: dict[str, tuple[DbDamage, str]] = {
    "truncated to 0 bytes": (truncated(size=0), EITHER),
    "truncated to 100 bytes": (truncated(size=100), EITHER),
    "truncated to its first page": (truncated(size=4096), EITHER),
    "truncated to half": (truncated(0.5), EITHER),
    "truncated by 1 byte": (truncated(1.0, less=1), EITHER),
    "garbage of the same size": (replaced(lambda ctx: random_bytes(
        11, ctx.db.stat().st_size)), EITHER),
    "a text file": (replaced(b"hello, I am not a database\n"), EITHER),
    "a PNG": (replaced(b"\x89PNG\r\n\x1a\n" + random_bytes(12, 2000)), EITHER),
    "an empty SQLite database": (empty_sqlite, EITHER),
    "the embedding cache (foreign SQLite)": (foreign_sqlite, EITHER),
    "magic header overwritten": (overwritten(0.0, b"SQLite format 4\x00"), EITHER),
    "page-size field garbage": (lambda p, c: overwrite(p, 16, b"\x00\x03"), EITHER),
    "4 KB of 0xFF at 25%": (overwritten(0.25, b"\xff" * 4096), EITHER),
    "4 KB of 0xFF at 50%": (overwritten(0.5, b"\xff" * 4096), EITHER),
    "4 KB of 0xFF at 75%": (overwritten(0.75, b"\xff" * 4096), EITHER),
    "16 random bytes at 50%": (overwritten(0.5, random_bytes(13, 16), False), EITHER),
    "garbage -wal file beside": (beside("-wal", random_bytes(15, 5000)), EITHER),
    "garbage -journal file beside": (beside("-journal", random_bytes(16, 5000)), EITHER),
    "schema version 'seven'": (sql("UPDATE meta SET value = 'seven' WHERE key = "
                                   "'schema_version'"), ERROR),
    "schema version '99'": (sql("UPDATE meta SET value = '99' WHERE key = 'schema_version'"),
                            ERROR),
    "schema version ''": (sql("UPDATE meta SET value = '' WHERE key = 'schema_version'"),
                          ERROR),
    "schema version '7.5'": (sql("UPDATE meta SET value = '7.5' WHERE key = "
                                 "'schema_version'"), ERROR),
    "schema version ' 7'": (sql("UPDATE meta SET value = ' 7' WHERE key = "
                                "'schema_version'"), EITHER),
    "schema version row deleted": (sql("DELETE FROM meta WHERE key = 'schema_version'"),
                                   ERROR),
    "meta table emptied": (sql("DELETE FROM meta"), ERROR),
    "beads.source_ids not JSON": (sql("UPDATE beads SET source_ids = 'not json'"), EITHER),
    "beads.target_ids '['": (sql("UPDATE beads SET target_ids = '['"), EITHER),
    "beads.divergences '{'": (sql("UPDATE beads SET divergences = '{'"), EITHER),
    "beads.source_ids an object": (sql("UPDATE beads SET source_ids = '{\"a\": 1}'"), EITHER),
    "divergences.evidence not JSON": (sql("UPDATE divergences SET evidence = 'nope'"),
                                      EITHER),
    "divergences.beads not JSON": (sql("UPDATE divergences SET beads = 'x'"), EITHER),
    "meta.signature not JSON": (sql("UPDATE meta SET value = '{' WHERE key = 'signature'"),
                                EITHER),
    "word_gaps.glosses not JSON": (sql("UPDATE word_gaps SET glosses = 'x'"), EITHER),
    "sentences.article text": (sql("UPDATE sentences SET article = 'x'"), EITHER),
    "beads.score text": (sql("UPDATE beads SET score = 'high'"), EITHER),
    "units.number text": (sql("UPDATE units SET number = 'five'"), EITHER),
    "embeddings 1 byte each": (sql("UPDATE embeddings SET vec = x'00'"), EITHER),
    "embeddings NaN": (nan_vectors, EITHER),
    "meta model unknown": (sql("UPDATE meta SET value = 'nosuch' WHERE key = 'model'"),
                           EITHER),
    "sentences emptied": (sql("DELETE FROM sentences"), EITHER),
}
for _table in ("documents", "units", "sentences", "beads", "divergences", "meta",
               "embeddings", "fts_en", "sentences_fts", "links"):
    DB_DAMAGES[f"table {_table} dropped"] = (sql(f"DROP TABLE {_table}"), EITHER)
#: The commands every damaged database gets, and those a few more get.
DB_COMMANDS = {"stats": ["stats", "--json"], "search": ["search", "data", "--json"],
               "show": ["show", "5", "--json"]}
MORE_COMMANDS = {
    "export": ["truncated to half", "garbage of the same size", "4 KB of 0xFF at 50%",
               "table beads dropped", "table documents dropped", "schema version 'seven'",
               "beads.source_ids not JSON", "divergences.evidence not JSON",
               "meta.signature not JSON", "embeddings 1 byte each", "sentences.article text"],
    "similar": ["truncated to half", "table embeddings dropped", "embeddings 1 byte each",
                "embeddings NaN", "meta model unknown"],
    "links": ["table links dropped", "truncated to half", "schema version '99'"],
    "search-zh": ["table sentences_fts dropped", "4 KB of 0xFF at 75%"],
    "show-raw": ["table documents dropped"],
}
EXTRA_ARGS = {"similar": ["similar", "data security", "--json"],
              "links": ["links", "--json"], "search-zh": ["search", "数据", "--json"],
              "show-raw": ["show", "prc-data-security-law-2021", "art-5", "--json"]}


def refused(message: str) -> list[tuple[str, str]]:
    """A damage the database refuses to take (a value of the wrong type in a STRICT
    table) cannot reach the toolkit: good, as long as SQLite says why."""
    return [] if "cannot store" in message else [("database refused the damage oddly",
                                                  message)]


def db_plan(damage: DbDamage, expect: str, command: str) -> Callable[[Ctx, Path], Plan]:
    def prepare(ctx: Ctx, d: Path) -> Plan:
        db = ctx.db_copy(d)
        try:
            damage(db, ctx)
        except sqlite3.IntegrityError as exc:  # STRICT tables refuse a wrong type
            message = str(exc)
            return Plan([], RESULT, special=lambda: refused(message))
        if command == "export":
            ex = d / "ex"
            base = ["export", "--db", ctx.db, "--out", ctx.work / "refs" / "export", "--json"]
            return Plan(["export", "--db", db, "--out", ex, "--json"], expect, (db.name,),
                        same_stdout(ctx, base, export_digest), after=nothing_written(ex))
        args = DB_COMMANDS.get(command) or EXTRA_ARGS[command]
        base_args = [*args, "--db", ctx.db]
        return Plan([*args, "--db", db], expect, (db.name,),
                    same_stdout(ctx, base_args, json.loads))
    return prepare


def db_path_plan(name: str, copy: bool, command: str, trap: str | None = None
                 ) -> Callable[[Ctx, Path], Plan]:
    """``--db`` names that SQLite URIs would read otherwise: ``%41``, ``?mode=rwc``,
    ``#``. An existing database must be read as it is (its twin ``trap``, garbage, must
    not be); a missing one refused, and not created."""
    def prepare(ctx: Ctx, d: Path) -> Plan:
        path = d / name
        if copy:
            shutil.copyfile(ctx.db, path)
        if trap:
            (d / trap).write_bytes(b"not the database you asked for\n")
        args = DB_COMMANDS[command]
        if copy:
            return Plan([*args, "--db", name], RESULT, (name,),
                        same_stdout(ctx, [*args, "--db", ctx.db], json.loads))
        return Plan([*args, "--db", name], ERROR, (name,),
                    after=lambda run: f"{sorted(p.name for p in d.iterdir())} now in the "
                    "directory" if any(d.iterdir()) else None)
    return prepare


DB_PATHS: list[tuple[str, bool, str | None]] = [
    ("corpus%41.sqlite", True, None), ("corpus%41.sqlite", True, "corpusA.sqlite"),
    ("db?mode=rwc", True, "db"), ("a#b.sqlite", True, "a"), ("sp ace.sqlite", True, None),
    ("ü-漢字.sqlite", True, None), ("file:x.sqlite", True, "x.sqlite"),
    ("nosuch.sqlite?mode=rwc", False, None), ("missing#.sqlite", False, None),
    ("file:nosuch.sqlite", False, None), (":memory:", False, None),
    ("nosuch%41.sqlite", False, None),
]


#: Damage to an embedding cache file (None: the path itself is the fault).
CacheDamage = Callable[[Path, Ctx], None]


def small_cache_then(fn: Callable[[Path], None]) -> CacheDamage:
    def damage(path: Path, ctx: Ctx) -> None:
        shutil.copyfile(ctx.small_cache, path)
        fn(path)
    return damage


def cache_nan(path: Path) -> None:
    db = sqlite3.connect(path)
    (dim,) = db.execute("SELECT dim FROM vectors LIMIT 1").fetchone()
    db.close()
    execute(path, f"UPDATE vectors SET vec = x'{vector_blob([math.nan] * dim).hex()}'")


CACHE_DAMAGES: dict[str, tuple[CacheDamage, str]] = {
    "a directory": (lambda p, c: p.mkdir(), ERROR),
    "garbage": (lambda p, c: p.write_bytes(random_bytes(21, 8192)), ERROR),
    "a text file": (lambda p, c: p.write_text("my notes\n"), ERROR),
    "empty file": (lambda p, c: p.write_bytes(b""), EITHER),
    "truncated to half": (small_cache_then(lambda p: truncate(p, p.stat().st_size // 2)),
                          EITHER),
    "truncated to 100 bytes": (small_cache_then(lambda p: truncate(p, 100)), EITHER),
    "the corpus database (foreign SQLite)": (lambda p, c: shutil.copyfile(c.db, p), ERROR),
    "vectors table dropped": (small_cache_then(lambda p: execute(p, "DROP TABLE vectors")),
                              EITHER),
    "vectors of 3 bytes": (small_cache_then(lambda p: execute(
        p, "UPDATE vectors SET vec = x'000000'")), EITHER),
    "vectors NaN": (small_cache_then(cache_nan), EITHER),
    "vectors zero": (small_cache_then(lambda p: execute(
        p, "UPDATE vectors SET vec = zeroblob(length(vec))")), EITHER),
    "dim -1": (small_cache_then(lambda p: execute(p, "UPDATE vectors SET dim = -1")),
               EITHER),
    "vectors table of another shape": (lambda p, c: execute(
        p, "CREATE TABLE vectors (x INTEGER)"), EITHER),
    "4 KB of 0xFF inside": (small_cache_then(lambda p: overwrite(
        p, 4096, b"\xff" * 4096)), EITHER),
    "a link to a directory": (lambda p, c: _link_to_new_dir(p), ERROR),
    "a dangling link": (lambda p, c: p.symlink_to(p.parent / "nowhere.sqlite"), EITHER),
}


def _link_to_new_dir(path: Path) -> None:
    (path.parent / "a-dir").mkdir()
    path.symlink_to(path.parent / "a-dir")


CACHE_PATHS: dict[str, tuple[str, str]] = {
    "/dev/null": ("/dev/null", ERROR), "missing directories": ("no/such/dir/c.sqlite", EITHER),
    "under a regular file": ("afile/c.sqlite", ERROR), "empty path": ("", EITHER),
}


#: The cache damages a whole build is tried on.
CACHE_BUILDS = ("a directory", "garbage", "the corpus database (foreign SQLite)",
                "vectors NaN", "truncated to half")


def cache_plan(label: str, command: str, damage: CacheDamage | None, path: str | None,
               expect: str, env: bool = False) -> Callable[[Ctx, Path], Plan]:
    """A damaged cache given to ``align-files``, ``align`` or ``build`` (``env``: through
    ``$OUTLINE_CORPUS_CACHE``): a one-line error naming it, or outputs identical to those
    of a sound cache."""
    def prepare(ctx: Ctx, d: Path) -> Plan:
        (d / "afile").write_text("x\n")
        cache: Path | str = d / "c.sqlite"
        if damage is not None:
            damage(Path(cache), ctx)
        elif path is not None:
            cache = path if path.startswith("/") or not path else d / path
        opts: list[Arg] = [] if env else ["--cache", cache]
        envs: dict[str, str | None] = {"OUTLINE_CORPUS_CACHE": str(cache)} if env else {}
        after = unchanged(Path(cache)) if expect == ERROR and damage is not None else None
        mentions = (Path(cache).name or "cache", "cache")
        if command == "align-files":
            return Plan(["align-files", ctx.zh_lines, ctx.en_lines, "--scores", *opts], expect,
                        mentions, lambda run: None if run.stdout == ctx.pair_beads else
                        "beads unlike those made with a sound cache", after, env=envs)
        out = d / "out"
        if command == "align":
            want = {k: v for k, v in ctx.base_snap.items() if k.endswith(".json")
                    and ("alignment" in k or "parallel" in k)}

            def check(run: Run) -> str | None:
                got = {k: v for k, v in snapshot(out).items() if k in want}
                return None if got == want else "alignments unlike those of a sound cache"
            return Plan(["align", "--raw", ctx.base_raw, "--out", out, *opts], expect,
                        mentions, check, after, env=envs)
        return Plan(build_args(ctx, out, *opts), expect, mentions,
                    same_outputs(base_outputs(ctx), out), after, env=envs)
    return prepare


def damaged_cases() -> list[Case]:
    cases: list[Case] = []
    for name, (damage, expect) in DB_DAMAGES.items():
        for command in DB_COMMANDS:
            cases.append(Case("damaged", f"db {name}: {command}",
                              db_plan(damage, expect, command)))
    for command, names in MORE_COMMANDS.items():
        for name in names:
            damage, expect = DB_DAMAGES[name]
            cases.append(Case("damaged", f"db {name}: {command}",
                              db_plan(damage, expect, command)))
    for name, copy, trap in DB_PATHS:
        for command in ("stats", "search", "show"):
            label = f"--db {name!r}{' (exists)' if copy else ''}"
            label += f" beside {trap!r}" if trap else ""
            cases.append(Case("damaged", f"{label}: {command}",
                              db_path_plan(name, copy, command, trap)))
    for name, (damage, expect) in CACHE_DAMAGES.items():
        for command in ("align-files", "align") + (("build",) if name in CACHE_BUILDS else ()):
            cases.append(Case("damaged", f"cache {name}: {command}",
                              cache_plan(name, command, damage, None, expect)))
    for name, (path, expect) in CACHE_PATHS.items():
        for command in ("align-files", "align"):
            cases.append(Case("damaged", f"cache {name}: {command}",
                              cache_plan(name, command, None, path, expect)))
    for name, (damage, expect) in (("a directory", CACHE_DAMAGES["a directory"]),
                                   ("garbage", CACHE_DAMAGES["garbage"])):
        cases.append(Case("damaged", f"$OUTLINE_CORPUS_CACHE {name}: build",
                          cache_plan(name, "build", damage, None, expect, env=True)))
    cases.append(Case("damaged", "$OUTLINE_CORPUS_CACHE empty, XDG in the temporary home",
                      lambda ctx, d: Plan(build_args(ctx, d / "out"), RESULT, ("cache",),
                                          same_outputs(base_outputs(ctx), d / "out"),
                                          env={"OUTLINE_CORPUS_CACHE": ""})))
    cases.append(Case("damaged", "$XDG_CACHE_HOME a regular file",
                      lambda ctx, d: _xdg_file(ctx, d)))
    return cases


def _xdg_file(ctx: Ctx, d: Path) -> Plan:
    (d / "xdg").write_text("not a directory\n")
    return Plan(["align-files", ctx.zh_lines, ctx.en_lines, "--scores"], EITHER,
                ("xdg", "cache"), lambda run: None if run.stdout == ctx.pair_beads else
                "beads unlike those made with a sound cache",
                env={"OUTLINE_CORPUS_CACHE": None, "XDG_CACHE_HOME": str(d / "xdg")})
