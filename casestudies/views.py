from urllib.parse import urlencode

from django.conf import settings
from django.core import signing
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.template import loader
from django.urls import reverse
from django.utils.cache import patch_cache_control
from django.utils.http import url_has_allowed_host_and_scheme

from . import ratelimit, selectors, services
from .filters import CaseStudyFilter
from .forms import SubmissionForm
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
    preview = selectors.can_preview(request.user)
    case_study = selectors.case_study_for_page(slug=slug, preview=preview)
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
        "is_preview": case_study.status != case_study.Status.PUBLISHED,
    }
    response = render(request, "casestudies/detail.html", context)
    if context["is_preview"]:
        patch_cache_control(response, private=True, no_store=True)
    return response


REFERENCE_SALT = "casestudies.submission-reference"


def submit(request: HttpRequest) -> HttpResponse:
    """The public submission form. Every answer is kept on any error, including the rate limit."""
    if request.method == "POST":
        form = SubmissionForm(request.POST)
        if ratelimit.is_limited(request):
            context = {"form": form, "rate_limited": True, "minutes": ratelimit.minutes_until_reset()}
            return render(request, "casestudies/submit.html", context, status=429)
        if form.is_valid():
            case_study = services.submit_case_study(submission=form.to_submission())
            ratelimit.record(request)
            token = signing.dumps(case_study.reference, salt=REFERENCE_SALT)
            return redirect("casestudies:submit_done", token=token)
        return render(request, "casestudies/submit.html", {"form": form}, status=400 if form.is_spam else 200)
    return render(request, "casestudies/submit.html", {"form": SubmissionForm()})


def submit_done(request: HttpRequest, token: str) -> HttpResponse:
    try:
        reference = signing.loads(token, salt=REFERENCE_SALT, max_age=60 * 60 * 24 * 30)
    except signing.BadSignature:
        raise Http404("Unknown submission") from None
    return render(request, "casestudies/submit_done.html", {"reference": reference})


def bad_request(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return render(request, "400.html", status=400)


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    return render(request, "403.html", status=403)


def server_error(request: HttpRequest) -> HttpResponse:
    """Renders a self-contained page: no database, no context processors."""
    return HttpResponse(loader.get_template("500.html").render(), status=500)


def accessibility(request: HttpRequest) -> HttpResponse:
    return render(request, "accessibility.html")
