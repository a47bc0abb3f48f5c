"""Terminal rendering (rich) of parse results; presentation only, no logic.

Every text of the corpus (texts, titles, labels, ids, messages) enters a renderable as
a :class:`~rich.text.Text` made by :func:`_text`, so it is never read as markup and its
control characters are shown (:func:`printable`), never sent to the terminal."""

from __future__ import annotations

import re
from collections import Counter
from typing import TYPE_CHECKING, Any

from rich.console import Console
from rich.table import Column, Table
from rich.text import Text

from outline_corpus.lookup import number_ranges
from outline_corpus.model import Article, Document, Sentence, Turn, Unit
from outline_corpus.summary import counts, diagnostic_kinds

if TYPE_CHECKING:
    from outline_corpus.align.corpus import Alignment
    from outline_corpus.align.evaluate import Scores
    from outline_corpus.diverge.records import Divergence
    from outline_corpus.store.query import ArticleView, Hit
    from outline_corpus.store.similar import SimilarResult


#: C0 controls but tab and newline, DEL and C1 controls: what can start or end a
#: terminal escape sequence (ESC [ …, ESC ] … BEL, CSI U+009B, …).
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def _sign(match: re.Match[str]) -> str:
    code = ord(match.group())
    if code < 0x20:
        return chr(0x2400 + code)  # the Unicode control picture: ESC → ␛, BEL → ␇
    return "\u2421" if code == 0x7F else f"\\x{code:02x}"  # DEL → ␡, CSI → \x9b


def printable(text: str) -> str:
    """``text`` safe for a terminal: every control character but newline and tab is
    replaced by a visible sign (C0 by its control picture, ``\\x1b`` → ``␛``; DEL by
    ``␡``; C1 by ``\\x9b``-style), so no escape sequence reaches the terminal. Rich
    alone drops only BEL, BS, VT, FF and CR, and lets ESC and C1 through."""
    return _CONTROL.sub(_sign, text)


def _text(value: object, style: str = "") -> Text:
    """``value`` as corpus text for a renderable: never markup, controls made visible."""
    return Text(printable(str(value)), style=style)


def _gaps(doc: Document) -> str:
    return ", ".join(str(n) for n in doc.missing_articles) or "none"


def parse_table(doc: Document) -> Table:
    """Overview of one parsed document."""
    meta = doc.meta
    caption = f"{meta.language}, {meta.role}" + (f" of {meta.original}" if meta.original else "")
    table = Table(title=_text(f"{doc.id}  ({caption})"), show_header=False,
                  title_justify="left")
    table.add_column("what", style="bold")
    table.add_column("value")

    def row(name: str, value: str) -> None:  # corpus text is never read as markup
        table.add_row(_text(name), _text(value))

    n = counts(doc)
    row("file", meta.file)
    how = ("declared" if meta.structure != "auto" else "no profile fits"
           if doc.profile == "flat" else f"detected, fit {doc.confidence:.2f}")
    row("structure", f"{doc.profile} ({how})")
    row("front matter", ", ".join(f.kind for f in doc.front_matter) or "none")
    if doc.turns:
        kinds = {k: sum(1 for t in doc.turns if t.kind == k)
                 for k in ("host", "statement", "question", "answer")}
        row("turns", f"{n['turns']} (" + ", ".join(
            f"{v} {k}" for k, v in kinds.items() if v) + ")")
        row("speakers", ", ".join(dict.fromkeys(
            t.speaker for t in doc.turns if t.kind != "question")))
    else:
        for kind in dict.fromkeys(p.kind for p in doc.parts):
            heads = [p.heading.label for p in doc.parts if p.kind == kind]
            row(f"{kind}s", f"{len(heads)}: " + " ".join(heads))
        if not doc.parts:
            row("parts", "0")
        row("articles", f"{n['articles']}")
        row("missing articles", _gaps(doc))
        row("list items", str(n["list_items"]))
    row("sentences", str(n["sentences"]))
    row("back matter", str(len(doc.back_matter)))
    kinds = diagnostic_kinds(doc)
    row("diagnostics", f"{n['diagnostics']}" + (": " + ", ".join(
        f"{k} {v}" for k, v in kinds.items()) if kinds else ""))
    return table


def print_parse(console: Console, docs: list[Document], verbose: bool = False) -> None:
    for doc in docs:
        console.print(parse_table(doc))
        if verbose and doc.diagnostics:
            diag = Table("kind", "unit", "snippet", "message", "repaired")
            for d in doc.diagnostics:
                diag.add_row(_text(d.kind), _text(d.unit),
                             _text(d.snippet.replace("\n", "⏎")), _text(d.message),
                             "yes" if d.repaired else "no")
            console.print(diag)
        console.print()


