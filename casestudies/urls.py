from django.urls import path

from . import views
from .feeds import CaseStudyFeed

app_name = "casestudies"

feed = CaseStudyFeed()

urlpatterns = [
    path("case-studies/", views.case_study_list, name="list"),
    path("case-studies/feed/", feed, name="feed"),
    path("case-studies/export.csv", views.export_csv, name="export_csv"),
    path("case-studies/export.json", views.export_json, name="export_json"),
    path("case-studies/submit/", views.submit, name="submit"),
    path("case-studies/submit/received/<str:token>/", views.submit_done, name="submit_done"),
    path("case-studies/topics/<slug:slug>/", views.topic_detail, name="topic"),
    path("case-studies/topics/<slug:slug>/feed/", feed, name="topic_feed"),
    path("case-studies/<slug:slug>/", views.case_study_detail, name="detail"),
    path("councils/", views.council_index, name="councils"),
    path("councils/<str:code>/", views.council_detail, name="council"),
    path("councils/<str:code>/feed/", feed, name="council_feed"),
    path("alerts/new/", views.alert_new, name="alert_new"),
    path("alerts/confirm/<str:token>/", views.alert_confirm, name="alert_confirm"),
    path("alerts/unsubscribe/<str:token>/", views.alert_unsubscribe, name="alert_unsubscribe"),
]
