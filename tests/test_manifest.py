"""The corpus manifest: the real one, and every way a manifest can be wrong."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from outline_corpus.errors import ManifestError, OutlineCorpusError, UnknownDocumentError
from outline_corpus.manifest import load_manifest
from outline_corpus.model import DocumentMeta

Factory = Callable[..., Path]

IDS = ("outline.zh", "outline.en.a", "outline.en.b", "action-plan.en", "press-conference.en")


def doc(doc_id: str = "d.zh", **extra: str) -> dict[str, str]:
    """A valid manifest entry (its file must be written too), with ``extra`` keys."""
    entry = {"id": doc_id, "file": f"{doc_id}.txt", "language": "zh", "role": "original",
             "work": "w", "title": "T"}
    entry.update(extra)
    return entry


def refused(root: Path) -> str:
    """The one-line message of the :class:`ManifestError` that loading ``root`` raises."""
    with pytest.raises(ManifestError) as info:
        load_manifest(root)
    message = str(info.value)
    assert "\n" not in message
    assert isinstance(info.value, OutlineCorpusError)
    return message


# -- the real manifest -----------------------------------------------------------------------
def test_real_manifest_lists_five_documents(real_raw: Path) -> None:
    manifest = load_manifest(real_raw)
    assert manifest.root == real_raw
    assert tuple(m.id for m in manifest.documents) == IDS
    assert [m.role for m in manifest.documents] == [
        "original", "translation", "translation", "related", "related"]
    assert [m.original for m in manifest.documents] == [
        None, "outline.zh", "outline.zh", None, None]
    assert [m.language for m in manifest.documents] == ["zh", "en", "en", "en", "en"]
    assert [m.structure for m in manifest.documents] == [
        "auto", "auto", "auto", "auto", "transcript"]
    assert [m.file for m in manifest.documents] == [
        "outline-zh-xinhua.txt", "outline-en-a-building-materials.txt",
        "outline-en-b-brand-association.txt", "action-plan-2022-2025-en.txt",
        "press-conference-2023-02-16-en.txt"]


def test_real_manifest_entries_and_relations(real_raw: Path) -> None:
    manifest = load_manifest(str(real_raw))
    zh = manifest.get("outline.zh")
    assert zh.title == "质量强国建设纲要"
    assert zh.work == "quality-outline"
    assert zh.date == "2023-02-06"
    assert manifest.get("outline.en.a").date is None
    assert manifest.path(zh) == real_raw / "outline-zh-xinhua.txt"
    assert all(manifest.path(m).is_file() for m in manifest.documents)
    assert [m.id for m in manifest.translations_of("outline.zh")] == [
        "outline.en.a", "outline.en.b"]
    assert manifest.translations_of("outline.en.a") == ()
    assert [m.id for m in manifest.select(["press-conference.en", "outline.zh"])] == [
        "press-conference.en", "outline.zh"]
    assert manifest.select(None) == manifest.documents
    assert manifest.select([]) == manifest.documents


def test_get_unknown_id_lists_known_ids(real_raw: Path) -> None:
    manifest = load_manifest(real_raw)
    with pytest.raises(UnknownDocumentError) as info:
        manifest.get("outline.en.c")
    assert str(info.value) == ("unknown document id 'outline.en.c' (known: outline.zh, "
                               "outline.en.a, outline.en.b, action-plan.en, "
                               "press-conference.en)")
    with pytest.raises(UnknownDocumentError, match="unknown document id 'nope'"):
        manifest.select(["outline.zh", "nope"])


# -- a minimal valid manifest ----------------------------------------------------------------
def test_minimal_manifest_defaults(tmp_corpus: Factory) -> None:
    root = tmp_corpus([doc()], {"d.zh.txt": "text\n"})
    manifest = load_manifest(root)
    assert manifest.documents == (DocumentMeta(
        id="d.zh", file="d.zh.txt", language="zh", role="original", work="w", title="T"),)
    assert manifest.documents[0].structure == "auto"


def test_manifest_with_bom_and_toml_date(tmp_corpus: Factory) -> None:
    root = tmp_corpus(files={"d.txt": "text\n"})
    text = ('[[documents]]\nid = "d"\nfile = "d.txt"\nlanguage = "en"\nrole = "related"\n'
            'work = "w"\ntitle = "T"\ndate = 2023-02-16\n')
    (root / "manifest.toml").write_bytes(b"\xef\xbb\xbf" + text.encode())
    (meta,) = load_manifest(root).documents
    assert (meta.id, meta.date) == ("d", "2023-02-16")


def test_file_in_subdirectory(tmp_corpus: Factory) -> None:
    root = tmp_corpus([doc(file="sub/d.txt")], {"sub/d.txt": "text\n"})
    manifest = load_manifest(root)
    assert manifest.path(manifest.get("d.zh")) == root / "sub" / "d.txt"


# -- errors ------------------------------------------------------------------------------------
def test_missing_raw_directory(tmp_path: Path) -> None:
    assert refused(tmp_path / "nowhere") == f"{tmp_path / 'nowhere'}: raw directory not found"


def test_raw_directory_is_a_file(tmp_path: Path) -> None:
    (tmp_path / "f").write_text("x")
    assert refused(tmp_path / "f") == f"{tmp_path / 'f'}: not a directory"


def test_missing_manifest(tmp_corpus: Factory) -> None:
    root = tmp_corpus(files={"a.txt": "text\n"})
    assert refused(root) == f"{root / 'manifest.toml'}: manifest not found"


def test_manifest_is_a_directory(tmp_corpus: Factory) -> None:
    root = tmp_corpus()
    (root / "manifest.toml").mkdir()
    assert refused(root) == f"{root / 'manifest.toml'}: manifest is a directory, not a file"


def test_unreadable_manifest(tmp_corpus: Factory, monkeypatch: pytest.MonkeyPatch) -> None:
    root = tmp_corpus(manifest="")

    def denied(self: Path, encoding: str | None = None, errors: str | None = None) -> str:
        raise PermissionError(13, "Permission denied", str(self))

    monkeypatch.setattr(Path, "read_text", denied)
    assert refused(root) == f"{root / 'manifest.toml'}: manifest cannot be read " \
                            "(Permission denied)"


@pytest.mark.parametrize("text,detail", [
    ('[[documents]\nid = "x"\n',
     "Expected ']]' at the end of an array declaration (at line 1, column 12)"),
    ('[[documents]]\nid = \n', "Invalid value (at line 2, column 6)"),
    ('[[documents]]\nid = "a"\nid = "b"\n', "Cannot overwrite a value (at line 3, column 9)"),
    ('[[documents]]\ntitle = """never closed\n', "Unterminated string (at end of document)"),
])
def test_invalid_toml(tmp_corpus: Factory, text: str, detail: str) -> None:
    root = tmp_corpus(manifest=text)
    assert refused(root) == f"{root / 'manifest.toml'}: not valid TOML ({detail})"


