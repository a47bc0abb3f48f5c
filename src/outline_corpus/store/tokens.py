"""Chinese word segmentation (jieba, loaded lazily) and the marking of matches in a
sentence."""

from __future__ import annotations

import logging
import re
from functools import lru_cache
from types import ModuleType

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


def highlight(text: str, words: list[str], before: str = "[", after: str = "]",
              ignore_case: bool = False) -> str:
    """``text`` with every occurrence of ``words`` (longest first; in either case with
    ``ignore_case``) wrapped in markers."""
    if not words:
        return text
    pattern = re.compile("|".join(re.escape(w) for w in sorted(set(words), key=len,
                                                                 reverse=True)),
                         re.IGNORECASE if ignore_case else 0)
    return pattern.sub(lambda m: f"{before}{m.group(0)}{after}", text)
