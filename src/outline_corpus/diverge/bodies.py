"""The government bodies whose English names :mod:`.names` checks: the list shipped in
``names.toml`` beside this module, and a user's file of more bodies in the same form
(``names_file``: provincial bodies, bodies created since). A body of the user's file
replaces a shipped body that shares a Chinese name with it (a body renamed, an English
name the user's house style prefers). This module reads and checks. The configuration
calls :func:`read_names_file` when it is built, so a bad file is refused before any
work starts; importing this module loads the divergence package, so it does so only
when a names file is given."""

from __future__ import annotations

import hashlib
import re
import tomllib
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

from outline_corpus.errors import NamesFileError

#: The nouns that make an English phrase the name of a body.
HEADS = ("Administration", "Ministry", "Commission", "Council", "Committee", "Office",
         "Bureau", "Court", "Procuratorate", "Congress", "Bank", "Agency", "Department",
         "Government")
_HEADS = frozenset(HEADS)
_KEYS = frozenset(("zh", "en", "also"))


@dataclass(frozen=True)
class Body:
    """A body: its Chinese names (full name first), its English name, and the other
    English forms that name it right."""

    zh: tuple[str, ...]
    en: str
    also: tuple[str, ...]

    @property
    def heads(self) -> frozenset[str]:
        """The head nouns of its English name (:data:`HEADS`)."""
        return frozenset(w for w in re.findall(r"[\w'’-]+", self.en) if w in _HEADS)


def is_head(word: str) -> bool:
    """Whether ``word`` (as written) is one of :data:`HEADS`."""
    return word in _HEADS


def _strings(value: Any) -> bool:
    return isinstance(value, list) and all(isinstance(v, str) and v.strip() for v in value)


def _body(table: Any, n: int) -> Body:
    """Body ``n`` (1-based) of a file, checked; raises :class:`ValueError` saying what
    is wrong with it."""
    if not isinstance(table, dict):
        raise ValueError(f"body {n} is not a table")
    name = f"body {n}" + (f" ({table['zh'][0]})" if _strings(table.get("zh"))
                          and table["zh"] else "")
    unknown = sorted(set(table) - _KEYS)
    if unknown:
        raise ValueError(f"{name}: unknown key {unknown[0]!r} (keys: zh, en, also)")
    if not _strings(table.get("zh")) or not table["zh"]:
        raise ValueError(f"{name}: zh must be a list of its Chinese names, full name first")
    if not isinstance(table.get("en"), str) or not table["en"].strip():
        raise ValueError(f"{name}: en must be its English name")
    if not _strings(table.get("also", [])):
        raise ValueError(f"{name}: also must be a list of other right English forms")
    body = Body(tuple(table["zh"]), table["en"], tuple(table.get("also", ())))
    if not body.heads:
        raise ValueError(f"{name}: its English name {body.en!r} has none of the head nouns "
                         f"the check needs ({', '.join(HEADS)})")
    return body


def parse_bodies(text: str) -> tuple[Body, ...]:
    """The bodies of ``text`` (TOML: one ``[[body]]`` table per body, with ``zh``,
    ``en`` and optional ``also``); raises :class:`ValueError` saying what is wrong."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ValueError(f"not TOML: {exc}") from None
    unknown = sorted(set(data) - {"body"})
    if unknown or not isinstance(data.get("body", []), list):
        raise ValueError("holds something other than [[body]] tables"
                         + (f" ({unknown[0]!r})" if unknown else ""))
    out = tuple(_body(t, n) for n, t in enumerate(data.get("body", []), 1))
    seen: dict[str, str] = {}
    for b in out:
        for z in b.zh:
            if z in seen:
                raise ValueError(f"{z} names two bodies ({seen[z]!r} and {b.en!r})")
            seen[z] = b.en
    return out


def read_names_file(path: str) -> str:
    """The text of the user's file of bodies at ``path``, checked (:func:`parse_bodies`);
    raises :class:`NamesFileError` naming the file and what to do."""
    try:
        text = Path(path).read_text(encoding="utf-8")
    except FileNotFoundError:
        raise NamesFileError(path, "names file not found; give the path of a TOML file "
                                   "of [[body]] tables") from None
    except UnicodeDecodeError:
        raise NamesFileError(path, "names file is not UTF-8 text") from None
    except OSError as exc:
        raise NamesFileError(path, f"names file cannot be read: {exc.strerror}") from None
    try:
        found = parse_bodies(text)
    except ValueError as exc:
        raise NamesFileError(path, f"{exc}; fix the file (see the README, Government "
                                   "bodies named otherwise)") from None
    if not found:
        raise NamesFileError(path, "names file holds no [[body]] table")
    return text


def digest(text: str) -> str:
    """What a signature records of a names file: ``sha256:`` and the first 16 hex
    digits of the SHA-256 of its text (UTF-8)."""
    return "sha256:" + hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


@cache
def shipped() -> tuple[Body, ...]:
    """The bodies of the shipped ``names.toml``."""
    text = resources.files("outline_corpus.diverge").joinpath("names.toml").read_text(
        encoding="utf-8")
    return parse_bodies(text)


@cache
def bodies(extra: str = "") -> tuple[Body, ...]:
    """The bodies checked: those of ``extra`` (the text of a user's names file, already
    read by :func:`read_names_file`; ``""``: none), then the shipped bodies that share no
    Chinese name with them."""
    mine = parse_bodies(extra) if extra else ()
    taken = {z for b in mine for z in b.zh}
    return mine + tuple(b for b in shipped() if not taken & set(b.zh))
