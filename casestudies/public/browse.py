"""Browsing: the list, topic and council pages (one list component), the councils index, a case study's page."""

from urllib.parse import urlencode

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse, HttpResponsePermanentRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.cache import patch_cache_control
from django.utils.translation import gettext

from casestudies.catalogue import bestbets, index, searchlog, selectors
from casestudies.catalogue.context import SearchContext
from casestudies.catalogue.similar import case_studies_for, similar_to
from casestudies.models import CaseStudy, Topic
from casestudies.ops.pagecache import Variant, cached_public_page
from casestudies.search.keyword import excerpts
from casestudies.search.suggestions import suggestions

from . import backlink, glance, versions


@cached_public_page
def case_study_list(request: HttpRequest) -> HttpResponse:
    return _render_list(request, SearchContext.from_request(request), template="casestudies/list.html")


@cached_public_page
def topic_detail(request: HttpRequest, slug: str) -> HttpResponse:
    return _render_list(
        request, SearchContext.from_request(request, slug=slug), template="casestudies/topic.html"
    )


@cached_public_page
def council_detail(request: HttpRequest, code: str) -> HttpResponse:
    search = SearchContext.from_request(request, code=code)
    similar = similar_to(search)
    extra = {
        "similar": similar,
        "similar_case_studies": case_studies_for(similar, catalogue=search.filterset.index),
    }
    return _render_list(request, search, template="casestudies/council.html", extra=extra)


def _render_list(
    request: HttpRequest, search: SearchContext, *, template: str, extra: dict | None = None
) -> HttpResponse:
    """The list component for the list, topic and council pages."""
    filterset = search.filterset
    notes = filterset.notes()
    page = selectors.paginate(
        filterset.results(), page=request.GET.get("page"), per_page=settings.CASE_STUDIES_PER_PAGE
    )
    case_studies = list(page.object_list)
    params = search.params
    current = [*params, ("page", str(page.number))] if page.number > 1 else params
    current_url = f"{search.list_path}?{urlencode(current)}" if current else search.list_path
    keyword = filterset.keyword
    context = {
        "search": search,
        "filter": filterset,
        "facets": filterset.facets(),
        "page_obj": page,
        "result_count": page.paginator.count,
        "case_studies": case_studies,
        "excerpts": (
            excerpts(case_studies, filterset.searched_plan(), filterset.related_terms) if keyword else {}
        ),
        "best_bets": bestbets.for_search(filterset) if keyword and page.number == 1 else [],
        "spelling": search.spelling,
        "suggestions": (
            suggestions(keyword, topics=filterset.reference[Topic]) if keyword and not case_studies else None
        ),
        "topic": search.topic,
        "council": search.council,
        "notes": notes,
        "active_filters": filterset.active_filters(),
        "list_url": search.list_path,
        "page_query": search.query_string,
        "canonical_url": settings.SITE_URL + current_url,
        "alert_query": urlencode(search.alert_params),
        **(extra or {}),
    }
    response = render(request, template, context)
    response.cacheable = not notes  # a page explaining ignored parameters is not worth sharing
    response.cache_until = filterset.index.next_change  # a scheduled publication changes the page then
    # Counted in memory; a copy served from the page cache is counted again with the note.
    response.cache_note = searchlog.record_search(search, results=page.paginator.count)
    return response


def case_study_detail(request: HttpRequest, slug: str) -> HttpResponse:
    """A case study has one address: any query string (old ``?back=`` links, tracking tags) is sent to it."""
    if request.META.get("QUERY_STRING"):
        return HttpResponsePermanentRedirect(request.path)
    return _case_study_page(request, slug)


def section_headings() -> dict[str, str]:
    """The case study's section headings in the active language (the English is ``CaseStudy.sections``')."""
    return {
        "challenge": gettext("The challenge"),
        "solution": gettext("The solution"),
        "impact": gettext("The impact"),
        "sustainability": gettext("How the approach is being sustained"),
        "lessons": gettext("Lessons learned"),
    }


@cached_public_page(variant=Variant(header="Referer", key=backlink.cache_variant))
def _case_study_page(request: HttpRequest, slug: str) -> HttpResponse:
    preview = selectors.can_preview(request.user)
    case_study = selectors.case_study_for_page(slug=slug, preview=preview)
    if case_study is None:
        raise Http404("No such case study")
    back = backlink.results_url(request)
    catalogue = index.current()
    topics, support_types = selectors.tags_for_page(case_study, catalogue=catalogue)
    files = selectors.files_for_page(case_study)
    canonical_url = settings.SITE_URL + case_study.get_absolute_url()
    shown = versions.shown(case_study)
    headings = section_headings()
    context = {
        "canonical_url": canonical_url,
        "case_study": case_study,
        "shown": shown,
        "sections": [(field, headings[field], shown.text(field)) for field in CaseStudy.SECTION_FIELDS],
        "topics": topics,
        "support_types": support_types,
        "related": selectors.related_case_studies(
            case_study, [topic.pk for topic in topics], catalogue=catalogue
        ),
        "back_url": back or reverse("casestudies:list"),
        "back_is_fallback": back is None,
        "is_preview": not case_study.is_live,
        "json_ld": _article_json_ld(case_study, topics, shown),
        "lead_image": files.lead_image,
        "documents": files.documents,
        "evaluation_report": files.evaluation_report,
        "glance": glance.labelled(glance.at_a_glance(case_study, report=files.evaluation_report)),
        "outcomes": glance.outcome_rows(selectors.outcomes_for_page(case_study)),
        "share_subject": f"Case study: {case_study.title}",
    }
    response = render(request, "casestudies/detail.html", context)
    if context["is_preview"]:
        patch_cache_control(response, private=True, no_store=True)
    else:
        response.cacheable = True
        response.cache_until = catalogue.next_change
    return response


def _article_json_ld(case_study, topics, shown: versions.Shown) -> dict:
    """schema.org ``Article`` for search engines, in the language of the text the page shows."""
    url = settings.SITE_URL + case_study.get_absolute_url()
    council = case_study.lead_council
    return {
        "@context": "https://schema.org",
        "@type": "Article",
        "headline": shown.title[:110],
        "description": shown.summary,
        "url": url,
        "mainEntityOfPage": url,
        "datePublished": case_study.published_at.isoformat() if case_study.published_at else None,
        "dateModified": (
            case_study.last_updated or case_study.published_at or case_study.updated_at
        ).isoformat(),
        "author": {"@type": "GovernmentOrganization", "name": council.official_name},
        "publisher": {"@type": "Organization", "name": settings.SITE_NAME, "url": settings.SITE_URL + "/"},
        "about": [{"@type": "Thing", "name": topic.name} for topic in topics],
        "inLanguage": shown.in_language,
        **_evidence_json_ld(case_study),
    }


def _evidence_json_ld(case_study) -> dict:
    """What schema.org can say of impact and evidence on an ``Article``: the years the work ran (an ISO 8601
    interval, ".." while it runs) and the evaluation report it rests on."""
    extra: dict = {}
    if case_study.start_year:
        extra["temporalCoverage"] = f"{case_study.start_year}/{case_study.end_year or '..'}"
    if case_study.evaluation_url:
        extra["citation"] = case_study.evaluation_url
    return extra


def council_index(request: HttpRequest) -> HttpResponse:
    councils = list(selectors.councils_with_case_studies())
    return render(
        request,
        "casestudies/councils.html",
        {"councils": councils, "canonical_url": settings.SITE_URL + request.path},
    )