def print_unit(console: Console, doc: Document, unit: Article | Turn | Unit,
               sentences: list[Sentence]) -> None:
    """One unit (article, transcript turn, or any other), sentence by sentence with ids."""
    if isinstance(unit, Turn):
        console.print(_text(f"{unit.id}  {unit.speaker} ({unit.role or unit.kind}) "
                            f"[{unit.kind}]", style="bold"))
    elif isinstance(unit, Article):
        console.print(_text(f"{unit.id}  {unit.heading.label} {unit.title}", style="bold"))
    else:
        console.print(_text(f"{unit.id}  {unit.kind} {unit.label}".rstrip(), style="bold"))
    table = Table("id", "role", "text", show_lines=False, box=None)
    for s in sentences:
        role = f"item {s.item}" if s.item else s.role
        table.add_row(_text(s.id), _text(role), _text(s.text))
    console.print(table)
    notes = [d for d in doc.diagnostics if unit.start <= d.start < unit.end]
    for d in notes:
        console.print(_text(f"  ! {d.kind}: {d.message}", style="yellow"))


def alignment_table(results: list[Alignment], out_dir: str) -> Table:
    """Per translation: units linked, units missing, bead kinds, mean confidence."""
    table = Table("translation", "units linked", "missing in translation", "beads",
                  "mean score", "front matter linked", title=_text(f"written to {out_dir}"),
                  title_justify="left")
    for al in results:
        linked = sum(1 for u in al.units if u.source and u.target)
        gaps = [u for u in al.units if u.source and not u.target]
        missing = []
        for kind in ("article", "part"):
            numbers = [u.source_number for u in gaps if u.kind == kind and u.source_number]
            if numbers:
                missing.append(f"{kind}s {number_ranges(numbers)}")
        missing += ["preamble"] if any(u.kind == "preamble" for u in gaps) else []
        kinds = Counter(b.kind for b in al.beads)
        scored = [b.score for b in al.beads if b.source and b.target]
        table.add_row(_text(al.translation), str(linked), _text("; ".join(missing) or "none"),
                      _text(", ".join(f"{k} {v}" for k, v in sorted(
                          kinds.items(), key=lambda kv: (-kv[1], kv[0])))),
                      f"{sum(scored) / len(scored):.3f}" if scored else "-",
                      _text(", ".join(f"{f.front.rsplit('/', 1)[-1]}→{f.unit.rsplit('/', 1)[-1]}"
                                      for f in al.front) or "none"))
    return table


def scores_table(scores: dict[str, Scores]) -> Table:
    table = Table("file", "strict P", "strict R", "strict F1", "lax P", "lax R", "lax F1",
                  "test beads", "gold beads")
    for name, s in scores.items():
        table.add_row(_text(name), *(f"{v:.4f}" for v in (
            s.strict_precision, s.strict_recall, s.strict_f1, s.lax_precision, s.lax_recall,
            s.lax_f1)), str(s.test_beads), str(s.gold_beads))
    return table


def divergence_tables(records: list[Divergence]) -> list[Table]:
    """A summary by translation and kind, then one row per record: its id, severity,
    message and the exact words on both sides (the omitted Chinese clause of an
    omission, the added English of an addition)."""
    docs = sorted({r.doc for r in records})
    kinds = sorted({r.kind for r in records})
    summary = Table("kind", *(Column(header=_text(d)) for d in docs),
                    title=Text(f"{len(records)} divergences"), title_justify="left")
    for kind in kinds:
        summary.add_row(_text(kind), *(str(sum(1 for r in records
                                               if r.doc == d and r.kind == kind))
                                       for d in docs))
    rows = Table(Column("id", overflow="fold"), "sev.", "message", "original",
                 "translation", show_lines=True)
    for r in records:
        rows.add_row(_text(r.id), _text(r.severity), _text(r.message),
                     _text(_clip(r.original_text)), _text(_clip(r.translation_text)))
    return [summary, rows]


def _clip(text: str, most: int = 160) -> str:
    """``text`` on one line, cut after ``most`` characters (``--json`` has it whole)."""
    flat = " ".join(text.split())
    return flat[:most] + ("…" if len(flat) > most else "")


def build_table(summary: dict[str, object]) -> Table:
    table = Table(show_header=False, title=Text("build"), title_justify="left")
    for key in ("database", "documents", "sentences", "beads", "divergences", "seconds"):
        table.add_row(key, _text(summary[key]))
    exports = summary.get("exports")
    if isinstance(exports, list):
        table.add_row("exports", Text(f"{len(exports)} files"))
    return table


