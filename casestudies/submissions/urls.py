from django.urls import path
from django.views.decorators.gzip import gzip_page

from . import review_views, views

# The form's pages are the largest the site serves (every council is an option of the lead-council select) and
# are never page-cached: compressed, they reach a phone in a fifth of the bytes (a Lighthouse point). Django's
# gzip adds random padding against BREACH, and the CSRF token is masked afresh in every response.
# Included by casestudies/urls.py under the "casestudies" namespace.
urlpatterns = [
    path("case-studies/submit/", gzip_page(views.submit), name="submit"),
    path("case-studies/submit/received/<str:token>/", views.submit_done, name="submit_done"),
    path("case-studies/submit/draft/<str:token>/", gzip_page(views.draft), name="draft"),
    path("case-studies/submit/draft/<str:token>/email/", views.draft_email, name="draft_email"),
    path("case-studies/submit/draft/<str:token>/saved/", views.draft_saved, name="draft_saved"),
    path("case-studies/submit/changes/<str:token>/", gzip_page(views.changes), name="changes"),
    path("case-studies/review/<str:token>/", review_views.review, name="review"),
    path("case-studies/review/<str:token>/edit/", gzip_page(views.review_edit), name="review_edit"),
    path(
        "case-studies/review/<str:token>/<str:answer>/",
        review_views.review_done,
        name="review_done",
    ),
]
