"""Observation's pages."""

from django.urls import URLPattern, path

from . import views

app_name = "observation"

urlpatterns: list[URLPattern] = [
    path("observations/", views.observation_list, name="observation-list"),
    path("observations/record/", views.observation_start, name="observation-start"),
    path("observations/new/<int:worker>/", views.observation_create, name="observation-create"),
    path("observations/<int:pk>/", views.observation_detail, name="observation-detail"),
    path("observations/<int:pk>/edit/", views.observation_edit, name="observation-edit"),
    path("observations/<int:pk>/units/", views.observation_units, name="observation-units"),
    path(
        "observations/<int:pk>/units/<str:code>/",
        views.observation_rate,
        name="observation-rate",
    ),
    path(
        "observations/<int:pk>/finalise/",
        views.observation_finalise,
        name="observation-finalise",
    ),
    path(
        "observations/<int:pk>/reflection/",
        views.observation_reflect,
        name="observation-reflect",
    ),
    path(
        "observations/<int:pk>/addendum/",
        views.observation_addendum,
        name="observation-addendum",
    ),
    path(
        "observations/<int:pk>/development-plan/",
        views.plan_create,
        name="plan-create",
    ),
    path("development-plans/", views.plan_list, name="plan-list"),
    path("development-plans/<int:pk>/", views.plan_detail, name="plan-detail"),
    path("development-plans/<int:pk>/review/", views.plan_review, name="plan-review"),
    path("development-plans/<int:pk>/close/", views.plan_close, name="plan-close"),
    path("competence-records/", views.record_list, name="record-list"),
    path("competence-records/mine/", views.my_record, name="my-record"),
    path("competence-records/<int:worker>/", views.record, name="record"),
    path("competence-records/<int:worker>/print/", views.record_print, name="record-print"),
]
