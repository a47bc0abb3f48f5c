"""The linking stage: links from the passages of related documents (a press conference,
an action plan) to the articles of the original they discuss: the cosine between each
passage and each article, both embedded whole (across languages), the best few kept
with their scores. Links stay within a work: a related document is linked to the
originals of its own ``work``."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from outline_corpus.align.cache import EmbeddingCache
from outline_corpus.align.embed import Embedder
from outline_corpus.config import LinkParams
from outline_corpus.model import Document, Paragraph


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
    """The passages of a related document: the paragraphs of its turns, articles and
    parts, and of its text when it was read flat."""
    out = list(doc.preamble) if doc.profile == "flat" else []
    out += [p for t in doc.turns for p in t.paragraphs]
    out += [p for a in doc.articles for p in a.paragraphs]
    out += [p for part in doc.parts for p in part.paragraphs]
    return [p for p in out if p.sentences]


def _pairs(docs: list[Document]) -> list[tuple[Document, list[Document]]]:
    """Each original of ``docs`` with the related documents of its work."""
    return [(original, [d for d in docs if d.meta.role == "related"
                        and d.meta.work == original.meta.work])
            for original in docs if original.meta.role == "original"]


def passages_to_link(docs: list[Document]) -> int:
    """The passages :func:`link_documents` links (its progress in all)."""
    return sum(len(passages(d)) for original, related in _pairs(docs)
               if any(a.sentences for a in original.articles) for d in related)


def link_documents(docs: list[Document], embedder: Embedder, cache: EmbeddingCache,
                   params: LinkParams | None = None,
                   progress: Callable[[int], None] | None = None) -> list[Link]:
    """Links of every related document in ``docs`` to each original of its work;
    ``progress(n)`` is told of each ``n`` more passages linked."""
    out: list[Link] = []
    for original, related in _pairs(docs):
        out.extend(find_links(original, related, embedder, cache, params or LinkParams(),
                              progress))
    return out


def find_links(original: Document, related: list[Document], embedder: Embedder,
               cache: EmbeddingCache, p: LinkParams,
               progress: Callable[[int], None] | None = None) -> list[Link]:
    """The best ``p.link_top`` articles (cosine at least ``p.link_min_score``) for every
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
            order = np.argsort(-sims[k], kind="stable")[:p.link_top]
            rank = 0
            for j in order:
                if sims[k, j] >= p.link_min_score:
                    rank += 1
                    out.append(Link(para.id, doc.id, original.id, arts[j].number,
                                    round(float(sims[k, j]), 4), rank, para.text))
        if progress is not None:
            progress(len(paras))
    return out
