"""Any query string (plain words or, with ``fts``, FTS5 syntax, in any language) gets
hits or a one-line QueryError from ``search``, never another exception; and queries past
the documented limits are refused."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from outline_corpus.errors import QueryError
from outline_corpus.store.query import MAX_QUERY_CHARS, MAX_QUERY_TERMS, Corpus

#: Characters a user may type into a query: FTS5 operators, quotes, CJK, controls.
QUERY_CHARS = st.sampled_from(list('abc xyz"*^:()-+%#@&|~.,;\'\\\x00\x1b\u3000\u200b'
                                   "质量强国绿色ＡＢ１２３"))


@pytest.fixture(scope="module")
def corpus(built: Path) -> Corpus:
    return Corpus.open(built)


@settings(max_examples=300, deadline=None, derandomize=True, database=None)
@given(query=st.text(QUERY_CHARS, max_size=40) | st.text(max_size=20))
def test_any_query_gives_hits_or_a_query_error(corpus: Corpus, query: str) -> None:
    try:
        hits = corpus.search(query, limit=5)
    except QueryError as exc:
        assert "\n" not in str(exc).strip()
    else:
        assert len(hits) <= 5


@settings(max_examples=200, deadline=None, derandomize=True, database=None)
@given(query=st.text(QUERY_CHARS, max_size=40), lang=st.sampled_from([None, "zh", "en"]))
def test_any_fts_query_gives_hits_or_a_query_error(corpus: Corpus, query: str,
                                                   lang: str | None) -> None:
    try:
        hits = corpus.search(query, lang=lang, limit=5, fts=True)
    except QueryError as exc:
        assert "\n" not in str(exc).strip()
    else:
        assert len(hits) <= 5


def test_queries_past_the_limits_are_refused(corpus: Corpus) -> None:
    with pytest.raises(QueryError, match="characters; the most is"):
        corpus.search("quality " * (MAX_QUERY_CHARS // 8 + 1))
    with pytest.raises(QueryError, match="words; the most is"):
        corpus.search(" OR ".join(["quality"] * (MAX_QUERY_TERMS + 1)))
    with pytest.raises(QueryError, match="words; the most is"):
        corpus.search("质量" * (MAX_QUERY_TERMS + 1))
    with pytest.raises(QueryError, match="characters; the most is"):
        corpus.similar("quality " * (MAX_QUERY_CHARS // 8 + 1))
    assert corpus.search(" OR ".join(["quality"] * MAX_QUERY_TERMS), limit=1)
