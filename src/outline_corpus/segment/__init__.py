"""Sentence segmentation over possibly repaired text, with offsets kept into the raw text."""

from outline_corpus.segment.pieces import Pieces
from outline_corpus.segment.sentences import split_progress, split_sentences

__all__ = ["Pieces", "split_progress", "split_sentences"]
