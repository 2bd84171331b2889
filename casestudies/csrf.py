"""The CSRF failure view (``CSRF_FAILURE_VIEW``), an entry point like ``urls.py``.

A view that can do better than the generic 403 page says so with a ``csrf_failure`` attribute (the submission
form shows itself again with everything typed kept); this module dispatches to it, so that no capability has to
import another (docs/architecture.md).
"""

from django.http import HttpRequest, HttpResponse

from casestudies.public.pages import csrf_failure as generic_csrf_failure


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    match = getattr(request, "resolver_match", None)
    handler = getattr(match.func, "csrf_failure", None) if match is not None else None
    if handler is not None and request.method == "POST":
        return handler(request, reason, **match.kwargs)
    return generic_csrf_failure(request, reason)
