"""Official names: a Chinese government body (国务院, 市场监管总局, 国家互联网信息办公室…)
named in a sentence whose translation names it by something other than the English
name the body uses ("General Administration of Market Supervision" for 市场监管总局,
whose name is "State Administration for Market Regulation"). A reader who looks the
body up by that name will not find it, so each is a ``meaning_shift`` of medium
severity (low where only the small words differ: "State Administration of Market
Regulation"), with the name expected and the name said.

The bodies and their names are in ``names.toml`` beside this module, and in a user's
file of more bodies (:mod:`.bodies`, ``names_file``). A translation is
taken to name a body otherwise only where it says a name of the same kind (an
"Administration", a "Ministry", a "Council"…) that is no name of a body the Chinese
sentence names: a translation that leaves the body out, or says "the department", is
left to the omission records."""

from __future__ import annotations

import re
from functools import cache

from outline_corpus.diverge.bodies import Body, bodies, is_head
from outline_corpus.diverge.lexicon import may_be_verb
from outline_corpus.diverge.records import Divergence, RecordMaker
from outline_corpus.diverge.wordlink import Linked, LinkedBead

CONFIDENCE = 0.9
#: Severity of a name said otherwise, and of one that differs from the English name
#: only in its small words, case or hyphens ("State Administration of Market
#: Regulation"): still not the name, but the body is plain.
SEVERITY, NEAR_SEVERITY = "medium", "low"
_SMALL = frozenset(("of", "for", "and", "the", "on"))
#: A name in English: capitalised words, a small word ("of", "for", "and", "the",
#: "on") at most between two of them.
_NAME = re.compile(r"[A-Z][\w'’-]*(?:\s+(?:(?:of|for|and|the|on)\s+)?[A-Z][\w'’-]*)*")
#: Where a name of two bodies joined by "and" may be cut in two.
_AND = re.compile(r"\s+and\s+(?:the\s+)?", re.IGNORECASE)
#: Words that begin the English name of a body, though they may be verbs.
_NAME_WORDS = frozenset(("State", "National", "General", "Central", "Supreme", "China",
                         "Standing", "Civil", "Certification"))
#: A character after a name ending in 部 that makes it another word (公安部门: the
#: public security departments, not the Ministry).
_NOT_AFTER = frozenset("门分位")


@cache
def _forms(known: tuple[Body, ...]) -> tuple[tuple[str, re.Pattern[str], Body], ...]:
    """Every Chinese name of every body of ``known``, longest first, with its pattern:
    the name's characters with any white space between them (a name a line break cuts
    in text taken from a PDF: 国家市场监督管理总 / 局)."""
    forms = sorted(((z, b) for b in known for z in b.zh), key=lambda x: -len(x[0]))
    return tuple((z, re.compile(r"\s*".join(map(re.escape, z))), b) for z, b in forms)


def bodies_in(text: str, known: tuple[Body, ...] | None = None
              ) -> list[tuple[Body, int, int]]:
    """The bodies of ``known`` (default: the shipped list) named in Chinese ``text``,
    each with the offsets of its name there, longest names first where they overlap
    (国务院国资委 before 国务院), in order."""
    taken = [False] * len(text)
    found: list[tuple[Body, int, int]] = []
    for z, pattern, b in _forms(bodies() if known is None else known):
        for m in pattern.finditer(text):
            s, e = m.span()
            if any(taken[s:e]) or (z.endswith("部") and text[e:e + 1] in _NOT_AFTER):
                continue
            taken[s:e] = [True] * (e - s)
            found.append((b, s, e))
    return sorted(found, key=lambda x: x[1])


def _squeeze(text: str) -> str:
    return re.sub(r"\s+", " ", text)


def names_right(body: Body, english: str) -> bool:
    """Whether ``english`` names ``body`` by its English name or another right form
    (case aside, and line breaks; acronyms as written)."""
    flat = _squeeze(english).casefold()
    if _squeeze(body.en).casefold() in flat:
        return True
    return any(re.search(rf"\b{re.escape(a)}\b", _squeeze(english)) if a.isupper()
               else _squeeze(a).casefold() in flat for a in body.also)


