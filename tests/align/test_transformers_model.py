"""A sentence-transformers model through the real loading path, offline: the test builds a
tiny randomly initialised BERT with a word-piece vocabulary of the test's own texts, saves
it as a sentence-transformers model (Transformer + mean Pooling) and loads it by its path
through :func:`load_embedder` and the command line. No hub and no network: the hub is
switched offline, HF_HOME points at an empty directory and internet sockets are refused
while these tests run."""

from __future__ import annotations

import importlib.util
import json
import re
import shutil
import socket
import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from typer.testing import CliRunner

from outline_corpus.align.embed import SentenceTransformerEmbedder, load_embedder
from outline_corpus.align.evaluate import read_beads
from outline_corpus.cli import app
from outline_corpus.config import Config
from outline_corpus.pipeline import analyse

pytestmark = pytest.mark.skipif(
    importlib.util.find_spec("sentence_transformers") is None,
    reason="sentence-transformers is not installed: pip install torch==2.13.0, then "
           "pip install -e '.[transformers]'")

DIM = 32
ZH = ("第一条 为了规范数据处理活动，保障数据安全，制定本法。\n"
      "第二条 在中华人民共和国境内开展数据处理活动，适用本法。\n"
      "第三条 国家保障数据依法有序自由流动。国家支持数据开发利用。\n")
EN = ("Article 1 This Law is enacted to regulate data processing activities and ensure "
      "data security.\n"
      "Article 2 This Law applies to data processing activities carried out within the "
      "territory of the People's Republic of China.\n"
      "Article 3 The State ensures the orderly and free flow of data in accordance with the "
      "law. The State supports the development and use of data.\n")
TEXTS = ["为了规范数据处理活动，保障数据安全，制定本法。", "This Law applies to data processing.",
         "The State supports the development and use of data.", "国家保障数据依法有序自由流动。"]
SPECIAL = ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]"]

runner = CliRunner()


@dataclass(frozen=True)
class Tiny:
    path: Path  # the saved sentence-transformers model
    reference: np.ndarray  # normalised vectors of TEXTS from the model before it was saved


