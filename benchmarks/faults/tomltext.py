"""A small TOML writer for mutated manifests: any value (a control character, a broken
token written as it is) and ``[[documents]]`` tables."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from typing import Any

Docs = list[dict[str, Any]]


def toml_string(value: str) -> str:
    """A TOML basic string; every control character and DEL escaped."""
    out = ['"']
    for ch in value:
        if ch in '"\\':
            out.append("\\" + ch)
        elif ord(ch) < 0x20 or ord(ch) == 0x7F:
            out.append(f"\\u{ord(ch):04x}")
        else:
            out.append(ch)
    return "".join(out) + '"'


def toml_value(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return repr(value)
    if isinstance(value, str):
        return toml_string(value)
    if isinstance(value, list):
        return "[" + ", ".join(toml_value(v) for v in value) + "]"
    if isinstance(value, dict):
        return "{" + ", ".join(f"{toml_key(k)} = {toml_value(v)}"
                               for k, v in value.items()) + "}"
    if isinstance(value, Raw):
        return value.text
    raise TypeError(f"no TOML for {value!r}")


class Raw:
    """A value written into TOML as it is (a date literal, a broken token…)."""

    def __init__(self, text: str) -> None:
        self.text = text


def toml_key(key: str) -> str:
    return key if re.fullmatch(r"[A-Za-z0-9_-]+", key) else toml_string(key)


def manifest_text(docs: Iterable[Mapping[str, Any]], top: Mapping[str, Any] | None = None
                  ) -> str:
    """A manifest: optional top-level keys, then one ``[[documents]]`` table per entry."""
    lines = [f"{toml_key(k)} = {toml_value(v)}" for k, v in (top or {}).items()]
    for doc in docs:
        lines += ["", "[[documents]]"]
        lines += [f"{toml_key(k)} = {toml_value(v)}" for k, v in doc.items()]
    return "\n".join(lines) + "\n"
