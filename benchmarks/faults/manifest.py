"""Family ``manifest``: the manifest missing, not TOML, of wrong types; bad ids,
languages, roles, structures; paths out of the raw directory; Unicode oddities."""

from __future__ import annotations

import json
import shutil
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .bytefaults import random_bytes
from .checks import build_check, no_escapes, parse_check
from .context import Ctx
from .core import EITHER, ERROR, RESULT, Case, Plan
from .tomltext import Raw, manifest_text

#: (entries, raw dir) -> the manifest's new text; None: the mutation wrote it (or not).
Mutation = Callable[[list[dict[str, Any]], Path], "str | bytes | None"]


@dataclass(frozen=True)
class ManifestFault:
    name: str
    mutate: Mutation
    expect: str
    args: tuple[str, ...] = ()
    same: bool = False  # on exit 0, the original's structure is the base's
    build: bool = False  # also run build into a copy of the base outputs
    table: bool = False  # also parse to the terminal


def entry(docs: list[dict[str, Any]], side: str) -> dict[str, Any]:
    return next(d for d in docs if (d["role"] == "original") == (side == "zh"))


def edit(fn: Callable[[list[dict[str, Any]], Path], None]) -> Mutation:
    def mutate(docs: list[dict[str, Any]], raw: Path) -> str:
        fn(docs, raw)
        return manifest_text(docs)
    return mutate


def set_key(side: str, key: str, value: Any) -> Mutation:
    def fn(docs: list[dict[str, Any]], raw: Path) -> None:
        entry(docs, side)[key] = value
    return edit(fn)


def del_key(side: str, key: str) -> Mutation:
    def fn(docs: list[dict[str, Any]], raw: Path) -> None:
        entry(docs, side).pop(key, None)
    return edit(fn)


def set_id(value: str, original: str | None = None) -> Mutation:
    """The original's id (and the translation's reference to it, or ``original``)."""
    def fn(docs: list[dict[str, Any]], raw: Path) -> None:
        entry(docs, "zh")["id"] = value
        entry(docs, "en")["original"] = value if original is None else original
    return edit(fn)


def text(content: str | bytes) -> Mutation:
    return lambda docs, raw: content


def file_outside(name: str, link: str | None = None) -> Mutation:
    """The original's file copied to ``raw/../name`` and named by ``link`` (default
    ``../name``)."""
    def fn(docs: list[dict[str, Any]], raw: Path) -> None:
        zh = entry(docs, "zh")
        shutil.copyfile(raw / zh["file"], raw.parent / name)
        zh["file"] = link or f"../{name}"
    return edit(fn)


def absolute_inside(docs: list[dict[str, Any]], raw: Path) -> None:
    entry(docs, "zh")["file"] = str((raw / entry(docs, "zh")["file"]).absolute())


def linked_dir_outside(docs: list[dict[str, Any]], raw: Path) -> None:
    zh = entry(docs, "zh")
    (raw.parent / "elsewhere").mkdir()
    shutil.move(raw / zh["file"], raw.parent / "elsewhere" / zh["file"])
    (raw / "sub").symlink_to(raw.parent / "elsewhere")
    zh["file"] = f"sub/{zh['file']}"


def renamed_on_disk(new: str, manifest_name: str) -> Mutation:
    """The original's file renamed ``new`` on disk and named ``manifest_name``."""
    def fn(docs: list[dict[str, Any]], raw: Path) -> None:
        zh = entry(docs, "zh")
        (raw / zh["file"]).rename(raw / new)
        zh["file"] = manifest_name
    return edit(fn)


def delete_manifest(docs: list[dict[str, Any]], raw: Path) -> None:
    (raw / "manifest.toml").unlink()


def manifest_dir(docs: list[dict[str, Any]], raw: Path) -> None:
    (raw / "manifest.toml").unlink()
    (raw / "manifest.toml").mkdir()


def untouched(docs: list[dict[str, Any]], raw: Path) -> str:
    return manifest_text(docs)


def many_translations(n: int) -> Mutation:
    def fn(docs: list[dict[str, Any]], raw: Path) -> None:
        en = entry(docs, "en")
        docs.extend({**en, "id": f"{en['id']}.{k}"} for k in range(n))
    return edit(fn)


