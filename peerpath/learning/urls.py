"""Learning's pages."""

from django.urls import URLPattern, path

from . import plan_views, refresher_views, views

app_name = "learning"

urlpatterns: list[URLPattern] = [
    path("learning/workers/<int:worker>/induction/", views.induction, name="induction"),
    path("learning/induction/items/<int:pk>/", views.induction_item, name="induction-item"),
    path("learning/new-starters/", views.new_starters, name="new-starters"),
    path("learning/workers/<int:worker>/booklet/", views.booklet, name="booklet"),
    path(
        "learning/workers/<int:worker>/booklet/coverage/",
        views.booklet_coverage,
        name="booklet-coverage",
    ),
    path("learning/workers/<int:worker>/booklet/print/", views.booklet_print, name="booklet-print"),
    path("learning/booklet/new/", views.booklet_entry_create, name="booklet-entry-create"),
    path("learning/booklet/<int:pk>/", views.booklet_entry, name="booklet-entry"),
    path("learning/booklet/<int:pk>/edit/", views.booklet_entry_edit, name="booklet-entry-edit"),
    path(
        "learning/booklet/<int:pk>/addendum/",
        views.booklet_addendum_add,
        name="booklet-addendum-add",
    ),
    path("learning/booklet/reviews/", views.booklet_review_queue, name="booklet-review-queue"),
    path("learning/workers/", plan_views.workers, name="workers"),
    path("learning/workers/<int:worker>/plan/", plan_views.plan, name="plan"),
    path("learning/workers/<int:worker>/plan/add/", plan_views.plan_unit_add, name="plan-unit-add"),
    path("learning/plan/<int:pk>/", plan_views.plan_unit, name="plan-unit"),
    path(
        "learning/plan/<int:pk>/learning/add/",
        plan_views.learning_record_add,
        name="learning-record-add",
    ),
    path("learning/refreshers/", refresher_views.refreshers, name="refreshers"),
    path("learning/refreshers/new/", refresher_views.refresher_create, name="refresher-create"),
    path(
        "learning/refreshers/<int:pk>/change/",
        refresher_views.refresher_edit,
        name="refresher-edit",
    ),
    path(
        "learning/refreshers/<int:pk>/retire/",
        refresher_views.refresher_retire,
        name="refresher-retire",
    ),
    path(
        "learning/workers/<int:worker>/refreshers/",
        refresher_views.worker_refreshers,
        name="worker-refreshers",
    ),
    path(
        "learning/workers/<int:worker>/refreshers/add/",
        refresher_views.refresher_complete,
        name="refresher-complete-add",
    ),
]
