"""Test-only URLconf: the site's URLs plus views that fail, to render the 500 and 400 pages in a real browser.

Switch to it with ``settings.ROOT_URLCONF = "tests.browser.urls_500"``.
"""

from django.core.exceptions import SuspiciousOperation
from django.urls import path

from site_config import urls as site_urls


def boom(request):
    raise RuntimeError("A deliberate failure for the 500 page test")


def suspicious(request):
    raise SuspiciousOperation("A deliberate bad request for the 400 page test")


urlpatterns = [
    path("test-only/boom/", boom),
    path("test-only/bad-request/", suspicious),
    # Under /cy/ but outside i18n_patterns: the error pages take their language from the path alone.
    path("cy/test-only/boom/", boom),
    path("cy/test-only/bad-request/", suspicious),
    # The site's own patterns, not include(): i18n_patterns (the /cy/ pages) must be at the root of a URLconf.
    *site_urls.urlpatterns,
]

handler400 = "casestudies.public.pages.bad_request"
handler500 = "casestudies.public.pages.server_error"
