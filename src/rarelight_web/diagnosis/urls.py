from django.urls import path

from . import views

app_name = "diagnosis"
urlpatterns = [path("", views.could_it_be, name="could_it_be")]
