"""How many threads BLAS may use. Alignment, comparison and linking make many small
matrix products, for which a second BLAS thread only waits (on a busy machine it made
a run many times slower), so they run on one; the encoder's large products use the
machine's cores. Set through ``threadpoolctl``, which governs OpenBLAS, MKL and BLIS
alike."""

from __future__ import annotations

import functools
import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any, ParamSpec, TypeVar

_P = ParamSpec("_P")
_T = TypeVar("_T")


@functools.cache
def _controller() -> Any:
    """The BLAS libraries loaded, found once (finding them costs more than a limit)."""
    from threadpoolctl import ThreadpoolController

    return ThreadpoolController()


@contextmanager
def blas_threads(n: int | None = None) -> Iterator[None]:
    """Let BLAS use ``n`` threads (default: one per core) inside the block."""
    with _controller().limit(limits=n or os.cpu_count() or 1, user_api="blas"):
        yield


def one_blas_thread(fn: Callable[_P, _T]) -> Callable[_P, _T]:
    """Run ``fn`` with BLAS on one thread (see the module doc)."""
    @functools.wraps(fn)
    def wrapped(*args: _P.args, **kwargs: _P.kwargs) -> _T:
        with blas_threads(1):
            return fn(*args, **kwargs)
    return wrapped
