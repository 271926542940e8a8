"""What every write to a record shares: the audit trail, changed-field saves, and `EntryKind`.

An entry kind (team member, appointment, medicine, …) says once how its rows are found, named and
audited; its add, change and remove then all check the writer's capability, touch only rows of the
caller's record and leave an audit entry, so no feature can forget one of the three.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Generic, TypeVar

from django.db import models, transaction
from django.utils.functional import Promise

from rarelight.errors import InputError, Problem
from rarelight_web.accounts.models import User
from rarelight_web.records.access import Access
from rarelight_web.records.models import AuditEntry, CareRecord
from rarelight_web.records.roles import Capability

M = TypeVar("M", bound=models.Model)


class EntryError(InputError):
    """A write the record's rules do not allow. `field` names the form field at fault (if one is),
    `problems` lists every invalid item of a scale (each location is the item's field)."""

    def __init__(
        self, message: str, field: str | None = None, problems: Iterable[Problem] = ()
    ) -> None:
        super().__init__(message)
        self.field = field
        self.problems = tuple(problems)


def audit(
    record: CareRecord,
    actor: User,
    action: AuditEntry.Action,
    now: dt.datetime,
    target: str = "",
    **details: object,
) -> None:
    """Append one line to the record's audit log."""
    AuditEntry.objects.create(
        record=record,
        actor=actor,
        actor_name=actor.display_name,
        action=action,
        target=target[:200],
        at=now,
        details=details,
    )


def save_changes(
    item: models.Model, values: Mapping[str, object], fields: Sequence[str], now: dt.datetime
) -> list[str]:
    """Set and save only the fields whose value changed (with updated_at); returns their names."""
    changed = [field for field in fields if getattr(item, field) != values[field]]
    if changed:
        for field in changed:
            setattr(item, field, values[field])
        item.updated_at = now  # type: ignore[attr-defined]
        item.save(update_fields=[*changed, "updated_at"])
    return changed


def requires(*capabilities: Capability) -> Callable[[Access], None]:
    """A writer check: any one of the capabilities (a refusal names the last)."""

    def check(access: Access) -> None:
        access.require_any(*capabilities)

    return check


@dataclass(frozen=True)
class EntryKind(Generic[M]):
    """One kind of entry in a care record and how it is found, named and audited."""

    model: type[M]
    check_writer: Callable[[Access], None]
    error: type[EntryError]
    missing: str | Promise  # said when the id names no entry of this record
    label: Callable[[M], str]  # how the audit log names an entry
    added: AuditEntry.Action
    changed: AuditEntry.Action
    removed: AuditEntry.Action
    fields: tuple[str, ...]  # what a change may set
    record_path: str = "record"  # the lookup from an entry to its record
    about: Callable[[M], dict[str, object]] | None = None  # ids every audit line of it carries

    def _about(self, entry: M) -> dict[str, object]:
        return self.about(entry) if self.about is not None else {}

    def _rows(self, access: Access) -> models.QuerySet[M]:
        return self.model._default_manager.filter(**{self.record_path: access.record})

    def find(self, access: Access, entry_id: int, *, for_update: bool = False) -> M:
        """The record's entry with this id, after checking the caller may write it."""
        self.check_writer(access)
        rows = self._rows(access)
        if for_update:
            rows = rows.select_for_update()
        entry = rows.filter(pk=entry_id).first()
        if entry is None:
            raise self.error(str(self.missing))
        return entry

    def add(
        self, access: Access, values: Mapping[str, Any], now: dt.datetime, **details: object
    ) -> M:
        """Store a new entry (values already checked) and audit it."""
        self.check_writer(access)
        parent = {"record": access.record} if self.record_path == "record" else {}
        entry = self.model._default_manager.create(
            **parent, created_at=now, updated_at=now, **values
        )
        details = {**details, **self._about(entry)}
        audit(access.record, access.membership.user, self.added, now, self.label(entry), **details)
        return entry

    def change(
        self,
        access: Access,
        entry: M,
        values: Mapping[str, Any],
        now: dt.datetime,
        *,
        action: AuditEntry.Action | None = None,
        **details: object,
    ) -> list[str]:
        """Save the fields that changed; audit them (as `action`, default `changed`) if any did."""
        self.check_writer(access)
        changed = save_changes(entry, values, self.fields, now)
        if changed:
            audit(
                access.record,
                access.membership.user,
                action or self.changed,
                now,
                self.label(entry),
                fields=changed,
                **details,
                **self._about(entry),
            )
        return changed

    def remove(self, access: Access, entry_id: int, now: dt.datetime, **details: object) -> M:
        """Delete the record's entry with this id and audit it by its label."""
        entry = self.find(access, entry_id)
        label = self.label(entry)
        details = {**details, **self._about(entry)}
        entry.delete()
        audit(access.record, access.membership.user, self.removed, now, label, **details)
        return entry


def delete_files_after_commit(names: list[str], folder: str | None = None) -> None:
    """Remove stored files (and then their folder, if empty) once the rows naming them are gone
    for good; a rolled-back deletion keeps its files."""
    from django.core.files.storage import default_storage

    def delete() -> None:
        for name in names:
            default_storage.delete(name)
        if folder is not None:
            path = Path(default_storage.path(folder))
            if path.is_dir() and not any(path.iterdir()):
                path.rmdir()

    transaction.on_commit(delete)
