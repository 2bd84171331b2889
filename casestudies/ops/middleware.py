import logging

from django.conf import settings
from django.db import InterfaceError, OperationalError
from django.http import HttpResponse
from django.template import loader

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
            return self.unavailable(error)

    def process_exception(self, request, exception):
        if isinstance(exception, OperationalError | InterfaceError):
            return self.unavailable(exception)
        return None

    @staticmethod
    def unavailable(error: Exception) -> HttpResponse:
        logger.error("Database unavailable: %s", error)
        response = HttpResponse(loader.get_template("503.html").render(), status=503)
        response["Retry-After"] = "30"
        return response
