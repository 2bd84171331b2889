"""The charts in words, in the active language: the sentences of the map's and the charts' descriptions
(``<desc>``), the names of heat squares, and how several tied items are named.

Each sentence that says what a bar or a column stands for is one message per kind of thing (a year, a council, a
region…), not a noun put into a sentence: Welsh nouns change after numbers and articles (y ddwy flynedd, y ddau
gyngor), so only a whole sentence can be translated well. Counts go through ``ngettext`` (Welsh has six forms).
"""

from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext, ngettext, ngettext_lazy, pgettext
from django.utils.translation import gettext_lazy as _

from casestudies.catalogue.atlas import Atlas
from casestudies.ops.languages import per_language


@dataclass(frozen=True)
class BarWords:
    """What a bar chart says about its bars, for one kind of bar."""

    only: Promise  # "One bar, for the only year, %(name)s."
    many: Promise  # "%(count)s bars, one per year.", counted by ``number``
    every: Promise  # "Every year has %(amount)s."
    both: Promise  # "Both years have %(amount)s."


# Keyed by the English singular of the chart's ``unit``.
BARS = {
    "year": BarWords(
        _("One bar, for the only year, %(name)s."),
        ngettext_lazy("%(count)s bar, one per year.", "%(count)s bars, one per year.", "number"),
        _("Every year has %(amount)s."),
        _("Both years have %(amount)s."),
    ),
    "council": BarWords(
        _("One bar, for the only council, %(name)s."),
        ngettext_lazy("%(count)s bar, one per council.", "%(count)s bars, one per council.", "number"),
        _("Every council has %(amount)s."),
        _("Both councils have %(amount)s."),
    ),
    "kind of support": BarWords(
        _("One bar, for the only kind of support, %(name)s."),
        ngettext_lazy(
            "%(count)s bar, one per kind of support.", "%(count)s bars, one per kind of support.", "number"
        ),
        _("Every kind of support has %(amount)s."),
        _("Both kinds of support have %(amount)s."),
    ),
    "topic": BarWords(
        _("One bar, for the only topic, %(name)s."),
        ngettext_lazy("%(count)s bar, one per topic.", "%(count)s bars, one per topic.", "number"),
        _("Every topic has %(amount)s."),
        _("Both topics have %(amount)s."),
    ),
    "bar": BarWords(
        _("One bar, %(name)s."),
        ngettext_lazy("%(count)s bar.", "%(count)s bars.", "number"),
        _("Every bar has %(amount)s."),
        _("Both bars have %(amount)s."),
    ),
    "square": BarWords(
        _("One square, %(name)s."),
        ngettext_lazy("%(count)s square.", "%(count)s squares.", "number"),
        _("Every square has %(amount)s."),
        _("Both squares have %(amount)s."),
    ),
}


def bar_words(unit: tuple[str, str]) -> BarWords:
    return BARS.get(unit[0], BARS["bar"])


def the_table() -> str:
    return gettext("The same numbers are in the table below the chart.")


def bars_description(items: list, *, unit: tuple[str, str]) -> str:
    """A bar chart in words: how many bars, the highest and the lowest."""
    if not items:
        return gettext("No bars: nothing to count.")
    words = bar_words(unit)
    if len(items) == 1:
        said = words.only % {"name": items[0].name}
    else:
        count = words.many % {"number": len(items), "count": f"{len(items):,}"}
        said = f"{count} {extremes(items, unit=unit, lowest=True)}"
    return f"{said} {the_table()}"


def extremes(items: list, *, unit: tuple[str, str], lowest: bool) -> str:
    """The highest (and the lowest) of several items with a ``label``, a ``value`` and an ``amount``, each said
    once: when every item has the same value that is one sentence ("Every year has 8 case studies."), and items
    sharing the highest or lowest value are named together."""
    values = [item.value for item in items]
    if min(values) == max(values):
        words = bar_words(unit)
        return (words.both if len(items) == 2 else words.every) % {"amount": items[0].amount}
    said = gettext("Highest: %(items)s.") % {"items": tied(items, max(values))}
    if lowest:
        said += " " + gettext("Lowest: %(items)s.") % {"items": tied(items, min(values))}
    return said


VOWELS = set("AEIOUaeiouÂÊÎÔÛŴŶâêîôûŵŷ")


def starts_with_a_vowel(label: str) -> bool:
    """Whether a label is said starting with a vowel: a letter, or a number read aloud (1 "un", 8 "wyth", 11 "un
    ar ddeg", 18 "deunaw" does not, 80-89 "wyth deg …")."""
    digits = label[: len(label) - len(label.lstrip("0123456789"))]
    if not digits:
        return label[:1] in VOWELS
    return int(digits) in (1, 8, 11) or (digits.startswith("8") and len(digits) == 2)


def and_list(labels: list[str]) -> str:
    """ "A, B and C"; the Welsh "a" is "ac" before a vowel, so that form has its own message."""
    if len(labels) == 1:
        return labels[0]
    first, last = ", ".join(labels[:-1]), labels[-1]
    if starts_with_a_vowel(last):
        return pgettext("before a word that starts with a vowel", "%(first)s and %(last)s") % {
            "first": first,
            "last": last,
        }
    return gettext("%(first)s and %(last)s") % {"first": first, "last": last}


