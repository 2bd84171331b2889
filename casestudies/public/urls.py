from django.urls import path

from . import alert_views, browse, count, exports, files, overview, scripts, suggest
from .feeds import CaseStudyFeed

feed = CaseStudyFeed()

# Included by casestudies/urls.py under the "casestudies" namespace.
urlpatterns = [
    path("case-studies/", browse.case_study_list, name="list"),
    path("case-studies/feed/", feed, name="feed"),
    path("case-studies/export.csv", exports.export_csv, name="export_csv"),
    path("case-studies/export.json", exports.export_json, name="export_json"),
    path("case-studies/count.json", count.result_count, name="count"),
    path("case-studies/map/", overview.case_study_map, name="map"),
    path("case-studies/suggest/", suggest.suggest, name="suggest"),
    path("case-studies/topics/<slug:slug>/", browse.topic_detail, name="topic"),
    path("case-studies/topics/<slug:slug>/feed/", feed, name="topic_feed"),
    path("case-studies/<slug:slug>/", browse.case_study_detail, name="detail"),
    path("insights/", overview.insights_page, name="insights"),
    path("councils/", browse.council_index, name="councils"),
    path("councils/<str:code>/", browse.council_detail, name="council"),
    path("councils/<str:code>/feed/", feed, name="council_feed"),
    path("files/<str:key>/<str:filename>", files.download, name="file"),
    path("alerts/new/", alert_views.alert_new, name="alert_new"),
    path("alerts/confirm/<str:token>/", alert_views.alert_confirm, name="alert_confirm"),
    path("alerts/unsubscribe/<str:token>/", alert_views.alert_unsubscribe, name="alert_unsubscribe"),
    path("jsi18n/", scripts.catalogue, name="jsi18n"),
]