def hits_table(hits: list[Hit], parallel: bool) -> Table:
    """Search hits, matches marked; a text too wide is folded onto more lines, never cut
    (Chinese has no spaces to wrap at)."""
    table = Table("score", "id", Column("text", overflow="fold"),
                  title=Text(f"{len(hits)} hits"), title_justify="left", show_lines=parallel)
    for h in hits:
        text = _text(h.snippet)
        text.highlight_regex(r"\[[^\]]*\]", "bold yellow")
        if parallel:
            for doc, other in h.parallel.items():
                text.append(_text(f"\n  {doc}: ", style="dim"))
                text.append(_text(other["text"] or "(no rendering)"))
        table.add_row(f"{h.score:.2f}", _text(h.id), text)
    return table


def print_similar(console: Console, found: SimilarResult) -> None:
    """The hits of ``similar``, then why a short text was searched as words, or what
    a score means in this corpus."""
    console.print(hits_table(list(found.hits), found.method == "full-text"))
    if found.note:
        console.print(_text(f"note: {found.note}", style="yellow"))
    if found.scale is not None:
        console.print(_text(found.scale.describe(), style="dim"))


def stats_tables(counts: dict[str, Any]) -> list[Table]:
    docs = Table("document", "sentences", "articles", "parts", "list items",
                 title=Text("documents"), title_justify="left")
    for doc, row in counts["documents"].items():
        docs.add_row(_text(doc), *(str(row[k]) for k in ("sentences", "articles", "parts",
                                                          "items")))
    beads = Table("translation", "beads by kind", title=Text("alignment"), title_justify="left")
    for doc, kinds in counts["beads"].items():
        beads.add_row(_text(doc), _text(", ".join(f"{k} {v}" for k, v in kinds.items())))
    div = Table("document", "divergences by kind", title=Text("divergences"),
                title_justify="left")
    for doc, kinds in counts["divergences"].items():
        div.add_row(_text(doc), _text(", ".join(f"{k} {v}" for k, v in kinds.items())))
    return [docs, beads, div]


def _row_id(sentence: str, view: ArticleView) -> str:
    """A sentence id without its document, and without the unit shown when it is that
    unit's (``s-2`` in article 2, ``art-1/s-2`` in part 2)."""
    rest = sentence.removeprefix(f"{view.original}/")
    return rest.removeprefix(view.unit.removeprefix(f"{view.original}/") + "/")


def print_article_view(console: Console, view: ArticleView) -> None:
    """A unit side by side: the original's sentences and each translation's."""
    if view.kind == "article":
        head = f"Article {view.number}: {view.title}"
    else:
        head = f"{view.label or view.kind} {view.title}".strip() + f" ({'/'.join(view.path)})"
    console.print(_text(head, style="bold"))
    table = Table("id", *(Column(header=_text(d)) for d in (view.original, *view.translations)),
                  show_lines=True)
    for column in table.columns:
        column.overflow = "fold"  # Chinese has no spaces to wrap at
    for row in view.rows:
        cells = [_text(_row_id(row.id, view)), _text(row.text)]
        for t in view.translations:
            r = row.renderings.get(t)
            if r is None or r.kind == "1:0":
                cell = Text("— not rendered —", style="red")
            elif r.shared:
                cell = Text("↑ (same bead)", style="dim")
            else:
                cell = _text(r.text)
            for kind in row.divergences.get(t, []):
                cell.append(_text(f"\n⚠ {kind}", style="yellow"))
            cells.append(cell)
        for kind in row.divergences.get(view.original, []):
            cells[1].append(_text(f"\n⚠ {kind}", style="yellow"))
        table.add_row(*cells)
    console.print(table)
    for extra in view.added.values():
        for sid, text in extra:
            console.print(_text(f"+ {sid} (no source): {text}", style="yellow"))
    for note in view.notes:
        console.print(_text(f"! {note['doc']} {note['kind']}: {note['message']}",
                            style="yellow"))
    if view.links:
        console.print(Text("Discussed in:", style="bold"))
        for link in view.links[:8]:
            console.print(_text(f"  {link['unit']} ({link['score']:.2f}): "
                                f"{link['text'][:140]}…"))


def links_table(found: list[dict[str, Any]]) -> Table:
    table = Table("passage", "article", "score", "text", title=Text(f"{len(found)} links"),
                  title_justify="left")
    for link in found:
        text = link["text"]
        table.add_row(_text(link["unit"]), _text(link["article"]), f"{link['score']:.2f}",
                      _text(text[:100] + ("…" if len(text) > 100 else "")))
    return table


def exports_table(rows: list[dict[str, Any]]) -> Table:
    """The files an export wrote, with their record counts."""
    table = Table("format", "file", "records", title=Text("exports"), title_justify="left")
    for r in rows:
        table.add_row(_text(r["format"]), _text(r["path"]), _text(r["records"]))
    return table
