from django.urls import path

from . import views

app_name = "records"
urlpatterns = [
    path("", views.record_list, name="list"),
    path("new/", views.create, name="create"),
    path("invitations/<str:token>/", views.invitation, name="invitation"),
    path("<uuid:record_id>/", views.overview, name="overview"),
    path("<uuid:record_id>/edit/", views.edit, name="edit"),
    path("<uuid:record_id>/invite/", views.invite, name="invite"),
    path(
        "<uuid:record_id>/invitations/<int:invitation_id>/revoke/",
        views.revoke_invitation,
        name="revoke_invitation",
    ),
    path(
        "<uuid:record_id>/members/<int:membership_id>/remove/",
        views.remove_member,
        name="remove_member",
    ),
    path("<uuid:record_id>/leave/", views.leave, name="leave"),
    path("<uuid:record_id>/audit/", views.audit_log, name="audit"),
    path("<uuid:record_id>/team/", views.team_list, name="team"),
    path("<uuid:record_id>/team/add/", views.team_add, name="team_add"),
    path("<uuid:record_id>/team/<int:member_id>/edit/", views.team_edit, name="team_edit"),
    path("<uuid:record_id>/team/<int:member_id>/remove/", views.team_remove, name="team_remove"),
    path("<uuid:record_id>/appointments/", views.appointment_list, name="appointments"),
    path("<uuid:record_id>/appointments/add/", views.appointment_add, name="appointment_add"),
    path(
        "<uuid:record_id>/appointments/<int:appointment_id>/edit/",
        views.appointment_edit,
        name="appointment_edit",
    ),
    path(
        "<uuid:record_id>/appointments/<int:appointment_id>/remove/",
        views.appointment_remove,
        name="appointment_remove",
    ),
    path(
        "<uuid:record_id>/appointments.ics",
        views.appointment_calendar,
        name="appointment_calendar",
    ),
    path("<uuid:record_id>/medicines/", views.medicine_list, name="medicines"),
    path("<uuid:record_id>/medicines/add/", views.medicine_add, name="medicine_add"),
    path(
        "<uuid:record_id>/medicines/<int:medicine_id>/edit/",
        views.medicine_edit,
        name="medicine_edit",
    ),
    path(
        "<uuid:record_id>/medicines/<int:medicine_id>/remove/",
        views.medicine_remove,
        name="medicine_remove",
    ),
    path("<uuid:record_id>/dbs/", views.dbs_list, name="dbs"),
    path("<uuid:record_id>/dbs/add/", views.dbs_implant_add, name="dbs_implant_add"),
    path(
        "<uuid:record_id>/dbs/<int:implant_id>/sessions/add/",
        views.dbs_session_add,
        name="dbs_session_add",
    ),
    path(
        "<uuid:record_id>/dbs/sessions/<int:session_id>/remove/",
        views.dbs_session_remove,
        name="dbs_session_remove",
    ),
    path("<uuid:record_id>/diary/", views.diary_list, name="diary"),
    path("<uuid:record_id>/diary/add/", views.diary_add, name="diary_add"),
    path(
        "<uuid:record_id>/diary/<int:entry_id>/remove/",
        views.diary_remove,
        name="diary_remove",
    ),
]
