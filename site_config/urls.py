from django.conf import settings
from django.contrib import admin
from django.contrib.sitemaps.views import sitemap
from django.urls import include, path
from django.views.generic import RedirectView

from casestudies import views as casestudy_views
from casestudies.sitemaps import SITEMAPS

urlpatterns = [
    path("", RedirectView.as_view(pattern_name="casestudies:list", permanent=False)),
    path("", include("casestudies.urls")),
    path("accessibility/", casestudy_views.accessibility, name="accessibility"),
    path("open-data/", casestudy_views.open_data, name="data_licence"),
    path("healthz", casestudy_views.healthz, name="healthz"),
    path("readyz", casestudy_views.readyz, name="readyz"),
    path("robots.txt", casestudy_views.robots_txt, name="robots"),
    path("sitemap.xml", sitemap, {"sitemaps": SITEMAPS}, name="sitemap"),
    path(settings.ADMIN_URL, admin.site.urls),
]

handler400 = "casestudies.views.bad_request"
handler500 = "casestudies.views.server_error"
