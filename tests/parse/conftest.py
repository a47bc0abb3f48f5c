"""The real corpus, parsed once per test session."""

from pathlib import Path

import pytest

from outline_corpus import parse_corpus
from outline_corpus.model import Document

RAW = Path(__file__).resolve().parents[2] / "data" / "raw"


@pytest.fixture(scope="session")
def corpus() -> dict[str, Document]:
    return {doc.id: doc for doc in parse_corpus(RAW)}
