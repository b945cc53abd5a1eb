from django.urls import path

from . import document_views, tool_views, views

app_name = "recovery"

GOAL = "people/<int:person>/goals/<int:pk>/"
PLAN = "people/<int:person>/plans/<slug:kind>/"

urlpatterns = [
    path("people/<int:person>/goals/", views.goal_list, name="goal-list"),
    path("people/<int:person>/goals/new/", views.goal_create, name="goal-create"),
    path(GOAL, views.goal_detail, name="goal-detail"),
    path(GOAL + "edit/", views.goal_edit, name="goal-edit"),
    path(GOAL + "steps/", views.step_add, name="step-add"),
    path(GOAL + "steps/<int:step>/done/", views.step_done, name="step-done"),
    path(GOAL + "updates/", views.progress_add, name="progress-add"),
    path("people/<int:person>/plans/", document_views.plan_list, name="plan-list"),
    path("people/<int:person>/plans/new/", document_views.document_create, name="document-create"),
    path(PLAN, document_views.document_detail, name="document-detail"),
    path(PLAN + "edit/", document_views.document_edit, name="document-edit"),
    path(PLAN + "versions/", document_views.document_history, name="document-history"),
    path(PLAN + "versions/<int:number>/", document_views.document_version, name="document-version"),
    path(PLAN + "compare/", document_views.document_compare, name="document-compare"),
    path(PLAN + "pdf/", document_views.document_pdf, name="document-pdf"),
    path("people/<int:person>/tools/", tool_views.tool_list, name="tool-list"),
    path(
        "people/<int:person>/tools/worksheets/new/",
        tool_views.worksheet_create,
        name="worksheet-create",
    ),
    path(
        "people/<int:person>/tools/worksheets/<int:pk>/",
        tool_views.worksheet_detail,
        name="worksheet-detail",
    ),
    path(
        "people/<int:person>/tools/worksheets/<int:pk>/edit/",
        tool_views.worksheet_edit,
        name="worksheet-edit",
    ),
    path(
        "people/<int:person>/tools/activities/new/",
        tool_views.activity_create,
        name="activity-create",
    ),
    path(
        "people/<int:person>/tools/activities/<int:pk>/edit/",
        tool_views.activity_edit,
        name="activity-edit",
    ),
    path(
        "people/<int:person>/tools/digital/new/", tool_views.digital_create, name="digital-create"
    ),
    path(
        "people/<int:person>/tools/digital/<int:pk>/edit/",
        tool_views.digital_edit,
        name="digital-edit",
    ),
]
