"""Reads about programmes, always within what the organisation may see."""

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.contrib.auth import get_user_model
from django.db.models import Case, Count, F, OuterRef, Q, QuerySet, Subquery, Value, When
from django.utils import timezone

from peerpath.framework.models import Framework, Statement, Unit
from peerpath.organisations.models import Organisation

from .delivery import AttendanceFigure, attendance_figures, cohort_sessions
from .models import (
    ATTENDED,
    AttendanceRecord,
    Award,
    Cohort,
    CopiedText,
    Enrolment,
    EnrolmentStatus,
    MarkOutcome,
    Module,
    Placement,
    Programme,
    TrainingSession,
)


def programme_list(organisation: Organisation) -> QuerySet[Programme]:
    """The organisation's programmes, then the shipped templates, with module counts."""
    return (
        Programme.objects.visible_to(organisation)
        .annotate(module_count=Count("modules"))
        .order_by("organisation", "title")
    )


def programme_lookup() -> QuerySet[Programme]:
    return Programme.objects.all()


def programme_visible(programme: Programme, organisation: Organisation) -> bool:
    return programme.organisation_id in (None, organisation.pk)


def programme_modules(programme: Programme) -> list[Module]:
    return list(programme.modules.prefetch_related("units").order_by("order"))


def module_lookup() -> QuerySet[Module]:
    return Module.objects.select_related("programme")


def module_visible(module: Module, organisation: Organisation) -> bool:
    return module.programme.organisation_id in (None, organisation.pk)


@dataclass
class StatementCoverage:
    statement: Statement
    modules: list[str] = field(default_factory=list)


@dataclass
class UnitCoverage:
    unit: Unit
    statements: list[StatementCoverage] = field(default_factory=list)

    @property
    def covered(self) -> int:
        return sum(1 for s in self.statements if s.modules)

    @property
    def gaps(self) -> list[StatementCoverage]:
        return [s for s in self.statements if not s.modules]


def programme_coverage(programme: Programme, framework: Framework) -> list[UnitCoverage]:
    """Every statement of the framework with the modules that cover it (five queries).

    A module covers a statement when it covers the statement's whole unit or names the
    statement itself.
    """
    modules = {m.pk: m.display_title for m in programme.modules.all()}
    by_unit: dict[int, list[str]] = defaultdict(list)
    for module_id, unit_id in Module.units.through.objects.filter(
        module__programme=programme
    ).values_list("module_id", "unit_id"):
        by_unit[unit_id].append(modules[module_id])
    by_statement: dict[int, list[str]] = defaultdict(list)
    for module_id, statement_id in Module.statements.through.objects.filter(
        module__programme=programme
    ).values_list("module_id", "statement_id"):
        by_statement[statement_id].append(modules[module_id])
    coverage = {
        unit.pk: UnitCoverage(unit=unit)
        for unit in Unit.objects.filter(framework=framework).order_by("order")
    }
    for statement in Statement.objects.filter(framework=framework).order_by(
        "unit__order", "number"
    ):
        names = sorted(set(by_unit[statement.unit_id] + by_statement[statement.pk]))
        coverage[statement.unit_id].statements.append(StatementCoverage(statement, names))
    return list(coverage.values())


def assessment_requirement_lookup() -> QuerySet[Any]:
    from .models import AssessmentRequirement

    return AssessmentRequirement.objects.select_related("programme")


def eligibility_lookup() -> QuerySet[Any]:
    from .models import EligibilityCriterion

    return EligibilityCriterion.objects.select_related("programme")


def copied_texts_to_check(programme: Programme) -> QuerySet[CopiedText]:
    """Copied text that still waits for the copier to confirm or reword it."""
    return programme.copied_texts.filter(confirmed_at__isnull=True).order_by("order")


def copied_text_counts(programme: Programme) -> dict[str, int]:
    """How many copied texts wait to be checked, and how many are confirmed (one query)."""
    counts = programme.copied_texts.aggregate(
        to_check=Count("pk", filter=Q(confirmed_at__isnull=True)),
        confirmed=Count("pk", filter=Q(confirmed_at__isnull=False)),
    )
    return {"to_check": counts["to_check"] or 0, "confirmed": counts["confirmed"] or 0}


def copied_texts(programme: Programme) -> QuerySet[CopiedText]:
    return programme.copied_texts.select_related("confirmed_by").order_by("order")


def copied_text_lookup() -> QuerySet[CopiedText]:
    return CopiedText.objects.select_related("programme")


def programme_coursework(programme: Programme) -> list[Any]:
    return list(programme.coursework.order_by("order"))


def programme_certificates(programme: Programme) -> list[Any]:
    return list(programme.certificates.order_by("order"))


def programme_information(programme: Programme, *, for_applicants: bool = False) -> list[Any]:
    """What the source tells coordinators (and, for_applicants, what applicants need)."""
    information = programme.information.order_by("order")
    if for_applicants:
        information = information.filter(for_applicants=True)
    return list(information)


# Reads for the home pages and "My training". Each is shared with the page it summarises,
# and each runs a fixed number of queries however many trainees, sessions or records exist.


