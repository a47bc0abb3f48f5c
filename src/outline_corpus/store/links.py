"""Links from the related documents (press conference, action plan) to the articles of
an original they most likely discuss: the cosine between each passage and each article,
both embedded whole (across languages), the best few kept with their scores."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from outline_corpus.align.cache import EmbeddingCache
from outline_corpus.align.embed import Embedder
from outline_corpus.model import Document, Paragraph

#: Articles kept per passage.
TOP = 3
#: A passage is linked to an article only at this cosine or above.
MIN_SCORE = 0.35


@dataclass(frozen=True)
class Link:
    """Passage ``unit`` of related document ``doc`` discusses ``article`` of
    ``original`` with cosine ``score``; ``rank`` is 1 for the best article."""

    unit: str
    doc: str
    original: str
    article: int
    score: float
    rank: int
    text: str


def passages(doc: Document) -> list[Paragraph]:
    """The passages of a related document: its turns' and articles' paragraphs."""
    out = [p for t in doc.turns for p in t.paragraphs]
    out += [p for a in doc.articles for p in a.paragraphs]
    out += [p for part in doc.parts for p in part.paragraphs]
    return [p for p in out if p.sentences]


def find_links(original: Document, related: list[Document], embedder: Embedder,
               cache: EmbeddingCache) -> list[Link]:
    """The best :data:`TOP` articles (cosine at least :data:`MIN_SCORE`) for every
    passage of every related document."""
    arts = [a for a in original.articles if a.sentences]
    if not arts:
        return []
    art_vecs = embedder.groups([[s.text for s in a.sentences] for a in arts], original.joiner,
                               cache)
    out: list[Link] = []
    for doc in related:
        paras = passages(doc)
        if not paras:
            continue
        vecs = embedder.groups([[s.text for s in p.sentences] for p in paras], doc.joiner,
                               cache)
        sims = vecs @ art_vecs.T
        for k, para in enumerate(paras):
            order = np.argsort(-sims[k], kind="stable")[:TOP]
            rank = 0
            for j in order:
                if sims[k, j] >= MIN_SCORE:
                    rank += 1
                    out.append(Link(para.id, doc.id, original.id, arts[j].number,
                                    round(float(sims[k, j]), 4), rank, para.text))
    return out
