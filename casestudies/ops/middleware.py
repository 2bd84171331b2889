import logging

from django.conf import settings
from django.db import InterfaceError, OperationalError
from django.http import Http404, HttpResponse
from django.template import loader
from django.urls import Resolver404, resolve
from django.utils import translation
from django.views.defaults import page_not_found

from .languages import WELSH, WELSH_PREFIX, is_welsh, language_from_path

logger = logging.getLogger(__name__)


class PermissionsPolicyMiddleware:
    """Django sets most security headers itself; Permissions-Policy it does not."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.setdefault("Permissions-Policy", settings.PERMISSIONS_POLICY)
        return response


class DatabaseUnavailableMiddleware:
    """A database that is down or unreachable gives a friendly 503, rendered without touching the database.

    Connections are checked before reuse (``CONN_HEALTH_CHECKS``), so the site recovers by itself once the
    database is back.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        try:
            return self.get_response(request)
        except (OperationalError, InterfaceError) as error:
            return self.unavailable(error, path=request.path_info)

    def process_exception(self, request, exception):
        if isinstance(exception, OperationalError | InterfaceError):
            return self.unavailable(exception, path=request.path_info)
        return None

    @staticmethod
    def unavailable(error: Exception, *, path: str = "/") -> HttpResponse:
        """The 503 page, in the language of the URL (this runs outside ``LanguageMiddleware``)."""
        logger.error("Database unavailable: %s", error)
        response = HttpResponse(render_outside_site("503.html", path=path), status=503)
        response["Retry-After"] = "30"
        response["Content-Language"] = language_from_path(path)
        return response


def render_outside_site(template_name: str, *, path: str) -> str:
    """A self-contained page (the 500 and 503: no database, no context processors) in the language of ``path``.

    These pages may be rendered outside ``LanguageMiddleware`` (a failure further out, or after it put the language
    back), so the language is taken from the path here as well. Their links are written with the language's prefix.
    """
    language = language_from_path(path)
    welsh = is_welsh(language)
    context = {
        "lang": WELSH if welsh else "en-GB",
        "prefix": WELSH_PREFIX if welsh else "",
        "site_name": settings.SITE_NAME_CY if welsh else settings.SITE_NAME,
    }
    with translation.override(language):
        return loader.get_template(template_name).render(context)


class NotFoundPageMiddleware:
    """With ``DEBUG`` on, answer a missing page with the site's own 404 page rather than Django's technical one.

    Under ``make run`` people try the site as its users would; the technical page lists URL patterns and is wider
    than a phone. ``DEBUG_TECHNICAL_404`` brings the technical page back. Without ``DEBUG``, Django already uses
    our page, so this does nothing. It sits last in ``MIDDLEWARE``: the URL is resolved here first (Django would
    turn a resolver miss into the technical page before any middleware saw it), and an ``Http404`` raised by a
    view arrives in ``process_exception``. Middleware further out (the trailing-slash redirect) still sees a 404.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    @staticmethod
    def active() -> bool:
        return settings.DEBUG and not settings.DEBUG_TECHNICAL_404

    def __call__(self, request):
        if self.active():
            try:
                resolve(request.path_info)
            except Resolver404 as error:
                return page_not_found(request, error)
        return self.get_response(request)

    def process_exception(self, request, exception):
        if self.active() and isinstance(exception, Http404):
            return page_not_found(request, exception)
        return None


class LanguageMiddleware:
    """Use the language the URL is in, and nothing else (issue 23).

    Django's ``LocaleMiddleware`` would also read ``Accept-Language`` and a cookie, redirect, and add
    ``Vary: Accept-Language``, so one URL could be two pages and every cache would have to split on the header. Here a
    URL is one page: ``/cy/...`` is Welsh, everything else English (admin, health checks, robots.txt and the sitemap
    are never under ``/cy/``). It sits before ``CommonMiddleware`` so that the trailing-slash redirect resolves
    ``/cy/`` URLs in Welsh, and the language is put back afterwards so it never leaks into the next request.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        language = language_from_path(request.path_info)
        translation.activate(language)
        request.LANGUAGE_CODE = translation.get_language()
        try:
            response = self.get_response(request)
        finally:
            translation.deactivate()
        response.headers.setdefault("Content-Language", language)
        return response
