"""Health checks for load balancers."""

from django.core.cache import cache
from django.db import DatabaseError, connection
from django.http import HttpRequest, HttpResponse


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