def test_manifest_not_utf8(tmp_corpus: Factory) -> None:
    root = tmp_corpus()
    (root / "manifest.toml").write_bytes('title = "质量"\n'.encode("gbk"))
    message = refused(root)
    assert message.startswith(f"{root / 'manifest.toml'}: not valid TOML ('utf-8' codec "
                              "can't decode byte 0xd6 in position 9")


@pytest.mark.parametrize("text", [
    "",
    "# only a comment\n",
    "documents = []\n",
    'documents = "outline.zh"\n',
    '[other]\nid = "x"\n',
])
def test_no_documents(tmp_corpus: Factory, text: str) -> None:
    root = tmp_corpus(manifest=text)
    assert refused(root) == f"{root / 'manifest.toml'}: no [[documents]] entries"


def test_document_not_a_table(tmp_corpus: Factory) -> None:
    root = tmp_corpus(manifest='documents = ["outline.zh"]\n')
    assert refused(root) == f"{root / 'manifest.toml'}: document 1 is not a table"


@pytest.mark.parametrize("drop,listed", [
    (("id",), "id"),
    (("file",), "file"),
    (("title",), "title"),
    (("language", "role", "work"), "language, role, work"),
])
def test_missing_required_key(tmp_corpus: Factory, drop: tuple[str, ...], listed: str) -> None:
    bad = {k: v for k, v in doc("b.zh").items() if k not in drop}
    root = tmp_corpus([doc(), bad], {"d.zh.txt": "x\n", "b.zh.txt": "x\n"})
    assert refused(root) == f"{root / 'manifest.toml'}: document 2 lacks {listed}"


