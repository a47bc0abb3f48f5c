"""HTML review page: self-contained, one row per sentence of the original (and per
added sentence), missing articles shown, and filters that work in a real headless
Chromium (Debian's chromium and chromium-driver; CI installs them and sets
OUTLINE_CORPUS_BROWSER_TESTS=required so that a missing browser fails the run)."""

from __future__ import annotations

import io
import os
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from lxml import html

from outline_corpus.store.query import Corpus

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMEDRIVER = shutil.which("chromedriver") or "/usr/bin/chromedriver"


def _page(built: Path) -> Any:
    return html.parse(str(built.parent / "outline.zh.review.html")).getroot()


def test_page_is_self_contained(built: Path) -> None:
    page = _page(built)
    assert page.xpath("//link") == [] and page.xpath("//script[@src]") == []
    assert page.xpath("//img") == [] and page.xpath("//iframe") == []
    external = [v for v in page.xpath("//@href | //@src") if not v.startswith("#")]
    assert external == []
    assert "@import" not in "".join(page.xpath("//style/text()"))


def test_rows_sections_and_missing_articles(built: Path) -> None:
    page = _page(built)
    rows = page.xpath("//tr[contains(@class, 'row')]")
    with Corpus.open(built) as corpus:
        zh = corpus.sentences("outline.zh")
        added = [b for t in ("outline.en.a", "outline.en.b") for b in corpus.beads(t)
                 if not b.source_ids]
    assert len(rows) == 254 == len(zh) + len(added) + 1  # + translations' front matter
    assert [r.get("id") for r in rows if "role-added" in r.get("class")] == [
        "outline.en.b/b-82"]
    sections = page.xpath("//tbody[@class='section']")
    kinds = [s.get("data-kind") for s in sections]
    assert (kinds.count("article"), kinds.count("part"), kinds[:2]) == (32, 11,
                                                                        ["front", "preamble"])
    art10 = page.get_element_by_id("art-10")
    assert "missing from A (outline.en.a)" in art10.text_content()
    states = [c.get("class") for c in art10.xpath(
        ".//tr[not(contains(@class, 'role-added'))]/td[@data-doc='outline.en.a']")]
    assert len(states) == sum(1 for s in zh if s.article == 10) == 8
    assert set(states) == {"tr state-missing"}
    toc = [a.get("href") for a in page.xpath("//nav[@id='toc']//a")]
    assert toc[:4] == ["#front", "#preamble", "#part-1", "#part-2"] and len(toc) == 45
    # the Chinese text of every row is the sentence, exactly
    texts = {r.get("id"): r.xpath("./td[@class='zh']")[0] for r in rows}
    assert texts["outline.zh/art-14/s-3"].text == next(
        s.text for s in zh if s.id == "outline.zh/art-14/s-3")


def _expected(built: Path, kind: str, docs: set[str]) -> int:
    """Rows the filter should show: every row of a section with a record of ``kind``
    about the whole section, and rows where a cell of a shown column names ``kind``."""
    count = 0
    for section in _page(built).xpath("//tbody[@class='section']"):
        notes = [n.rsplit(":", 1) for n in section.get("data-notes").split()]
        whole = any(d in docs and k == kind for d, k in notes)
        for row in section.xpath("./tr[contains(@class, 'row')]"):
            cells = [c for c in row.xpath("./td[@data-kinds]")
                     if c.get("data-doc") is None or c.get("data-doc") in docs]
            if whole or any(kind in c.get("data-kinds").split() for c in cells):
                count += 1
    return count


def _expected_any(built: Path) -> int:
    count = 0
    for section in _page(built).xpath("//tbody[@class='section']"):
        rows = section.xpath("./tr[contains(@class, 'row')]")
        if section.get("data-notes"):
            count += len(rows)
        else:
            count += sum(1 for r in rows if any(
                c.get("data-kinds") for c in r.xpath("./td[@data-kinds]")))
    return count


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    if not (os.path.exists(CHROMIUM) and os.path.exists(CHROMEDRIVER)):
        if os.environ.get("OUTLINE_CORPUS_BROWSER_TESTS") == "required":
            pytest.fail(f"no browser: {CHROMIUM} and {CHROMEDRIVER} are required")
        pytest.skip("Debian's chromium and chromium-driver are not installed")
    os.environ["SE_OFFLINE"] = "true"  # never let Selenium Manager look for a driver
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for arg in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--no-first-run", "--window-size=1400,1000"):
        options.add_argument(arg)
    driver = webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)
    try:
        yield driver
    finally:
        driver.quit()


def test_filters_in_a_real_browser(built: Path, browser: Any, tmp_path: Path) -> None:
    from PIL import Image
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import Select

    page = built.parent / "outline.zh.review.html"
    browser.get(page.as_uri())

    def visible() -> int:
        return int(browser.execute_script(
            "return [...document.querySelectorAll('tr.row')]"
            ".filter(r => r.offsetParent !== null).length"))

    def shown() -> str:
        return str(browser.find_element(By.ID, "shown").text)

    both = {"outline.en.a", "outline.en.b"}
    assert visible() == 254 and shown() == "254 of 254 rows"
    select = Select(browser.find_element(By.ID, "kind-filter"))
    select.select_by_value("omission")
    omissions = _expected(built, "omission", both)
    assert omissions == 4 and visible() == 4 and shown() == "4 of 254 rows"
    select.select_by_value("missing_article")  # A's seven missing articles, in full
    with Corpus.open(built) as corpus:
        in_missing = sum(len(corpus.sentences("outline.zh", article=n))
                         for n in (10, 13, 16, 19, 22, 25, 30))
    assert visible() == _expected(built, "missing_article", both) == in_missing + 1
    assert browser.execute_script(
        "return [...document.querySelectorAll('tbody.section')]"
        ".filter(s => !s.hidden).map(s => s.id)") == [
        "art-10", "art-13", "art-16", "art-19", "art-22", "art-25", "art-30"]
    # hide translation B: its column goes, and so do rows only B's records kept
    select.select_by_value("omission")
    browser.find_element(By.CSS_SELECTOR, "input[data-doc='outline.en.b']").click()
    header_b = browser.find_element(By.CSS_SELECTOR, "th[data-doc='outline.en.b']")
    assert not header_b.is_displayed()
    assert visible() == _expected(built, "omission", {"outline.en.a"}) == 0
    select.select_by_value("")
    assert visible() == 254
    browser.find_element(By.CSS_SELECTOR, "input[data-doc='outline.en.b']").click()
    select.select_by_value("*")
    assert visible() == _expected_any(built) > 100
    shot = tmp_path / "review.png"
    assert browser.save_screenshot(str(shot))
    image = Image.open(io.BytesIO(shot.read_bytes())).convert("RGB")
    assert image.size[0] >= 1000
    colours = image.getcolors(maxcolors=1 << 20)
    assert colours is not None and len(colours) > 50  # text, badges and shading drawn
    most = max(colours)[0] / (image.size[0] * image.size[1])
    assert most < 0.95  # not a blank page
