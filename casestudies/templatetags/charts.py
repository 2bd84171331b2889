"""Tags for the map and insights pages.

The charts' frames (``<svg>``, title, description, headings) are templates in templates/charts/; their repeated
marks and table rows (up to several hundred on a page) are written here, escaping each text with ``html.escape``:
a template loop or ``format_html`` per mark made the insights page several times slower than the list at
100,000 case studies.
"""

from html import escape

from django import template
from django.urls import reverse
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language, gettext

register = template.Library()


def _count_link(count: int, text: str, url: str, about: str = "") -> str:
    if not count:
        return escape(text)  # "0" or "0%": nothing to list
    hidden = f'<span class="visually-hidden"> {escape(about)}</span>' if about else ""
    return f'<a href="{escape(url)}">{escape(text)}{hidden}</a>'


@register.simple_tag
def count_link(count: int, text: str, url: str, about: str = "") -> SafeString:
    """A number as a link to the list it counts (with words for screen readers); a zero is not a link."""
    return mark_safe(_count_link(count, text, url, about))  # every part escaped above


@register.simple_tag
def map_dots(drawing) -> SafeString:
    dots = (
        f'\n    <circle cx="{d.x}" cy="{d.y}" r="1.6"><title>{escape(d.name)}</title></circle>'
        for d in drawing.dots
    )
    return mark_safe("".join(dots))  # names escaped; coordinates are numbers


@register.simple_tag
def map_marks(drawing) -> SafeString:
    marks = []
    for mark in drawing.marks:
        name = escape(mark.item.accessible_name)
        marks.append(
            f'\n    <a href="{escape(mark.item.url)}" aria-label="{name}"><title>{name}</title>'
            f'<circle class="map__mark" cx="{mark.x}" cy="{mark.y}" r="{mark.r}"/></a>'
        )
    return mark_safe("".join(marks))  # names and links escaped; coordinates are numbers


@register.simple_tag
def council_rows(atlas) -> SafeString:
    """The map's table: a row per council with its name (a link to its page), region, type and count."""
    council_page = reverse("casestudies:council", kwargs={"code": "CODE"})
    not_on_map = escape(gettext("(not on the map)"))
    not_on_map = f' <span class="card__meta">{not_on_map}</span>'
    rows = []
    language = get_language()
    for item in atlas.counted:
        place = item.place
        unplaced = "" if place.point else not_on_map
        rows.append(
            f'\n<tr><th scope="row"><a href="{escape(council_page.replace("CODE", place.code))}">'
            f"{escape(place.local_name)}</a>{unplaced}</th><td>{escape(place.region_in(language) or '–')}</td>"
            f'<td>{escape(place.kind_in(language))}</td><td class="num">'
            f"{_count_link(item.count, item.text, item.url, item.words)}</td></tr>"
        )
    return mark_safe("".join(rows))  # every text escaped above


@register.simple_tag
def heat_cells(heat) -> SafeString:
    marks = []
    size = f'width="{heat.cell_width}" height="{heat.cell_height}"'
    for cell in heat.cells:
        name = escape(cell.name)
        shape = (
            f'<title>{name}</title><rect x="{cell.x}" y="{cell.y}" {size}/>'
            f'<text x="{cell.text_x}" y="{cell.text_y}" text-anchor="middle">{escape(cell.text)}</text>'
        )
        if cell.count and cell.url:
            marks.append(
                f'\n  <a href="{escape(cell.url)}" class="heat heat--{cell.level}" aria-label="{name}">{shape}</a>'
            )
        else:  # nothing to list, or no list that shows exactly these
            marks.append(f'\n  <g class="heat heat--{cell.level}" role="img" aria-label="{name}">{shape}</g>')
    return mark_safe("".join(marks))  # names, numbers and links escaped above


@register.simple_tag
def heat_rows(insights) -> SafeString:
    """The heat table's body: a row per topic with a number per region and the topic's total."""
    rows = []
    for row in insights.heat.rows:
        cells = "".join(f"<td>{_count_link(c.count, c.text, c.url)}</td>" for c in row.cells)
        total = _count_link(row.topic.count, row.topic.text, row.topic.url)
        rows.append(f'\n<tr><th scope="row">{escape(row.topic.label)}</th>{cells}<td>{total}</td></tr>')
    return mark_safe("".join(rows))  # every text escaped above