def _said_names(english: str) -> list[tuple[int, int, str]]:
    """The names of bodies in ``english``: runs of capitalised words (:data:`_NAME`)
    holding a head noun (:data:`.bodies.HEADS`) and more (the head alone, "the
    Administration", refers back to a name said before), cut in two at an "and" that joins two names
    ("the Ministry of Public Security and the State Administration…"), not at one inside
    a name ("Ministry of Industry and Information Technology"), without a verb that
    begins the sentence ("Strengthen"); with their offsets."""
    out: list[tuple[int, int, str]] = []
    for m in _NAME.finditer(english):
        parts: list[list[int]] = []  # [start, end] of each part
        pos = m.start()
        for cut in [*_AND.finditer(m.group()), None]:
            stop = m.start() + cut.start() if cut else m.end()
            parts.append([pos, stop])
            pos = m.start() + cut.end() if cut else pos
        merged: list[list[int]] = []
        for part in parts:
            if merged and not (_has_head(english, merged[-1]) and _has_head(english, part)):
                merged[-1][1] = part[1]
            else:
                merged.append(part)
        for a, b in merged:
            a = _after_verb(english, a, b)
            a += 4 if english[a:a + 4] == "The " else 0
            if _has_head(english, [a, b]) and len(english[a:b].split()) > 1:
                out.append((a, b, english[a:b]))
    return out


def _has_head(english: str, span: list[int]) -> bool:
    return any(is_head(w) for w in re.findall(r"[\w'’-]+", english[span[0]:span[1]]))


def _after_verb(english: str, start: int, end: int) -> int:
    """``start``, or past the first word of ``english[start:end]`` where that word
    begins a sentence, may be a verb and is not a word of names (:data:`_NAME_WORDS`)."""
    first = re.match(r"[\w'’-]+\s+", english[start:end])
    if first is None or english[:start].rstrip()[-1:] not in ("", ".", ":", ";", "\n"):
        return start
    word = first.group().strip()
    if word in _NAME_WORDS or is_head(word) or not may_be_verb(word.lower()):
        return start
    rest = start + first.end()
    return rest + (4 if english[rest:rest + 4].lower() == "the " else 0)


def name_records(linked: Linked, texts: dict[str, str], make: RecordMaker,
                 names: str = "") -> list[Divergence]:
    """A ``meaning_shift`` per body that a Chinese sentence of a two-sided bead names
    and its translation names otherwise (``texts``: the Chinese sentences by id;
    ``names``: the text of a user's names file, checked, or ``""``)."""
    known = bodies(names)
    out: list[Divergence] = []
    named: dict[str, list[tuple[Body, int, int]]] = {}  # per sentence, found once
    for lb in linked.beads:
        english = lb.source.target_text
        wrong = [n for n in _said_names(english)
                 if not any(names_right(b, n[2]) for b in known)]
        for sid in lb.source.source:
            text = texts.get(sid, "")
            if sid not in named:
                named[sid] = bodies_in(text, known)
            for body, start, end in named[sid]:
                if names_right(body, english):
                    continue
                said = next((n for n in wrong if body.heads & set(n[2].split())), None)
                if said is None:
                    continue
                wrong.remove(said)
                out.append(_record(lb, linked, (sid, start, end, text[start:end]), body,
                                   said, make))
    return out


def _content_words(name: str) -> frozenset[str]:
    """The words of English ``name`` but its small words, in lower case, hyphens as
    spaces."""
    return frozenset(w for w in re.findall(r"[\w'’]+", name.casefold()) if w not in _SMALL)


def _record(lb: LinkedBead, linked: Linked, where: tuple[str, int, int, str], body: Body,
            said: tuple[int, int, str], make: RecordMaker) -> Divergence:
    """The record of ``body``, named ``where`` (sentence, offsets, the name there) and
    said ``said`` (offsets in the bead's English, the name) by ``lb``."""
    sid, start, end, quote = where
    t = lb.translation
    others = {u: ("yes" if names_right(body, ob.source.target_text) else "")
              for u, ob in sorted(linked.others(lb).items())}
    right = [u for u, y in others.items() if y]
    near = _content_words(said[2]) == _content_words(body.en)
    return make(t, "meaning_shift", NEAR_SEVERITY if near else SEVERITY, lb.source.article,
                (sid,), lb.source.target,
                quote, said[2],
                f"{t} names {quote} “{said[2]}”; its English name is “{body.en}”"
                + (f", as {' and '.join(right)} says" if right else "") + ".",
                level="word", official_name=body.en, full_name=body.zh[0],
                confidence=CONFIDENCE, weight=1.0, score=CONFIDENCE, others=others,
                start=start, end=end, rendering=said[2], rendering_start=said[0],
                rendering_end=said[1])
