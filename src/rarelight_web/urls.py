"""URL map: the catalogue pages at the root, accounts, care records, and the JSON API under /api/."""

from django.urls import include, path

from .api import api

urlpatterns = [
    path("api/", api.urls),
    path("could-it-be/", include("rarelight_web.diagnosis.urls")),
    path("accounts/", include("rarelight_web.accounts.urls")),
    path("records/", include("rarelight_web.records.urls")),
    path("community/", include("rarelight_web.community.urls")),
    path("registry/", include("rarelight_web.registry.urls")),
    path("triage/", include("rarelight_web.triage.urls")),
    path("", include("rarelight_web.catalog.urls")),
]

handler404 = "rarelight_web.catalog.views.not_found"
handler500 = "rarelight_web.catalog.views.server_error"
