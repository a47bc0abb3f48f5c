"""The list of government bodies: the shipped list, a user's names file (read, checked,
merged, signed) and the errors a bad file gives."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from outline_corpus.cli import app
from outline_corpus.config import Config
from outline_corpus.diverge.bodies import bodies, read_names_file, shipped
from outline_corpus.diverge.records import DivergenceParams
from outline_corpus.errors import NamesFileError

GUANGDONG = """\
[[body]]
zh = ["广东省市场监督管理局", "广东省市场监管局"]
en = "Administration for Market Regulation of Guangdong Province"
also = ["Guangdong AMR"]
"""
RENAMED = """\
[[body]]
zh = ["国家市场监督管理总局", "市场监管总局"]
en = "State Administration of Market Regulation"
"""


def _file(tmp_path: Path, text: str, name: str = "bodies.toml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_every_shipped_body_has_a_name_of_its_kind() -> None:
    seen: set[str] = set()
    for b in shipped():
        assert b.zh and b.en and b.heads, b
        assert not seen & set(b.zh), b  # a Chinese name names one body
        seen |= set(b.zh)


def test_a_users_body_is_added_and_one_sharing_a_chinese_name_replaces_the_shipped() -> None:
    mine = bodies(GUANGDONG + "\n" + RENAMED)
    assert mine[0].en == "Administration for Market Regulation of Guangdong Province"
    assert mine[0].also == ("Guangdong AMR",)
    samr = [b for b in mine if "市场监管总局" in b.zh]
    assert [b.en for b in samr] == ["State Administration of Market Regulation"]
    # the shipped body is gone whole, with its short form 国家市场监管总局
    assert not [b for b in mine if "国家市场监管总局" in b.zh]
    assert len(mine) == len(shipped()) + 1
    assert bodies() == shipped()


@pytest.mark.parametrize(("text", "says"), [
    ("[[body]\nzh = 1", "not TOML"),
    ("[[bodies]]\nzh = ['国务院']\nen = 'State Council'\n", "other than [[body]] tables"),
    ("[[body]]\nzh = ['国务院']\nen = 'State Council'\nname = 'x'\n",
     "body 1 (国务院): unknown key 'name'"),
    ("[[body]]\nzh = '国务院'\nen = 'State Council'\n", "body 1: zh must be a list"),
    ("[[body]]\nzh = ['国务院']\n", "body 1 (国务院): en must be its English name"),
    ("[[body]]\nzh = ['国务院']\nen = 'State Council'\nalso = 'SC'\n", "also must be a list"),
    ("[[body]]\nzh = ['广东省人民代表大会']\nen = \"Guangdong People's Assembly\"\n",
     "has none of the head nouns"),
    (GUANGDONG + "\n[[body]]\nzh = ['广东省市场监管局']\nen = 'Guangdong Bureau'\n",
     "广东省市场监管局 names two bodies"),
])
def test_a_bad_names_file_is_refused_naming_the_file_and_the_fault(
        tmp_path: Path, text: str, says: str) -> None:
    path = _file(tmp_path, text)
    with pytest.raises(NamesFileError) as err:
        DivergenceParams(names_file=str(path))
    assert str(err.value).startswith(f"{path}: ")
    assert says in str(err.value)


def test_a_missing_empty_or_undecodable_names_file_is_refused(tmp_path: Path) -> None:
    with pytest.raises(NamesFileError, match="names file not found"):
        read_names_file(str(tmp_path / "none.toml"))
    with pytest.raises(NamesFileError, match="holds no"):
        read_names_file(str(_file(tmp_path, "# nothing yet\n")))
    latin = tmp_path / "latin.toml"
    latin.write_bytes("[[body]]\nen = 'Bureau é'\n".encode("latin-1"))
    with pytest.raises(NamesFileError, match="not UTF-8"):
        read_names_file(str(latin))
    with pytest.raises(NamesFileError, match="cannot be read"):
        read_names_file(str(tmp_path))


def test_the_signature_names_the_files_digest_not_its_path(tmp_path: Path) -> None:
    assert DivergenceParams().signature()["names_file"] == ""
    one = DivergenceParams(names_file=str(_file(tmp_path, GUANGDONG, "a.toml")))
    two = DivergenceParams(names_file=str(_file(tmp_path, GUANGDONG, "b.toml")))
    other = DivergenceParams(names_file=str(_file(tmp_path, RENAMED, "c.toml")))
    assert one.signature() == two.signature()
    assert one.signature()["names_file"].startswith("sha256:")
    assert one.signature() != other.signature()
    assert "names_text" not in one.signature()
    assert "names_file" in Config(divergence=one).signature("divergence")["params"]


def test_the_cli_refuses_a_bad_names_file_in_one_line_before_any_work(tmp_path: Path
                                                                      ) -> None:
    out = tmp_path / "out"
    result = CliRunner().invoke(app, ["build", "--out", str(out), "--names-file",
                                      str(tmp_path / "none.toml")])
    assert result.exit_code == 1
    assert "Traceback" not in result.output
    lines = result.output.strip().splitlines()
    assert lines[-1] == f"error: {tmp_path / 'none.toml'}: names file not found; give " \
                        "the path of a TOML file of [[body]] tables"
    assert not out.exists()

