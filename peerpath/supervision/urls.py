"""Supervision's pages."""

from django.urls import path

from . import views

app_name = "supervision"

urlpatterns = [
    path("supervision/workers/", views.worker_list, name="worker-list"),
    path(
        "supervision/workers/<int:worker>/agreements/new/",
        views.agreement_create,
        name="agreement-create",
    ),
    path("supervision/agreements/<int:pk>/", views.agreement_detail, name="agreement-detail"),
    path("supervision/agreements/<int:pk>/edit/", views.agreement_edit, name="agreement-edit"),
    path("supervision/agreements/<int:pk>/agree/", views.agreement_agree, name="agreement-agree"),
    path(
        "supervision/agreements/<int:pk>/sessions/new/",
        views.session_create,
        name="session-create",
    ),
    path("supervision/sessions/<int:pk>/", views.session_detail, name="session-detail"),
    path("supervision/sessions/<int:pk>/print/", views.session_print, name="session-print"),
    path("supervision/sessions/<int:pk>/record/", views.session_record, name="session-record"),
    path(
        "supervision/sessions/<int:pk>/your-part/",
        views.session_worker_part,
        name="session-worker-part",
    ),
    path("supervision/sessions/<int:pk>/sign/", views.session_sign, name="session-sign"),
    path("supervision/sessions/<int:pk>/addenda/new/", views.addendum_add, name="addendum-add"),
    path("supervision/sessions/<int:pk>/actions/new/", views.action_add, name="action-add"),
    path("supervision/actions/<int:pk>/done/", views.action_done, name="action-done"),
    path("supervision/supervisees/", views.supervisee_list, name="supervisee-list"),
]
