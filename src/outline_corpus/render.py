"""Terminal rendering (rich) of parse results; presentation only, no logic."""

from __future__ import annotations

from rich.console import Console
from rich.table import Table
from rich.text import Text

from outline_corpus.model import Article, Document, Turn
from outline_corpus.summary import counts, diagnostic_kinds


def _gaps(doc: Document) -> str:
    return ", ".join(str(n) for n in doc.missing_articles) or "none"


def parse_table(doc: Document) -> Table:
    """Overview of one parsed document."""
    meta = doc.meta
    caption = f"{meta.language}, {meta.role}" + (f" of {meta.original}" if meta.original else "")
    table = Table(title=Text(f"{doc.id}  ({caption})"), show_header=False,
                  title_justify="left")
    table.add_column("what", style="bold")
    table.add_column("value")

    def row(name: str, value: str) -> None:  # corpus text is never read as markup
        table.add_row(name, Text(value))

    n = counts(doc)
    row("file", meta.file)
    row("front matter", ", ".join(f.kind for f in doc.front_matter) or "none")
    if doc.turns:
        kinds = {k: sum(1 for t in doc.turns if t.kind == k)
                 for k in ("host", "statement", "question", "answer")}
        row("turns", f"{n['turns']} (" + ", ".join(
            f"{v} {k}" for k, v in kinds.items() if v) + ")")
        row("speakers", ", ".join(dict.fromkeys(
            t.speaker for t in doc.turns if t.kind != "question")))
    else:
        row("parts", f"{n['parts']}: " + " ".join(p.heading.label for p in doc.parts))
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
                diag.add_row(d.kind, Text(d.unit), Text(d.snippet.replace("\n", "⏎")),
                             Text(d.message), "yes" if d.repaired else "no")
            console.print(diag)
        console.print()


def print_unit(console: Console, doc: Document, unit: Article | Turn) -> None:
    """One article (or transcript turn), sentence by sentence with ids."""
    if isinstance(unit, Turn):
        console.print(Text(f"{unit.id}  {unit.speaker} ({unit.role or unit.kind}) "
                           f"[{unit.kind}]", style="bold"))
    else:
        console.print(Text(f"{unit.id}  {unit.heading.label} {unit.title}", style="bold"))
    table = Table("id", "role", "text", show_lines=False, box=None)
    for s in unit.sentences:
        role = f"item {s.item}" if s.item else s.role
        table.add_row(Text(s.id), role, Text(s.text))
    console.print(table)
    notes = [d for d in doc.diagnostics if unit.start <= d.start < unit.end]
    for d in notes:
        console.print(Text(f"  ! {d.kind}: {d.message}", style="yellow"))
