from django.contrib import admin
from django.urls import include, path
from django.views.generic import RedirectView

urlpatterns = [
    path("", RedirectView.as_view(pattern_name="casestudies:list", permanent=False)),
    path("case-studies/", include("casestudies.urls")),
    path("admin/", admin.site.urls),
]
