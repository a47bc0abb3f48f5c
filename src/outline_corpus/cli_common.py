"""What the commands of the ``outline-corpus`` command line share: the consoles, the
one-line failure, the options derived from the configuration and the common option
types."""

from __future__ import annotations

import json
import re
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Annotated, NoReturn, TypeVar

import typer
from rich.console import Console

from outline_corpus.cli_options import config_options
from outline_corpus.config import Config

out = Console(highlight=False, soft_wrap=False)
err = Console(stderr=True, highlight=False, soft_wrap=True)

RawOption = Annotated[Path, typer.Option("--raw", help="Directory holding manifest.toml "
                                                       "and the raw texts.")]
JsonOption = Annotated[bool, typer.Option("--json", help="Print JSON instead of tables.")]
ScopeOption = Annotated[str | None, typer.Option(
    "--doc", help="Only this document, or the documents of this work.", show_default=False)]
ARTICLE_HELP = ("Only this article: a number, a label as written or a path (14, 第十四条, "
                "art-14); a division (chap-2) stands for its articles.")

F = TypeVar("F", bound=Callable[..., object])
#: What a command decorated with :func:`options` is given when called directly.
DEFAULTS = Config()


def fail(exc: BaseException | str) -> NoReturn:
    """Report ``exc`` in one line on stderr (control characters made visible) and exit
    with status 1."""
    from outline_corpus.render import printable

    err.print(f"error: {printable(str(exc))}", markup=False)
    raise typer.Exit(1)


def options(*groups: str) -> Callable[[F], F]:
    """Options for the knobs of ``groups`` of the configuration (see :mod:`cli_options`)."""
    return config_options(*groups, on_error=fail)


def warn(message: str) -> None:
    """Report ``message`` as a one-line warning on stderr."""
    from outline_corpus.render import printable

    err.print(f"warning: {printable(message)}", markup=False)


_C1 = re.compile(r"[\x7f-\x9f\u2028\u2029]")


def emit_json(obj: object) -> None:
    """``obj`` as one line of JSON; DEL and C1 controls and the line and paragraph
    separators U+2028/U+2029, which JSON does not escape (and line splitters break
    at), written as ``\\u`` escapes (the value read back is the same)."""
    text = json.dumps(obj, ensure_ascii=False)
    sys.stdout.write(_C1.sub(lambda m: f"\\u{ord(m.group()):04x}", text) + "\n")


CacheOption = Annotated[Path | None, typer.Option(
    "--cache", help="Embedding cache file \\[default: $OUTLINE_CORPUS_CACHE or "
                    "~/.cache/outline-corpus/embeddings.sqlite].", show_default=False)]
NoCacheOption = Annotated[bool, typer.Option("--no-cache", help="Keep embeddings in "
                                                                "memory only.")]
OutDirOption = Annotated[Path, typer.Option("--out", help="Output directory.")]
DbOption = Annotated[Path | None, typer.Option(
    "--db", help="Corpus database \\[default: data/aligned/corpus.sqlite].", show_default=False)]
ForceOption = Annotated[bool, typer.Option(
    "--force", help="Replace the outputs of another corpus in the output directory.")]


def cache_path(cache: Path | None, no_cache: bool) -> Path | None:
    """The embedding cache file the options name; ``None`` with ``--no-cache``."""
    from outline_corpus.align.cache import default_cache_path

    return None if no_cache else (cache or default_cache_path())
