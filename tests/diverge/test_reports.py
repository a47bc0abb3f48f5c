"""divergences.md: texts of the corpus are quoted as text, never as HTML or Markdown."""

from __future__ import annotations

import html
import json
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

from outline_corpus.diverge.records import Divergence
from outline_corpus.diverge.reports import markdown, write_reports

SIG = {"toolkit": "outline-corpus", "version": "0", "params": {"model": "m`x"}}
SCRIPT = "<script>alert(1)</script>"


def _record(**changes: Any) -> Divergence:
    record = Divergence(id="e/omission/z/art-1/s-1", doc="e", kind="omission",
                        severity="high", article=1, original_ids=("z/art-1/s-1",),
                        translation_ids=(), original_text=f"原文{SCRIPT}",
                        translation_text=f"Text {SCRIPT} & more", message=f"Lost {SCRIPT}.")
    return replace(record, **changes)


def test_script_in_texts_and_message_is_escaped() -> None:
    report = markdown([_record()], SIG)
    assert "<script" not in report and "</script" not in report
    assert "  - original: 原文&lt;script&gt;alert(1)&lt;/script&gt;" in report
    assert "  - translation: Text &lt;script&gt;alert(1)&lt;/script&gt; &amp; more" in report
    assert "- **omission** (high, e): Lost &lt;script&gt;alert(1)&lt;/script&gt;." in report


def test_markdown_markup_is_escaped() -> None:
    text = "[click](javascript:alert(1)) ![i](x) `code` *em* _u_ ~s~ \\ <http://x>\n# title"
    report = markdown([_record(original_text=text, message=text)], SIG)
    quoted = ("\\[click\\](javascript:alert(1)) !\\[i\\](x) \\`code\\` \\*em\\* \\_u\\_ "
              "\\~s\\~ \\\\ &lt;http://x&gt; # title")
    assert f"  - original: {quoted}" in report
    assert f"(high, e): {quoted}" in report
    assert "\n# title" not in report  # a text stays on its line


def test_ids_are_code_spans_a_backtick_cannot_close() -> None:
    report = markdown([_record(id="e/`<b>`/x")], SIG)
    assert "  - id: ``e/`<b>`/x``" in report
    assert "model ``m`x``." in report
    assert "  - id: `` `start ``" in markdown([_record(id="`start")], SIG)


def test_a_commonmark_renderer_shows_the_exact_text() -> None:
    markdown_it = pytest.importorskip("markdown_it")
    text = f"[a](javascript:x) ![i](x) `c` *e* _u_ \\ <http://x> {SCRIPT} &lt; &#60;b>"
    line = next(x for x in markdown([_record(original_text=text)], SIG).splitlines()
                if x.startswith("  - original: "))
    rendered = markdown_it.MarkdownIt("commonmark").render(line.strip())
    assert rendered == f"<ul>\n<li>original: {html.escape(text, quote=False)}</li>\n</ul>\n"


def test_long_texts_are_cut_before_escaping() -> None:
    report = markdown([_record(original_text="&" * 400)], SIG)
    assert "  - original: " + "&amp;" * 300 + " …" in report


def test_json_keeps_the_texts_exactly(tmp_path: Path) -> None:
    json_path, md_path = write_reports([_record()], SIG, tmp_path)
    record = json.loads(json_path.read_text("utf-8"))["records"][0]
    assert record["translation_text"] == f"Text {SCRIPT} & more"
    assert "<script" not in md_path.read_text("utf-8")
