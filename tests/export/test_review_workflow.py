"""The review workflow in a real headless Chromium: a reviewer decides on a record and
a bead in the review page, the decisions outlive a reload (browser storage), are
exported as a file, imported with ``review import``, survive a rebuild of the output
directory and come back in the TMX, CSV and JSON exports and in the rebuilt page;
also the text, severity, score and status filters, the next/previous record keys and
a 390-pixel-wide layout."""

from __future__ import annotations

import csv
import json
import time
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from outline_corpus.cli import app
from outline_corpus.store.query import Corpus
from tests.conftest import REAL_RAW

B = "outline.en.b"
PAGE = "outline.zh.review.html"


@pytest.fixture(scope="module")
def out(tmp_path_factory: pytest.TempPathFactory, shared_cache: Path) -> Path:
    """An output directory of its own with a build of the real corpus."""
    out = tmp_path_factory.mktemp("reviewed")
    _build(out, shared_cache)
    return out


def _build(out: Path, cache: Path) -> None:
    result = CliRunner().invoke(app, ["build", "--raw", str(REAL_RAW), "--out", str(out),
                                      "--cache", str(cache), "--json"])
    assert result.exit_code == 0, result.output


@pytest.fixture(scope="module")
def picked(out: Path) -> dict[str, str]:
    """A high omission of B alone on its two-sided bead, and a clean 1:1 bead of B
    elsewhere."""
    with Corpus.open(out / "corpus.sqlite") as corpus:
        records = {r.id: r for r in corpus.divergences(B)}
        beads = corpus.beads(B)
    lone = next(b for b in beads if len(b.divergences) == 1 and b.source_ids
                and b.target_ids and records[b.divergences[0]].kind == "omission")
    clean = next(b for b in beads if not b.divergences and b.kind == "1:1"
                 and b.source_ids[0] != lone.source_ids[0])
    return {"record": lone.divergences[0], "lone": lone.id, "clean": clean.id}


def _open(browser: Any, page: Path, clear: bool = False) -> None:
    browser.set_window_size(1400, 1000)
    browser.get(page.as_uri())
    if clear:
        browser.execute_script("localStorage.clear()")
        browser.get(page.as_uri())


def _decide(browser: Any, css: str, status: str, comment: str) -> None:
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import Select

    el = browser.find_element(By.CSS_SELECTOR, css)
    browser.execute_script("arguments[0].scrollIntoView({block: 'center'})", el)
    if "bead" in css:
        el.click()  # opens the bead's decision
    box = browser.execute_script("return arguments[0].decisionBox", el)
    Select(box.find_element(By.TAG_NAME, "select")).select_by_value(status)
    box.find_element(By.CSS_SELECTOR, "button.comment-toggle").click()
    area = box.find_element(By.TAG_NAME, "textarea")
    area.send_keys(comment)
    browser.find_element(By.ID, "reviewer").click()  # leaving the box saves the comment


def _shown(browser: Any, css: str) -> tuple[str, str]:
    return tuple(browser.execute_script(  # type: ignore[return-value]
        "const b = document.querySelector(arguments[0]).decisionBox;"
        "return [b.select.value, b.comment.value]", css))


def _download(downloads: Path) -> Path:
    for _ in range(50):
        found = [p for p in downloads.glob("*.json")]
        if found:
            return found[0]
        time.sleep(0.1)
    raise AssertionError("the page saved no file")


def test_a_decision_survives_reload_import_and_rebuild(
        browser: Any, out: Path, picked: dict[str, str], downloads: Path,
        shared_cache: Path) -> None:
    from selenium.webdriver.common.by import By

    record = f"li.note[data-id='{picked['record']}']"
    bead = f".bead[data-bead='{picked['clean']}']"
    _open(browser, out / PAGE, clear=True)
    browser.find_element(By.ID, "reviewer").send_keys("Li")
    _decide(browser, record, "confirmed", "a real omission")
    _decide(browser, bead, "not_a_divergence", "fine as it is")
    assert browser.find_element(By.ID, "decided").text.startswith("1 of ")
    _open(browser, out / PAGE)  # kept in the browser's storage
    assert _shown(browser, record) == ("confirmed", "a real omission")
    assert _shown(browser, bead) == ("not_a_divergence", "fine as it is")
    browser.find_element(By.ID, "export-decisions").click()
    saved = json.loads(_download(downloads).read_text(encoding="utf-8"))
    assert saved["format"] == "outline-corpus-review" and saved["original"] == "outline.zh"
    assert {(d["target"], d["status"], d["reviewer"]) for d in saved["decisions"]} == {
        ("record", "confirmed", "Li"), ("bead", "not_a_divergence", "Li")}

    runner = CliRunner()
    imported = runner.invoke(app, ["review", "import", str(next(downloads.glob("*.json"))),
                                   "--db", str(out / "corpus.sqlite")])
    assert imported.exit_code == 0 and "2 added" in imported.output, imported.output
    _build(out, shared_cache)  # a rebuild of the same directory keeps them
    listed = json.loads(runner.invoke(app, ["review", "list", "--json", "--db",
                                            str(out / "corpus.sqlite")]).output)
    assert {(d["record"], d["bead"]) for d in listed} == {
        (picked["record"], None), (None, picked["clean"])}
    note = _note_of(out / f"{B}.tmx", picked["lone"])
    assert "[review: confirmed (Li, " in note and "a real omission]" in note
    with (out / f"{B}.csv").open(encoding="utf-8-sig", newline="") as f:
        rows = {r["bead"]: r for r in csv.DictReader(f)}
    assert (rows[picked["lone"]]["status"], rows[picked["lone"]]["comment"]) == (
        "confirmed", "a real omission")
    assert rows[picked["clean"]]["status"] == "not a divergence"
    whole = json.loads((out / "corpus.json").read_text(encoding="utf-8"))
    assert {r["id"]: r["review"] for r in whole["divergences"]}[picked["record"]][
        "status"] == "confirmed"
    _open(browser, out / PAGE, clear=True)  # the rebuilt page, from the database alone
    assert _shown(browser, record) == ("confirmed", "a real omission")
    assert _shown(browser, bead) == ("not_a_divergence", "fine as it is")


