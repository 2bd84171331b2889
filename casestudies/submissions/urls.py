from django.urls import path

from . import views

# Included by casestudies/urls.py under the "casestudies" namespace.
urlpatterns = [
    path("case-studies/submit/", views.submit, name="submit"),
    path("case-studies/submit/received/<str:token>/", views.submit_done, name="submit_done"),
    path("case-studies/submit/draft/<str:token>/", views.draft, name="draft"),
    path("case-studies/submit/draft/<str:token>/email/", views.draft_email, name="draft_email"),
    path("case-studies/submit/draft/<str:token>/saved/", views.draft_saved, name="draft_saved"),
    path("case-studies/submit/changes/<str:token>/", views.changes, name="changes"),
]
