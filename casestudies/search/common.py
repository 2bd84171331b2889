"""What every search backend shares: the text search configuration and the markers of matched words."""

SEARCH_CONFIG = "english"
# Matched words in an excerpt, before escaping; replaced by <mark> after.
MARK_START, MARK_END = "\x02", "\x03"
