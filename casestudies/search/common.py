"""What every search backend shares: the result type, the fields searched, the markers of matched words."""

from dataclasses import dataclass

import numpy as np

SEARCH_CONFIG = "english"
# How a backend hands over its matches: (4-byte float rank, 8-byte id) pairs.
PACKED = np.dtype([("rank", ">f4"), ("id", ">i8")])
# Matched words in an excerpt, before escaping; replaced by <mark> after.
MARK_START, MARK_END = "\x02", "\x03"
# Field weights for ranking, as PostgreSQL's ts_rank gives them: title (A) above summary and lead council (B) above
# the template sections and partners (C).
WEIGHT_A, WEIGHT_B, WEIGHT_C = 1.0, 0.4, 0.2


@dataclass(frozen=True)
class Matches:
    """Every case study matching a keyword, with its rank (higher is better), in no order."""

    ids: np.ndarray
    ranks: np.ndarray


def tiered(scores: np.ndarray, exact: np.ndarray) -> np.ndarray:
    """Ranks where every exact match (1) is above every match through a synonym only (0): tier + s / (1 + s)."""
    scores = np.maximum(scores.astype(np.float64), 0)
    return (exact.astype(np.float64) + scores / (1 + scores)).astype(np.float32)
