"""Reads about placements (work experience): lists, days and who may host or supervise."""

from typing import Any

from django.contrib.auth import get_user_model
from django.db.models import Count, F, Q, QuerySet

from peerpath.core.actor import Actor
from peerpath.core.roles import Role
from peerpath.training.models import (
    Placement,
)


def sees_every_placement(actor: Actor) -> bool:
    """The coordinator (and the organisation admin) see every placement; a peer supervisor
    sees those they support."""
    return actor.has(Role.COORDINATOR, Role.ORG_ADMIN)


def placements_for(*, actor: Actor) -> list[Placement]:
    """Placements with their days logged and confirmed: those the actor supports as peer
    supervisor, or every placement of the organisation if they see every placement (one
    query). Not yet signed off first."""
    user, organisation, everyone = actor.user, actor.organisation, sees_every_placement(actor)
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


def teams_of(*, actor: Actor) -> QuerySet[Any]:
    """The teams of the actor's organisation: where a trainee may be placed, or a graduate
    may work."""
    from peerpath.organisations.models import Team

    return Team.objects.filter(organisation=actor.organisation).order_by("name")


def supervisors_of(*, actor: Actor) -> QuerySet[Any]:
    """The peer supervisors of the actor's organisation: who may supervise a placement."""
    return (
        get_user_model()
        .objects.filter(
            memberships__organisation=actor.organisation, memberships__role=Role.SUPERVISOR
        )
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


def placements_visible(*, actor: Actor) -> QuerySet[Placement]:
    """The placements of the actor's organisation they may see: every one for the course
    team (organisation admin, coordinator, trainer); else those where they are the trainee
    or the named peer supervisor."""
    placements = placement_lookup().filter(organisation=actor.organisation)
    if actor.has(Role.ORG_ADMIN, Role.COORDINATOR, Role.TRAINER):
        return placements
    return placements.filter(Q(enrolment__trainee=actor.user) | Q(supervisor=actor.user))


def placements_without_supervisor(*, actor: Actor) -> QuerySet[Placement]:
    """Placements of the actor's organisation with nobody named to supervise them."""
    return placement_lookup().filter(organisation=actor.organisation, supervisor__isnull=True)
