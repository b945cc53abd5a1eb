"""Reads for recruitment, scoped to one organisation; disclosures only for the panel."""

from collections import OrderedDict
from typing import Any

from django.db.models import Case, Count, OuterRef, Q, QuerySet, Subquery, Value, When
from django.utils import timezone

from peerpath.organisations.models import Organisation

from .models import (
    OPEN_STAGES,
    Application,
    Cohort,
    EnrolmentStatus,
    Intake,
    Programme,
    Stage,
    TrainingSession,
)


def intake_list(organisation: Organisation) -> QuerySet[Intake]:
    return (
        Intake.objects.filter(organisation=organisation)
        .select_related("programme")
        .annotate(
            application_count=Count("applications"),
            open_count=Count("applications", filter=Q(applications__stage__in=OPEN_STAGES)),
        )
        .order_by("-opens_on")
    )


def intake_lookup() -> QuerySet[Intake]:
    return Intake.objects.select_related("programme")


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


def is_panel_member(intake: Intake, user: Any) -> bool:
    return intake.panel.filter(pk=user.pk).exists()


def application_lookup() -> QuerySet[Application]:
    return Application.objects.select_related("intake", "intake__programme")


def application_detail(application: Application) -> dict[str, Any]:
    return {
        "answers": list(
            application.answers.select_related("criterion").order_by("criterion__order")
        ),
        "changes": list(application.stage_changes.select_related("by")),
        "appointments": list(application.appointments.all()),
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


class CohortState:
    NOT_STARTED = "not started"
    RUNNING = "running"
    ENDED = "ended"


def cohorts_for(organisation: Organisation, programme: Programme | None = None) -> QuerySet[Cohort]:
    """Cohorts, newest first, each with how many are enrolled and still training, its last
    session's date (`ends_on`) and its state today (one query)."""
    cohorts = Cohort.objects.filter(organisation=organisation).select_related("programme")
    if programme is not None:
        cohorts = cohorts.filter(programme=programme)
    last_session = (
        TrainingSession.objects.filter(cohort=OuterRef("pk")).order_by("-date").values("date")[:1]
    )
    today = timezone.localdate()
    return (
        cohorts.annotate(
            trainee_count=Count("enrolments"),
            training_count=Count("enrolments", filter=Q(enrolments__status=EnrolmentStatus.ACTIVE)),
            ends_on=Subquery(last_session),
        )
        .annotate(
            state=Case(
                When(starts_on__gt=today, then=Value(CohortState.NOT_STARTED)),
                When(ends_on__lt=today, then=Value(CohortState.ENDED)),
                default=Value(CohortState.RUNNING),
            )
        )
        .order_by("-starts_on")
    )


def own_programmes(organisation: Organisation) -> QuerySet[Programme]:
    return Programme.objects.for_organisation(organisation).order_by("title")


def panel_candidates(organisation: Organisation) -> QuerySet[Any]:
    from django.contrib.auth import get_user_model

    return (
        get_user_model()
        .objects.filter(memberships__organisation=organisation)
        .exclude(memberships__role__in=("trainee", "person", "carer"))
        .distinct()
        .order_by("full_name")
    )
