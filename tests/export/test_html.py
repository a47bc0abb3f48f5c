"""HTML review page: self-contained, one row per sentence of the original (and per
added sentence), every divergence record shown once where it belongs, missing
articles shown, and filters that work in a real headless Chromium (Debian's chromium
and chromium-driver; CI installs them and sets OUTLINE_CORPUS_BROWSER_TESTS=required
so that a missing browser fails the run)."""

from __future__ import annotations

import io
from collections import Counter
from pathlib import Path
from typing import Any

from lxml import html

from outline_corpus.store.query import Corpus

BOTH = {"outline.en.a", "outline.en.b"}
MISSING_IN_A = (10, 13, 16, 19, 22, 25, 30)


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
        added = [b for t in sorted(BOTH) for b in corpus.beads(t) if not b.source_ids]
    assert len(rows) == 254 == len(zh) + len(added) + 1  # + translations' front matter
    assert [(r.get("id"), r.get("data-doc")) for r in rows
            if "role-added" in r.get("class")] == [("outline.en.b/b-83", "outline.en.b")]
    assert page.get_element_by_id("outline.en.b/b-83").getparent().get("id") == "art-10"
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
    # the Chinese text of every row is the sentence, exactly (marked words included)
    spans = {r.get("id"): r.xpath("./td[@class='zh']/span[@class='text']") for r in rows}
    assert [spans[s.id][0].text_content() for s in zh] == [s.text for s in zh]


def test_every_record_is_shown_once_where_it_belongs(built: Path) -> None:
    page = _page(built)
    with Corpus.open(built) as corpus:
        records = corpus.divergences()
    shown = page.xpath("//li[contains(@class, 'note')]")
    assert sorted(li.xpath("./small/code")[0].text for li in shown) == sorted(
        r.id for r in records)
    assert page.xpath("//section[@id='other-notes']") == []

    def kinds_at(xpath: str) -> list[tuple[str, str]]:
        return [(li.get("data-doc"), li.get("data-kind")) for li in page.xpath(xpath)]

    # the translations' front matter carries their front_matter records
    front = "//tr[@id='outline.zh/front-matter-of-translations']//li"
    assert Counter(kinds_at(front)) == Counter(
        (r.doc, r.kind) for r in records if r.kind == "front_matter")
    # records about a whole part or article head their section
    assert kinds_at("//tbody[@id='art-10']/tr[@class='section-head']//li") == [
        ("outline.en.a", "missing_article")]
    assert kinds_at("//tbody[@id='part-6']/tr[@class='section-head']//li") == [
        ("outline.en.a", "missing_heading"), ("outline.en.b", "numbering_anomaly")]
    # a clause omission sits on the row of its Chinese sentence, with the clause
    omission = page.xpath("//tr[@id='outline.zh/art-2/s-8']/td[@data-doc='outline.en.b']"
                          "//li[@data-kind='omission']")[0]
    assert omission.xpath("./q")[0].text == next(
        r.original_text for r in records if r.kind == "omission"
        and "outline.zh/art-2/s-8" in r.original_ids)
    assert omission.xpath("./q/@lang") == ["zh-CN"] and omission.get("lang") == "en"


def _rows_marked(built: Path, docs: set[str]) -> int:
    """Rows holding a word gap of one of ``docs``, from the database: the Chinese
    sentence of a gap of the original's side, the first Chinese sentence of the bead
    of a gap of the translation's side."""
    with Corpus.open(built) as corpus:
        first = {b.id: b.source_ids[0] for d in docs for b in corpus.beads(d) if b.source_ids}
        gaps = [g for d in sorted(docs) for g in corpus.word_gaps(d)]
    return len({g.sentence if g.side == "original" else first[g.bead] for g in gaps})


def _rows_with(built: Path, kind: str | None, docs: set[str]) -> int:
    """Rows the kind filter should show, from the database: for a record of ``kind``
    (any kind if None) of ``docs`` or of the original, the rows of the Chinese
    sentences it names, of the English sentences it names, of the translations'
    front matter for front matter, and every row of an article or part it says is
    missing."""
    with Corpus.open(built) as corpus:
        records = [r for r in corpus.divergences(kind=kind)
                   if r.doc in docs | {"outline.zh"}]
        zh = corpus.sentences("outline.zh")
        beads = [b for d in sorted(docs) for b in corpus.beads(d)]
    rows: set[str] = set()
    for r in records:
        if r.kind == "front_matter":
            rows.add("front")
            continue
        whole = r.kind in ("missing_article", "missing_heading")
        rows |= {s.id for s in zh if s.id in r.original_ids or (whole and s.unit in r.original_ids)}
        rows |= {b.source_ids[0] if b.source_ids else b.id for b in beads
                 if set(r.translation_ids) & set(b.target_ids)}
    return len(rows)


