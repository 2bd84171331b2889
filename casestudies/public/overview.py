"""The catalogue at a glance: the map of councils (/case-studies/map/) and the insights page (/insights/).

Both take the list's query string, show the list's filters with the same facet counts (includes/finder.html),
and draw their charts on the server as inline SVG with a table of the same numbers; every number links to the
list it counts. Counts come from the catalogue index (``catalogue.atlas``, ``catalogue.insights``).
"""

from urllib.parse import urlencode

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse

from casestudies.catalogue import atlas, impact, insights, searchlog
from casestudies.catalogue.context import SearchContext
from casestudies.catalogue.overview import case_studies
from casestudies.models import EVIDENCE_LEVEL_HELP, EvidenceLevel
from casestudies.ops.pagecache import cached_public_page

from . import charts, chartwords

ARIA_SORT = {"count": "descending", "name": "ascending", "region": "ascending"}


def _page(search: SearchContext, *, url_name: str, notes: list[str], **extra) -> dict:
    """What the finder (filters with facet counts, notes, active-filter tags) needs, aimed at this page."""
    filterset = search.filterset
    path = reverse(f"casestudies:{url_name}")
    return {
        "search": search,
        "filter": filterset,
        "facets": filterset.facets(),
        "notes": filterset.notes() + notes,
        "active_filters": filterset.active_filters(),
        "list_url": path,
        "hide_sort": True,  # the list's sort order means nothing here; it is kept for the way back
        "kept_sort": dict(search.params).get("sort", ""),
        "canonical_url": settings.SITE_URL + (f"{path}?{search.query_string}" if search.params else path),
        **extra,
    }


def _respond(request: HttpRequest, template: str, context: dict) -> HttpResponse:
    response = render(request, template, context)
    response.cacheable = not context["notes"]  # as on the list: a page with notes is not worth sharing
    response.cache_until = context["search"].filterset.index.next_change  # a scheduled publication changes it
    response.cache_note = searchlog.record_search(context["search"], results=context["result_count"])
    return response


def _order_links(search: SearchContext, chosen: str) -> dict[str, dict]:
    """For each column the table can be sorted by: the link that sorts it, and ``aria-sort`` when it does."""
    path = reverse("casestudies:map")
    links = {}
    for order in atlas.TABLE_ORDERS:
        params = list(search.params) + ([("order", order)] if order != atlas.DEFAULT_ORDER else [])
        links[order] = {
            "url": f"{path}?{urlencode(params)}#council-table" if params else f"{path}#council-table",
            "aria_sort": ARIA_SORT[order] if order == chosen else None,
            "label": atlas.TABLE_ORDERS[order],
        }
    return links


@cached_public_page
def case_study_map(request: HttpRequest) -> HttpResponse:
    search = SearchContext.from_request(request)
    order, order_notes = atlas.TableOrderForm(request.GET).chosen()
    mapped = atlas.build(search, order=order)
    context = _page(
        search,
        url_name="map",
        notes=order_notes,
        results_template="includes/map_results.html",
        atlas=mapped,
        result_count=mapped.total,
        drawing=charts.draw_map(mapped),
        order_links=_order_links(search, order),
        order_label=atlas.TABLE_ORDERS[order],
    )
    return _respond(request, "casestudies/map.html", context)


def _bars_of_counts(counts, *, unit: tuple[str, str]) -> charts.BarChart:
    return charts.draw_bars(
        [charts.BarItem(count.label, count.count, count.text, count.url, count.noun) for count in counts],
        unit=unit,
    )


def _bars_of_savings(savings: list[impact.Saving], *, unit: tuple[str, str]) -> charts.BarChart:
    """Savings bars are not links: the list of a topic or year has the case studies without a figure too."""
    return charts.draw_bars(
        [charts.BarItem(saving.label, saving.total, saving.text, "", saving.amount) for saving in savings],
        unit=unit,
    )


# The evidence scale in plain words, as the submission form explains it.
EVIDENCE_SCALE = [(EvidenceLevel(level).label, EVIDENCE_LEVEL_HELP[level]) for level in EvidenceLevel.values]


@cached_public_page
def insights_page(request: HttpRequest) -> HttpResponse:
    search = SearchContext.from_request(request)
    found = insights.build(search)
    councils = charts.draw_bars(
        [
            charts.BarItem(item.place.local_name, item.count, item.text, item.url, case_studies(item.count))
            for item in found.top_councils
        ],
        unit=("council", "councils"),
    )
    support = charts.draw_bars(
        [
            charts.BarItem(
                share.count.label,
                share.count.count,
                share.percent_text,
                share.count.url,
                f"{share.percent}% ({case_studies(share.count.count)})",
            )
            for share in found.support
        ],
        unit=("kind of support", "kinds of support"),
    )
    context = _page(
        search,
        url_name="insights",
        notes=[],
        results_template="includes/insights_results.html",
        insights=found,
        result_count=found.total,
        topics_chosen=bool(search.filterset.selected("topic")),
        regions_chosen=bool(search.filterset.selected("region")),
        heat=charts.draw_heat(found.heat),
        evidence_chart=charts.draw_heat(
            found.evidence,
            cell_label=chartwords.at_level,
            column=("evidence level", "evidence levels"),
        ),
        evidence_scale=EVIDENCE_SCALE,
        savings_topics_chart=_bars_of_savings(found.savings.topics, unit=("topic", "topics")),
        savings_years_chart=_bars_of_savings(found.savings.years, unit=("year", "years")),
        years=_bars_of_counts(found.years, unit=("year", "years")),
        councils_chart=councils,
        support_chart=support,
    )
    return _respond(request, "casestudies/insights.html", context)