@pytest.mark.parametrize("key,toml_value,shown", [
    ("title", '""', "''"),
    ("title", '"   "', "'   '"),
    ("language", "7", "7"),
    ("original", "7", "7"),
    ("structure", '["policy"]', "['policy']"),
    ("notes", "{ a = 1 }", "{'a': 1}"),
])
def test_non_string_or_empty_value(tmp_corpus: Factory, key: str, toml_value: str,
                                   shown: str) -> None:
    lines = [f'{k} = "{v}"' for k, v in doc().items() if k != key]
    root = tmp_corpus(manifest="[[documents]]\n" + "\n".join(lines)
                      + f"\n{key} = {toml_value}\n", files={"d.zh.txt": "x\n"})
    assert refused(root) == (f"{root / 'manifest.toml'}: document 'd.zh' has {key} = "
                             f"{shown}, expected a non-empty string")


def test_non_string_id_is_named_by_position(tmp_corpus: Factory) -> None:
    lines = [f'{k} = "{v}"' for k, v in doc().items() if k != "id"]
    root = tmp_corpus(manifest="[[documents]]\nid = 3\n" + "\n".join(lines) + "\n")
    assert refused(root) == (f"{root / 'manifest.toml'}: document 1 has id = 3, expected a "
                             "non-empty string")


def test_unknown_keys(tmp_corpus: Factory) -> None:
    root = tmp_corpus([doc(translator="x", colour="red")], {"d.zh.txt": "x\n"})
    assert refused(root) == (f"{root / 'manifest.toml'}: document 'd.zh' has unknown keys "
                             "colour, translator")


def test_bad_role(tmp_corpus: Factory) -> None:
    root = tmp_corpus([doc(role="source")], {"d.zh.txt": "x\n"})
    assert refused(root) == (f"{root / 'manifest.toml'}: document 'd.zh' has role 'source', "
                             "expected one of original, translation, related")


def test_bad_structure(tmp_corpus: Factory) -> None:
    root = tmp_corpus([doc(structure="tree")], {"d.zh.txt": "x\n"})
    assert refused(root) == (f"{root / 'manifest.toml'}: document 'd.zh' has structure "
                             "'tree', expected one of auto, policy, law, transcript, flat")


def test_duplicate_ids(tmp_corpus: Factory) -> None:
    root = tmp_corpus([doc("b"), doc("a"), doc("b", file="c.txt"), doc("a")],
                      {"a.txt": "x\n", "b.txt": "x\n", "c.txt": "x\n"})
    assert refused(root) == f"{root / 'manifest.toml'}: duplicate document ids a, b"


@pytest.mark.parametrize("bad_id", ["outline/zh", "outline zh", "outline\tzh", "outline\nzh",
                                    "outline\u3000zh", "outline\x00zh", "outline\u200bzh",
                                    "outline\x1b[2Jzh"])
def test_id_with_slash_whitespace_or_controls(tmp_corpus: Factory, bad_id: str) -> None:
    root = tmp_corpus([doc(bad_id, file="d.txt")], {"d.txt": "x\n"})
    assert refused(root) == (f"{root / 'manifest.toml'}: document id {bad_id!r} may not "
                             "contain '/', whitespace, control or invisible format "
                             "characters")


def test_file_name_with_control_characters(tmp_corpus: Factory) -> None:
    root = tmp_corpus([doc(file="d\n.txt")], {"d\n.txt": "x\n"})
    assert refused(root) == (f"{root / 'manifest.toml'}: document 'd.zh' names file "
                             "'d\\n.txt', which contains control characters")


def test_file_named_by_manifest_missing(tmp_corpus: Factory) -> None:
    root = tmp_corpus([doc(), doc("e.en", file="missing.txt")], {"d.zh.txt": "x\n"})
    assert refused(root) == f"{root / 'missing.txt'}: file named by document 'e.en' not found"


def test_file_named_by_manifest_is_a_directory(tmp_corpus: Factory) -> None:
    root = tmp_corpus([doc()])
    (root / "d.zh.txt").mkdir()
    assert refused(root) == f"{root / 'd.zh.txt'}: file named by document 'd.zh' not found"


def test_translation_names_no_original(tmp_corpus: Factory) -> None:
    root = tmp_corpus([doc(), doc("t.en", role="translation")],
                      {"d.zh.txt": "x\n", "t.en.txt": "x\n"})
    assert refused(root) == f"{root / 'manifest.toml'}: translation 't.en' names no original"


@pytest.mark.parametrize("original", ["nope", "r.en", "t.en"])
def test_translation_names_unknown_or_non_original(tmp_corpus: Factory, original: str) -> None:
    root = tmp_corpus([doc(), doc("r.en", role="related"),
                       doc("t.en", role="translation", original=original)],
                      {"d.zh.txt": "x\n", "r.en.txt": "x\n", "t.en.txt": "x\n"})
    assert refused(root) == (f"{root / 'manifest.toml'}: translation 't.en' names "
                             f"{original!r}, which is not an original here")