def test_filters_in_a_real_browser(built: Path, browser: Any, tmp_path: Path) -> None:
    from PIL import Image
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import Select

    browser.get((built.parent / "outline.zh.review.html").as_uri())

    def js(script: str) -> Any:
        return browser.execute_script(script)

    def visible() -> int:
        return int(js("return [...document.querySelectorAll('tr.row')]"
                      ".filter(r => r.offsetParent !== null).length"))

    def sections() -> list[str]:
        return list(js("return [...document.querySelectorAll('tbody.section')]"
                       ".filter(s => !s.hidden).map(s => s.id)"))

    def toggle_b() -> None:
        browser.find_element(By.CSS_SELECTOR, "input[data-doc='outline.en.b']").click()

    assert visible() == 254
    assert browser.find_element(By.ID, "shown").text == "254 of 254 rows"
    select = Select(browser.find_element(By.ID, "kind-filter"))
    select.select_by_value("omission")
    omitted = _rows_with(built, "omission", BOTH)
    assert visible() == omitted and omitted >= 4  # the 4 rows of sentence and clause omissions
    assert browser.find_element(By.ID, "shown").text == f"{omitted} of 254 rows"
    # a missing article is shown in full (B's added sentence in article 10 with it)
    select.select_by_value("missing_article")
    with Corpus.open(built) as corpus:
        in_missing = sum(len(corpus.sentences("outline.zh", article=n)) for n in MISSING_IN_A)
    assert visible() == _rows_with(built, "missing_article", BOTH) + 1 == in_missing + 1
    assert sections() == [f"art-{n}" for n in MISSING_IN_A]
    assert js("return [...document.querySelectorAll('nav#toc a:not(.filtered-out)')]"
              ".map(a => a.getAttribute('href'))") == [f"#art-{n}" for n in MISSING_IN_A]
    # a record about an article's label shows the article's heading, not its rows
    select.select_by_value("numbering_anomaly")
    assert visible() == _rows_with(built, "numbering_anomaly", BOTH)
    assert sections() == ["part-1", "art-11", "part-6", "art-14", "art-15", "art-17",
                          "art-20", "art-23", "art-24", "art-26", "art-27", "art-29",
                          "art-31"]
    # hiding translation B hides its column, its records and its added row
    select.select_by_value("omission")
    toggle_b()
    assert not browser.find_element(By.CSS_SELECTOR,
                                     "th[data-doc='outline.en.b']").is_displayed()
    assert visible() == _rows_with(built, "omission", {"outline.en.a"})
    select.select_by_value("")
    assert visible() == 253
    assert js("return document.querySelector('tr.section-head th').colSpan") == 3
    assert js("return [...document.querySelectorAll('li.note[data-doc=\"outline.en.b\"]')]"
              ".filter(li => li.offsetParent !== null).length") == 0
    table, columns = js(
        "const t = document.getElementById('review');"
        "return [t.getBoundingClientRect().width, [...t.querySelectorAll('thead th')]"
        ".filter(th => !th.hidden).reduce((w, th) => w + th.getBoundingClientRect().width, 0)]")
    assert abs(table - columns) < 3  # no empty column left behind
    toggle_b()
    select.select_by_value("*")
    assert visible() == _rows_with(built, None, BOTH) >= 76  # rows with any record
    # only rows with marked words: those holding a word gap of a shown translation
    select.select_by_value("")
    browser.find_element(By.ID, "marked-filter").click()
    assert visible() == _rows_marked(built, BOTH) > 0
    toggle_b()
    assert visible() == _rows_marked(built, {"outline.en.a"}) < _rows_marked(built, BOTH)
    toggle_b()
    browser.find_element(By.ID, "marked-filter").click()
    select.select_by_value("*")
    shot = tmp_path / "review.png"
    assert browser.save_screenshot(str(shot))
    image = Image.open(io.BytesIO(shot.read_bytes())).convert("RGB")
    assert image.size[0] >= 1000
    colours = image.getcolors(maxcolors=1 << 20)
    assert colours is not None and len(colours) > 50  # text, badges and shading drawn
    most = max(colours)[0] / (image.size[0] * image.size[1])
    assert most < 0.95  # not a blank page
