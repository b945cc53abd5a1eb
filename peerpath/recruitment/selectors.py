"""Reads for recruitment, scoped to one organisation; disclosures only for the panel."""

from collections import OrderedDict
from typing import Any

from django.db.models import Count, Q, QuerySet

from peerpath.core.actor import Actor

from .models import OPEN_STAGES, Application, Intake, Stage


def intake_list(*, actor: Actor) -> QuerySet[Intake]:
    """The intakes of the actor's organisation, newest first, with how many applied and how
    many are still in progress."""
    return (
        Intake.objects.filter(organisation=actor.organisation)
        .select_related("programme")
        .annotate(
            application_count=Count("applications"),
            open_count=Count("applications", filter=Q(applications__stage__in=OPEN_STAGES)),
        )
        .order_by("-opens_on")
    )


def intakes_of(*, actor: Actor) -> QuerySet[Intake]:
    """The intakes of the actor's organisation, with their programme: to fetch one (the
    list, with its counts, is `intake_list`)."""
    return Intake.objects.filter(organisation=actor.organisation).select_related("programme")


def intake_applications(intake: Intake, *, stage: str = "") -> QuerySet[Application]:
    applications = intake.applications.all()
    if stage:
        applications = applications.filter(stage=stage)
    return applications.order_by("full_name")


def intake_board(intake: Intake) -> "OrderedDict[str, list[Application]]":
    """Applications by stage, in the pipeline's order (one query)."""
    board: OrderedDict[str, list[Application]] = OrderedDict((s.value, []) for s in Stage)
    for application in intake.applications.order_by("updated_at"):
        board[application.stage].append(application)
    return board


def applications_of(*, actor: Actor) -> QuerySet[Application]:
    """The applications to the actor's organisation, with their intake and programme."""
    return Application.objects.filter(organisation=actor.organisation).select_related(
        "intake", "intake__programme"
    )


def application_detail(application: Application) -> dict[str, Any]:
    return {
        "answers": list(
            application.answers.select_related("criterion").order_by("criterion__order")
        ),
        "changes": list(application.stage_changes.select_related("by")),
        "appointments": list(application.bookings.all()),
        "notes": list(application.panel_notes.select_related("author")),
    }


def application_by_token(token: str) -> Application | None:
    return (
        Application.objects.select_related("intake", "intake__programme", "organisation")
        .filter(access_token=token)
        .first()
    )


def open_intake(organisation_slug: str, intake_id: int) -> Intake | None:
    return (
        Intake.objects.select_related("programme", "organisation")
        .filter(organisation__slug=organisation_slug, pk=intake_id)
        .first()
    )
