"""The records app's forms; the services check every rule again and name the field at fault."""

from .care import (
    AppointmentForm,
    CareRecordForm,
    DbsImplantForm,
    DbsSessionForm,
    InviteForm,
    MedicineForm,
    TeamMemberForm,
)
from .dates import EARLIEST, LATEST, DateWindow, RecordForm, RecordModelForm
from .diary import DiaryEntryForm
from .profile import (
    CareNotesForm,
    FeatureChangeForm,
    FeatureForm,
    GeneticVariantForm,
    MilestoneForm,
    ReportForm,
    TherapyForm,
)

__all__ = [
    "EARLIEST",
    "LATEST",
    "AppointmentForm",
    "CareNotesForm",
    "CareRecordForm",
    "DateWindow",
    "DbsImplantForm",
    "DbsSessionForm",
    "DiaryEntryForm",
    "FeatureChangeForm",
    "FeatureForm",
    "GeneticVariantForm",
    "InviteForm",
    "MedicineForm",
    "MilestoneForm",
    "RecordForm",
    "RecordModelForm",
    "ReportForm",
    "TeamMemberForm",
    "TherapyForm",
]
