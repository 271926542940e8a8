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
from .calendar import membership_for_calendar_key, new_calendar_key, stop_calendar_key
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
from .features import FeatureError, add_feature, remove_feature, resolve_term, update_feature
from .genetics import GeneticsError, add_variant, remove_variant, update_variant
from .medicines import MedicineError, add_medicine, remove_medicine, update_medicine
from .record import (
    DeleteRefusedError,
    create_record,
    delete_record,
    note_exported,
    note_viewed,
    update_care_notes,
    update_record,
)
from .registry import ContributionError, contribute_to_registry, withdraw_from_registry
from .reports import ReportError, add_report, remove_report
from .team import TeamError, add_team_member, remove_team_member, update_team_member
from .therapies import (
    TherapyError,
    add_milestone,
    add_therapy,
    remove_milestone,
    remove_therapy,
    update_milestone,
    update_therapy,
)

__all__ = [
    "DBS_AMPLITUDE",
    "DBS_FREQUENCY_HZ",
    "DBS_PULSE_WIDTH_US",
    "INVITATION_MAX_AGE",
    "MAX_DURATION_MINUTES",
    "AlreadyMember",
    "AppointmentError",
    "CircleError",
    "ContributionError",
    "DbsError",
    "DeleteRefusedError",
    "DiaryError",
    "EntryError",
    "FeatureError",
    "GeneticsError",
    "InvitationError",
    "LastGuardianError",
    "MedicineError",
    "ReportError",
    "TeamError",
    "TherapyError",
    "accept_invitation",
    "add_appointment",
    "add_dbs_implant",
    "add_dbs_session",
    "add_diary_entry",
    "add_feature",
    "add_medicine",
    "add_milestone",
    "add_report",
    "add_team_member",
    "add_therapy",
    "add_variant",
    "check_invitation",
    "contribute_to_registry",
    "create_record",
    "delete_record",
    "invitation_token",
    "invite",
    "leave",
    "membership_for_calendar_key",
    "new_calendar_key",
    "note_exported",
    "note_viewed",
    "remove_appointment",
    "remove_dbs_implant",
    "remove_dbs_session",
    "remove_diary_entry",
    "remove_feature",
    "remove_medicine",
    "remove_member",
    "remove_milestone",
    "remove_report",
    "remove_team_member",
    "remove_therapy",
    "remove_variant",
    "resolve_term",
    "revoke_invitation",
    "stop_calendar_key",
    "update_appointment",
    "update_care_notes",
    "update_dbs_implant",
    "update_dbs_session",
    "update_diary_entry",
    "update_feature",
    "update_medicine",
    "update_milestone",
    "update_record",
    "update_team_member",
    "update_therapy",
    "update_variant",
    "withdraw_from_registry",
]
