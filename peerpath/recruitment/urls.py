"""Recruitment's pages. The staff pages keep their place under /training/; the public
ones (expressing interest, an applicant's own page) are at /apply/ and /application/."""

from django.urls import path

from . import views

app_name = "recruitment"

urlpatterns = [
    path("training/intakes/", views.intake_list, name="intake-list"),
    path("training/intakes/new/", views.intake_create, name="intake-create"),
    path("training/intakes/new/panel/", views.intake_panel_search, name="intake-panel-search"),
    path("training/intakes/<int:pk>/", views.intake_detail, name="intake-detail"),
    path(
        "training/applications/<int:pk>/",
        views.application_detail,
        name="application-detail",
    ),
    path(
        "training/applications/<int:pk>/move/",
        views.application_move,
        name="application-move",
    ),
    path(
        "training/applications/<int:pk>/appointments/",
        views.application_appointment,
        name="application-appointment",
    ),
    path(
        "training/applications/<int:pk>/notes/",
        views.application_note,
        name="application-note",
    ),
    path(
        "training/applications/<int:pk>/enrol/",
        views.application_enrol,
        name="application-enrol",
    ),
    path(
        "apply/<slug:organisation>/<int:intake>/",
        views.interest_form,
        name="interest-form",
    ),
    path("application/<str:token>/", views.applicant_home, name="applicant-home"),
    # The coordinator's dashboard, from expressing interest to employment.
    path("training/dashboard/", views.dashboard, name="dashboard"),
]
