"""Family ``raw``: raw input files (encodings, binary, control and invisible characters,
line ends, huge lines, directories, symbolic links), parsed, shown and built; and the
sentence-per-line inputs of ``align-files``."""

from __future__ import annotations

import re
import shutil
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from .bytefaults import (
    ByteFault,
    encoded,
    huge_line,
    in_headings,
    in_long_lines,
    insert_at,
    line_ends,
    random_bytes,
    sprinkle,
)
from .checks import build_check, no_escapes, parse_check, show_check
from .context import Ctx
from .core import EITHER, ERROR, RESULT, Case, Check, Plan, Run

Apply = Callable[[Path, str, str], list[str]]


@dataclass(frozen=True)
class RawFault:
    """A fault made to one raw file: ``apply(raw dir, file name, side)`` makes it and
    returns extra options. ``same``: 0 nothing to compare, 1 the structure must be the
    base's, 2 the build's sentences and beads too. ``table``: also parse to the terminal
    (control characters must not reach it)."""

    name: str
    apply: Apply
    expect: str
    same: int = 0
    table: bool = False


def on_bytes(fn: ByteFault) -> Apply:
    def apply(raw: Path, file: str, side: str) -> list[str]:
        path = raw / file
        path.write_bytes(fn(path.read_bytes(), side))
        return []
    return apply


def const(data: bytes) -> Apply:
    return on_bytes(lambda _data, _side: data)


def replace_by_dir(raw: Path, file: str, side: str) -> list[str]:
    (raw / file).unlink()
    (raw / file).mkdir()
    return []


def remove(raw: Path, file: str, side: str) -> list[str]:
    (raw / file).unlink()
    return []


def link_inside(absolute: bool, chain: bool = False) -> Apply:
    def apply(raw: Path, file: str, side: str) -> list[str]:
        (raw / "real").mkdir(exist_ok=True)
        (raw / file).rename(raw / "real" / file)
        target = raw / "real" / file if absolute else Path("real") / file
        if chain:
            (raw / "via").symlink_to(target)
            target = Path("via")
        (raw / file).symlink_to(target)
        return []
    return apply


def link_outside(relative: bool, allow: bool) -> Apply:
    def apply(raw: Path, file: str, side: str) -> list[str]:
        outside = raw.parent / "outside"
        outside.mkdir(exist_ok=True)
        (raw / file).rename(outside / file)
        (raw / file).symlink_to(Path("..") / "outside" / file if relative else outside / file)
        return ["--outside-raw"] if allow else []
    return apply


def link_to(target: str, allow: bool = False, make_dir: bool = False) -> Apply:
    def apply(raw: Path, file: str, side: str) -> list[str]:
        (raw / file).unlink()
        if make_dir:
            (raw / target).mkdir()
        (raw / file).symlink_to(target)
        return ["--outside-raw"] if allow else []
    return apply


def _cut_last_char(data: bytes, side: str) -> bytes:
    end = data.rstrip()
    i = len(end) - 1
    while i > 0 and end[i] & 0xC0 == 0x80:
        i -= 1
    return end[: i + 1] if end[i] >= 0xC0 else end + b"\xe6\x95"