def _note_of(tmx: Path, tuid: str) -> str:
    from lxml import etree

    tu = next(t for t in etree.parse(str(tmx)).iter("tu") if t.get("tuid") == tuid)
    return str(tu.findtext("note"))


def _visible(browser: Any) -> int:
    return int(browser.execute_script(
        "return [...document.querySelectorAll('tr.row')]"
        ".filter(r => r.offsetParent !== null).length"))


def test_text_severity_score_and_status_filters(browser: Any, out: Path) -> None:
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import Select

    _open(browser, out / PAGE, clear=True)
    with Corpus.open(out / "corpus.sqlite") as corpus:
        zh = corpus.sentences("outline.zh")
        beads = [b for t in ("outline.en.a", B) for b in corpus.beads(t)]
        high = {r.id for r in corpus.divergences() if r.severity == "high"}
    low_rows = {b.source_ids[0] if b.source_ids else b.id for b in beads if b.score < 0.5}
    score = browser.find_element(By.ID, "score-filter")
    score.send_keys("0.5")
    assert _visible(browser) == len(low_rows) > 0
    score.clear()
    text = browser.find_element(By.ID, "text-filter")
    text.send_keys("质量强国")
    with_text = {s.id for s in zh if "质量强国" in s.text}
    shown = set(browser.execute_script(
        "return [...document.querySelectorAll('tr.row')]"
        ".filter(r => r.offsetParent !== null).map(r => r.id)"))
    assert with_text <= shown  # and the English rows that say it, if any
    text.clear()
    Select(browser.find_element(By.ID, "severity-filter")).select_by_value("high")
    shown_high = set(browser.execute_script(
        "return [...document.querySelectorAll('li.note[data-id]')]"
        ".filter(li => li.offsetParent !== null).map(li => li.dataset.id)"))
    assert shown_high == high  # every high record is shown, and only those
    Select(browser.find_element(By.ID, "severity-filter")).select_by_value("")
    Select(browser.find_element(By.ID, "status-filter")).select_by_value("fixed")
    assert _visible(browser) == 0  # a fresh page: nothing decided yet
    Select(browser.find_element(By.ID, "status-filter")).select_by_value("")
    assert _visible(browser) == len(browser.find_elements(By.CSS_SELECTOR, "tr.row"))


def test_next_and_previous_record_keys(browser: Any, out: Path) -> None:
    from selenium.webdriver.common.by import By

    _open(browser, out / PAGE, clear=True)
    body = browser.find_element(By.TAG_NAME, "body")
    ids = browser.execute_script(
        "return [...document.querySelectorAll('li.note[data-id]')]"
        ".filter(li => li.offsetParent !== null).map(li => li.dataset.id)")

    def current() -> str:
        return str(browser.execute_script(
            "return document.querySelector('li.note.current').dataset.id"))

    body.send_keys("j")
    assert current() == ids[0]
    body.send_keys("j")
    body.send_keys("n")
    assert current() == ids[2]
    body.send_keys("k")
    assert current() == ids[1]
    assert browser.find_element(By.ID, "at-record").text == f"record 2 of {len(ids)}"
    browser.find_element(By.ID, "prev-record").click()
    assert current() == ids[0]


def test_the_page_fits_a_390_pixel_screen(browser: Any, out: Path) -> None:
    _open(browser, out / PAGE)
    browser.set_window_size(390, 844)
    width, scroll, cell = browser.execute_script(
        "const td = document.querySelector('tr.row td.tr');"
        "return [window.innerWidth, document.documentElement.scrollWidth,"
        " td.getBoundingClientRect().width]")
    assert width <= 390
    assert scroll <= width  # nothing wider than the screen: no sideways scrolling
    assert cell > width * 0.8  # a translation's cell takes the whole width