@pytest.fixture(scope="module", autouse=True)
def offline(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """Hub offline, an empty HF_HOME, and no internet connection can be opened."""
    connect = socket.socket.connect

    def refuse(sock: socket.socket, address: Any) -> None:
        if sock.family in (socket.AF_INET, socket.AF_INET6):
            raise AssertionError(f"a network connection to {address!r} was attempted")
        connect(sock, address)

    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("HF_HUB_OFFLINE", "1")
        mp.setenv("TRANSFORMERS_OFFLINE", "1")
        mp.setenv("HF_HOME", str(tmp_path_factory.mktemp("hf-home")))
        mp.setattr(socket.socket, "connect", refuse)
        yield


def _tokens(text: str) -> list[str]:
    """The pieces BERT's basic tokenizer makes: lower-cased words, single CJK characters
    and single punctuation marks."""
    return re.findall(r"[a-z0-9]+|[^\sa-z0-9]", text.lower())


@pytest.fixture(scope="module")
def tiny(tmp_path_factory: pytest.TempPathFactory) -> Tiny:
    import torch
    from sentence_transformers import SentenceTransformer
    from transformers import BertConfig, BertModel, BertTokenizer

    try:
        from sentence_transformers.sentence_transformer.modules import Pooling, Transformer
    except ImportError:  # sentence-transformers before 6
        from sentence_transformers.models import Pooling, Transformer

    root = tmp_path_factory.mktemp("st").resolve()
    bert = root / "bert"
    bert.mkdir()
    vocab = [*SPECIAL, *sorted(set(_tokens(ZH + EN + "".join(TEXTS))))]
    (bert / "vocab.txt").write_text("\n".join(vocab) + "\n", encoding="utf-8")
    tokenizer = BertTokenizer(str(bert / "vocab.txt"))
    assert "[UNK]" not in tokenizer.tokenize(EN + ZH)
    tokenizer.save_pretrained(str(bert))
    torch.manual_seed(0)
    config = BertConfig(vocab_size=len(vocab), hidden_size=DIM, num_hidden_layers=1,
                        num_attention_heads=2, intermediate_size=64,
                        max_position_embeddings=128)
    BertModel(config).save_pretrained(str(bert))
    model = SentenceTransformer(modules=[Transformer(str(bert), max_seq_length=128),
                                         Pooling(DIM, pooling_mode="mean")], device="cpu")
    reference = model.encode(TEXTS, normalize_embeddings=True, convert_to_numpy=True,
                             show_progress_bar=False)
    model.save(str(root / "tiny-model"))
    return Tiny(root / "tiny-model", np.asarray(reference, dtype=np.float32))


def test_load_embedder_loads_the_saved_model_from_its_path(tiny: Tiny) -> None:
    emb = load_embedder(str(tiny.path))
    assert isinstance(emb, SentenceTransformerEmbedder)
    assert emb.name == f"st:{tiny.path}"
    vecs = emb.encode(TEXTS)
    assert vecs.shape == (len(TEXTS), DIM) and vecs.dtype == np.float32
    np.testing.assert_allclose(np.linalg.norm(vecs, axis=1), 1.0, atol=1e-5)
    np.testing.assert_allclose(vecs, tiny.reference, atol=1e-5)  # the weights that were saved
    cos = vecs @ vecs.T
    assert all(cos[i, j] < 0.9999 for i in range(len(TEXTS)) for j in range(i))
    once = emb.encode(TEXTS[:1])
    assert np.array_equal(once, emb.encode(TEXTS[:1]))
    np.testing.assert_allclose(once[0], vecs[0], atol=1e-5)  # batch-mates change nothing
    assert emb.encode([]).shape == (0, DIM)
    prefixed = load_embedder(f"st:{tiny.path}")
    assert prefixed.name == emb.name
    assert np.array_equal(prefixed.encode(TEXTS), vecs)


def test_a_local_model_is_named_by_its_absolute_path(
        tiny: Tiny, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tiny.path.parent)
    assert load_embedder("tiny-model").name == f"st:{tiny.path}"
    monkeypatch.setenv("HOME", str(tiny.path.parent))
    assert load_embedder("st:~/tiny-model").name == f"st:{tiny.path}"
    twin = tmp_path.resolve() / "tiny-model"  # same directory name, another model
    shutil.copytree(tiny.path, twin)
    assert load_embedder(str(twin)).name == f"st:{twin}"


def _write(path: Path, lines: list[str]) -> Path:
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_align_files_with_the_model_covers_every_sentence_once(tiny: Tiny,
                                                               tmp_path: Path) -> None:
    zh = [re.sub(r"^第.条 ", "", s) for s in ZH.splitlines()]
    en = ["This Law is enacted to regulate data processing activities.",
          "It is enacted to ensure data security.",
          *[re.sub(r"^Article \d ", "", s) for s in EN.splitlines()[1:]]]
    src, tgt = _write(tmp_path / "zh.txt", zh), _write(tmp_path / "en.txt", en)
    cache = tmp_path / "cache.sqlite"
    out = tmp_path / "beads.align"
    args = ["align-files", str(src), str(tgt), "--model", str(tiny.path), "--cache",
            str(cache)]
    result = runner.invoke(app, [*args, "--out", str(out)])
    assert result.exit_code == 0, result.output
    beads = read_beads(out)
    assert [i for s, _ in beads for i in s] == list(range(len(zh)))
    assert [i for _, t in beads for i in t] == list(range(len(en)))
    with sqlite3.connect(cache) as db:
        spaces = {ns for (ns,) in db.execute("SELECT DISTINCT namespace FROM vectors")}
    # the model's vectors, and those of the second model in the uncertain regions
    assert f"st:{tiny.path}#vec" in spaces and spaces <= {f"st:{tiny.path}#vec",
                                                          "e5-small@0.3.0#vec"}
    again = runner.invoke(app, args)  # from the cache, to stdout
    assert again.exit_code == 0, again.output
    assert again.stdout == out.read_text("utf-8")


def test_align_records_the_model_path_in_the_signature(tiny: Tiny, tmp_path: Path) -> None:
    raw = tmp_path / "raw"
    raw.mkdir()
    (raw / "zh.txt").write_text(ZH, encoding="utf-8")
    (raw / "en.txt").write_text(EN, encoding="utf-8")
    (raw / "manifest.toml").write_text(
        '[[documents]]\nid = "dsl.zh"\nfile = "zh.txt"\nlanguage = "zh"\nrole = "original"\n'
        'work = "dsl"\ntitle = "数据安全法"\n\n'
        '[[documents]]\nid = "dsl.en"\nfile = "en.txt"\nlanguage = "en"\n'
        'role = "translation"\noriginal = "dsl.zh"\nwork = "dsl"\ntitle = "DSL"\n',
        encoding="utf-8")
    out = tmp_path / "aligned"
    result = runner.invoke(app, ["align", "--raw", str(raw), "--out", str(out), "--model",
                                 f"st:{tiny.path}", "--no-cache"])
    assert result.exit_code == 0, result.output
    data = json.loads((out / "dsl.en.alignment.json").read_text("utf-8"))
    assert data["signature"]["params"]["model"] == f"st:{tiny.path}"
    docs = {d.id: [s.id for s in d.all_sentences()]
            for d in analyse(raw, Config(), "parse").docs}
    assert len(docs["dsl.zh"]) >= 4 and len(docs["dsl.en"]) >= 4
    assert sorted(i for b in data["beads"] for i in b["source"]) == sorted(docs["dsl.zh"])
    assert sorted(i for b in data["beads"] for i in b["target"]) == sorted(docs["dsl.en"])
