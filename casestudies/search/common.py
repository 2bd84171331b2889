"""What every search backend shares: the text search configuration, the markers of matched words, and whether the
Welsh versions are searched too."""

from casestudies.ops.languages import is_welsh

SEARCH_CONFIG = "english"
# Matched words in an excerpt, before escaping; replaced by <mark> after.
MARK_START, MARK_END = "\x02", "\x03"


def searching_welsh() -> bool:
    """On a Welsh page (issue 23) a keyword also matches the case studies' Welsh versions, which are indexed without
    stemming and with diacritics folded (migration 0020); English pages search the English text only."""
    return is_welsh()
