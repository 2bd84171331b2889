"""Drawing the map and the insights charts: where each mark goes, in SVG units. Templates turn these into inline
SVG (templates/charts/); colours and fonts come from classes in the stylesheet (the CSP allows no inline styles).

Text widths are estimated (about 0.55 em a character), which is enough to lay out labels in a fixed font size.
"""

import math
from collections.abc import Callable
from dataclasses import dataclass

from casestudies.catalogue.atlas import Atlas, CouncilCount
from casestudies.catalogue.impact import EvidenceByTopic
from casestudies.catalogue.insights import Heat
from casestudies.catalogue.overview import case_studies
from casestudies.catalogue.projection import Frame

from .chartwords import bars_description, heat_description, in_region, map_description

MAP_WIDTH, MAP_MARGIN = 400, 16
LARGEST_RADIUS, SMALLEST_RADIUS, DOT_RADIUS = 14.0, 2.5, 1.6
FULL_SIZE = 16  # the count that gets the largest circle when no council has more
CHAR_WIDTH = 8.0  # a generous average at the charts' 13px text
LABEL_LIMIT = (
    40  # characters; a longer label is cut with an ellipsis (its full text stays in the mark's name)
)
HEAT_LEVELS = 5


def radius(count: int, largest: int) -> float:
    """Circle areas in proportion to the counts, the largest at ``LARGEST_RADIUS`` (or smaller when it is under
    ``FULL_SIZE``, so that a few case studies do not look like many); never too small to see."""
    if count <= 0 or largest <= 0:
        return 0.0
    return round(max(SMALLEST_RADIUS, LARGEST_RADIUS * math.sqrt(count / max(largest, FULL_SIZE))), 1)


def level(count: int, largest: int, levels: int = HEAT_LEVELS) -> int:
    """0 for none, else 1 to ``levels`` in equal steps of the largest count."""
    if count <= 0 or largest <= 0:
        return 0
    return min(levels, math.ceil(levels * count / largest))


def shorten(text: str, limit: int = LABEL_LIMIT) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def text_width(text: str) -> float:
    return len(text) * CHAR_WIDTH


# The map


@dataclass(frozen=True)
class Mark:
    x: float
    y: float
    r: float
    item: CouncilCount


@dataclass(frozen=True)
class Dot:
    x: float
    y: float
    name: str


@dataclass(frozen=True)
class LegendEntry:
    x: float
    y: float
    r: float
    label: str

    @property
    def label_x(self) -> float:
        return self.x + LARGEST_RADIUS + 6


@dataclass(frozen=True)
class MapDrawing:
    width: float
    height: float
    marks: list[Mark]  # largest first, so smaller marks are drawn on top and stay easy to point at
    dots: list[Dot]
    legend: list[LegendEntry]
    description: str


def draw_map(atlas: Atlas) -> MapDrawing:
    placed = atlas.on_map
    frame = Frame.fit(
        [place.point for place in atlas.backdrop] + [item.place.point for item in placed],
        width=MAP_WIDTH,
        margin=MAP_MARGIN,
    )
    largest = max((item.count for item in placed), default=0)
    marks = [Mark(*frame.place(item.place.point), radius(item.count, largest), item) for item in placed]
    marks.sort(key=lambda mark: (-mark.r, mark.item.place.name))
    dots = [Dot(*frame.place(place.point), place.local_name) for place in atlas.backdrop]
    return MapDrawing(frame.width, frame.height, marks, dots, map_legend(largest), map_description(atlas))


def map_legend(largest: int) -> list[LegendEntry]:
    """Up to three sample circles (the largest count, about half of it, and 1) in the map's top-left corner."""
    samples = sorted({largest, max(1, round(largest / 2)), 1} if largest else set(), reverse=True)
    entries, y = [], MAP_MARGIN + LARGEST_RADIUS
    for count in samples:
        r = radius(count, largest)
        entries.append(LegendEntry(MAP_MARGIN + LARGEST_RADIUS, y, r, case_studies(count)))
        y += max(2 * r, 12) + 8
    return entries


# Bars


@dataclass(frozen=True)
class BarItem:
    label: str
    value: int
    text: str  # the number as shown
    url: str
    amount: str  # the number in words: "8 case studies", "50% (2 case studies)"

    @property
    def name(self) -> str:
        """The accessible name: "2019: 8 case studies"."""
        return f"{self.label}: {self.amount}"


@dataclass(frozen=True)
class Bar:
    y: float
    width: float
    label: str
    label_x: float
    value_x: float
    text_y: float
    item: BarItem


