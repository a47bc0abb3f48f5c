"""Lists the Chinese leaves open with 等 that a translation gives closed: where the
lists are found, and the records of a hand-made pair of translations, one keeping the
lists open and one closing them."""

from __future__ import annotations

from pathlib import Path

import pytest

from outline_corpus.config import Config, DivergenceParams
from outline_corpus.diverge.openlists import OpenList, open_lists
from outline_corpus.pipeline import Results, analyse

from .pairs import write_corpus

ZH = "加强机械、电子、汽车等产品质量监管。推动质量策划、质量控制等全过程数字化转型。坚持平等协商。"
OPEN = ("Strengthen the quality supervision of machinery, electronics, automobiles and other "
        "products. Promote the digital transformation of the whole process, such as quality "
        "planning and quality control. Adhere to consultation on an equal footing.")
CLOSED = ("Strengthen the quality supervision of machinery, electronics and automobiles. "
          "Promote the digital transformation of the whole process of quality planning and "
          "quality control. Adhere to consultation on an equal footing.")


def test_a_list_closed_by_deng_is_found_with_its_members() -> None:
    text = "依托国家级新区、自由贸易试验区等,打造创新策源地。"
    assert open_lists("s", text) == [OpenList("s", 0, text.index("等"), text.index("等") + 1)]


def test_a_leading_verb_is_left_out_of_the_first_member() -> None:
    text = "推动质量策划、质量控制等全流程转型。"
    (found,) = open_lists("s", text)
    assert text[found.start:found.closer] == "质量策划、质量控制"


def test_no_list_no_closer() -> None:
    assert open_lists("s", "加强技术创新等工作。") == []  # one member: no list
    assert open_lists("s", "坚持平等、自愿、协商。") == []  # 等 inside 平等
    assert open_lists("s", "机械、电子,汽车等产品。") == []  # the list ends at the comma


@pytest.fixture(scope="module")
def root(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_corpus(tmp_path_factory.mktemp("openlists"), ZH,
                        {"open": OPEN, "closed": CLOSED})


@pytest.fixture(scope="module")
def res(root: Path) -> Results:
    return analyse(root, Config(), "diverge")


def _closed(res: Results) -> list[tuple[str, str, str]]:
    return [(r.doc, r.original_text, r.translation_text) for r in res.records
            if r.evidence.get("open_list")]


def test_the_closing_translation_alone_gets_a_record_per_list(res: Results) -> None:
    assert _closed(res) == [
        ("closed", "机械、电子、汽车等", "machinery, electronics and automobiles"),
        ("closed", "质量策划、质量控制等", "quality planning and quality control")]
    for r in res.records:
        if r.evidence.get("open_list"):
            assert r.kind == "omission" and r.severity == "low"
            assert r.evidence["confidence"] == 1.0  # the other translation keeps it open
            assert set(r.evidence["others"]) == {"open"}
            assert r.evidence["others"]["open"].lower() in ("other", "such as")


def test_each_record_has_the_gap_of_its_closer(res: Results) -> None:
    texts = {s.id: s.text for d in res.docs if d.id == "zh" for s in d.sentences()}
    ids = {r.id for r in res.records if r.evidence.get("open_list")}
    closers = [g for g in res.gaps if g.record in ids]
    assert len(closers) == len(ids)
    assert all(texts[g.sentence][g.start:g.end] == "等" for g in closers)


def test_the_knob_turns_it_off(root: Path) -> None:
    config = Config(divergence=DivergenceParams(skip_open_lists=True))
    assert _closed(analyse(root, config, "diverge")) == []
