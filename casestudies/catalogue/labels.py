"""Reference names in the page's language (issue 23): the filter panel's options and the cards' councils.

Topics, support types and councils carry their Welsh names (``name_cy``, empty when there is none: the English name
is shown); regions and kinds of council are fixed lists whose names are in the Welsh catalogue. The list pages are
hot, so the labels are worked out once per catalogue index and language and kept with the index (a rebuilt index
starts again, which is how a name an editor changes shows): a request only looks its language up.
"""

from dataclasses import dataclass

from django.utils import translation
from django.utils.text import slugify
from django.utils.translation import gettext, gettext_noop

from casestudies.ops.languages import WELSH

from .index import Catalogue
from .params import (
    COST_CHOICES,
    COUNCIL_TYPES,
    EVIDENCE_CHOICES,
    HAS_CHOICES,
    REGIONS,
    SORT_CHOICES,
    STAGE_CHOICES,
)

# The council data's own words for a council's type and nation (the council page shows them as they are, through
# ``{% translate %}``): marked here so the Welsh catalogue has them. The regions are in ``params.REGIONS``.
AUTHORITY_TYPE_NAMES = (
    gettext_noop("City corporation"),
    gettext_noop("Combined authority"),
    gettext_noop("County"),
    gettext_noop("London borough"),
    gettext_noop("Metropolitan district"),
    gettext_noop("NI district"),
    gettext_noop("Non-metropolitan district"),
    gettext_noop("Scottish unitary authority"),
    gettext_noop("Strategic Regional Authority"),
    gettext_noop("Unitary authority"),
    gettext_noop("Welsh unitary authority"),
)
NATION_NAMES = (
    gettext_noop("England"),
    gettext_noop("Northern Ireland"),
    gettext_noop("Scotland"),
    gettext_noop("Wales"),
)


@dataclass(frozen=True, slots=True)
class Labels:
    topics: list[tuple[str, str]]  # (slug, name), in display order
    support_types: list[tuple[str, str]]
    regions: list[tuple[str, str]]
    council_types: list[tuple[str, str]]
    councils: dict[int, tuple[str, str]]  # council id -> (code, name), as the result cards show them
    # The fixed options of the other groups (filter name -> (value, label)), as text: a lazy label is translated
    # again each time it is read, which the filter panel did some fifty times a page.
    fixed: dict[str, list[tuple[str, str]]]


def labels(catalogue: Catalogue) -> Labels:
    """The names in the active language, built on the first request in that language after the index is built."""
    language = translation.get_language() or ""
    found = catalogue.labels.get(language)
    if found is None:
        found = catalogue.labels[language] = _labels(catalogue, welsh=language == WELSH)
    return found


# The filters whose options are fixed lists with labels marked for translation.
FIXED_CHOICES = {
    "evidence": EVIDENCE_CHOICES,
    "cost": COST_CHOICES,
    "stage": STAGE_CHOICES,
    "has": HAS_CHOICES,
    "sort": SORT_CHOICES,
    "was_sort": SORT_CHOICES,
}


def _labels(catalogue: Catalogue, *, welsh: bool) -> Labels:
    fixed = {
        name: [(value, str(label)) for value, label in choices] for name, choices in FIXED_CHOICES.items()
    }
    if not welsh:
        return Labels(
            topics=[(topic.slug, topic.name) for topic in catalogue.topics],
            support_types=[(support.slug, support.name) for support in catalogue.support_types],
            regions=[(slugify(name), name) for name in REGIONS],
            council_types=[(slug, label) for slug, label, _ in COUNCIL_TYPES],
            councils=catalogue.councils,
            fixed=fixed,
        )
    welsh_names = catalogue.welsh_council_names
    return Labels(
        topics=[(topic.slug, topic.name_cy or topic.name) for topic in catalogue.topics],
        support_types=[
            (support.slug, support.name_cy or support.name) for support in catalogue.support_types
        ],
        regions=[(slugify(name), gettext(name)) for name in REGIONS],
        council_types=[(slug, gettext(label)) for slug, label, _ in COUNCIL_TYPES],
        councils={pk: (code, welsh_names.get(pk) or name) for pk, (code, name) in catalogue.councils.items()},
        fixed=fixed,
    )