def test_translation_of_another_work_is_refused(tmp_corpus: Factory) -> None:
    root = tmp_corpus([doc(), doc("t.en", role="translation", original="d.zh", work="v")],
                      {"d.zh.txt": "x\n", "t.en.txt": "x\n"})
    assert refused(root) == (f"{root / 'manifest.toml'}: translation 't.en' is of work 'v' "
                             "but its original 'd.zh' of work 'w'; give both the same work")


@pytest.mark.parametrize("role", ["related", "original"])
def test_only_a_translation_names_an_original(tmp_corpus: Factory, role: str) -> None:
    root = tmp_corpus([doc(), doc("r.en", role=role, original="d.zh")],
                      {"d.zh.txt": "x\n", "r.en.txt": "x\n"})
    assert refused(root) == (f"{root / 'manifest.toml'}: {role} 'r.en' names an original; "
                             "only a translation does (a related document is grouped by "
                             "its work)")


@pytest.mark.parametrize("tag", ["zh", "zh-CN", "ZH-hans", "zh_TW", "en", "en-GB", "EN"])
def test_registered_language_tags_are_accepted(tmp_corpus: Factory, tag: str) -> None:
    root = tmp_corpus([doc(language=tag)], {"d.zh.txt": "text\n"})
    assert load_manifest(root).documents[0].language == tag


@pytest.mark.parametrize("tag", ["fr", "de-DE", "cmn", "chinese", "x-zh"])
def test_unsupported_language_is_a_manifest_error(tmp_corpus: Factory, tag: str) -> None:
    root = tmp_corpus([doc(language=tag)], {"d.zh.txt": "text\n"})
    message = refused(root)
    assert message.startswith(f"{root / 'manifest.toml'}: document 'd.zh': language {tag!r} "
                              "is not supported")
    assert "zh (Chinese), en (English)" in message


@pytest.mark.parametrize("where", ["../outside/secret.txt", "ABSOLUTE", "link.txt"])
def test_a_file_outside_the_raw_directory_is_refused(tmp_corpus: Factory, tmp_path: Path,
                                                     where: str) -> None:
    secret = tmp_path / "outside" / "secret.txt"
    secret.parent.mkdir()
    secret.write_text("第一条 秘密。\n", encoding="utf-8")
    name = str(secret) if where == "ABSOLUTE" else where
    root = tmp_corpus([doc(file=name)])
    if where == "link.txt":
        (root / "link.txt").symlink_to(secret)
    message = refused(root)
    assert "outside" in message and "--outside-raw" in message and name in message
    assert load_manifest(root, outside_raw=True).path(load_manifest(
        root, outside_raw=True).documents[0]).resolve() == secret.resolve()


def test_a_symlink_inside_the_raw_directory_is_read(tmp_corpus: Factory) -> None:
    root = tmp_corpus([doc(file="link.txt")], {"texts/real.txt": "第一条 内容。\n"})
    (root / "link.txt").symlink_to(root / "texts" / "real.txt")
    assert load_manifest(root).documents[0].file == "link.txt"


def test_the_cli_refuses_outside_files_unless_told(tmp_corpus: Factory, tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from outline_corpus.cli import app

    secret = tmp_path / "secret.txt"
    secret.write_text("第一条 秘密。\n", encoding="utf-8")
    root = tmp_corpus([doc(file=str(secret))])
    result = CliRunner().invoke(app, ["parse", "--raw", str(root), "--json"])
    assert result.exit_code == 1 and "outside" in result.output
    assert "秘密" not in result.output and "Traceback" not in result.output
    result = CliRunner().invoke(app, ["parse", "--raw", str(root), "--json", "--outside-raw"])
    assert result.exit_code == 0, result.output


def test_a_file_name_too_long_for_the_file_system(tmp_corpus: Factory) -> None:
    name = "x" * 300 + ".txt"
    raw = tmp_corpus([{"id": "a", "file": name, "language": "zh", "role": "original",
                       "work": "w", "title": "t"}])
    with pytest.raises(ManifestError) as err:
        load_manifest(raw)
    assert str(err.value) == (f"{raw / name}: file named by document 'a' cannot be read "
                              "(File name too long); rename it")
