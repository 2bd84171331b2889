from django.urls import path

from . import views

# Included by casestudies/urls.py under the "casestudies" namespace.
urlpatterns = [
    path("case-studies/submit/", views.submit, name="submit"),
    path("case-studies/submit/received/<str:token>/", views.submit_done, name="submit_done"),
]
