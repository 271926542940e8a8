"""The only write path of the records app: one module per part of the record.

Every function is atomic and writes an AuditEntry. Functions that act on an existing record take
the caller's `Access` (from access.record_access) and check the capability again, so a view that
forgot to ask cannot write. Entries share one shape (`_entries.EntryKind`).
"""

from ._entries import EntryError
from .appointments import (
    MAX_DURATION_MINUTES,
    AppointmentError,
    add_appointment,
    remove_appointment,
    update_appointment,
)
from .circle import (
    INVITATION_MAX_AGE,
    AlreadyMember,
    CircleError,
    InvitationError,
    LastGuardianError,
    accept_invitation,
    check_invitation,
    invitation_token,
    invite,
    leave,
    remove_member,
    revoke_invitation,
)
from .dbs import (
    DBS_AMPLITUDE,
    DBS_FREQUENCY_HZ,
    DBS_PULSE_WIDTH_US,
    DbsError,
    add_dbs_implant,
    add_dbs_session,
    remove_dbs_implant,
    remove_dbs_session,
    update_dbs_implant,
    update_dbs_session,
)
from .diary import DiaryError, add_diary_entry, remove_diary_entry, update_diary_entry
from .medicines import MedicineError, add_medicine, remove_medicine, update_medicine
from .record import create_record, note_viewed, update_record
from .team import TeamError, add_team_member, remove_team_member, update_team_member

__all__ = [
    "DBS_AMPLITUDE",
    "DBS_FREQUENCY_HZ",
    "DBS_PULSE_WIDTH_US",
    "INVITATION_MAX_AGE",
    "MAX_DURATION_MINUTES",
    "AlreadyMember",
    "AppointmentError",
    "CircleError",
    "DbsError",
    "DiaryError",
    "EntryError",
    "InvitationError",
    "LastGuardianError",
    "MedicineError",
    "TeamError",
    "accept_invitation",
    "add_appointment",
    "add_dbs_implant",
    "add_dbs_session",
    "add_diary_entry",
    "add_medicine",
    "add_team_member",
    "check_invitation",
    "create_record",
    "invitation_token",
    "invite",
    "leave",
    "note_viewed",
    "remove_appointment",
    "remove_dbs_implant",
    "remove_dbs_session",
    "remove_diary_entry",
    "remove_medicine",
    "remove_member",
    "remove_team_member",
    "revoke_invitation",
    "update_appointment",
    "update_dbs_implant",
    "update_dbs_session",
    "update_diary_entry",
    "update_medicine",
    "update_record",
    "update_team_member",
]