@dataclass(frozen=True)
class BarChart:
    width: float
    height: float
    bar_x: float
    bar_height: float
    bars: list[Bar]
    unit: tuple[str, str] = ("bar", "bars")  # what a bar stands for, singular and plural

    @property
    def description(self) -> str:
        """The chart in words, for its ``<desc>``: how many bars, the highest and the lowest."""
        return bars_description([bar.item for bar in self.bars], unit=self.unit)


def draw_bars(
    items: list[BarItem],
    *,
    unit: tuple[str, str] = ("bar", "bars"),
    width: float = 640,
    row: float = 28,
) -> BarChart:
    """Horizontal bars, labels on the left (as wide as the longest), the number after each bar."""
    labels = [shorten(item.label) for item in items]
    label_width = max((text_width(label) for label in labels), default=0) + 16
    value_width = max((text_width(item.text) for item in items), default=0) + 16
    room = max(40.0, width - label_width - value_width)
    largest = max((item.value for item in items), default=0)
    bars = []
    for n, (item, label) in enumerate(zip(items, labels, strict=True)):
        y = n * row + 4
        length = round(room * item.value / largest, 1) if largest else 0.0
        bars.append(
            Bar(
                y=y,
                width=length,
                label=label,
                label_x=round(label_width - 8, 1),
                value_x=round(label_width + length + 6, 1),
                text_y=round(y + row / 2 + 1, 1),
                item=item,
            )
        )
    return BarChart(width, len(items) * row + 8, round(label_width, 1), row - 8, bars, unit)


# The heat table


@dataclass(frozen=True)
class HeatCell:
    x: float
    y: float
    text_x: float
    text_y: float
    level: int
    text: str
    count: int
    url: str
    label: str  # "Housing in Wales"
    amount: str  # "2 case studies"

    @property
    def value(self) -> int:
        return self.count

    @property
    def name(self) -> str:
        return f"{self.label}: {self.amount}"


@dataclass(frozen=True)
class HeatLabel:
    x: float
    y: float
    text: str


@dataclass(frozen=True)
class HeatDrawing:
    width: float
    height: float
    cell_width: float  # of a cell's square, inside a 1-unit gap
    cell_height: float
    columns: list[HeatLabel]  # drawn turned 50 degrees anticlockwise about (x, y)
    rows: list[HeatLabel]
    cells: list[HeatCell]

    column: tuple[str, str] = ("region", "regions")  # what a column stands for, singular and plural

    @property
    def description(self) -> str:
        """The grid in words, for its ``<desc>``."""
        return heat_description(self)


def draw_heat(
    heat: Heat | EvidenceByTopic,
    *,
    cell_width: float = 44,
    cell_height: float = 26,
    cell_label: Callable[[str, str], str] = in_region,
    column: tuple[str, str] = ("region", "regions"),
) -> HeatDrawing:
    """Topics (rows) by the heat's columns (regions, or evidence levels); ``cell_label`` names a square from its
    row's and column's labels ("Housing in Wales"). A square with no link (a count of 0, or a count no list shows
    exactly) is drawn as a named image."""
    row_labels = [shorten(row.topic.label, 34) for row in heat.rows]
    left = max((text_width(label) for label in row_labels), default=0) + 12
    longest = max((text_width(region.label) for region in heat.columns), default=0)
    header = longest * 0.77 + 16  # the column labels are turned 50 degrees: sin 50° ≈ 0.77, cos 50° ≈ 0.64
    largest = heat.largest
    columns = [
        HeatLabel(round(left + (n + 0.5) * cell_width, 1), round(header - 6, 1), region.label)
        for n, region in enumerate(heat.columns)
    ]
    rows, cells = [], []
    for r, (row, label) in enumerate(zip(heat.rows, row_labels, strict=True)):
        y = header + r * cell_height
        rows.append(HeatLabel(round(left - 8, 1), round(y + cell_height / 2 + 4, 1), label))
        for c, cell in enumerate(row.cells):
            cells.append(
                HeatCell(
                    x=round(left + c * cell_width + 1, 1),
                    y=round(y + 1, 1),
                    text_x=round(left + (c + 0.5) * cell_width, 1),
                    text_y=round(y + cell_height / 2 + 4, 1),
                    level=level(cell.count, largest),
                    text=cell.text,
                    count=cell.count,
                    url=cell.url,
                    label=cell_label(row.topic.label, cell.label),
                    amount=case_studies(cell.count),
                )
            )
    width = left + (len(heat.columns) - 0.5) * cell_width + longest * 0.64 + 12
    height = header + len(heat.rows) * cell_height + 4
    return HeatDrawing(
        round(width, 1),
        round(height, 1),
        cell_width - 2,
        cell_height - 2,
        columns,
        rows,
        cells,
        column=column,
    )
