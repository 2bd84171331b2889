"""The insights page's evidence and savings figures (issue 20): how many case studies of a search are at each
evidence level, by topic; and the savings or income a year they report, by topic and by year of publication.

The catalogue index holds each case study's evidence level and whether it reports savings, but not how much: the
amounts are read once per index (one query over the published case studies that state one) into an array by index
position, and held with that index: a new index (any write to a published case study, or a scheduled publication
going live) means they are read again.
After that a request counts them from bit sets like every other number on the page, with no query.
"""

import threading
import weakref
from dataclasses import dataclass

import numpy as np
from django.db import router
from django.utils.translation import gettext

from casestudies.models import CaseStudy, EvidenceLevel
from casestudies.ops.languages import per_language

from .bits import flags_of
from .context import SearchContext
from .index import Catalogue
from .overview import Count, ListLinks, case_studies, shown_options

NOT_STATED = 0  # the level of a case study that states none
LEVELS = [*EvidenceLevel.values, NOT_STATED]  # the columns, in the order shown


@dataclass(eq=False)
class Figures:
    """The levels and savings of the index's case studies, by index position."""

    by_level: dict[
        int, int
    ]  # evidence level (confirmed if an editor did, else self-assessed; 0: none) → bit set
    savings: np.ndarray  # pounds a year by position (int64; 0 where none is stated)
    reporting: int  # bit set of the case studies that state savings (£0 included: it is a figure they gave)


def read(using: str, catalogue: Catalogue) -> Figures:
    """The levels and who reports savings come from the index; the amounts, the one thing it lacks, from one query
    over the published case studies that state one."""
    savings = np.zeros(catalogue.size, dtype=np.int64)
    rows = (
        CaseStudy.objects.using(using)
        .filter(status=CaseStudy.Status.PUBLISHED, savings_per_year__isnull=False)
        .values_list("id", "savings_per_year")
    )
    for pk, saved in rows.iterator(chunk_size=20000):
        # A case study the index lacks is scheduled, or published after it was built: the next index has it.
        position = catalogue.position_of(pk)
        if position >= 0:
            savings[position] = saved
    by_level = {level: mask for level, mask in catalogue.by_evidence.items() if mask}
    by_level.setdefault(NOT_STATED, 0)
    return Figures(by_level=by_level, savings=savings, reporting=catalogue.with_savings)


_lock = threading.Lock()
# Per database alias: the index the figures were read for (weakly: an index replaced is not kept alive by this),
# and the figures.
_held: dict[str, tuple[weakref.ref, Figures]] = {}


def figures(catalogue: Catalogue) -> Figures:
    """The figures for this index: read once, then held until the index is replaced."""
    using = router.db_for_read(CaseStudy)
    kept = _held.get(using)
    if kept is not None and kept[0]() is catalogue:
        return kept[1]
    value = read(using, catalogue)
    with _lock:
        _held[using] = (weakref.ref(catalogue), value)
    return value


def forget() -> None:
    with _lock:
        _held.clear()


# Evidence by topic


@dataclass(frozen=True)
class EvidenceRow:
    topic: Count  # every case study of the search with the topic (a link to that list)
    cells: list[Count]  # one per ``LEVELS``; no link: the list cannot show exactly one level


@dataclass(frozen=True)
class EvidenceByTopic:
    levels: list[Count]  # the whole search by level, each case study once
    rows: list[EvidenceRow]

    @property
    def columns(self) -> list[Count]:
        return self.levels

    @property
    def largest(self) -> int:
        return max((cell.count for row in self.rows for cell in row.cells), default=0)


@per_language
def level_label(level: int) -> str:
    return str(EvidenceLevel(level).label) if level else gettext("Not stated")


@per_language
def short_level_label(level: int) -> str:
    return gettext("Level %(number)s") % {"number": level} if level else gettext("Not stated")


def evidence_by_topic(search: SearchContext, mask: int, links: ListLinks, found: Figures) -> EvidenceByTopic:
    by_level = [(level, found.by_level.get(level, 0)) for level in LEVELS]
    rows = []
    for slug, name, topic_bits in shown_options(search, "topic"):
        in_topic = mask & topic_bits
        cells = [
            Count(str(level), short_level_label(level), (in_topic & bits).bit_count(), "")
            for level, bits in by_level
        ]
        rows.append(EvidenceRow(Count(slug, name, in_topic.bit_count(), links.url(topic=[slug])), cells))
    totals = [
        Count(str(level), short_level_label(level), (mask & bits).bit_count(), "") for level, bits in by_level
    ]
    return EvidenceByTopic(levels=totals, rows=rows)


# Savings by topic and by year


def money(pounds: int) -> str:
    """Pounds in short: "£950", "£12.5k", "£350k", "£1.2m", "£3bn" (one decimal under 100 of a unit)."""
    if pounds < 1000:
        return f"£{pounds:,}"
    for size, suffix in ((10**3, "k"), (10**6, "m"), (10**9, "bn")):
        amount = pounds / size
        text = f"{amount:.1f}" if amount < 100 else f"{amount:.0f}"
        if float(text) < 1000 or suffix == "bn":  # £999,999 is "£1m", not "£1000k"
            return f"£{text.removesuffix('.0')}{suffix}"
    raise AssertionError("unreachable")


@dataclass(frozen=True)
class Saving:
    label: str
    total: int  # pounds a year, summed
    count: int  # the case studies that reported a figure
    url: str = ""  # the list of the group's case studies (those without a figure too), or ""

    @property
    def text(self) -> str:
        """The figure as shown; "none reported" tells no figure from a reported £0."""
        return money(self.total) if self.count else gettext("none reported")

    @property
    def noun(self) -> str:
        return case_studies(self.count)

    @property
    def amount(self) -> str:
        """In words: "£1.2m a year, from 3 case studies"."""
        if not self.count:
            return gettext("no savings reported")
        return gettext("%(money)s a year, from %(case_studies)s") % {
            "money": self.text,
            "case_studies": self.noun,
        }


@dataclass(frozen=True)
class Savings:
    total: Saving  # the whole search, each case study once
    topics: list[Saving]
    years: list[Saving]  # by year of publication, from the first to the last year with a figure


def _saving(label: str, mask: int, found: Figures, size: int, url: str = "") -> Saving:
    reporting = mask & found.reporting
    if not reporting:
        return Saving(label, 0, 0, url)
    total = int(found.savings[flags_of(reporting, size)].sum())
    return Saving(label, total, reporting.bit_count(), url)


def savings(search: SearchContext, mask: int, links: ListLinks, found: Figures) -> Savings:
    catalogue = search.filterset.index
    size = catalogue.size
    topics = [
        _saving(name, mask & bits, found, size, links.url(topic=[slug]))
        for slug, name, bits in shown_options(search, "topic")
    ]
    by_year = {
        year: _saving(
            str(year), mask & bits, found, size, links.url(year_from=[str(year)], year_to=[str(year)])
        )
        for year, bits in catalogue.by_year.items()
    }
    reported = [year for year, saving in by_year.items() if saving.count]
    years = (
        [by_year.get(year) or Saving(str(year), 0, 0) for year in range(min(reported), max(reported) + 1)]
        if reported
        else []
    )
    return Savings(total=_saving("All", mask, found, size), topics=topics, years=years)
