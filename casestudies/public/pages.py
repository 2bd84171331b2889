"""Pages outside the catalogue: the accessibility statement, robots.txt, and the error pages."""

import sys

from django.conf import settings
from django.db import InterfaceError, OperationalError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import translation

from casestudies.ops.languages import language_from_path
from casestudies.ops.middleware import DatabaseUnavailableMiddleware, render_outside_site

from .languages import is_welsh


def accessibility(request: HttpRequest) -> HttpResponse:
    """The accessibility statement; the Welsh one is written as a page of its own (``accessibility_cy.html``)."""
    return render(request, "accessibility_cy.html" if is_welsh() else "accessibility.html")


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


def bad_request(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    with translation.override(language_from_path(request.path_info)):
        return render(request, "400.html", status=400)


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    with translation.override(language_from_path(request.path_info)):
        return render(request, "403.html", status=403)


def server_error(request: HttpRequest) -> HttpResponse:
    """Renders a self-contained page: no database, no context processors. A database outage anywhere in the
    stack (middleware included) becomes the friendly 503 page."""
    if isinstance(sys.exc_info()[1], OperationalError | InterfaceError):
        return DatabaseUnavailableMiddleware.unavailable(sys.exc_info()[1], path=request.path_info)
    return HttpResponse(render_outside_site("500.html", path=request.path_info), status=500)
