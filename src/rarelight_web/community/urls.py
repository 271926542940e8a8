from django.urls import path

from . import feeds, views

app_name = "community"
urlpatterns = [
    path("", views.listing, name="listing"),
    path("items/<int:pk>/", views.item, name="item"),
    path("resources/", views.resources, name="resources"),
    path("latest/<str:disease_id>/", views.latest, name="latest"),
    path("share/", views.share, name="share"),
    path("status/<str:key>/", views.status, name="status"),
    path("status/<str:key>/withdraw/", views.withdraw, name="withdraw"),
    path("feed/", feeds.LatestFeed(), name="feed"),
    path("moderation/", views.queue, name="queue"),
    path("moderation/<int:pk>/", views.review, name="review"),
    path("moderation/<int:pk>/edit/", views.edit, name="edit"),
]