def attendance_at_risk(organisation: Organisation) -> list[AttendanceFigure]:
    """Trainees still training whose attendance is at risk of, or can no longer reach, their
    programme's threshold (three queries, any number of cohorts and trainees)."""
    enrolments = list(
        Enrolment.objects.filter(organisation=organisation, status=EnrolmentStatus.ACTIVE)
        .select_related("trainee", "cohort", "cohort__programme")
        .order_by("cohort__starts_on", "cohort__title", "trainee__full_name", "pk")
    )
    totals = dict(
        TrainingSession.objects.filter(organisation=organisation)
        .values("cohort")
        .annotate(n=Count("pk"))
        .values_list("cohort", "n")
    )
    counts = {
        row["enrolment"]: row
        for row in AttendanceRecord.objects.filter(
            organisation=organisation, enrolment__status=EnrolmentStatus.ACTIVE
        )
        .values("enrolment")
        .annotate(recorded=Count("pk"), attended=Count("pk", filter=Q(status__in=ATTENDED)))
    }
    figures = (
        AttendanceFigure(
            enrolment=e,
            attended=counts.get(e.pk, {}).get("attended", 0),
            recorded=counts.get(e.pk, {}).get("recorded", 0),
            total=totals.get(e.cohort_id, 0),
            threshold=e.cohort.programme.attendance_threshold,
        )
        for e in enrolments
    )
    return [f for f in figures if f.state in ("at risk", "cannot reach")]


def cohorts_taught(user: Any, organisation: Organisation) -> QuerySet[Cohort]:
    """The cohorts a trainer facilitates, with the cohort list's annotations."""
    return cohorts_for(organisation).filter(facilitators=user)


def sessions_taught_between(
    user: Any, organisation: Organisation, first: date, last: date
) -> list[TrainingSession]:
    """The trainer's sessions from `first` to `last`, in time order (two queries)."""
    return list(
        TrainingSession.objects.filter(
            organisation=organisation, cohort__facilitators=user, date__range=(first, last)
        )
        .select_related("cohort", "cohort__programme")
        .prefetch_related("modules")
        .order_by("date", "starts_at", "cohort__title", "number")
    )


@dataclass(frozen=True)
class RegisterDue:
    session: TrainingSession
    missing: int
    trainees: int


def registers_due(user: Any, organisation: Organisation, today: date) -> list[RegisterDue]:
    """Past sessions of the trainer's cohorts whose register leaves someone still training
    unrecorded, as the register page shows them (two queries)."""
    trainees = dict(
        Enrolment.objects.filter(
            organisation=organisation, status=EnrolmentStatus.ACTIVE, cohort__facilitators=user
        )
        .values("cohort")
        .annotate(n=Count("pk", distinct=True))
        .values_list("cohort", "n")
    )
    sessions = (
        TrainingSession.objects.filter(
            organisation=organisation, cohort__facilitators=user, date__lt=today
        )
        .annotate(
            recorded=Count(
                "attendance",
                filter=Q(attendance__enrolment__status=EnrolmentStatus.ACTIVE),
                distinct=True,
            )
        )
        .select_related("cohort")
        .order_by("date", "cohort__title", "number")
    )
    return [
        RegisterDue(s, trainees[s.cohort_id] - s.recorded, trainees[s.cohort_id])
        for s in sessions
        if trainees.get(s.cohort_id, 0) > s.recorded
    ]


@dataclass(frozen=True)
class PlacementSummary:
    placement: Placement
    logged: int
    confirmed: int


@dataclass(frozen=True)
class Course:
    """One of a trainee's enrolments, as "My training" and their home page show it."""

    enrolment: Enrolment
    figure: AttendanceFigure
    sessions: list[TrainingSession]
    next_session: TrainingSession | None
    placements: list[PlacementSummary]
    due: list[Any]  # assessment.AssessmentStatus, still to hand in
    award: Award | None

    @property
    def programme(self) -> Programme:
        return self.enrolment.cohort.programme

    @property
    def is_current(self) -> bool:
        return self.enrolment.status == EnrolmentStatus.ACTIVE


def trainee_courses(user: Any, organisation: Organisation, today: date) -> list[Course]:
    """The trainee's enrolments in the organisation, newest first, each with its attendance,
    timetable, next session, placements and what is still to hand in. Queries grow with the
    number of enrolments (a trainee has one or two), never with sessions or records."""
    from . import assessment

    enrolments = list(
        Enrolment.objects.filter(trainee=user, organisation=organisation)
        .select_related("cohort", "cohort__programme", "award", "trainee")
        .order_by("-enrolled_at", "-pk")
    )
    placements: dict[int, list[PlacementSummary]] = defaultdict(list)
    for placement in (
        Placement.objects.filter(enrolment__in=[e.pk for e in enrolments])
        .select_related("host_team", "supervisor")
        .annotate(
            logged=Count("days"),
            confirmed=Count("days", filter=Q(days__confirmed_at__isnull=False)),
        )
        .order_by("created_at", "pk")
    ):
        placements[placement.enrolment_id].append(
            PlacementSummary(placement, placement.logged, placement.confirmed)
        )
    courses = []
    for enrolment in enrolments:
        figure = attendance_figures(
            enrolment.cohort, enrolments=Enrolment.objects.filter(pk=enrolment.pk)
        )[0]
        sessions = cohort_sessions(enrolment.cohort)
        due = (
            [
                status
                for status in assessment.assessment_statuses(enrolment)
                if status.latest is None
                or (status.mark is not None and status.mark.outcome == MarkOutcome.RESUBMIT)
            ]
            if enrolment.status == EnrolmentStatus.ACTIVE
            else []
        )
        courses.append(
            Course(
                enrolment=enrolment,
                figure=figure,
                sessions=sessions,
                next_session=next((s for s in sessions if s.date >= today), None),
                placements=placements[enrolment.pk],
                due=due,
                award=getattr(enrolment, "award", None),
            )
        )
    return courses


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


def staff_of(organisation: Organisation) -> QuerySet[Any]:
    """The organisation's staff (not trainees, people supported or carers): who may sit on a
    selection panel or facilitate a cohort."""
    return (
        get_user_model()
        .objects.filter(memberships__organisation=organisation)
        .exclude(memberships__role__in=("trainee", "person", "carer"))
        .distinct()
        .order_by("full_name")
    )
