from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.contrib.sitemaps.views import sitemap
from django.urls import include, path
from django.views.generic import RedirectView

from casestudies.ops import health
from casestudies.public import exports, pages
from casestudies.public.sitemaps import SITEMAPS

# Public pages in English at today's URLs and in Welsh under /cy/ (issue 23); the language comes from the URL
# (casestudies.ops.middleware.LanguageMiddleware). Operational URLs below are never translated.
urlpatterns = i18n_patterns(
    path("", RedirectView.as_view(pattern_name="casestudies:list", permanent=False)),
    path("", include("casestudies.urls")),
    path("accessibility/", pages.accessibility, name="accessibility"),
    path("open-data/", exports.open_data, name="data_licence"),
    prefix_default_language=False,
)
urlpatterns += [
    path("healthz", health.healthz, name="healthz"),
    path("readyz", health.readyz, name="readyz"),
    path("robots.txt", pages.robots_txt, name="robots"),
    path("sitemap.xml", sitemap, {"sitemaps": SITEMAPS}, name="sitemap"),
    path(settings.ADMIN_URL, admin.site.urls),
]

handler400 = "casestudies.public.pages.bad_request"
handler500 = "casestudies.public.pages.server_error"
