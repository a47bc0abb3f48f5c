"""The pipeline: stages run in order, each command's stage writes what it names, and
links stay within a work."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from outline_corpus import pipeline
from outline_corpus.config import Config
from outline_corpus.errors import OutlineCorpusError, ParameterError
from outline_corpus.publish import OUTPUTS

ZH = ("第一条 为了保护数据安全，制定本法。\n第二条 本法适用于中华人民共和国境内的数据处理活动。\n"
      "第三条 国家保障数据依法有序自由流动。\n")
EN = ("Article 1 This Law is enacted to protect data security.\n"
      "Article 2 This Law applies to data processing activities within the People's "
      "Republic of China.\n"
      "Article 3 The State ensures the orderly and free flow of data in accordance with "
      "the law.\n")
TALK = ("The law is enacted to protect data security.\n\n"
        "It applies to data processing activities in China.\n")


PAIR = [
    {"id": "dsl.zh", "file": "zh.txt", "language": "zh", "role": "original",
     "work": "dsl", "title": "数据安全法"},
    {"id": "dsl.en", "file": "en.txt", "language": "en-GB", "role": "translation",
     "work": "dsl", "title": "DSL", "original": "dsl.zh"},
]


def _corpus(tmp_corpus: Callable[..., Path]) -> Path:
    docs = [
        *PAIR,
        {"id": "talk.same", "file": "talk.txt", "language": "en", "role": "related",
         "work": "dsl", "title": "Talk"},
        {"id": "talk.other", "file": "talk.txt", "language": "en", "role": "related",
         "work": "another-law", "title": "Talk"},
    ]
    return tmp_corpus(docs, {"zh.txt": ZH, "en.txt": EN, "talk.txt": TALK})


def test_parse_stage_loads_no_model(tmp_corpus: Callable[..., Path],
                                    monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(name: str) -> None:
        raise AssertionError("the parse stage loaded a model")

    monkeypatch.setattr("outline_corpus.align.embed.load_embedder", refuse)
    res = pipeline.analyse(_corpus(tmp_corpus), Config(), "parse")
    assert [d.id for d in res.docs] == ["dsl.zh", "dsl.en", "talk.same", "talk.other"]
    assert res.translations == ("dsl.en",) and res.alignments == ()


def test_stages_write_only_their_outputs(tmp_corpus: Callable[..., Path],
                                         tmp_path: Path) -> None:
    raw = _corpus(tmp_corpus)
    res = pipeline.run(raw, tmp_path / "a", Config(), "align", cache_path=None)
    names = sorted(p.name for p in (tmp_path / "a").iterdir() if p.name != OUTPUTS)
    assert names == ["dsl.en.alignment.json", "dsl.zh.parallel.json"]
    assert sorted(p.name for p in res.written) == names
    assert res.records == () and res.links == ()
    every = [s.id for s in res.docs[0].all_sentences()]
    covered = [sid for b in res.alignments[0].beads for sid in b.source]
    assert sorted(covered) == sorted(every)  # every sentence in exactly one bead

    res = pipeline.run(raw, tmp_path / "d", Config(), "diverge", cache_path=None)
    assert sorted(p.name for p in (tmp_path / "d").iterdir()) == [
        OUTPUTS, "divergences.json", "divergences.md", "dsl.en.alignment.json",
        "dsl.zh.parallel.json"]
    assert "links" not in res.signature["params"] and "link_top" not in res.signature["params"]


def test_links_stay_within_a_work(tmp_corpus: Callable[..., Path]) -> None:
    res = pipeline.analyse(_corpus(tmp_corpus), Config(), "link")
    assert res.links, "the related document of the same work is linked"
    assert {link.doc for link in res.links} == {"talk.same"}
    assert {link.original for link in res.links} == {"dsl.zh"}
    assert res.signature["params"]["link_top"] == 3


def test_no_translation_chosen_is_an_error(tmp_corpus: Callable[..., Path]) -> None:
    with pytest.raises(OutlineCorpusError, match="no translation among the documents chosen"):
        pipeline.analyse(_corpus(tmp_corpus), Config(), "align", ["talk.same"])


def test_unknown_stage(tmp_corpus: Callable[..., Path], tmp_path: Path) -> None:
    with pytest.raises(ParameterError, match="unknown stage 'publish'"):
        pipeline.run(_corpus(tmp_corpus), tmp_path, Config(), "publish")


EN_FLAT = ("This Law is enacted to protect data security.\n\n"
           "This Law applies to data processing activities within the People's Republic of "
           "China.\n\n"
           "The State ensures the orderly and free flow of data in accordance with the law.\n")


def test_a_flat_translation_is_aligned_as_one_run(tmp_corpus: Callable[..., Path]) -> None:
    raw = tmp_corpus(PAIR, {"zh.txt": ZH, "en.txt": EN_FLAT})
    res = pipeline.analyse(raw, Config(), "diverge")
    zh, en = res.docs
    assert (zh.profile, en.profile) == ("law", "flat")
    (al,) = res.alignments
    assert al.mode == "document"
    assert al.warnings == ("dsl.en read flat (no structure profile fits); the whole "
                           "documents were aligned as one run",)
    assert res.warnings[0].startswith("dsl.en: no structure profile fits (fits: law 0.00, "
                                      "policy 0.00); read as 3 paragraphs")
    src = [sid for b in al.beads for sid in b.source]
    tgt = [tid for b in al.beads for tid in b.target]
    assert src == [s.id for s in zh.sentences()] and tgt == [s.id for s in en.sentences()]
    assert [(b.kind, b.article) for b in al.beads] == [("1:1", 1), ("1:1", 2), ("1:1", 3)]
    assert not [r for r in res.records if r.kind in ("missing_article", "extra_unit")]


def test_warnings_reach_the_command_line(tmp_corpus: Callable[..., Path],
                                         tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from outline_corpus.cli import app

    raw = tmp_corpus(PAIR, {"zh.txt": ZH, "en.txt": EN_FLAT})
    for command in ("diff", "align", "build"):
        result = CliRunner().invoke(app, [command, "--raw", str(raw), "--out",
                                          str(tmp_path / command), "--no-cache", "--json"])
        assert result.exit_code == 0, result.output
        warnings = [line for line in result.stderr.splitlines() if line.startswith("warning:")]
        assert warnings and all(w.startswith("warning: dsl.en: ") for w in warnings)
        assert any("aligned as one run" in w for w in warnings)


def test_article_view_of_a_pair_aligned_as_one_run(tmp_corpus: Callable[..., Path],
                                                   tmp_path: Path) -> None:
    from outline_corpus.store.query import Corpus

    raw = tmp_corpus(PAIR, {"zh.txt": ZH, "en.txt": EN_FLAT})
    pipeline.run(raw, tmp_path, Config(), "store")
    with Corpus.open(tmp_path / "corpus.sqlite") as corpus:
        for number in (1, 2, 3):
            view = corpus.article(number)
            assert view.rows and all(r.renderings["dsl.en"].kind != "1:0" for r in view.rows)


def test_a_corpus_without_translations_builds(tmp_corpus: Callable[..., Path],
                                              tmp_path: Path) -> None:
    raw = tmp_corpus(PAIR[:1], {"zh.txt": ZH})
    res = pipeline.run(raw, tmp_path / "out", Config(), "export", cache_path=None)
    names = sorted(p.name for p in res.written)
    assert "corpus.sqlite" in names and "corpus.json" in names
    assert "dsl.zh.review.html" in names
    assert not [n for n in names if n.endswith((".tmx", ".csv"))]


def test_parse_progress_reaches_the_report(tmp_corpus: Callable[..., Path]) -> None:
    """The parse stage reports the characters parsed: in all, those of every document
    parsed (talk.txt twice, as two documents), never falling, never past the total."""
    calls: list[tuple[str, int, int]] = []
    res = pipeline.analyse(_corpus(tmp_corpus), Config(), "parse",
                           report=lambda *call: calls.append(call))
    assert {stage for stage, _, _ in calls} == {"parse"}
    assert all(done <= total for _, done, total in calls)
    assert [done for _, done, _ in calls] == sorted(done for _, done, _ in calls)
    assert calls[-1][1:] == (sum(len(d.text) for d in res.docs),) * 2


DEVCORPUS = Path(__file__).resolve().parents[1].parent / "shared" / "devcorpus"
TWO_WORKS = ("algorithmic-recommendation-2022", "data-security-law-2021")


def _works_dir(tmp_corpus: Callable[..., Path], names: tuple[str, ...]) -> Path:
    """One raw directory holding the devcorpus pairs ``names``, their manifests joined."""
    if not DEVCORPUS.is_dir():
        pytest.skip("../shared/devcorpus is not beside the repository")
    raws = [DEVCORPUS / n / "raw" for n in names]
    files = {p.name: p for r in raws for p in r.iterdir() if p.name != "manifest.toml"}
    manifest = "\n".join((r / "manifest.toml").read_text(encoding="utf-8") for r in raws)
    return tmp_corpus(None, files, manifest)  # type: ignore[no-any-return]


def test_many_works_in_one_build_embed_together_and_align_as_alone(
        tmp_corpus: Callable[..., Path], tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch) -> None:
    from outline_corpus.align.embed import USEEmbedder

    batches: list[list[str]] = []
    states = USEEmbedder._states

    def spy(self: USEEmbedder, texts: list[str]) -> object:
        batches.append(list(texts))
        return states(self, texts)

    monkeypatch.setattr(USEEmbedder, "_states", spy)
    both = pipeline.run(_works_dir(tmp_corpus, TWO_WORKS), tmp_path / "both", Config(),
                        "align", cache_path=None)
    assert {a.original for a in both.alignments} == {"algo.zh", "dsl.zh"}
    docs = {s.text: d.id for d in both.docs for s in d.all_sentences()}
    assert any(len({docs[t] for t in b if t in docs}) > 2 for b in batches), \
        "no encoder batch held sentences of more than one work"
    for name in TWO_WORKS:
        alone = pipeline.run(_works_dir(tmp_corpus, (name,)), tmp_path / name, Config(),
                             "align", cache_path=None)
        (al,) = alone.alignments
        written = f"{al.translation}.alignment.json"
        assert (tmp_path / name / written).read_bytes() == (
            tmp_path / "both" / written).read_bytes()
