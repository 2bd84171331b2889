from django.contrib import admin
from django.urls import include, path
from django.views.generic import RedirectView

from casestudies import views as casestudy_views

urlpatterns = [
    path("", RedirectView.as_view(pattern_name="casestudies:list", permanent=False)),
    path("case-studies/", include("casestudies.urls")),
    path("accessibility/", casestudy_views.accessibility, name="accessibility"),
    path("admin/", admin.site.urls),
]

handler400 = "casestudies.views.bad_request"
handler500 = "casestudies.views.server_error"
