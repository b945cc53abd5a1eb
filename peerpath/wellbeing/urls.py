"""Wellbeing's pages: the signed-in worker's own, and nobody else's."""

from django.urls import path

from . import views

app_name = "wellbeing"

urlpatterns = [
    path("wellbeing/", views.overview, name="overview"),
    path("wellbeing/plan/", views.plan_edit, name="plan-edit"),
    path("wellbeing/plan/versions/", views.plan_history, name="plan-history"),
    path("wellbeing/plan/versions/<int:number>/", views.plan_version, name="plan-version"),
    path("wellbeing/check-ins/", views.check_in_list, name="check-in-list"),
    path("wellbeing/check-ins/new/", views.check_in_create, name="check-in-create"),
    path("wellbeing/check-ins/<int:pk>/share/", views.check_in_share, name="check-in-share"),
]
