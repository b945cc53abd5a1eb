from django.urls import path

from . import appointment_views, my_views, signpost_views, views

app_name = "contacts"

CONTACTS = "people/<int:person>/contacts/"
APPOINTMENTS = "people/<int:person>/appointments/"
SIGNPOSTING = "people/<int:person>/signposting/"

urlpatterns = [
    path(CONTACTS, views.note_list, name="note-list"),
    path(CONTACTS + "new/", views.note_create, name="note-create"),
    path(CONTACTS + "<int:pk>/", views.note_detail, name="note-detail"),
    path(CONTACTS + "<int:pk>/edit/", views.note_edit, name="note-edit"),
    path(CONTACTS + "<int:pk>/sign/", views.note_sign, name="note-sign"),
    path(CONTACTS + "<int:pk>/amend/", views.note_amend, name="note-amend"),
    path(CONTACTS + "<int:pk>/withhold/", views.note_withhold, name="note-withhold"),
    path(
        CONTACTS + "<int:pk>/withhold/lift/",
        views.note_withhold_lift,
        name="note-withhold-lift",
    ),
    # Checks wording as it is typed; reads and stores nothing of anyone's record.
    path("contacts/wording-check/", views.wording_check, name="wording-check"),
    path(APPOINTMENTS, appointment_views.appointment_list, name="appointment-list"),
    path(APPOINTMENTS + "new/", appointment_views.appointment_create, name="appointment-create"),
    path(
        APPOINTMENTS + "<int:pk>/", appointment_views.appointment_detail, name="appointment-detail"
    ),
    path(
        APPOINTMENTS + "<int:pk>/how-it-went/",
        appointment_views.appointment_how_it_went,
        name="appointment-how-it-went",
    ),
    path(
        APPOINTMENTS + "<int:pk>/cancel/",
        appointment_views.appointment_cancel,
        name="appointment-cancel",
    ),
    path(
        APPOINTMENTS + "<int:pk>/requests/<int:request_pk>/answer/",
        appointment_views.appointment_request_answer,
        name="appointment-request-answer",
    ),
    path(SIGNPOSTING, signpost_views.signpost_list, name="signpost-list"),
    path(SIGNPOSTING + "new/", signpost_views.signpost_create, name="signpost-create"),
    path(SIGNPOSTING + "<int:pk>/", signpost_views.signpost_detail, name="signpost-detail"),
    path(
        SIGNPOSTING + "<int:pk>/outcome/", signpost_views.signpost_outcome, name="signpost-outcome"
    ),
    # The person's own (their `Person` comes from who is signed in, never from the URL).
    path("my/notes/", my_views.my_note_list, name="my-note-list"),
    path("my/notes/<int:pk>/", my_views.my_note_detail, name="my-note-detail"),
    path("my/appointments/", my_views.my_appointment_list, name="my-appointment-list"),
    path("my/appointments/<int:pk>/ask/", my_views.my_appointment_ask, name="my-appointment-ask"),
    path("my/signposts/", my_views.my_signpost_list, name="my-signpost-list"),
    path("my/signposts/<int:pk>/", my_views.my_signpost_detail, name="my-signpost-detail"),
]
