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
    "AppointmentForm",
    "CareNotesForm",
    "CareRecordForm",
    "DbsImplantForm",
    "DbsSessionForm",
    "DiaryEntryForm",
    "FeatureChangeForm",
    "FeatureForm",
    "GeneticVariantForm",
    "InviteForm",
    "MedicineForm",
    "MilestoneForm",
    "ReportForm",
    "TeamMemberForm",
    "TherapyForm",
]
