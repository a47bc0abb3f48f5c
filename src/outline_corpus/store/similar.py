"""Search by meaning (``similar``): the sentences whose stored vectors are nearest a
text's, and what their scores mean.

The text is embedded with the build's model, reading only what it needs of it (see
:mod:`outline_corpus.align.query`); a text that is a sentence of the corpus takes that
sentence's stored vector, and no model is loaded. A score is a cosine, and what a cosine
means depends on the model and on the languages: :func:`score_scale` measures it in the
corpus itself, from what the aligned renderings score (the 1:1 beads of the alignment,
original and translation) and what unrelated pairs score (a sentence of an original and
one of a translation in different articles). A query of one or two words says little to
a sentence model (the sentences nearest it are near by chance), so :func:`find_similar`
searches it as words, as ``search --parallel`` does, and says so."""

from __future__ import annotations

import json
import sqlite3
from dataclasses import asdict, dataclass
from typing import TYPE_CHECKING, Any

from outline_corpus.errors import QueryError
from outline_corpus.store.search import Hit
from outline_corpus.store.terms import check_query, count_words

if TYPE_CHECKING:
    import numpy as np

    from outline_corpus.store.query import Corpus

#: The most words (as ``search`` counts them) of a query searched as words.
SHORT = 2
#: The most sentences of each side sampled for the unrelated pairs.
SAMPLE = 800


@dataclass(frozen=True)
class ScoreScale:
    """What ``similar``'s cosines are in this corpus: the median and the 10th percentile
    of the aligned renderings' (``aligned_pairs`` 1:1 beads), the median and the 99th
    percentile of unrelated pairs' (``unrelated_pairs`` sentences of an original and of a
    translation, of different articles)."""

    aligned_median: float
    aligned_low: float
    unrelated_median: float
    unrelated_high: float
    aligned_pairs: int
    unrelated_pairs: int

    def describe(self) -> str:
        return (f"score: cosine (-1 to 1). Here a sentence and its aligned rendering in the "
                f"other language score {self.aligned_median:.2f} (median; 9 in 10 above "
                f"{self.aligned_low:.2f}), sentences of different articles "
                f"{self.unrelated_median:.2f} (median; 99 in 100 below "
                f"{self.unrelated_high:.2f}); a phrase scores lower against a whole "
                "sentence than a sentence does.")

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True)
class SimilarResult:
    """The hits for ``query``, best first, found by ``method`` (``embedding``: cosines of
    sentence vectors; ``full-text``: bm25 scores of a short query searched as words, each
    hit with its renderings); ``note`` says why a short query was searched as words;
    ``scale`` what an embedding score is in this corpus (``None`` for full text, or when
    the corpus has no alignment to measure it by)."""

    query: str
    method: str
    hits: tuple[Hit, ...]
    note: str = ""
    scale: ScoreScale | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"query": self.query, "method": self.method, "note": self.note,
                "scale": self.scale.to_dict() if self.scale else None,
                "hits": [h.to_dict() for h in self.hits]}


def query_vector(db: sqlite3.Connection, model: str, text: str) -> np.ndarray:
    """The vector of ``text``: the stored one of a sentence of that very text, else
    ``text`` embedded with ``model``."""
    import numpy as np

    row = db.execute("SELECT e.vec FROM sentences s JOIN embeddings e ON e.rowid = s.rowid "
                     "WHERE s.text = ? LIMIT 1", (text,)).fetchone()
    if row is not None:
        return np.frombuffer(row[0], dtype=np.float32)
    from outline_corpus.align.query import query_encoder

    vector: np.ndarray = query_encoder(model)([text])[0]
    return vector


def score_scale(db: sqlite3.Connection) -> ScoreScale | None:
    """The corpus's :class:`ScoreScale`, or ``None`` without aligned pairs to measure."""
    import numpy as np

    aligned = np.array([r[0] for r in db.execute(
        "SELECT similarity FROM beads WHERE kind = '1:1' AND similarity IS NOT NULL "
        "AND id NOT LIKE '%/f-%'")], dtype=np.float64)
    sides: dict[str, list[tuple[int, bytes]]] = {"original": [], "translation": []}
    for role, article, vec in db.execute(
            "SELECT d.role, s.article, e.vec FROM embeddings e JOIN sentences s ON "
            "s.rowid = e.rowid JOIN documents d ON d.id = s.doc WHERE s.article IS NOT NULL "
            "AND d.role IN ('original', 'translation') ORDER BY s.rowid"):
        sides[role].append((article, vec))
    src, tgt = (side[::max(1, len(side) // SAMPLE)] for side in sides.values())
    if not len(aligned) or not src or not tgt:
        return None
    a = np.stack([np.frombuffer(v, dtype=np.float32) for _, v in src])
    b = np.stack([np.frombuffer(v, dtype=np.float32) for _, v in tgt])
    apart = np.array([x for x, _ in src])[:, None] != np.array([y for y, _ in tgt])[None, :]
    unrelated = (a @ b.T)[apart]
    if not len(unrelated):
        return None
    return ScoreScale(round(float(np.median(aligned)), 2),
                      round(float(np.percentile(aligned, 10)), 2),
                      round(float(np.median(unrelated)), 2),
                      round(float(np.percentile(unrelated, 99)), 2),
                      len(aligned), len(unrelated))


def find_similar(corpus: Corpus, text: str, lang: str | None = None,
                 doc: str | None = None, limit: int = 10) -> SimilarResult:
    """The sentences nearest ``text`` in meaning (see :meth:`Corpus.similar`) with the
    corpus's :class:`ScoreScale`; a text of at most :data:`SHORT` words is searched as
    words instead (:meth:`Corpus.search` with the renderings), which the result's
    ``method`` and ``note`` say."""
    check_query(text, "text")
    words = count_words(text)
    if words <= SHORT:
        try:
            hits = corpus.search(text, lang, doc, None, True, limit)
        except QueryError:  # not words a search reads (Chinese and English mixed, …)
            pass
        else:
            return SimilarResult(text, "full-text", tuple(hits), _short_note(
                text, words, bool(hits), lang))
    return SimilarResult(text, "embedding", tuple(corpus.similar(text, lang, doc, limit)),
                         scale=score_scale(corpus.db))


def _short_note(text: str, words: int, found: bool, lang: str | None) -> str:
    note = (f"{json.dumps(text, ensure_ascii=False)} is {words} word"
            f"{'s' if words > 1 else ''}: too short for a search by meaning, so these are "
            "the sentences holding it (full-text search, bm25 scores) with their renderings; "
            "give three words or more to search by meaning")
    if not found:
        note += ("; no sentence holds it" + (" in that language: leave out --lang to find "
                                             "it with its renderings" if lang else ""))
    return note
