from django.urls import path

from . import views

app_name = "casestudies"

urlpatterns = [
    path("", views.case_study_list, name="list"),
    path("submit/", views.submit, name="submit"),
    path("submit/received/<str:token>/", views.submit_done, name="submit_done"),
    path("topics/<slug:slug>/", views.topic_detail, name="topic"),
    path("<slug:slug>/", views.case_study_detail, name="detail"),
]
