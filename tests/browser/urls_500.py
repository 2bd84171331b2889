"""Test-only URLconf: the site's URLs plus views that fail, to render the 500 and 400 pages in a real browser.

Switch to it with ``settings.ROOT_URLCONF = "tests.browser.urls_500"``.
"""

from django.core.exceptions import SuspiciousOperation
from django.urls import include, path


def boom(request):
    raise RuntimeError("A deliberate failure for the 500 page test")


def suspicious(request):
    raise SuspiciousOperation("A deliberate bad request for the 400 page test")


urlpatterns = [
    path("test-only/boom/", boom),
    path("test-only/bad-request/", suspicious),
    path("", include("site_config.urls")),
]

handler400 = "casestudies.public.pages.bad_request"
handler500 = "casestudies.public.pages.server_error"
