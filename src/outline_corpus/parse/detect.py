"""Choosing a structure profile for a document whose manifest entry says
``structure = "auto"``: each profile's numbering is read from the text, and the one
whose numbered units run most completely wins.

The *fit* of a profile is the share of its numbered sequence that the text holds: for
laws, the longest chain of rising article numbers (第X条, Article N) over the highest
number in it; for policy documents, the same over the articles （一）/(1) and part
headings 一、/I. together. A law needs at least :data:`MIN_ARTICLES` articles."""

from __future__ import annotations

from dataclasses import dataclass

from outline_corpus.parse.blocks import BlockReader
from outline_corpus.parse.grammar import grammar_for
from outline_corpus.parse.law import article_chain, mark_of
from outline_corpus.parse.lines import raw_lines
from outline_corpus.parse.profiles import law_profile

#: Fewer numbered articles than this do not make a law.
MIN_ARTICLES = 3
#: Below this fit the chosen profile is reported as uncertain.
UNCERTAIN = 0.5
#: Below this fit (of the best profile) an ``auto`` document is read flat.
FLAT_BELOW = 0.3
#: Fewer numbered part headings and articles than this do not make a policy text.
MIN_POLICY_UNITS = 2


@dataclass(frozen=True)
class Detection:
    """The profile chosen (``law`` or ``policy``), its fit in [0, 1] (``confidence``)
    and every profile's fit (``fits``, as ``(name, fit)`` pairs)."""

    profile: str
    confidence: float
    fits: tuple[tuple[str, float], ...]


def law_fit(language: str, raw: str) -> float:
    """Share of the article sequence found (0 with fewer than :data:`MIN_ARTICLES`)."""
    profile = law_profile(language)
    marks = [mark_of(profile, line.text) for line in raw_lines(raw)]
    chain = article_chain(marks)
    if len(chain) < MIN_ARTICLES:
        return 0.0
    top = max(m.number.value for k, m in enumerate(marks) if k in chain and m is not None)
    return round(len(chain) / top, 3)


def policy_fit(language: str, raw: str) -> float:
    """Share of the part and article numbers found, each sequence counted to its top."""
    reader = BlockReader(raw, grammar_for(language))
    parts: set[int] = set()
    articles: set[int] = set()
    for line in raw_lines(raw):
        if part := reader.part_match(line):
            parts.add(part[1].value)
        if art := reader.article_match(line.text):
            articles.add(art[1].value)
    found = len(parts) + len(articles)
    top = max(parts, default=0) + max(articles, default=0)
    return round(found / top, 3) if top and found >= MIN_POLICY_UNITS else 0.0


def detect(language: str, raw: str) -> Detection:
    """The profile that fits ``raw`` best (see module doc); a law when its fit is at
    least as good as half the policy fit, since 第X条 lines never open a policy text's
    units but （一） items do appear in laws."""
    fits = (("law", law_fit(language, raw)), ("policy", policy_fit(language, raw)))
    law, policy = fits[0][1], fits[1][1]
    if law > 0 and law >= policy / 2:
        return Detection("law", law, fits)
    return Detection("policy", policy, fits)
