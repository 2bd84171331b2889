"""What the admin's Searches page shows: the most common queries of a period with their trend against the period
before, the searches that found nothing, and the searches per day (per month over a year) with the share that found
nothing, as numbers and as the geometry of a small SVG chart (drawn by
templates/admin/casestudies/searchcount/chart.svg). A search that found nothing links to its best bet when it has one.
"""

from dataclasses import dataclass, replace
from datetime import date, timedelta

from django.db.models import Max, Min, Q, Sum
from django.utils import timezone

from casestudies.models import BestBet, SearchCount

PERIODS = {7: "Last 7 days", 30: "Last 30 days", 365: "Last 365 days"}
DEFAULT_PERIOD = 30
TOP = 25
MASKED = ("[email]", "[phone]", "[postcode]", "[number]")


def period_of(value: str | None) -> int:
    """The period asked for (``?days=``), or the default for anything else."""
    try:
        days = int(value or "")
    except ValueError:
        return DEFAULT_PERIOD
    return days if days in PERIODS else DEFAULT_PERIOD


@dataclass(frozen=True)
class QueryRow:
    query: str
    searches: int
    fewest: int
    most: int
    previous: int = 0
    with_filters: int = 0
    last_day: date | None = None
    best_bet: int | None = None  # the id of the best bet already set for this query, if any

    @property
    def results(self) -> str:
        return str(self.most) if self.fewest == self.most else f"{self.fewest}–{self.most}"

    @property
    def trend(self) -> str:
        if not self.previous:
            return "new"
        change = round((self.searches - self.previous) * 100 / self.previous)
        if change == 0:
            return "no change"
        return f"up {change}%" if change > 0 else f"down {-change}%"

    @property
    def personal(self) -> bool:
        """A masked query: nothing an editor can add a synonym or a best bet for."""
        return any(mask in self.query for mask in MASKED)


@dataclass(frozen=True)
class Point:
    label: str
    day: date
    searches: int
    nothing: int

    @property
    def share(self) -> int:
        return round(self.nothing * 100 / self.searches) if self.searches else 0


@dataclass(frozen=True)
class Report:
    days: int
    start: date
    end: date
    total: int
    nothing: int
    common: list[QueryRow]
    found_nothing: list[QueryRow]
    points: list[Point]

    @property
    def share(self) -> int:
        return round(self.nothing * 100 / self.total) if self.total else 0


def build(days: int, *, today: date | None = None) -> Report:
    end = today or timezone.localdate()
    start = end - timedelta(days=days - 1)
    window = SearchCount.objects.filter(day__gte=start, day__lte=end)
    previous = SearchCount.objects.filter(day__gte=start - timedelta(days=days), day__lt=start)
    totals = window.aggregate(total=Sum("searches"), nothing=Sum("searches", filter=Q(results=0)))
    common = [
        QueryRow(row["query"], row["times"], row["fewest"], row["most"])
        for row in window.values("query")
        .annotate(times=Sum("searches"), fewest=Min("results"), most=Max("results"))
        .order_by("-times", "query")[:TOP]
    ]
    before = dict(
        previous.filter(query__in=[row.query for row in common])
        .values("query")
        .annotate(times=Sum("searches"))
        .values_list("query", "times")
    )
    common = [
        QueryRow(row.query, row.searches, row.fewest, row.most, previous=before.get(row.query, 0))
        for row in common
    ]
    found_nothing = [
        QueryRow(
            row["query"],
            row["times"],
            0,
            0,
            with_filters=row["with_filters"] or 0,
            last_day=row["last_day"],
        )
        for row in window.filter(results=0)
        .values("query")
        .annotate(
            times=Sum("searches"),
            with_filters=Sum("searches", filter=Q(filtered=True)),
            last_day=Max("day"),
        )
        .order_by("-times", "query")[:TOP]
    ]
    # A search that found nothing may already have its best bet: the editor changes it rather than adding another.
    bets = dict(
        BestBet.objects.filter(query__in=[row.query for row in found_nothing]).values_list("query", "pk")
    )
    found_nothing = [replace(row, best_bet=bets.get(row.query)) for row in found_nothing]
    return Report(
        days=days,
        start=start,
        end=end,
        total=totals["total"] or 0,
        nothing=totals["nothing"] or 0,
        common=common,
        found_nothing=found_nothing,
        points=_points(window, start, end, monthly=days > 31),
    )


def _points(window, start: date, end: date, *, monthly: bool) -> list[Point]:
    by_day = {
        row["day"]: (row["times"], row["nothing"] or 0)
        for row in window.values("day").annotate(
            times=Sum("searches"), nothing=Sum("searches", filter=Q(results=0))
        )
    }
    if not monthly:
        return [
            Point(f"{day.day} {day:%b}", day, *by_day.get(day, (0, 0)))
            for day in (start + timedelta(days=n) for n in range((end - start).days + 1))
        ]
    months: dict[date, list[int]] = {}
    month = start.replace(day=1)
    while month <= end:
        months[month] = [0, 0]
        month = (month + timedelta(days=32)).replace(day=1)
    for day, (searches, nothing) in by_day.items():
        counts = months[day.replace(day=1)]
        counts[0] += searches
        counts[1] += nothing
    return [Point(f"{month:%b %Y}", month, *counts) for month, counts in months.items()]


# The chart: a column per day (or month), its height the searches, its lower part those that found nothing.
WIDTH, HEIGHT, TOP_MARGIN, BOTTOM, LEFT = 640, 220, 16, 36, 44


@dataclass(frozen=True)
class Column:
    point: Point
    x: float
    width: float
    y: float
    height: float
    nothing_y: float
    nothing_height: float
    label_x: float
    show_label: bool

    @property
    def name(self) -> str:
        searches = self.point.searches
        return (
            f"{self.point.label}: {searches} search{'es' if searches != 1 else ''}, "
            f"{self.point.nothing} found nothing ({self.point.share}%)"
        )


@dataclass(frozen=True)
class Chart:
    width: int
    height: int
    base_y: float
    left: int
    top_value: int
    top_y: float
    columns: list[Column]
    description: str


def draw(report: Report) -> Chart:
    points = report.points
    plot_height = HEIGHT - TOP_MARGIN - BOTTOM
    base = HEIGHT - BOTTOM
    highest = max((p.searches for p in points), default=0) or 1
    step = (WIDTH - LEFT - 8) / max(len(points), 1)
    every = max(1, round(len(points) / 8))  # at most about eight labels under the columns
    columns = []
    for n, point in enumerate(points):
        height = point.searches * plot_height / highest
        nothing_height = point.nothing * plot_height / highest
        x = LEFT + n * step + step * 0.15
        columns.append(
            Column(
                point=point,
                x=round(x, 1),
                width=round(step * 0.7, 1),
                y=round(base - height, 1),
                height=round(height, 1),
                nothing_y=round(base - nothing_height, 1),
                nothing_height=round(nothing_height, 1),
                label_x=round(x + step * 0.35, 1),
                show_label=n % every == 0,
            )
        )
    unit = "month" if report.days > 31 else "day"
    description = (
        f"Searches per {unit} from {report.start:%d %B %Y} to {report.end:%d %B %Y}: {report.total} in all, "
        f"{report.nothing} of them ({report.share}%) found nothing. The darker part of each column is the searches "
        "that found nothing. The table below gives the same numbers."
    )
    return Chart(
        width=WIDTH,
        height=HEIGHT,
        base_y=base,
        left=LEFT,
        top_value=highest if points and any(p.searches for p in points) else 0,
        top_y=TOP_MARGIN,
        columns=columns,
        description=description,
    )
