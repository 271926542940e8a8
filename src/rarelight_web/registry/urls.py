from django.urls import path

from . import views

app_name = "registry"
urlpatterns = [
    path("", views.stats_page, name="stats"),
    path("charts/<str:key>.svg", views.chart, name="chart"),
    path("statistics.csv", views.stats_csv, name="stats_csv"),
    path("export/<str:format>/", views.export, name="export"),
]
