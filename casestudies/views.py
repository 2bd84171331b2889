from urllib.parse import urlencode

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme

from . import selectors
from .filters import CaseStudyFilter
from .models import Topic

BACK_PREFIXES = ("/case-studies/",)


def case_study_list(request: HttpRequest) -> HttpResponse:
    return _render_list(request, template="casestudies/list.html")


def topic_detail(request: HttpRequest, slug: str) -> HttpResponse:
    topic = selectors.topic_by_slug(slug)
    if topic is None:
        raise Http404("No such topic")
    return _render_list(request, template="casestudies/topic.html", topic=topic)


def _render_list(request: HttpRequest, *, template: str, topic: Topic | None = None) -> HttpResponse:
    filterset = CaseStudyFilter(
        request.GET, queryset=selectors.public_case_studies().for_cards(), request=request, fixed_topic=topic
    )
    page = selectors.paginate(
        filterset.qs, page=request.GET.get("page"), per_page=settings.CASE_STUDIES_PER_PAGE
    )
    params = filterset.canonical_params()
    list_url = request.path
    query = urlencode(params)
    current_url = (
        f"{list_url}?{urlencode([*params, ('page', page.number)])}"
        if page.number > 1
        else (f"{list_url}?{query}" if query else list_url)
    )
    context = {
        "filter": filterset,
        "page_obj": page,
        "case_studies": page.object_list,
        "topic": topic,
        "notes": filterset.notes(),
        "active_filters": filterset.active_filters(),
        "list_url": list_url,
        "back_param": urlencode({"back": current_url}),
        "page_query": query,
    }
    return render(request, template, context)


def case_study_detail(request: HttpRequest, slug: str) -> HttpResponse:
    case_study = selectors.case_study_for_page(slug=slug)
    if case_study is None:
        raise Http404("No such case study")
    back = request.GET.get("back", "")
    if not (
        back.startswith(BACK_PREFIXES)
        and url_has_allowed_host_and_scheme(back, allowed_hosts=None)
        and "\\" not in back
        and "\x00" not in back
    ):
        back = reverse("casestudies:list")
    topics = list(case_study.topics.all())
    context = {
        "case_study": case_study,
        "topics": topics,
        "support_types": list(case_study.support_types.all()),
        "related": selectors.related_case_studies(case_study),
        "back_url": back,
    }
    return render(request, "casestudies/detail.html", context)
