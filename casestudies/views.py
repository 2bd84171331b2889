import sys
from functools import wraps
from urllib.parse import urlencode

from django.conf import settings
from django.core import signing
from django.core.cache import cache
from django.db import DatabaseError, InterfaceError, OperationalError, connection
from django.http import Http404, HttpRequest, HttpResponse, StreamingHttpResponse
from django.shortcuts import redirect, render
from django.template import loader
from django.urls import reverse
from django.utils.cache import patch_cache_control
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.csrf import csrf_exempt

from . import alerts, exports, pagecache, ratelimit, selectors, services
from .forms import AlertForm, SubmissionForm
from .middleware import DatabaseUnavailableMiddleware
from .models import Topic
from .search_context import SearchContext

BACK_PREFIXES = ("/case-studies/", "/councils/")


def cached_public_page(view):
    """Serve anonymous GETs from the page cache before any work is done (no query, no form parsing).

    The key is the path and the normalised query string; a view marks a response it is happy to share by setting
    ``response.cacheable``. Anyone with a session (editors) always gets a fresh page.
    """

    @wraps(view)
    def wrapper(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        if (
            not pagecache.enabled()
            or request.method != "GET"
            or settings.SESSION_COOKIE_NAME in request.COOKIES
        ):
            return view(request, *args, **kwargs)
        key = pagecache.page_key(path=request.path, query=pagecache.normalise(request.GET))
        cached = cache.get(key)
        if cached is not None:
            response = HttpResponse(cached)
            response["X-Page-Cache"] = "hit"
            return response
        response = view(request, *args, **kwargs)
        if getattr(response, "cacheable", False) and response.status_code == 200:
            cache.set(key, response.content, timeout=settings.PAGE_CACHE_SECONDS)
            response["X-Page-Cache"] = "miss"
        return response

    return wrapper


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
    return _render_list(
        request, SearchContext.from_request(request, code=code), template="casestudies/council.html"
    )


def _render_list(request: HttpRequest, search: SearchContext, *, template: str) -> HttpResponse:
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
        "case_studies": case_studies,
        "excerpts": selectors.excerpts(case_studies, keyword) if keyword else {},
        "suggestions": (
            selectors.suggestions(keyword, topics=filterset.reference[Topic])
            if keyword and not case_studies
            else None
        ),
        "topic": search.topic,
        "council": search.council,
        "notes": notes,
        "active_filters": filterset.active_filters(),
        "list_url": search.list_path,
        "back_param": urlencode({"back": current_url}),
        "page_query": search.query_string,
        "canonical_url": settings.SITE_URL + current_url,
        "alert_query": urlencode(search.alert_params),
    }
    response = render(request, template, context)
    response.cacheable = not notes  # a page explaining ignored parameters is not worth sharing
    return response


@cached_public_page
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
        "canonical_url": settings.SITE_URL + case_study.get_absolute_url(),
        "case_study": case_study,
        "topics": topics,
        "support_types": list(case_study.support_types.all()),
        "related": selectors.related_case_studies(case_study),
        "back_url": back,
        "is_preview": case_study.status != case_study.Status.PUBLISHED,
        "json_ld": _article_json_ld(case_study, topics),
    }
    response = render(request, "casestudies/detail.html", context)
    if context["is_preview"]:
        patch_cache_control(response, private=True, no_store=True)
    else:
        response.cacheable = True
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
    """Renders a self-contained page: no database, no context processors. A database outage anywhere in the
    stack (middleware included) becomes the friendly 503 page."""
    if isinstance(sys.exc_info()[1], OperationalError | InterfaceError):
        return DatabaseUnavailableMiddleware.unavailable(sys.exc_info()[1])
    return HttpResponse(loader.get_template("500.html").render(), status=500)


def accessibility(request: HttpRequest) -> HttpResponse:
    return render(request, "accessibility.html")


def _article_json_ld(case_study, topics) -> dict:
    """schema.org ``Article`` for search engines."""
    url = settings.SITE_URL + case_study.get_absolute_url()
    council = case_study.lead_council
    return {
        "@context": "https://schema.org",
        "@type": "Article",
        "headline": case_study.title[:110],
        "description": case_study.summary,
        "url": url,
        "mainEntityOfPage": url,
        "datePublished": case_study.published_at.isoformat() if case_study.published_at else None,
        "dateModified": case_study.updated_at.isoformat(),
        "author": {"@type": "GovernmentOrganization", "name": council.official_name},
        "publisher": {"@type": "Organization", "name": settings.SITE_NAME, "url": settings.SITE_URL + "/"},
        "about": [{"@type": "Thing", "name": topic.name} for topic in topics],
        "inLanguage": "en-GB",
    }