def mutate_manifest(fn: Callable[[str], str | bytes]) -> Mutation:
    """A change to the manifest's text as it is."""
    def mutate(docs: list[dict[str, Any]], raw: Path) -> str | bytes:
        return fn((raw / "manifest.toml").read_text("utf-8"))
    return mutate


def _swap_roles(docs: list[dict[str, Any]], raw: Path) -> None:
    zh, en = entry(docs, "zh"), entry(docs, "en")
    en["role"], zh["role"] = "original", "translation"
    en.pop("original")
    zh["original"] = en["id"]


def _duplicate_zh(docs: list[dict[str, Any]], raw: Path) -> None:
    docs.append(dict(entry(docs, "zh")))


def _same_id(docs: list[dict[str, Any]], raw: Path) -> None:
    entry(docs, "en")["id"] = entry(docs, "zh")["id"]


def _nfc_nfd_ids(docs: list[dict[str, Any]], raw: Path) -> None:
    entry(docs, "zh")["id"] = unicodedata.normalize("NFC", "dsl.café")
    entry(docs, "en")["original"] = unicodedata.normalize("NFD", "dsl.café")


def _nfc_nfd_work(docs: list[dict[str, Any]], raw: Path) -> None:
    entry(docs, "zh")["work"] = unicodedata.normalize("NFC", "sécurité")
    entry(docs, "en")["work"] = unicodedata.normalize("NFD", "sécurité")


def _other_work(docs: list[dict[str, Any]], raw: Path) -> None:
    entry(docs, "en")["work"] = "another-work"


def _ligature_key(docs: list[dict[str, Any]], raw: Path) -> None:
    zh = entry(docs, "zh")
    zh["\ufb01le"] = zh.pop("file")


def _fullwidth_key(docs: list[dict[str, Any]], raw: Path) -> None:
    zh = entry(docs, "zh")
    zh["\uff49\uff44"] = zh.pop("id")


def _both_same_file(docs: list[dict[str, Any]], raw: Path) -> None:
    entry(docs, "en")["file"] = entry(docs, "zh")["file"]


def _typo_key(docs: list[dict[str, Any]], raw: Path) -> None:
    entry(docs, "zh")["langauge"] = "zh"


def _key_twice(text: str) -> str:
    return text.replace('id = "dsl.zh"', 'id = "dsl.zh"\nid = "dsl.zh2"', 1)


