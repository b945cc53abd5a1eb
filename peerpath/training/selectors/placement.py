"""Reads about placements (work experience): lists, days and who may host or supervise."""

from typing import Any

from django.contrib.auth import get_user_model
from django.db.models import Count, F, Q, QuerySet

from peerpath.organisations.models import Organisation
from peerpath.training.models import (
    Placement,
)


def placements_for(user: Any, organisation: Organisation, *, everyone: bool) -> list[Placement]:
    """Placements with their days logged and confirmed: those the user supports as peer
    supervisor, or every placement of the organisation (one query). Not yet signed off first."""
    placements = Placement.objects.filter(organisation=organisation)
    if not everyone:
        placements = placements.filter(supervisor=user)
    return list(
        placements.select_related(
            "enrolment__trainee", "enrolment__cohort__programme", "host_team", "supervisor"
        )
        .annotate(
            logged=Count("days"),
            confirmed=Count("days", filter=Q(days__confirmed_at__isnull=False)),
        )
        .order_by(
            F("signed_off_at").asc(nulls_first=True),
            "enrolment__cohort__starts_on",
            "enrolment__trainee__full_name",
            "pk",
        )
    )


def placement_day_lookup() -> QuerySet[Any]:
    from peerpath.training.models import PlacementDay

    return PlacementDay.objects.select_related("placement")


def teams_of(organisation: Any) -> QuerySet[Any]:
    from peerpath.organisations.models import Team

    return Team.objects.filter(organisation=organisation).order_by("name")


def supervisors_of(organisation: Any) -> QuerySet[Any]:

    return (
        get_user_model()
        .objects.filter(memberships__organisation=organisation, memberships__role="supervisor")
        .distinct()
        .order_by("full_name")
    )


def confirmed_days(placement: Placement) -> int:
    return placement.days.filter(confirmed_at__isnull=False).count()


def placement_lookup() -> QuerySet[Placement]:
    return Placement.objects.select_related(
        "enrolment",
        "enrolment__trainee",
        "enrolment__cohort",
        "enrolment__cohort__programme",
        "host_team",
        "supervisor",
    )


def placements_without_supervisor(organisation: Organisation) -> QuerySet[Placement]:
    return placement_lookup().filter(organisation=organisation, supervisor__isnull=True)
