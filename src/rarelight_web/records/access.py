"""The one way a page or an API endpoint gets a care record: `record_access`.

Anyone outside the record's care circle — a stranger, a logged-out visitor, or someone asking for a
record that does not exist — gets the same Http404, so a record's existence is never revealed. A
member whose role lacks the capability gets PermissionDenied (a friendly 403 page naming the role).
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass

from django.contrib.auth.base_user import AbstractBaseUser
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .models import CareRecord, Membership
from .roles import CAPABILITIES, Capability, Role

NOT_FOUND = gettext_lazy(
    "We could not find that care record. The address may be wrong, you may need to sign in, or "
    "you may not be in its care circle: ask one of its guardians for an invitation."
)

_DOING = {
    Capability.VIEW: gettext_lazy("see this record"),
    Capability.EDIT_PROFILE: gettext_lazy("change this record's details"),
    Capability.EDIT_DIARY: gettext_lazy("change the diary, appointments and medicines"),
    Capability.ADD_CLINICAL: gettext_lazy("add clinical notes and scores"),
    Capability.MANAGE_CIRCLE: gettext_lazy("invite or remove members of the care circle"),
    Capability.READ_AUDIT: gettext_lazy("read the audit log"),
    Capability.EXPORT: gettext_lazy("export the record"),
    Capability.DELETE: gettext_lazy("delete the record"),
}


@dataclass(frozen=True)
class Access:
    """A record together with the requesting user's membership of its circle."""

    record: CareRecord
    membership: Membership

    @property
    def role(self) -> Role:
        return Role(self.membership.role)

    def can(self, capability: Capability) -> bool:
        return capability in CAPABILITIES[self.role]

    @property
    def may(self) -> dict[str, bool]:
        """For templates: {% if access.may.manage_circle %}."""
        return {c.value: self.can(c) for c in Capability}

    def can_any(self, *capabilities: Capability) -> bool:
        return any(self.can(capability) for capability in capabilities)

    def require_any(self, *capabilities: Capability) -> None:
        """Pass with any one of them; a refusal names the last (the one most roles would need)."""
        if not self.can_any(*capabilities):
            self.require(capabilities[-1])

    def require(self, capability: Capability) -> None:
        if not self.can(capability):
            raise PermissionDenied(
                _(
                    "As %(role)s in this care circle you cannot %(doing)s. A guardian can change roles."
                )
                % {"role": self.role.label, "doing": _DOING[capability]}
            )


def _not_found() -> Http404:
    return Http404(str(NOT_FOUND))


def record_access(
    user: AbstractBaseUser | AnonymousUser,
    record_id: uuid.UUID | str,
    capability: Capability = Capability.VIEW,
    *alternatives: Capability,
) -> Access:
    """The record and the user's membership, if the user is in its circle and may do
    `capability` (or any of `alternatives`; a refusal names the last one given)."""
    if not user.is_authenticated:
        raise _not_found()
    try:
        record_uuid = record_id if isinstance(record_id, uuid.UUID) else uuid.UUID(str(record_id))
    except ValueError:
        raise _not_found() from None
    membership = (
        Membership.objects.select_related("record", "record__diagnosis", "user")
        .filter(record_id=record_uuid, user_id=user.pk)
        .first()
    )
    if membership is None:
        raise _not_found()
    access = Access(membership.record, membership)
    access.require_any(capability, *alternatives)
    return access