MANIFEST_FAULTS: list[ManifestFault] = [
    ManifestFault("missing", lambda docs, raw: delete_manifest(docs, raw), ERROR, build=True),
    ManifestFault("a directory", lambda docs, raw: manifest_dir(docs, raw), ERROR),
    ManifestFault("empty", text(""), ERROR),
    ManifestFault("comments only", text("# nothing here\n# [[documents]]\n"), ERROR),
    ManifestFault("not TOML: unclosed table", text("[[documents]\nid = 1\n"), ERROR,
                  build=True),
    ManifestFault("not TOML: JSON", lambda docs, raw: json.dumps({"documents": docs}), ERROR),
    ManifestFault("not TOML: YAML", text("documents:\n  - id: x\n    file: x.txt\n"), ERROR),
    ManifestFault("not TOML: random bytes", text(random_bytes(7, 500)), ERROR),
    ManifestFault("not TOML: cut in a string",
                  mutate_manifest(lambda t: t[: t.index("title") + 12]), ERROR),
    ManifestFault("invalid UTF-8", mutate_manifest(
        lambda t: t.encode().replace(b"title", b"\xfftitle", 1)), ERROR),
    ManifestFault("UTF-16 with BOM", mutate_manifest(lambda t: t.encode("utf-16")), EITHER,
                  same=True),
    ManifestFault("UTF-8 BOM", mutate_manifest(lambda t: "\ufeff" + t), EITHER, same=True),
    ManifestFault("CRLF line ends", mutate_manifest(lambda t: t.replace("\n", "\r\n")), RESULT,
                  same=True),
    ManifestFault("key twice in a table", mutate_manifest(_key_twice), ERROR),
    ManifestFault("no documents", text('title = "x"\n'), ERROR),
    ManifestFault("documents = []", text("documents = []\n"), ERROR),
    ManifestFault("documents a string", text('documents = "dsl.zh"\n'), ERROR),
    ManifestFault("documents a table", text('[documents]\nid = "x"\n'), ERROR),
    ManifestFault("documents integers", text("documents = [1, 2]\n"), ERROR),
    ManifestFault("id a boolean", set_key("zh", "id", True), ERROR),
    ManifestFault("title a table", set_key("zh", "title", {"a": 1}), ERROR),
    ManifestFault("unknown key in a document", set_key("zh", "colour", "red"), EITHER,
                  same=True),
    ManifestFault("unknown top-level key", lambda docs, raw: manifest_text(
        docs, {"version": 2}), EITHER, same=True),
    ManifestFault("misspelt key beside the right one", edit(_typo_key), EITHER, same=True),
    ManifestFault("duplicate id: an entry twice", edit(_duplicate_zh), ERROR, build=True),
    ManifestFault("duplicate id: translation has the original's", edit(_same_id), ERROR),
    ManifestFault("ids differing in case", set_key("en", "id", "DSL.ZH"), EITHER),
    ManifestFault("ids equal after NFC", edit(_nfc_nfd_ids), EITHER),
    ManifestFault("works equal after NFC", edit(_nfc_nfd_work), EITHER),
]
BAD_IDS = {"slash": "dsl/zh", "space": "dsl zh", "tab": "dsl\tzh", "newline": "dsl\nzh",
           "NUL": "dsl\x00zh", "ESC": "dsl\x1bzh", "DEL": "dsl\x7fzh", "NEL": "dsl\x85zh",
           "U+200B": "dsl\u200bzh", "U+202E": "dsl\u202ezh", "U+FEFF": "dsl\ufeffzh",
           "no-break space": "dsl\u00a0zh", "ideographic space": "dsl\u3000zh",
           "empty": "", "only a space": " "}
ODD_IDS = {"dot": ".", "dot-dot": "..", "10,000 characters": "x" * 10_000,
           "rich markup": "[/b]dsl", "percent-encoded": "dsl%41", "star": "*",
           "leading dash": "-dsl", "combining accent": "dsl\u0301", "fullwidth": "ｄｓｌ",
           "a unit path": "art-5", "a number": "14", "emoji": "dsl🔒", "backslash": "dsl\\zh"}
LANGUAGES = {"fr": ERROR, "xx": ERROR, "": ERROR, "中文": ERROR, "zh\x00": ERROR, "z": ERROR,
             "zh-Hant": EITHER, "ZH_hans": RESULT, "zho": EITHER, "zh-": EITHER,
             "ｚｈ": EITHER, " zh": EITHER, "zh\u200b": EITHER}
ROLES = {"source": ERROR, "": ERROR, "Original": EITHER, "ORIGINAL": EITHER,
         "original ": EITHER, "ｏｒｉｇｉｎａｌ": EITHER}
STRUCTURES = {"laws": ERROR, "": EITHER, "LAW": EITHER, "policy": EITHER,
              "transcript": EITHER, "flat": EITHER, "law": RESULT, "auto": RESULT}
#: Every key with a string value, and whether an empty string must be refused.
KEYS = {"id": True, "file": True, "language": True, "role": True, "work": True,
        "title": False, "original": True, "structure": False, "publisher": False,
        "date": False, "notes": False}
WRONG_TYPES: dict[str, Any] = {"integer": 1, "array": ["x"]}


def manifest_faults() -> list[ManifestFault]:
    """Every manifest fault, in order: the fixed ones, keys missing, of a wrong type or
    empty, odd values, relations between documents, files and oddities."""
    return [*MANIFEST_FAULTS, *_key_faults(), *_value_faults(), *_relation_faults(),
            *_file_faults()]


