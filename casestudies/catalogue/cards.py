"""Result cards: what a list page shows of each case study, read for a whole page in one narrow query.

A card is a plain value, not a model instance: the page's rows come back as tuples of five columns, and the
council's code and name and the first topic come from the catalogue index, which holds them for every published
case study. That costs a fraction of building twenty ``CaseStudy`` objects with a join and prefetching their topics.
"""

from dataclasses import dataclass
from datetime import datetime

from casestudies.models import CaseStudy, Topic

from .index import Catalogue


@dataclass(frozen=True, slots=True)
class Card:
    pk: int
    title: str
    slug: str
    summary: str
    published_at: datetime
    council_code: str
    council_name: str
    # The first topic (in the topics' display order), for the card's "View all … case studies" link.
    topic: Topic | None


def cards(ids: list[int], *, catalogue: Catalogue) -> list[Card]:
    """The published case studies of ``ids`` as cards, in the order of ``ids`` (one query)."""
    if not ids:
        return []
    rows = (
        CaseStudy.objects.published()
        .filter(pk__in=ids)
        .order_by()
        .values_list("pk", "title", "slug", "summary", "published_at", "lead_council_id")
    )
    found = {}
    for pk, title, slug, summary, published_at, council_id in rows:
        code, name = catalogue.councils.get(council_id, ("", ""))
        found[pk] = Card(pk, title, slug, summary, published_at, code, name, catalogue.first_topic_of(pk))
    return [found[pk] for pk in ids if pk in found]
