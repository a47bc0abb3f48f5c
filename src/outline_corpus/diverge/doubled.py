"""English that says one word twice in a coordination ("basic components and
components", "industry, finance, finance", "integration and integration of"): two
Chinese terms collapsed into one English word (零部件、元器件), or a word said again
for nothing. Either way a reviewer must see it; each is a ``meaning_shift`` at the
word level, quoting the Chinese words the two English words render (by the word
links) and what the other translations have there, and the second word is marked on
the review page (an English :class:`WordGap` whose ``repeats`` are those Chinese
words)."""

from __future__ import annotations

import re

from outline_corpus.diverge.records import Divergence, RecordMaker, WordGap
from outline_corpus.diverge.wordlink import Linked, LinkedBead

#: A word (or two) of three letters or more, a comma or "and"/"or", the same again, then
#: the end of the phrase: punctuation, "of" or "in" ("research and research and
#: development" and "data and data development" are no doubling). Not inside a
#: hyphenated word (pre-pregnancy, pregnancy) nor a possessive (women and women's).
DOUBLED = re.compile(r"(?<![\w-])([A-Za-z][a-z]{2,}(?: [a-z]{3,})?)(?:,| and| or|, and|, or) "
                     r"\1(?=[,.;:)]| of\b| in\b|$)", re.IGNORECASE)
CONFIDENCE = 1.0
SEVERITY = "medium"


def doubled_records(linked: Linked, make: RecordMaker
                    ) -> tuple[list[Divergence], list[WordGap]]:
    """A ``meaning_shift`` for each word a bead's English says twice in a row of a
    coordination, and the gap marking its second occurrence."""
    out: list[Divergence] = []
    gaps: list[WordGap] = []
    for lb in linked.beads:
        for m in DOUBLED.finditer(lb.source.target_text):
            found = _sources(lb, m.start(), m.end())
            # the Chinese sentence of the words it renders (the bead's first if none)
            sentence = lb.places[found[0]][0] if found else lb.source.source[0]
            others = linked.by_sentence.get(sentence, {})
            terms = tuple(dict.fromkeys(lb.words.words[i].word for i in found))
            r = _record(lb, m, found, terms, sentence, others, make)
            out.append(r)
            gaps.append(_gap(lb, m, terms, others, r.id))
    return out, gaps


def _gap(lb: LinkedBead, m: re.Match[str], terms: tuple[str, ...],
         others: dict[str, LinkedBead], record: str) -> WordGap:
    """The mark of the second word of doubling ``m``: whether each other translation
    doubles the same word there too (``"yes"``), and ``terms``, the Chinese words it
    says again."""
    start = m.end() - len(m.group(1))
    word = m.group(1).lower()
    says = tuple((u, "yes" if any(x.group(1).lower() == word for x in DOUBLED.finditer(
        ob.source.target_text)) else "") for u, ob in sorted(others.items())
        if u != lb.translation)
    return WordGap(lb.translation, lb.bead, "translation", lb.source.target[0], start,
                   m.end(), lb.source.target_text[start:m.end()], 1.0, CONFIDENCE, 1.0,
                   (), says, False, record=record, repeats=terms)


def _sources(lb: LinkedBead, start: int, end: int) -> list[int]:
    """Indices of the Chinese words that took an English word of ``lb`` between
    offsets ``start`` and ``end``, in order."""
    eng = lb.words.english
    return sorted({i for k, e in enumerate(eng) if start <= e.start and e.end <= end
                   for i in lb.owners[k]})


def _record(lb: LinkedBead, m: re.Match[str], found: list[int], terms: tuple[str, ...],
            sentence: str, others: dict[str, LinkedBead], make: RecordMaker) -> Divergence:
    """The record of doubling ``m`` in ``lb``'s English, whose words render Chinese
    words ``found`` (``terms``: those words, once each) of sentence ``sentence``;
    ``others`` holds the bead of each translation with that sentence."""
    t = lb.translation
    zh = "、".join(terms)
    keys = {lb.key(i) for i in found}
    said = {u: " / ".join(dict.fromkeys(ob.best[j] for j in range(len(ob.words.words))
                                        if ob.key(j) in keys and ob.best[j]))
            for u, ob in sorted(others.items()) if u != t}
    what = (f"the two Chinese terms “{zh}”" if len(terms) > 1 else
            f"“{zh}”" if zh else "what the Chinese says there")
    witness = "; ".join(f"{u} has “{s}”" for u, s in said.items() if s)
    return make(t, "meaning_shift", SEVERITY, lb.source.article, (sentence,),
                lb.source.target, zh, m.group(),
                f"{t} says “{m.group(1)}” twice (“{m.group()}”) for {what}"
                + (f"; {witness}." if witness else "."),
                level="word", doubled=m.group(1), confidence=CONFIDENCE, weight=1.0,
                score=CONFIDENCE, others=said, rendering=m.group(),
                rendering_start=m.start(), rendering_end=m.end())
