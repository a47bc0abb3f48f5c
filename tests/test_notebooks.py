"""The notebooks in ``notebooks/``: each runs without error against a freshly built corpus
(through ``OUTLINE_CORPUS_DB``) and its tagged cells show the expected figures and plots;
the committed notebooks carry no outputs."""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import nbformat
import pytest
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError

NOTEBOOKS = Path(__file__).resolve().parents[1] / "notebooks"
NAMES = ("01_tour.ipynb", "02_goals_and_divergences.ipynb", "03_related_documents.ipynb")

#: For each notebook: cell tag -> strings its text output must contain.
EXPECTED: dict[str, dict[str, tuple[str, ...]]] = {
    "01_tour.ipynb": {
        "roles": ("original:     outline.zh", "translations: outline.en.a, outline.en.b"),
        "articles-per-document": (
            "outline.zh: 32 articles, 11 part headings, 6 list items",
            "outline.en.a: 25 articles, 4 part headings, 6 list items",
            "outline.en.b: 32 articles, 11 part headings, 6 list items",
        ),
        "coverage": (
            "outline.en.a: 25 of 32 articles; missing: 10, 13, 16, 19, 22, 25, 30",
            "outline.en.b: 32 of 32 articles; missing: none",
        ),
        "coverage-records": (
            "outline.en.a: missing_article records agree with the units: True",
            "outline.en.b: missing_article records agree with the units: True",
        ),
        "side-by-side": ("Article 21: 争创国内国际知名品牌",),
        "missing-article": (
            "Article 10: 提高农产品食品药品质量安全水平 (missing from outline.en.a)",
            "outline.en.a missing_article (high)",
        ),
    },
    "02_goals_and_divergences.ipynb": {
        "goal-shape": ("outline.zh: 6 items; sentences per item: 2, 2, 2, 2, 2, 2",
                       "outline.en.a: 6 items;", "outline.en.b: 6 items;"),
        "goal-targets": ("item 3: 95% missing from outline.en.a, outline.en.b",),
        "agreement": ("outline.zh/art-2/s-8",),
        "divergence-kinds": ("missing_article",),
    },
    "03_related_documents.ipynb": {
        "setup": ("press conference press-conference.en; action plan action-plan.en",),
        "titles": ("32 articles; English titles from outline.en.b",),
        "turns": ("24 turns:",),
        "questions": ("10 questions answered",),
        "terminology": ("质量强国 (outline.zh)",),
    },
}

#: For each notebook: the tags of the cells that must display a PNG image.
PLOTS: dict[str, tuple[str, ...]] = {
    "01_tour.ipynb": (),
    "02_goals_and_divergences.ipynb": ("plot-divergences", "plot-scores"),
    "03_related_documents.ipynb": ("plot-links",),
}


def tagged(nb: Any, tag: str) -> Any:
    """The one code cell of ``nb`` carrying metadata tag ``tag``."""
    cells = [c for c in nb.cells if tag in c.get("metadata", {}).get("tags", [])]
    assert len(cells) == 1, f"{len(cells)} cells tagged {tag!r}"
    return cells[0]


def text_output(cell: Any) -> str:
    """Everything a cell printed or displayed as text."""
    parts: list[str] = []
    for out in cell.outputs:
        if out.output_type == "stream":
            parts.append(out.text)
        elif out.output_type in ("execute_result", "display_data"):
            parts.append(out.get("data", {}).get("text/plain", ""))
    return "\n".join(parts)


@pytest.fixture(scope="module")
def executed(built: Path) -> Callable[[str], Any]:
    """A function executing a notebook against the freshly built corpus (once per
    module: later calls return the same executed notebook); a cell error fails the test
    that asked for the notebook, not the others."""
    done: dict[str, Any] = {}

    def run(name: str) -> Any:
        if name not in done:
            nb = nbformat.read(NOTEBOOKS / name, as_version=4)
            client = NotebookClient(nb, timeout=300, kernel_name="python3",
                                    resources={"metadata": {"path": str(NOTEBOOKS)}})
            with pytest.MonkeyPatch.context() as mp:
                mp.setenv("OUTLINE_CORPUS_DB", str(built))
                try:
                    client.execute()
                except CellExecutionError as exc:
                    done[name] = exc
                else:
                    done[name] = nb
        if isinstance(done[name], CellExecutionError):
            pytest.fail(f"{name}: a cell raised\n{done[name]}")
        return done[name]

    return run


@pytest.mark.parametrize("name", NAMES)
def test_notebook_runs_and_shows_the_expected_figures(executed: Callable[[str], Any],
                                                       name: str) -> None:
    nb = executed(name)
    errors = [out for c in nb.cells if c.cell_type == "code" for out in c.outputs
              if out.output_type == "error"]
    assert not errors
    for tag, expected in EXPECTED[name].items():
        text = text_output(tagged(nb, tag))
        for fragment in expected:
            assert fragment in text, f"{name} [{tag}]: {fragment!r} not in\n{text}"
    for tag in PLOTS[name]:
        images = [out for out in tagged(nb, tag).outputs
                  if "image/png" in out.get("data", {})]
        assert images, f"{name} [{tag}]: no image/png output"


def test_notebooks_read_the_database_from_the_environment(executed: Callable[[str], Any],
                                                          built: Path) -> None:
    for name in NAMES:
        nb = nbformat.read(NOTEBOOKS / name, as_version=4)
        first = next(c for c in nb.cells if c.cell_type == "code")
        assert 'DB = os.environ.get("OUTLINE_CORPUS_DB", "../data/aligned/corpus.sqlite")' \
            in first.source, name
    # the tour prints the path it opened: the freshly built database, not data/aligned's
    assert str(built) in text_output(tagged(executed("01_tour.ipynb"), "setup"))


def test_kernel_is_this_interpreter() -> None:
    """``python3`` resolves to the interpreter running the tests (the project's venv)."""
    nb = nbformat.v4.new_notebook()
    nb.cells.append(nbformat.v4.new_code_cell("import sys; print(sys.executable)"))
    NotebookClient(nb, timeout=120, kernel_name="python3").execute()
    assert text_output(nb.cells[0]).strip() == sys.executable


@pytest.mark.parametrize("name", NAMES)
def test_committed_notebook_has_no_outputs(name: str) -> None:
    nb = nbformat.read(NOTEBOOKS / name, as_version=4)
    nbformat.validate(nb)
    assert nb.metadata["kernelspec"]["name"] == "python3"
    for cell in nb.cells:
        if cell.cell_type == "code":
            assert cell.outputs == []
            assert cell.execution_count is None
