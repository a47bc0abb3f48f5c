"""Chinese word segmentation for full-text search (jieba), loaded lazily."""

from __future__ import annotations

import logging
import re
from functools import lru_cache
from types import ModuleType

_WORD = re.compile(r"[\w\u3400-\u9fff]", re.UNICODE)
CJK = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff]")


@lru_cache(maxsize=1)
def _jieba() -> ModuleType:
    import jieba

    jieba.setLogLevel(logging.WARNING)
    module: ModuleType = jieba
    return module


def segmenter() -> ModuleType:
    """jieba, loaded once (its dictionary loads on first use)."""
    return _jieba()


def index_tokens(text: str) -> str:
    """Space-separated words of ``text`` for the index: every word and, for long words,
    their parts too (jieba's search mode), so that 建材 finds 绿色建材."""
    return " ".join(t for t in _jieba().cut_for_search(text) if _WORD.search(t))


def query_tokens(text: str) -> list[str]:
    """Words of a Chinese query (jieba's precise mode)."""
    return [t for t in _jieba().cut(text) if _WORD.search(t)]


def highlight(text: str, words: list[str], before: str = "[", after: str = "]") -> str:
    """``text`` with every occurrence of ``words`` (longest first) wrapped in markers."""
    if not words:
        return text
    pattern = re.compile("|".join(re.escape(w) for w in sorted(set(words), key=len,
                                                                 reverse=True)))
    return pattern.sub(lambda m: f"{before}{m.group(0)}{after}", text)
