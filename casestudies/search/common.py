"""What every search backend shares: the query's words, the result type, the fields searched."""

import re
from dataclasses import dataclass

import numpy as np

from casestudies.models import CaseStudy

SEARCH_CONFIG = "english"
MAX_WORDS = 12
TEXT_FIELDS = ("title", "summary", *CaseStudy.SECTION_FIELDS, "partners")
# How a backend hands over its matches: (4-byte float rank, 8-byte id) pairs.
PACKED = np.dtype([("rank", ">f4"), ("id", ">i8")])
# Matched words in an excerpt, before escaping; replaced by <mark> after.
MARK_START, MARK_END = "\x02", "\x03"


@dataclass(frozen=True)
class Matches:
    """Every case study (any status) matching a keyword, with its rank (higher is better), in no order."""

    ids: np.ndarray
    ranks: np.ndarray


def keyword_words(keyword: str) -> list[str]:
    return re.findall(r"\w+", keyword.lower())[:MAX_WORDS]
