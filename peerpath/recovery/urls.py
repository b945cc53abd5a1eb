from django.urls import path

from . import document_views, my_views, proposal_views, tool_views, views

app_name = "recovery"

GOAL = "people/<int:person>/goals/<int:pk>/"
PLAN = "people/<int:person>/plans/<slug:kind>/"
MY_GOAL = "my/goals/<int:pk>/"
MY_PLAN = "my/plans/<slug:kind>/"

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
    path(PLAN + "proposals/<int:pk>/", proposal_views.proposal_review, name="proposal-review"),
    # The person's own goals and plans (their own record; no person in the URL).
    path("my/goals/", my_views.my_goal_list, name="my-goals"),
    path("my/goals/new/", my_views.my_goal_create, name="my-goal-create"),
    path(MY_GOAL, my_views.my_goal_detail, name="my-goal"),
    path(MY_GOAL + "steps/", my_views.my_step_add, name="my-step-add"),
    path(MY_GOAL + "steps/<int:step>/done/", my_views.my_step_done, name="my-step-done"),
    path(MY_GOAL + "updates/", my_views.my_progress_add, name="my-progress-add"),
    path("my/crisis-plan/", my_views.my_crisis_plan, name="my-crisis-plan"),
    path(
        "my/crisis-plan/offline.js",
        my_views.crisis_plan_offline_js,
        name="crisis-plan-offline-js",
    ),
    path(MY_PLAN, my_views.my_plan, name="my-plan"),
    path(MY_PLAN + "print/", my_views.my_plan_print, name="my-plan-print"),
    path(MY_PLAN + "pdf/", my_views.my_plan_pdf, name="my-plan-pdf"),
    path(MY_PLAN + "suggest/", my_views.my_proposal_create, name="my-proposal-create"),
    path(
        MY_PLAN + "suggestions/<int:pk>/withdraw/",
        my_views.my_proposal_withdraw,
        name="my-proposal-withdraw",
    ),
]