RAW_FAULTS = [
    RawFault("empty", const(b""), ERROR),
    RawFault("whitespace-only", const(b" \n\t\r\n   \n\n"), ERROR),
    RawFault("unicode-spaces-only", const("\u3000\u00a0\n\u2028\u3000\n".encode()), EITHER),
    RawFault("binary-png", const(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"
                                 + random_bytes(3, 600)), ERROR),
    RawFault("random-bytes", const(random_bytes(1, 4000)), ERROR),
    RawFault("random-high-bytes", const(random_bytes(2, 4000, 0x80, 0x100)), ERROR),
    RawFault("one-nul-byte", on_bytes(lambda d, s: insert_at(d, 0.5, b"\x00")), EITHER, 1),
    RawFault("utf8-bom", on_bytes(lambda d, s: b"\xef\xbb\xbf" + d), RESULT, 2),
    RawFault("utf16le-bom", on_bytes(encoded("utf-16-le", b"\xff\xfe")), RESULT, 2),
    RawFault("utf16be-bom", on_bytes(encoded("utf-16-be", b"\xfe\xff")), RESULT, 2),
    RawFault("utf16le-no-bom", on_bytes(encoded("utf-16-le")), EITHER, 1),
    RawFault("utf32-bom", on_bytes(encoded("utf-32")), EITHER, 1),
    RawFault("gb18030", on_bytes(encoded("gb18030")), EITHER, 1),
    RawFault("invalid-utf8-start", on_bytes(lambda d, s: insert_at(d, 0.02, b"\xff")),
             ERROR),
    RawFault("invalid-utf8-middle", on_bytes(lambda d, s: insert_at(d, 0.5, b"\xfe")),
             ERROR),
    RawFault("invalid-utf8-end", on_bytes(lambda d, s: insert_at(d, 0.98, b"\x80")),
             ERROR),
    RawFault("overlong-utf8", on_bytes(lambda d, s: insert_at(d, 0.5, b"\xc0\xaf")), ERROR),
    RawFault("utf8-surrogate", on_bytes(lambda d, s: insert_at(d, 0.5, b"\xed\xa0\x80")),
             ERROR),
    RawFault("cut-mid-character", on_bytes(_cut_last_char), EITHER),
    RawFault("directory", replace_by_dir, ERROR),
    RawFault("missing", remove, ERROR),
    RawFault("huge-line-1MB", on_bytes(lambda d, s: d + huge_line(s, 1 << 20, False)),
             EITHER, 1),
    RawFault("huge-line-1MB-sentences",
             on_bytes(lambda d, s: d + huge_line(s, 1 << 20, True)), EITHER, 1),
    RawFault("all-on-one-line", on_bytes(lambda d, s: d.replace(b"\n", b" ")), EITHER),
    RawFault("ansi-escapes", on_bytes(lambda d, s: in_long_lines(d, "\x1b[31;1m")),
             EITHER, 1, table=True),
    RawFault("bell", on_bytes(lambda d, s: in_long_lines(d, "\x07")), EITHER, 1, table=True),
    RawFault("c1-csi", on_bytes(lambda d, s: in_long_lines(d, "\x9b2J")), EITHER, 1,
             table=True),
    RawFault("nel-u0085", on_bytes(lambda d, s: in_long_lines(d, "\x85")), EITHER, 1),
    RawFault("vt-and-fs", on_bytes(lambda d, s: in_long_lines(d, "\x0b\x1c")), EITHER, 1),
    RawFault("form-feed", on_bytes(lambda d, s: in_long_lines(d, "\x0c")), EITHER, 1),
    RawFault("controls-5pct", on_bytes(lambda d, s: sprinkle(d, b"\x01", 20)), ERROR),
    RawFault("rtl-override", on_bytes(lambda d, s: in_long_lines(d, "\u202e")), EITHER, 1,
             table=True),
    RawFault("zwsp-one-heading", on_bytes(in_headings("\u200b", only=5)), EITHER, 1),
    RawFault("zwsp-all-headings", on_bytes(in_headings("\u200b")), EITHER, 1),
    RawFault("word-joiner-headings", on_bytes(in_headings("\u2060")), EITHER, 1),
    RawFault("bom-inside-headings", on_bytes(in_headings("\ufeff")), EITHER, 1),
    RawFault("soft-hyphen-headings", on_bytes(in_headings("\u00ad")), EITHER, 1),
    RawFault("u2028-inside-lines", on_bytes(lambda d, s: in_long_lines(d, "\u2028")),
             EITHER, 1),
    RawFault("u2029-inside-lines", on_bytes(lambda d, s: in_long_lines(d, "\u2029")),
             EITHER, 1),
    RawFault("crlf", on_bytes(line_ends("\r\n")), RESULT, 2),
    RawFault("crlf-mixed", on_bytes(line_ends("\r\n", every=2)), RESULT, 2),
    RawFault("bom-and-crlf", on_bytes(lambda d, s: b"\xef\xbb\xbf" + d.replace(b"\n", b"\r\n")),
             RESULT, 2),
    RawFault("cr-only", on_bytes(line_ends("\r")), EITHER),
    RawFault("symlink-inside", link_inside(False), RESULT, 2),
    RawFault("symlink-inside-absolute", link_inside(True), RESULT, 2),
    RawFault("symlink-chain-inside", link_inside(False, chain=True), RESULT, 2),
    RawFault("symlink-outside", link_outside(False, False), ERROR),
    RawFault("symlink-outside-relative", link_outside(True, False), ERROR),
    RawFault("symlink-outside-allowed", link_outside(False, True), RESULT, 2),
    RawFault("symlink-dangling", link_to("nowhere.txt"), ERROR),
    RawFault("symlink-loop", link_to("loop"), ERROR),
    RawFault("symlink-to-directory", link_to("adir", make_dir=True), ERROR),
    RawFault("symlink-to-dev-null", link_to("/dev/null"), ERROR),
    RawFault("symlink-to-dev-null-allowed", link_to("/dev/null", allow=True), ERROR),
]
#: Per side only: GBK of the Chinese is documented; of the English, a guess.
SIDED_FAULTS = [
    (RawFault("gbk", on_bytes(encoded("gbk")), RESULT, 2), "zh"),
    (RawFault("gbk", on_bytes(encoded("gbk")), EITHER, 1), "en"),
    (RawFault("cp1252", on_bytes(encoded("cp1252")), EITHER, 1), "en"),
]