def _key_faults() -> list[ManifestFault]:
    """Each key missing, of a wrong type, empty."""
    faults: list[ManifestFault] = []
    for side in ("zh", "en"):
        for key in ("id", "file", "language", "role", "work", "title"):
            faults.append(ManifestFault(f"{side} without {key}", del_key(side, key), ERROR,
                                        build=key == "id"))
    for key, empty_refused in KEYS.items():
        side = "en" if key == "original" else "zh"
        for label, value in WRONG_TYPES.items():
            faults.append(ManifestFault(f"{key} an {label}" if label[0] in "ai" else
                                        f"{key} a {label}", set_key(side, key, value), ERROR,
                                        build=(key, label) == ("id", "integer")))
        faults.append(ManifestFault(f"{key} empty", set_key(side, key, ""),
                                    ERROR if empty_refused else EITHER))
    faults.append(ManifestFault("date a TOML date", set_key("zh", "date",
                                                            Raw("2021-06-10")), EITHER,
                                same=True))
    return faults


def _value_faults() -> list[ManifestFault]:
    """Bad and odd ids, languages and roles."""
    faults: list[ManifestFault] = []
    for label, value in BAD_IDS.items():
        faults.append(ManifestFault(f"id with {label}", set_id(value), ERROR,
                                    build=label in ("slash", "NUL")))
    for label, value in ODD_IDS.items():
        faults.append(ManifestFault(f"id: {label}", set_id(value), EITHER,
                                    table=label in ("rich markup", "combining accent",
                                                    "percent-encoded")))
    for value, expect in LANGUAGES.items():
        faults.append(ManifestFault(f"language {value!r}", set_key("zh", "language", value),
                                    expect, same=expect == RESULT, build=value == "fr"))
    faults.append(ManifestFault("language 'EN' (case)", set_key("en", "language", "EN"),
                                RESULT))
    for value, expect in ROLES.items():
        faults.append(ManifestFault(f"role {value!r}", set_key("zh", "role", value), expect))
    return faults


def _relation_faults() -> list[ManifestFault]:
    """A translation and its original; structures."""
    faults = [
        ManifestFault("translation without original", del_key("en", "original"), ERROR,
                      build=True),
        ManifestFault("original unknown", set_key("en", "original", "nosuch"), ERROR),
        ManifestFault("original is itself", set_key("en", "original", "dsl.en"), ERROR),
        ManifestFault("original of another work", edit(_other_work), ERROR),
        ManifestFault("original in another case", set_key("en", "original", "DSL.ZH"),
                      EITHER),
        ManifestFault("roles swapped", edit(_swap_roles), EITHER),
        ManifestFault("related with an original", set_key("en", "role", "related"), EITHER),
        ManifestFault("two originals", set_key("en", "role", "original"), EITHER),
        ManifestFault("50 translations of one file", many_translations(50), EITHER,
                      same=True),
    ]
    for value, expect in STRUCTURES.items():
        faults.append(ManifestFault(f"structure {value!r}", set_key("zh", "structure", value),
                                    expect, same=expect == RESULT))
    return faults


