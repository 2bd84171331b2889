"""A case study's impact, cost and evidence in a real browser (issue 20): the "At a glance" list as the text a
screen reader gets, the outcomes table with its caption and headers, scrolling in its own focusable box at 320 px
(never the page), axe clean, and the glance line on a result card."""

from pathlib import Path

import pytest

from .conftest import DESKTOP, NARROW
from .data import add_evidence
from .helpers import assert_focus_visible, assert_no_axe_violations, assert_no_horizontal_scroll, tab_until

pytestmark = pytest.mark.browser

SHOTS = Path("/tmp/shots")
TABLE_BOX = "div.table-scroll[aria-labelledby='outcomes-caption']"

GLANCE = [
    [
        "Cost",
        "£10,000 to £50,000 (exactly £38,000) What it covers: Two surveyors and the insulation of the first forty homes",
    ],
    [
        "Savings or income a year",
        "£120,000 How it was worked out: Fewer winter hospital admissions, at the NHS trust's cost per admission "
        "Reported by the council.",
    ],
    [
        "Evidence level",
        "Level 2: measured change We collected data showing that things changed after we started, but we cannot "
        "yet say the change was caused by what we did. Confirmed by an editor, who changed it from the council's "
        "own assessment (Level 4: independently evaluated).",
    ],
    [
        "Stage",
        "Stopped (2019 to 2022) Why it stopped: The grant ended and the housing association took the work on.",
    ],
    ["Last reviewed", "5 March 2025"],
    ["Evaluation", "Evaluation report (on another website)"],
]

# The text of each dt and dd, whitespace collapsed: what the accessibility tree reads out, nothing from icons.
_GLANCE_TEXT = """() => [...document.querySelectorAll('section.glance .glance__item')].map(item =>
  [item.querySelector('dt'), item.querySelector('dd')].map(el => el.textContent.replace(/\\s+/g, ' ').trim()))"""

_TABLE = """(box) => {
  const table = document.querySelector(box + ' table');
  return {
    caption: table.caption.textContent.trim(),
    headers: [...table.tHead.querySelectorAll('th')].map(th => [th.textContent.trim(), th.scope]),
    rows: [...table.tBodies[0].rows].map(row => [...row.cells].map(cell => cell.textContent.trim())),
    rowHeaders: [...table.tBodies[0].querySelectorAll('th')].map(th => th.scope),
  };
}"""


def open_with_evidence(page, library, viewport) -> None:
    add_evidence(library.featured)
    page.set_viewport_size(viewport)
    response = page.goto(library.featured.get_absolute_url())
    assert response is not None and response.status == 200


def test_glance_list_reads_as_text_and_is_axe_clean(page, library):
    open_with_evidence(page, library, DESKTOP)

    assert page.evaluate(_GLANCE_TEXT) == GLANCE
    assert page.inner_text("section.glance h2") == "At a glance"
    assert page.get_attribute("section.glance a", "href") == "https://evaluation.example/wigan-warm-homes"
    assert_no_axe_violations(page)
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.locator("section.glance").scroll_into_view_if_needed()
    page.screenshot(path=str(SHOTS / "case-study-glance.png"), full_page=True)


def test_outcomes_table_has_a_caption_and_headers(page, library):
    open_with_evidence(page, library, DESKTOP)

    assert page.evaluate(_TABLE, TABLE_BOX) == {
        "caption": "Measured outcomes, as reported by the council",
        "headers": [
            ["Measure", "col"],
            ["Before", "col"],
            ["After", "col"],
            ["Unit", "col"],
            ["Period", "col"],
            ["Source", "col"],
        ],
        "rows": [
            ["Winter hospital admissions", "120", "90", "a year", "2019 to 2022", "Wrightington NHS trust"],
            ["Homes insulated", "Not stated", "400", "homes", "3 years", "Council housing register"],
            ["Residents' average heating bills", "1,450", "1,120", "£", "a winter", "Residents' survey"],
        ],
        "rowHeaders": ["row", "row", "row"],
    }
    assert page.get_attribute(TABLE_BOX, "role") == "region"


def test_outcomes_table_scrolls_in_its_own_box_at_320px(page, library):
    open_with_evidence(page, library, NARROW)

    assert_no_horizontal_scroll(page, NARROW["width"])
    widths = page.eval_on_selector(TABLE_BOX, "box => [box.scrollWidth, box.clientWidth]")
    assert widths[0] > widths[1], f"the table fits at 320 px, nothing to scroll: {widths}"
    # Reached with Tab, focus shown, and scrolled with the arrow keys.
    tab_until(page, TABLE_BOX)
    assert_focus_visible(page, TABLE_BOX)
    page.keyboard.press("ArrowRight")
    page.wait_for_function("(box) => document.querySelector(box).scrollLeft > 0", arg=TABLE_BOX)
    # The caption stays in view, whole, while the table scrolls under it.
    caption, box = (
        page.eval_on_selector(
            selector, "el => { const r = el.getBoundingClientRect(); return [r.left, r.right]; }"
        )
        for selector in ("#outcomes-caption", TABLE_BOX)
    )
    assert box[0] - 1 <= caption[0] and caption[1] <= box[1] + 1, (caption, box)
    assert_no_horizontal_scroll(page, NARROW["width"])
    assert_no_axe_violations(page)
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.eval_on_selector(TABLE_BOX, "box => { box.scrollLeft = 0; box.blur(); }")
    page.locator("section[aria-labelledby='outcomes']").screenshot(
        path=str(SHOTS / "case-study-outcomes-phone.png")
    )


def test_card_shows_the_glance_line(page, library):
    add_evidence(library.featured)
    page.set_viewport_size(NARROW)
    page.goto("/case-studies/")

    assert page.locator("p.card__glance").all_inner_texts() == [
        "Cost: £10,000 to £50,000 · Evidence level 2: measured change · Stage: Stopped · "
        "Winter hospital admissions: 120 → 90 a year"
    ]
    assert_no_horizontal_scroll(page, NARROW["width"])
    assert_no_axe_violations(page)
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.locator("article.card", has=page.locator("p.card__glance")).screenshot(
        path=str(SHOTS / "card-glance-phone.png")
    )
