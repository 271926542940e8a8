from django.urls import path

from .views import appointments, circle, dbs, diary, medicines, record, team

app_name = "records"
R = "<uuid:record_id>/"
urlpatterns = [
    path("", record.record_list, name="list"),
    path("new/", record.create, name="create"),
    path("invitations/<str:token>/", circle.invitation, name="invitation"),
    path(R, record.overview, name="overview"),
    path(R + "edit/", record.edit, name="edit"),
    path(R + "audit/", record.audit_log, name="audit"),
    path(R + "invite/", circle.invite, name="invite"),
    path(
        R + "invitations/<int:invitation_id>/revoke/",
        circle.revoke_invitation,
        name="revoke_invitation",
    ),
    path(R + "members/<int:membership_id>/remove/", circle.remove_member, name="remove_member"),
    path(R + "leave/", circle.leave, name="leave"),
    path(R + "team/", team.team_list, name="team"),
    path(R + "team/add/", team.team_add, name="team_add"),
    path(R + "team/<int:member_id>/edit/", team.team_edit, name="team_edit"),
    path(R + "team/<int:member_id>/remove/", team.team_remove, name="team_remove"),
    path(R + "appointments/", appointments.appointment_list, name="appointments"),
    path(R + "appointments/add/", appointments.appointment_add, name="appointment_add"),
    path(
        R + "appointments/<int:appointment_id>/edit/",
        appointments.appointment_edit,
        name="appointment_edit",
    ),
    path(
        R + "appointments/<int:appointment_id>/remove/",
        appointments.appointment_remove,
        name="appointment_remove",
    ),
    path(R + "appointments.ics", appointments.appointment_calendar, name="appointment_calendar"),
    path(R + "medicines/", medicines.medicine_list, name="medicines"),
    path(R + "medicines/add/", medicines.medicine_add, name="medicine_add"),
    path(R + "medicines/<int:medicine_id>/edit/", medicines.medicine_edit, name="medicine_edit"),
    path(
        R + "medicines/<int:medicine_id>/remove/",
        medicines.medicine_remove,
        name="medicine_remove",
    ),
    path(R + "dbs/", dbs.dbs_list, name="dbs"),
    path(R + "dbs/add/", dbs.dbs_implant_add, name="dbs_implant_add"),
    path(R + "dbs/<int:implant_id>/edit/", dbs.dbs_implant_edit, name="dbs_implant_edit"),
    path(R + "dbs/<int:implant_id>/remove/", dbs.dbs_implant_remove, name="dbs_implant_remove"),
    path(R + "dbs/<int:implant_id>/sessions/add/", dbs.dbs_session_add, name="dbs_session_add"),
    path(R + "dbs/sessions/<int:session_id>/edit/", dbs.dbs_session_edit, name="dbs_session_edit"),
    path(
        R + "dbs/sessions/<int:session_id>/remove/",
        dbs.dbs_session_remove,
        name="dbs_session_remove",
    ),
    path(R + "diary/", diary.diary_list, name="diary"),
    path(R + "diary/add/", diary.diary_add, name="diary_add"),
    path(R + "diary/<int:entry_id>/edit/", diary.diary_edit, name="diary_edit"),
    path(R + "diary/<int:entry_id>/remove/", diary.diary_remove, name="diary_remove"),
]