def _file_faults() -> list[ManifestFault]:
    """Files outside the raw directory, odd file names, odd keys and text."""
    return [
        ManifestFault("file '../x'", file_outside("x.md"), ERROR, build=True),
        ManifestFault("file '../x' with --outside-raw", file_outside("x.md"), RESULT,
                      ("--outside-raw",), same=True),
        ManifestFault("file 'raw/../../x'", file_outside("x.md", "sub/../../x.md"), ERROR),
        ManifestFault("file '/etc/passwd'", set_key("zh", "file", "/etc/passwd"), ERROR,
                      build=True),
        ManifestFault("file '/etc/passwd' with --outside-raw",
                      set_key("zh", "file", "/etc/passwd"), EITHER, ("--outside-raw",)),
        ManifestFault("file '/proc/self/environ' with --outside-raw",
                      set_key("zh", "file", "/proc/self/environ"), ERROR, ("--outside-raw",)),
        ManifestFault("file '/dev/null' with --outside-raw", set_key("zh", "file", "/dev/null"),
                      ERROR, ("--outside-raw",)),
        ManifestFault("file '/' with --outside-raw", set_key("zh", "file", "/"), ERROR,
                      ("--outside-raw",)),
        ManifestFault("file: absolute path inside raw", edit(absolute_inside), EITHER,
                      same=True),
        ManifestFault("file './name'", edit(lambda docs, raw: entry(docs, "zh").update(
            file="./" + entry(docs, "zh")["file"])), RESULT, same=True),
        ManifestFault("file through a linked directory outside", edit(linked_dir_outside),
                      ERROR),
        ManifestFault("file '.'", set_key("zh", "file", "."), ERROR),
        ManifestFault("file 'sub/'", set_key("zh", "file", "sub/"), ERROR),
        ManifestFault("file '~/x'", set_key("zh", "file", "~/x.md"), ERROR),
        ManifestFault("file 'file:///etc/passwd'", set_key("zh", "file", "file:///etc/passwd"),
                      ERROR),
        ManifestFault("file in another case", renamed_on_disk("ZH.MD", "zh.md"), ERROR),
        ManifestFault("file with a trailing space", edit(lambda docs, raw: entry(
            docs, "zh").update(file=entry(docs, "zh")["file"] + " ")), ERROR),
        ManifestFault("file with NUL", edit(lambda docs, raw: entry(docs, "zh").update(
            file=entry(docs, "zh")["file"] + "\x00")), ERROR),
        ManifestFault("file name of 300 characters", set_key("zh", "file", "x" * 300 + ".md"),
                      ERROR),
        ManifestFault("file name NFD on disk, NFC in the manifest", renamed_on_disk(
            unicodedata.normalize("NFD", "données-é.md"),
            unicodedata.normalize("NFC", "données-é.md")), EITHER, same=True),
        ManifestFault("file is the manifest", set_key("zh", "file", "manifest.toml"), EITHER),
        ManifestFault("both documents one file", edit(_both_same_file), EITHER),
        ManifestFault("key 'ﬁle' (ligature)", edit(_ligature_key), ERROR),
        ManifestFault("key 'ｉｄ' (fullwidth)", edit(_fullwidth_key), ERROR),
        ManifestFault("title with ESC", set_key("zh", "title", "Data\x1b[2J law"), EITHER,
                      table=True),
        ManifestFault("publisher with C1 CSI", set_key("zh", "publisher", "NPC\x9b2J"), EITHER,
                      table=True),
        ManifestFault("notes of 1 MB", set_key("zh", "notes", "n" * (1 << 20)), EITHER),
        ManifestFault("unchanged (control)", untouched, RESULT, same=True),
    ]


def manifest_plan(fault: ManifestFault, command: str) -> Callable[[Ctx, Path], Plan]:
    def prepare(ctx: Ctx, d: Path) -> Plan:
        raw = ctx.raw_copy(d)
        docs = [dict(doc) for doc in ctx.docs]
        content = fault.mutate(docs, raw)
        if isinstance(content, str):
            (raw / "manifest.toml").write_text(content, encoding="utf-8")
        elif isinstance(content, bytes):
            (raw / "manifest.toml").write_bytes(content)
        named = [str(doc.get(k)) for doc in docs if isinstance(doc, dict)
                 for k in ("id", "file") if isinstance(doc.get(k), str) and doc.get(k)]
        mentions = ("manifest", *named, *(Path(n).name for n in named if Path(n).name))
        if command == "build":
            out = ctx.out_copy(d)
            return Plan(["build", "--raw", raw, "--out", out, "--json", *fault.args],
                        fault.expect, mentions, build_check(ctx, out, False), guard=out)
        if command == "parse-table":
            return Plan(["parse", "--raw", raw, *fault.args], fault.expect, mentions,
                        no_escapes())
        return Plan(["parse", "--raw", raw, "--json", *fault.args], fault.expect, mentions,
                    parse_check(ctx, ctx.original["id"], fault.same))
    return prepare


def manifest_cases() -> list[Case]:
    cases: list[Case] = []
    for fault in manifest_faults():
        commands = ["parse"] + (["build"] if fault.build else []) + \
            (["parse-table"] if fault.table else [])
        for command in commands:
            cases.append(Case("manifest", f"{fault.name}: {command}",
                              manifest_plan(fault, command)))
    return cases
