"""The insights page's numbers: a search counted by topic and region, by year, by council and by support type;
its evidence levels by topic and the savings it reports by topic and year (``impact``).

Everything is counted from the catalogue index (bit sets ANDed and counted), never by an aggregate query over the
case study table, so the page costs what the list costs whatever the size of the catalogue. Each number carries
the URL of the list it counts (``overview``).
"""

from dataclasses import dataclass

from . import impact
from .atlas import CouncilCount, council_counts
from .context import SearchContext
from .overview import Count, ListLinks, group_counts, shown_options

TOP_COUNCILS = 10


@dataclass(frozen=True)
class HeatRow:
    topic: Count  # the topic's count over the shown regions
    cells: list[Count]  # one per shown region; each cell's ``label`` is the region's name


@dataclass(frozen=True)
class Heat:
    regions: list[Count]  # each region's count over the shown topics
    rows: list[HeatRow]

    @property
    def columns(self) -> list[Count]:
        return self.regions

    @property
    def largest(self) -> int:
        return max((cell.count for row in self.rows for cell in row.cells), default=0)


@dataclass(frozen=True)
class Share:
    count: Count
    total: int

    @property
    def percent(self) -> int:
        return round(100 * self.count.count / self.total) if self.total else 0

    @property
    def percent_text(self) -> str:
        return f"{self.percent}%"


@dataclass(frozen=True)
class Insights:
    total: int
    heat: Heat
    years: list[Count]
    top_councils: list[CouncilCount]
    councils: int  # how many councils lead at least one case study of the search
    support: list[Share]
    evidence: impact.EvidenceByTopic
    savings: impact.Savings

    @property
    def total_text(self) -> str:
        return f"{self.total:,}"


def topic_by_region(search: SearchContext, mask: int, links: ListLinks) -> Heat:
    regions = shown_options(search, "region")
    rows = []
    for slug, name, topic_bits in shown_options(search, "topic"):
        in_topic = mask & topic_bits
        cells = [
            Count(
                region,
                region_name,
                (in_topic & region_bits).bit_count(),
                links.url(topic=[slug], region=[region]),
            )
            for region, region_name, region_bits in regions
        ]
        rows.append(HeatRow(Count(slug, name, in_topic.bit_count(), links.url(topic=[slug])), cells))
    return Heat(regions=group_counts(search, "region", mask, links), rows=rows)


def by_year(search: SearchContext, mask: int, links: ListLinks) -> list[Count]:
    """Every year from the first to the last with a matching case study (years without any count 0)."""
    catalogue = search.filterset.index
    counts = {year: (mask & bits).bit_count() for year, bits in catalogue.by_year.items()}
    years = [year for year, count in counts.items() if count]
    if not years:
        return []
    return [
        Count(
            str(year),
            str(year),
            counts.get(year, 0),
            links.url(year_from=[str(year)], year_to=[str(year)]),
        )
        for year in range(min(years), max(years) + 1)
    ]


def build(search: SearchContext) -> Insights:
    mask = search.filterset.mask()
    total = mask.bit_count()
    links = ListLinks(search)
    councils = council_counts(search, mask, links)
    figures = impact.figures(search.filterset.index)
    return Insights(
        total=total,
        heat=topic_by_region(search, mask, links),
        years=by_year(search, mask, links),
        top_councils=councils[:TOP_COUNCILS],
        councils=len(councils),
        support=[Share(count, total) for count in group_counts(search, "support_type", mask, links)],
        evidence=impact.evidence_by_topic(search, mask, links, figures),
        savings=impact.savings(search, mask, links, figures),
    )
