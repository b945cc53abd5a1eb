"""Reads about placements (work experience): lists, days and who may host or supervise."""

from typing import Any

from django.contrib.auth import get_user_model
from django.db.models import Count, F, Q, QuerySet

from peerpath.core.actor import Actor
from peerpath.core.roles import Role
from peerpath.training.models import (
    Placement,
    PlacementDay,
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


def placement_days_of(*, actor: Actor) -> QuerySet[PlacementDay]:
    """The placement days of the actor's organisation, with their placement. Who may
    confirm one is the rule `training.supervise_placement` on its placement."""
    return PlacementDay.objects.filter(organisation=actor.organisation).select_related("placement")


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


def placements_of(*, actor: Actor) -> QuerySet[Placement]:
    """Every placement of the actor's organisation, with its trainee, cohort, programme, host
    team and supervisor (what a page may show is `placements_visible`)."""
    return Placement.objects.filter(organisation=actor.organisation).select_related(
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
    placements = placements_of(actor=actor)
    if actor.has(Role.ORG_ADMIN, Role.COORDINATOR, Role.TRAINER):
        return placements
    return placements.filter(Q(enrolment__trainee=actor.user) | Q(supervisor=actor.user))


def placements_without_supervisor(*, actor: Actor) -> QuerySet[Placement]:
    """Placements of the actor's organisation with nobody named to supervise them."""
    return placements_of(actor=actor).filter(supervisor__isnull=True)
