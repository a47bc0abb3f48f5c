"""Fixtures shared by every test module: the real corpus (parsed once per session, and
built once per session into a temporary directory) and a factory of small temporary
corpora."""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from pathlib import Path

import pytest

from outline_corpus import parse_corpus
from outline_corpus.model import Document

#: The real corpus (read-only: tests never write under it).
REAL_RAW = Path(__file__).resolve().parents[1] / "data" / "raw"
#: The hand judgements of the real corpus's divergence records (id → right or wrong).
JUDGEMENTS = Path(__file__).resolve().parents[1] / "benchmarks" / "diverge_judgements.toml"


def hand_judged() -> dict[str, bool]:
    """Every record id judged by hand in :data:`JUDGEMENTS`, with its judgement."""
    import tomllib

    raw = tomllib.loads(JUDGEMENTS.read_text(encoding="utf-8"))["judgements"]
    return {k: bool(v["right"] if isinstance(v, dict) else v) for k, v in raw.items()}


def toml_document(entry: Mapping[str, str]) -> str:
    """One ``[[documents]]`` table with string values (JSON escapes are valid TOML)."""
    lines = ["[[documents]]"]
    lines.extend(f"{key} = {json.dumps(value, ensure_ascii=False)}"
                 for key, value in entry.items())
    return "\n".join(lines) + "\n"


@pytest.fixture(scope="session")
def real_raw() -> Path:
    """The directory of the real raw texts and their manifest."""
    return REAL_RAW


@pytest.fixture
def tmp_corpus(tmp_path: Path) -> Callable[..., Path]:
    """A factory writing a corpus directory under ``tmp_path`` and returning its path.

    ``documents`` are manifest entries (dicts of strings) written as ``[[documents]]``
    tables, unless ``manifest`` gives the manifest's exact text (``None``: write no
    manifest when ``documents`` is ``None`` too). ``files`` maps file names to contents:
    ``str`` is written as UTF-8, ``bytes`` as they are, a :class:`Path` is copied."""
    counter = 0

    def make(documents: list[Mapping[str, str]] | None = None,
             files: Mapping[str, str | bytes | Path] | None = None,
             manifest: str | None = None) -> Path:
        nonlocal counter
        counter += 1
        root = tmp_path / f"corpus{counter}"
        root.mkdir()
        for name, content in (files or {}).items():
            target = root / name
            target.parent.mkdir(parents=True, exist_ok=True)
            if isinstance(content, Path):
                target.write_bytes(content.read_bytes())
            elif isinstance(content, bytes):
                target.write_bytes(content)
            else:
                target.write_text(content, encoding="utf-8")
        if manifest is None and documents is not None:
            manifest = "".join(toml_document(entry) for entry in documents)
        if manifest is not None:
            (root / "manifest.toml").write_text(manifest, encoding="utf-8")
        return root

    return make


@pytest.fixture(scope="session")
def corpus() -> dict[str, Document]:
    """Every document of the real corpus, parsed, by id."""
    return {doc.id: doc for doc in parse_corpus(REAL_RAW)}


@pytest.fixture(scope="session")
def shared_cache(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One embedding cache for the tests that align the real corpus, so that its
    sentences are embedded once per session (a cached vector is the vector computed:
    see tests/align/test_cache.py)."""
    return tmp_path_factory.mktemp("cache") / "embeddings.sqlite"


@pytest.fixture(scope="session")
def built(tmp_path_factory: pytest.TempPathFactory, shared_cache: Path) -> Path:
    """The corpus database of a full build of the real corpus (with the session's
    embedding cache) in a temporary directory, beside the build's other outputs; tests
    only read it."""
    from typer.testing import CliRunner

    from outline_corpus.cli import app

    out = tmp_path_factory.mktemp("built")
    result = CliRunner().invoke(app, ["build", "--raw", str(REAL_RAW), "--out", str(out),
                                      "--cache", str(shared_cache), "--json"])
    assert result.exit_code == 0, result.output
    return out / "corpus.sqlite"
