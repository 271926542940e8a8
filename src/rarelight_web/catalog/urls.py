from django.urls import path

from . import views

app_name = "catalog"
urlpatterns = [
    path("", views.home, name="home"),
    path("diseases/", views.search, name="search"),
    path("diseases/<str:disease_id>/", views.detail, name="detail"),
    path("diseases/<str:disease_id>/one-pager.pdf", views.one_pager, name="one_pager"),
]
