"""Deleting a care record withdraws its registry contribution: the case must not outlive it."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models.signals import pre_delete
from django.dispatch import receiver

from rarelight_web.records.models import CareRecord

from .models import Case, RegistryEvent


@receiver(pre_delete, sender=CareRecord, dispatch_uid="registry-withdraw-on-record-delete")
def withdraw_deleted_record(sender: type[CareRecord], instance: CareRecord, **kwargs: Any) -> None:
    removed, _by_model = Case.objects.filter(contribution__record=instance).delete()
    if removed:
        RegistryEvent.objects.create(
            action=RegistryEvent.Action.WITHDRAWN,
            at=dt.datetime.now(dt.UTC),
            detail="a family contribution withdrawn: its care record was deleted",
        )
