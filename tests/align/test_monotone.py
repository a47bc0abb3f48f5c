"""The order-preserving pairing of units (:func:`monotone_pairs`), computed a row at a
time, against the plain cell-by-cell recurrence it replaces, ties included."""

from __future__ import annotations

import numpy as np
import pytest

from outline_corpus.align.corpus import monotone_pairs

Pairs = list[tuple[int | None, int | None]]


def reference(gain: np.ndarray) -> Pairs:
    """The cell-by-cell recurrence: diagonal, skip a source, skip a target, the first
    best on a tie."""
    n, m = gain.shape
    dp = np.zeros((n + 1, m + 1))
    move = np.zeros((n + 1, m + 1), dtype=np.int8)
    move[1:, 0], move[0, 1:] = 1, 2
    for i in range(1, n + 1):
        for j in range(1, m + 1):
            options = (dp[i - 1, j - 1] + gain[i - 1, j - 1], dp[i - 1, j], dp[i, j - 1])
            k = int(np.argmax(options))
            dp[i, j], move[i, j] = options[k], k
    pairs: Pairs = []
    i, j = n, m
    while i > 0 or j > 0:
        k = int(move[i, j])
        pairs.append((i - 1, j - 1) if k == 0 else (i - 1, None) if k == 1 else (None, j - 1))
        i, j = (i - 1, j - 1) if k == 0 else (i - 1, j) if k == 1 else (i, j - 1)
    return pairs[::-1]


@pytest.mark.parametrize("seed", range(40))
def test_the_same_pairs_as_the_plain_recurrence(seed: int) -> None:
    rng = np.random.default_rng(seed)
    n, m = (int(x) for x in rng.integers(0, 14, 2))
    gain = np.round(rng.normal(size=(n, m)), 1)  # rounded: many ties
    gain[rng.random((n, m)) < 0.3] = -np.inf  # units of different kinds
    assert monotone_pairs(gain) == reference(gain)


def test_a_hand_made_pairing() -> None:
    gain = np.array([[0.9, -np.inf, 0.1], [0.2, 0.8, -0.5]])
    assert monotone_pairs(gain) == [(0, 0), (1, 1), (None, 2)]
    assert monotone_pairs(np.zeros((0, 2))) == [(None, 0), (None, 1)]
