"""The records app's models, one module per part of the record."""

from .care import Appointment, Medicine, TeamMember
from .dbs_diary import DbsImplant, DbsSession, DiaryEntry
from .profile import Feature, GeneticVariant, ReportFile
from .record import AuditEntry, AuditQuerySet, CareRecord, Invitation, Membership
from .therapy import Milestone, Therapy

__all__ = [
    "Appointment",
    "AuditEntry",
    "AuditQuerySet",
    "CareRecord",
    "DbsImplant",
    "DbsSession",
    "DiaryEntry",
    "Feature",
    "GeneticVariant",
    "Invitation",
    "Medicine",
    "Membership",
    "Milestone",
    "ReportFile",
    "TeamMember",
    "Therapy",
]
