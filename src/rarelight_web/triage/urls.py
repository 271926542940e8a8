from django.urls import path

from . import views

app_name = "triage"
urlpatterns = [
    path("", views.upload, name="upload"),
    path("<uuid:job_id>/", views.job, name="job"),
    path("<uuid:job_id>/status/", views.status, name="status"),
    path("<uuid:job_id>/save/", views.save, name="save"),
]