def council_index(request: HttpRequest) -> HttpResponse:
    councils = list(selectors.councils_with_case_studies())
    return render(
        request,
        "casestudies/councils.html",
        {"councils": councils, "canonical_url": settings.SITE_URL + request.path},
    )


def export_csv(request: HttpRequest) -> StreamingHttpResponse:
    search = SearchContext.from_request(request)
    response = StreamingHttpResponse(
        exports.csv_rows(search.results()), content_type="text/csv; charset=utf-8"
    )
    response["Content-Disposition"] = 'attachment; filename="case-studies.csv"'
    return response


def export_json(request: HttpRequest) -> StreamingHttpResponse:
    search = SearchContext.from_request(request)
    source = settings.SITE_URL + search.list_url_with_query
    response = StreamingHttpResponse(
        exports.json_chunks(search.results(), source=source), content_type="application/json; charset=utf-8"
    )
    response["Content-Disposition"] = 'attachment; filename="case-studies.json"'
    return response


def alert_new(request: HttpRequest) -> HttpResponse:
    """Ask for an email address for alerts about the search in the query string."""
    search = SearchContext.from_request(request)
    query = urlencode(search.params)
    if request.method == "POST":
        form = AlertForm(request.POST)
        if ratelimit.is_limited(request, scope="alert"):
            return render(
                request,
                "casestudies/alert_new.html",
                {
                    "form": form,
                    "search": search,
                    "rate_limited": True,
                    "minutes": ratelimit.minutes_until_reset(),
                },
                status=429,
            )
        if form.is_valid():
            alerts.subscribe(email=form.cleaned_data["email"], query=query)
            ratelimit.record(request, scope="alert")
            return render(request, "casestudies/alert_sent.html", {"email": form.cleaned_data["email"]})
    else:
        form = AlertForm()
    return render(request, "casestudies/alert_new.html", {"form": form, "search": search})


def alert_confirm(request: HttpRequest, token: str) -> HttpResponse:
    try:
        alert = alerts.confirm(token=token)
    except alerts.BadAlertToken:
        return render(request, "casestudies/alert_bad_link.html", status=404)
    return render(request, "casestudies/alert_confirmed.html", {"alert": alert, "search_query": alert.query})


@csrf_exempt
def alert_unsubscribe(request: HttpRequest, token: str) -> HttpResponse:
    """One click (GET) or the mail client's one-click POST (RFC 8058); the signed token is the authority."""
    try:
        alerts.unsubscribe(token=token)
    except alerts.BadAlertToken:
        return render(request, "casestudies/alert_bad_link.html", status=404)
    return render(request, "casestudies/alert_unsubscribed.html")


def robots_txt(request: HttpRequest) -> HttpResponse:
    lines = [
        "User-agent: *",
        *(["Disallow: /admin/"] if settings.ADMIN_URL == "admin/" else []),
        "Disallow: /alerts/",
        "Disallow: /case-studies/export",
        "Disallow: /*?",
        f"Sitemap: {settings.SITE_URL}{reverse('sitemap')}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")


def open_data(request: HttpRequest) -> HttpResponse:
    return render(request, "open_data.html", {"columns": exports.COLUMNS, "licence": exports.LICENCE})


def healthz(request: HttpRequest) -> HttpResponse:
    """The process is up (for load balancers); touches nothing else."""
    return HttpResponse("ok\n", content_type="text/plain")


def readyz(request: HttpRequest) -> HttpResponse:
    """The database and the cache answer: ready to take traffic."""
    problems = []
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    except DatabaseError:
        problems.append("database")
    try:
        cache.set("readyz", "1", timeout=5)
        if cache.get("readyz") != "1":
            problems.append("cache")
    except Exception:
        problems.append("cache")
    if problems:
        return HttpResponse(f"not ready: {', '.join(problems)}\n", status=503, content_type="text/plain")
    return HttpResponse("ready\n", content_type="text/plain")