def tied(items: list, value: int, shown: int = 3) -> str:
    """The items with ``value``, named: "2019: 8 case studies"; "2019 and 2021: 8 case studies each"."""
    matching = [item for item in items if item.value == value]
    labels = [item.label for item in matching[:shown]]
    others = len(matching) - shown
    if others > 0:
        labels.append(ngettext("%(count)s other", "%(count)s others", others) % {"count": f"{others:,}"})
    if len(labels) == 1:
        return f"{labels[0]}: {matching[0].amount}"
    return gettext("%(items)s: %(amount)s each") % {"items": and_list(labels), "amount": matching[0].amount}


# The heat tables: topics (rows) by regions or by evidence levels (columns)


@dataclass(frozen=True)
class HeatWords:
    one: Promise  # one topic by one column
    columns: Promise  # "%(count)s regions (columns)", counted by ``number``
    grid: Promise  # "%(rows)s by %(columns)s; each square shows …"


HEATS = {
    "region": HeatWords(
        _(
            "One topic (the row) by one region (the column); the square shows how many case studies have the "
            "topic and come from a council in the region. %(name)s."
        ),
        ngettext_lazy("%(count)s region (columns)", "%(count)s regions (columns)", "number"),
        _(
            "%(rows)s by %(columns)s; each square shows how many case studies have the topic and come from a "
            "council in the region, darker for more."
        ),
    ),
    "evidence level": HeatWords(
        _(
            "One topic (the row) by one evidence level (the column); the square shows how many case studies "
            "have the topic and that evidence level (the last column: no level stated). %(name)s."
        ),
        ngettext_lazy("%(count)s evidence level (columns)", "%(count)s evidence levels (columns)", "number"),
        _(
            "%(rows)s by %(columns)s; each square shows how many case studies have the topic and that evidence "
            "level (the last column: no level stated), darker for more."
        ),
    ),
}


def heat_description(heat) -> str:
    """A heat table (``charts.HeatDrawing``) in words."""
    if not heat.cells:
        return gettext("No squares: nothing to count.")
    words = HEATS.get(heat.column[0], HEATS["region"])
    if len(heat.cells) == 1:
        said = words.one % {"name": heat.cells[0].name}
    else:
        rows, columns = len(heat.rows), len(heat.columns)
        said = words.grid % {
            "rows": ngettext("%(count)s topic (rows)", "%(count)s topics (rows)", rows) % {"count": rows},
            "columns": words.columns % {"number": columns, "count": columns},
        }
        said += " " + extremes(heat.cells, unit=("square", "squares"), lowest=False)
        if len({cell.count for cell in heat.cells}) > 1:
            empty = sum(1 for cell in heat.cells if not cell.count)
            said += " " + gettext("Squares with none: %(count)s.") % {"count": empty}
    return f"{said} {the_table()}"


@per_language
def in_region(topic: str, column: str) -> str:
    """A topic-by-region square's name: "Housing in Wales"."""
    return gettext("%(topic)s in %(region)s") % {"topic": topic, "region": column}


def at_level(topic: str, level: str) -> str:
    """A topic-by-evidence-level square's name: "Housing (level 3)", "Housing (not stated)"."""
    return f"{topic} ({level.lower()})"


# The map


def map_description(atlas: Atlas) -> str:
    """The map in words, for its ``<desc>``."""
    placed = atlas.on_map
    if len(placed) == 1:
        words = [
            gettext("One council is marked with a circle: %(name)s.") % {"name": placed[0].accessible_name}
        ]
    elif placed:
        counts = [item.count for item in placed]
        leaders = [item.place.local_name for item in placed if item.count == max(counts)]
        if min(counts) != max(counts):
            spread = gettext("from %(low)s to %(high)s") % {
                "low": f"{min(counts):,}",
                "high": f"{max(counts):,}",
            }
        else:
            spread = gettext("%(count)s each") % {"count": f"{max(counts):,}"}
        most = ", ".join(leaders[:3]) + (gettext(" and others") if len(leaders) > 3 else "")
        words = [
            ngettext(
                "%(count)s council is marked with a circle whose area is in proportion to the number of case "
                "studies it led, %(spread)s (most: %(most)s).",
                "%(count)s councils are marked with circles whose areas are in proportion to the number of case "
                "studies each led, %(spread)s (most: %(most)s).",
                len(placed),
            )
            % {"count": f"{len(placed):,}", "spread": spread, "most": most}
        ]
    else:
        words = [gettext("No council on the map has a case study that matches your search.")]
    others = len(atlas.backdrop)
    words.append(
        ngettext(
            "Faint dots mark the other %(count)s current councils.",
            "Faint dots mark the other %(count)s current councils.",
            others,
        )
        % {"count": f"{others:,}"}
    )
    if atlas.unplaced:
        words.append(
            gettext("Councils with case studies but no location in the data: %(count)s, in the table.")
            % {"count": f"{len(atlas.unplaced):,}"}
        )
    words.append(gettext("The same numbers are in the table below the map."))
    return " ".join(words)