def raw_plan(fault: RawFault, side: str, command: str) -> Callable[[Ctx, Path], Plan]:
    def prepare(ctx: Ctx, d: Path) -> Plan:
        raw = ctx.raw_copy(d)
        doc = ctx.doc(side)
        extra = fault.apply(raw, doc["file"], side)
        mentions = (Path(doc["file"]).name, doc["id"])
        same = fault.same > 0
        if command == "parse":
            return Plan(["parse", "--raw", raw, "--json", *extra], fault.expect, mentions,
                        parse_check(ctx, doc["id"], same))
        if command == "parse-table":
            return Plan(["parse", "--raw", raw, *extra], fault.expect, mentions,
                        no_escapes())
        if command == "show":
            return Plan(["show", doc["id"], "art-5", "--raw", raw, "--json", *extra],
                        fault.expect, mentions, show_check(doc["id"], "art-5", same))
        out = ctx.out_copy(d)
        return Plan(["build", "--raw", raw, "--out", out, "--json", *extra], fault.expect,
                    mentions, build_check(ctx, out, fault.same > 1), guard=out)
    return prepare


#: Faults of a sentence-per-line file given to ``align-files`` (the Chinese side):
#: (name, fault, expectation, whether the result must cover every line once).
PAIR_FAULTS: list[tuple[str, Apply, str, bool]] = [
    ("empty", const(b""), ERROR, False),
    ("whitespace-only", const(b"  \n\n\t\n"), ERROR, False),
    ("binary-png", const(b"\x89PNG\r\n\x1a\n\x00\x00" + random_bytes(4, 300)), ERROR, False),
    ("invalid-utf8", on_bytes(lambda d, s: insert_at(d, 0.5, b"\xff")), ERROR, False),
    ("one-nul-byte", on_bytes(lambda d, s: insert_at(d, 0.5, b"\x00")), EITHER, True),
    ("utf16-bom", on_bytes(encoded("utf-16-le", b"\xff\xfe")), RESULT, True),
    ("gbk", on_bytes(encoded("gbk")), EITHER, True),
    ("crlf", on_bytes(line_ends("\r\n")), RESULT, True),
    ("u2028-inside-lines", on_bytes(lambda d, s: in_long_lines(d, "\u2028", 12)), RESULT,
     True),
    ("lone-cr-inside-lines", on_bytes(lambda d, s: in_long_lines(d, "\r", 12)), RESULT,
     True),
    ("form-feed-inside-lines", on_bytes(lambda d, s: in_long_lines(d, "\x0c", 12)), RESULT,
     True),
    ("nel-inside-lines", on_bytes(lambda d, s: in_long_lines(d, "\x85", 12)), RESULT, True),
    ("directory", replace_by_dir, ERROR, False),
    ("missing", remove, ERROR, False),
    ("huge-line-1MB", on_bytes(lambda d, s: d + huge_line(s, 1 << 20, False)[2:]), EITHER,
     False),
]


