"""The charts in words: each drawing's description says the highest and the lowest once, plainly, whatever the
numbers (all equal, one only, ties)."""

from casestudies.catalogue.insights import Heat, HeatRow
from casestudies.catalogue.overview import Count, case_studies
from casestudies.public.charts import BarItem, draw_bars, draw_heat

TABLE = " The same numbers are in the table below the chart."


def years(*counts: tuple[str, int]) -> str:
    items = [BarItem(year, n, str(n), f"/case-studies/?year={year}", case_studies(n)) for year, n in counts]
    return draw_bars(items, unit=("year", "years")).description


def test_bars_description_names_the_highest_and_the_lowest():
    assert years(("2021", 1), ("2022", 0), ("2023", 2)) == (
        "3 bars, one per year. Highest: 2023: 2 case studies. Lowest: 2022: no case studies." + TABLE
    )


def test_bars_description_says_it_once_when_every_year_is_equal():
    assert (
        years(("2019", 8), ("2020", 8), ("2021", 8))
        == "3 bars, one per year. Every year has 8 case studies." + TABLE
    )


def test_bars_description_says_it_once_when_both_years_are_equal():
    assert years(("2019", 8), ("2020", 8)) == "2 bars, one per year. Both years have 8 case studies." + TABLE


def test_bars_description_of_one_year_only():
    assert years(("2019", 8)) == "One bar, for the only year, 2019: 8 case studies." + TABLE


def test_bars_description_names_every_year_tied_for_highest():
    assert years(("2019", 8), ("2020", 3), ("2021", 8)) == (
        "3 bars, one per year. Highest: 2019 and 2021: 8 case studies each. Lowest: 2020: 3 case studies."
        + TABLE
    )


def test_bars_description_names_three_tied_years_and_counts_the_others():
    counts = [(str(year), 1) for year in range(2015, 2021)] + [("2021", 5)]

    assert years(*counts) == (
        "7 bars, one per year. Highest: 2021: 5 case studies. "
        "Lowest: 2015, 2016, 2017 and 3 others: 1 case study each." + TABLE
    )


def test_bars_description_without_bars():
    assert years() == "No bars: nothing to count."


def test_bars_description_uses_the_unit_and_the_amount_in_words():
    shares = [
        BarItem("Grant", 2, "50%", "/case-studies/?support_type=grant", "50% (2 case studies)"),
        BarItem("Advice", 2, "50%", "/case-studies/?support_type=advice", "50% (2 case studies)"),
    ]

    chart = draw_bars(shares, unit=("kind of support", "kinds of support"))

    assert chart.description == (
        "2 bars, one per kind of support. Both kinds of support have 50% (2 case studies)." + TABLE
    )
    assert [bar.item.name for bar in chart.bars] == [
        "Grant: 50% (2 case studies)",
        "Advice: 50% (2 case studies)",
    ]


def heat(topics: dict[str, list[int]], regions: list[str]) -> str:
    rows = [
        HeatRow(
            Count(topic, topic, sum(counts), "/t"),
            [Count(region, region, n, "/c") for region, n in zip(regions, counts, strict=True)],
        )
        for topic, counts in topics.items()
    ]
    columns = [Count(region, region, 0, "/r") for region in regions]
    return draw_heat(Heat(regions=columns, rows=rows)).description


GRID = "each square shows how many case studies have the topic and come from a council in the region, darker for more."


def test_heat_description_names_the_highest_and_counts_the_empty_squares():
    assert heat({"Housing": [2, 0], "Digital": [1, 1]}, ["Wales", "London"]) == (
        f"2 topics (rows) by 2 regions (columns); {GRID} Highest: Housing in Wales: 2 case studies. "
        "Squares with none: 1." + TABLE
    )


def test_heat_description_says_it_once_when_every_square_is_equal():
    assert heat({"Housing": [3, 3, 3]}, ["Wales", "London", "Scotland"]) == (
        f"1 topic (rows) by 3 regions (columns); {GRID} Every square has 3 case studies." + TABLE
    )


def test_heat_description_names_every_square_tied_for_highest():
    assert heat({"Housing": [2, 1], "Digital": [0, 2]}, ["Wales", "London"]) == (
        f"2 topics (rows) by 2 regions (columns); {GRID} Highest: Housing in Wales and Digital in London: "
        "2 case studies each. Squares with none: 1." + TABLE
    )


def test_heat_description_of_one_square_only():
    assert heat({"Housing": [4]}, ["Wales"]) == (
        "One topic (the row) by one region (the column); the square shows how many case studies have the topic "
        "and come from a council in the region. Housing in Wales: 4 case studies." + TABLE
    )
