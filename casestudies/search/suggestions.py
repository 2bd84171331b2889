"""What to offer when a keyword finds nothing: topics and councils whose names are close to it."""

import difflib
import re

from casestudies.models import Council, Topic


def suggestions(keyword: str, *, topics: list[Topic]) -> dict[str, list]:
    """Topics and councils whose names are close to the keyword, for a search with no results."""
    words = [w for w in re.findall(r"\w+", keyword.lower()) if len(w) > 2]
    if not words:
        return {"topics": [], "councils": []}
    phrase = " ".join(words)

    def close(name: str) -> bool:
        name = name.lower()
        if phrase in name:
            return True
        name_words = re.findall(r"\w+", name)
        return any(difflib.get_close_matches(word, name_words, n=1, cutoff=0.8) for word in words) or (
            difflib.SequenceMatcher(None, phrase, name).ratio() >= 0.75
        )

    councils = Council.objects.filter(is_current=True).only("code", "name", "name_cy")
    return {
        "topics": [topic for topic in topics if close(topic.name)][:5],
        "councils": [council for council in councils if close(council.name)][:5],
    }