def beads_cover(n_src: int, n_tgt: int) -> Check:
    """Bead lines ``[i,…]:[k,…]`` that use every line of each side exactly once."""
    def check(run: Run) -> str | None:
        src: list[int] = []
        tgt: list[int] = []
        for line in run.stdout.splitlines():
            m = re.fullmatch(r"\[([\d,]*)\]:\[([\d,]*)\](?::[\d.]+)?", line.strip())
            if not m:
                return f"not a bead line: {line[:60]!r}"
            src += [int(x) for x in m.group(1).split(",") if x]
            tgt += [int(x) for x in m.group(2).split(",") if x]
        if sorted(src) != list(range(n_src)) or sorted(tgt) != list(range(n_tgt)):
            return (f"beads cover source lines {fc_ranges(src)} and target lines "
                    f"{fc_ranges(tgt)}, not 0-{n_src - 1} and 0-{n_tgt - 1} once each")
        return None
    return check


def fc_ranges(values: list[int]) -> str:
    if not values:
        return "none"
    return f"{min(values)}-{max(values)} ({len(values)})"


def pair_plan(fault: Apply, expect: str, covers: bool) -> Callable[[Ctx, Path], Plan]:
    def prepare(ctx: Ctx, d: Path) -> Plan:
        zh, en = d / "zh.txt", d / "en.txt"
        shutil.copyfile(ctx.zh_lines, zh)
        shutil.copyfile(ctx.en_lines, en)
        fault(d, "zh.txt", "zh")
        n = len(ctx.zh_lines.read_text("utf-8").split("\n")) - 1
        return Plan(["align-files", "zh.txt", "en.txt", "--scores", "--cache",
                     ctx.small_cache], expect, ("zh.txt",),
                    beads_cover(n, n) if covers else None)
    return prepare


#: The faults a whole build is tried on (a build takes long): every promised result,
#: what reaches the aligner and the exports, and a few refusals for the kept outputs.
BUILD_FAULTS = ("empty", "binary-png", "invalid-utf8-middle", "directory", "missing",
                "symlink-outside", "one-nul-byte", "utf8-bom", "utf16le-bom", "gbk",
                "huge-line-1MB", "huge-line-1MB-sentences", "ansi-escapes", "c1-csi",
                "nel-u0085", "zwsp-all-headings", "u2028-inside-lines", "crlf",
                "symlink-inside", "symlink-outside-allowed")


def raw_cases() -> list[Case]:
    """Every fault parsed on both sides; shown on one side (alternately); built on one
    side for :data:`BUILD_FAULTS`."""
    cases: list[Case] = []
    for n, fault in enumerate(RAW_FAULTS):
        one = ("zh", "en")[n % 2]
        runs = [("zh", "parse"), ("en", "parse"), (one, "show")]
        runs += [(("en", "zh")[n % 2], "build")] if fault.name in BUILD_FAULTS else []
        runs += [(one, "parse-table")] if fault.table else []
        for side, command in runs:
            cases.append(Case("raw", f"{fault.name} ({side}): {command}",
                              raw_plan(fault, side, command)))
    for fault, side in SIDED_FAULTS:
        commands = ["parse", "show"] + (["build"] if fault.name in BUILD_FAULTS
                                        and fault.expect == RESULT else [])
        for command in commands:
            cases.append(Case("raw", f"{fault.name} ({side}): {command}",
                              raw_plan(fault, side, command)))
    for name, apply, expect, covers in PAIR_FAULTS:
        cases.append(Case("raw", f"{name}: align-files", pair_plan(apply, expect, covers)))
    return cases
