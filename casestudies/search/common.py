"""What every search backend shares: the text search configuration, the markers of matched words, and whether the
Welsh versions are searched too."""

from casestudies.ops.languages import is_welsh

SEARCH_CONFIG = "english"
# Diacritics folded as the Welsh index folds them (migration 0022's casestudies_fold(): lower case, then these
# letters; FTS5's remove_diacritics does the same for them), one character for one.
FOLDED = str.maketrans("âêîôûŵŷáéíóúẃýàèìòùẁỳäëïöüẅÿ", "aeiouwyaeiouwyaeiouwyaeiouwy")
# Matched words in an excerpt, before escaping; replaced by <mark> after.
MARK_START, MARK_END = "\x02", "\x03"


def searching_welsh() -> bool:
    """On a Welsh page (issue 23) a keyword also matches the case studies' Welsh versions, which are indexed without
    stemming and with diacritics folded (migration 0020); English pages search the English text only."""
    return is_welsh()


def fold(text: str) -> str:
    """``text`` as the Welsh index reads it: lower case, diacritics of Welsh letters folded."""
    return text.lower().translate(FOLDED)
