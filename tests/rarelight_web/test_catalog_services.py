"""Mirroring the catalogue into the database: idempotent, fast when unchanged, never deleting."""

from __future__ import annotations

import datetime as dt

import pytest

from rarelight.knowledge import Catalogue
from rarelight_web.catalog.models import Disease, KnowledgeLoad
from rarelight_web.catalog.services import load_knowledge

NOW = dt.datetime(2026, 11, 25, 12, 0, tzinfo=dt.UTC)


@pytest.mark.django_db
def test_load_creates_rows_then_skips_when_unchanged(toy_catalogue: Catalogue) -> None:
    first = load_knowledge(toy_catalogue, now=NOW)
    assert (first.created, first.updated, first.skipped) == (3, 0, False)
    assert Disease.objects.get(id="OMIM:100001").curated
    assert Disease.objects.filter(curated=False).count() == 2
    second = load_knowledge(toy_catalogue, now=NOW)
    assert second.skipped
    assert KnowledgeLoad.objects.count() == 1


@pytest.mark.django_db
def test_diseases_that_leave_the_release_are_retired_not_deleted(toy_catalogue: Catalogue) -> None:
    Disease.objects.create(id="OMIM:100999", name="Gone", hpo_release="HPO 2000-01-01")
    report = load_knowledge(toy_catalogue, now=NOW)
    assert report.retired == 1
    gone = Disease.objects.get(id="OMIM:100999")
    assert gone.retired
    assert "1 retired" in str(report)


@pytest.mark.django_db
def test_the_real_catalogue_loads(catalogue: Catalogue) -> None:
    report = load_knowledge(catalogue, now=NOW)
    assert report.diseases == len(catalogue) > 12_000
    assert Disease.objects.count() == report.diseases
    assert Disease.objects.get(id="OMIM:617284").name == "KMT2B-related dystonia"
