"""Reads about running cohorts: cohort lists, sessions, registers, attendance figures,
a trainer's and a trainee's courses."""

import functools
import math
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import Any

import holidays
from django.contrib.auth import get_user_model
from django.core.paginator import Page, Paginator
from django.db.models import (
    Case,
    Count,
    F,
    IntegerField,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Value,
    When,
)
from django.db.models.functions import Coalesce
from django.utils import timezone

from peerpath.core.actor import Actor
from peerpath.organisations.models import Organisation
from peerpath.training.models import (
    ATTENDED,
    AttendanceRecord,
    Award,
    Cohort,
    DeliveryMode,
    Enrolment,
    EnrolmentStatus,
    MarkOutcome,
    Placement,
    Programme,
    TrainingSession,
)


@functools.lru_cache(maxsize=32)
def _holidays_in(year: int) -> dict[date, str]:
    # England and Wales share their bank holidays today; asking for both keeps it right
    # if they ever differ. Maintained by the `holidays` library, not typed in by hand.
    found: dict[date, str] = {}
    for part in ("ENG", "WLS"):
        found.update(holidays.country_holidays("GB", subdiv=part, years=year))
    return found


def public_holiday(day: date) -> str:
    """The name of the public holiday in England and Wales on `day`, or ""."""
    return _holidays_in(day.year).get(day, "")


def cohort_place(cohort: Cohort) -> str:
    """Where the cohort's sessions take place: its own place, or online for an online
    programme; empty when nobody has said."""
    if cohort.place:
        return cohort.place
    return "Online" if cohort.programme.delivery_mode == DeliveryMode.ONLINE else ""


@dataclass(frozen=True)
class AttendanceFigure:
    enrolment: Enrolment
    attended: int
    recorded: int
    total: int
    threshold: int | None

    @property
    def percent_so_far(self) -> int | None:
        return round(100 * self.attended / self.recorded) if self.recorded else None

    @property
    def best_possible(self) -> int:
        """The percentage reached if they attend every session not yet recorded."""
        if not self.total:
            return 100
        return math.floor(100 * (self.attended + self.total - self.recorded) / self.total)

    @property
    def state(self) -> str:
        """'left' (no longer on the course), 'cannot reach', 'at risk' (one more absence
        would make it so), or 'on track'."""
        if self.enrolment.status == EnrolmentStatus.WITHDRAWN:
            return "left"
        if self.threshold is None or not self.total:
            return "on track"
        if self.best_possible < self.threshold:
            return "cannot reach"
        if self.recorded < self.total:
            after_one_absence = 100 * (self.attended + self.total - self.recorded - 1) / self.total
            if after_one_absence < self.threshold:
                return "at risk"
        return "on track"


def attendance_figures(
    cohort: Cohort, enrolments: QuerySet[Enrolment] | None = None
) -> list[AttendanceFigure]:
    """Live attendance for each trainee in the cohort (three queries, any cohort size)."""
    total = cohort.sessions.count()
    enrolments = (
        enrolments
        if enrolments is not None
        else cohort.enrolments.select_related("trainee", "award").prefetch_related("placements")
    )
    counts = {
        row["enrolment"]: row
        for row in AttendanceRecord.objects.filter(session__cohort=cohort)
        .values("enrolment")
        .annotate(recorded=Count("pk"), attended=Count("pk", filter=Q(status__in=ATTENDED)))
    }
    return [
        AttendanceFigure(
            enrolment=e,
            attended=counts.get(e.pk, {}).get("attended", 0),
            recorded=counts.get(e.pk, {}).get("recorded", 0),
            total=total,
            threshold=cohort.programme.attendance_threshold,
        )
        for e in enrolments
    ]


def cohort_sessions(cohort: Cohort) -> list[TrainingSession]:
    return list(cohort.sessions.prefetch_related("modules").order_by("date", "number"))


def register_rows(session: TrainingSession) -> list[tuple[Enrolment, AttendanceRecord | None]]:
    records = {r.enrolment_id: r for r in session.attendance.all()}
    enrolments = (
        session.cohort.enrolments.filter(status=EnrolmentStatus.ACTIVE)
        .select_related("trainee")
        .order_by("trainee__full_name")
    )
    return [(e, records.get(e.pk)) for e in enrolments]


def trainee_enrolments(*, actor: Actor) -> QuerySet[Enrolment]:
    """Every enrolment of the actor as a trainee, in any organisation: a PSW keeps the
    portfolio of every programme they trained on."""
    return Enrolment.objects.filter(trainee=actor.user).select_related(
        "cohort", "cohort__programme", "organisation"
    )


def sessions_of(*, actor: Actor) -> QuerySet[TrainingSession]:
    """The training sessions of the actor's organisation, with their cohort and programme."""
    return TrainingSession.objects.filter(organisation=actor.organisation).select_related(
        "cohort", "cohort__programme"
    )


def cohorts_of(*, actor: Actor) -> QuerySet[Cohort]:
    """The cohorts of the actor's organisation, with their programme: to fetch one (the
    cohort list, with its figures, is `cohorts_for`)."""
    return Cohort.objects.filter(organisation=actor.organisation).select_related("programme")


def enrolments_of(*, actor: Actor) -> QuerySet[Enrolment]:
    """The enrolments of the actor's organisation, with the trainee, cohort and programme."""
    return Enrolment.objects.filter(organisation=actor.organisation).select_related(
        "trainee", "cohort", "cohort__programme"
    )


# Reads for the home pages and "My training". Each is shared with the page it summarises,
# and each runs a fixed number of queries however many trainees, sessions or records exist.


def _counted(queryset: QuerySet[Any]) -> Coalesce:
    """How many rows `queryset` has, as a subquery of the outer row (0 for none)."""
    counted = queryset.order_by().values(one=Value(1)).annotate(n=Count("pk")).values("n")[:1]
    return Coalesce(Subquery(counted, output_field=IntegerField()), 0)


def attendance_at_risk(*, actor: Actor) -> QuerySet[Enrolment]:
    """Trainees of the actor's organisation still training whose attendance is at risk of,
    or can no longer reach, their programme's threshold: decided in SQL, one query however
    many cohorts and trainees (two with a page's count). Each row carries `attended`,
    `recorded`, `total` and `threshold`; `attendance_figures_of` turns rows into figures.

    The rule is `AttendanceFigure.state`'s, in whole numbers: with `t` sessions, `r`
    recorded, `a` attended and a threshold `p` %, "cannot reach" is 100(a + t - r) < p·t
    (the floor of a percentage is below a whole-number threshold exactly when the
    percentage is), and "at risk" is r < t and 100(a + t - r - 1) < p·t."""
    records = AttendanceRecord.objects.filter(enrolment=OuterRef("pk"))
    best = F("attended") + F("total") - F("recorded")
    needed = F("threshold") * F("total")
    return (
        Enrolment.objects.filter(organisation=actor.organisation, status=EnrolmentStatus.ACTIVE)
        .select_related("trainee", "cohort", "cohort__programme")
        .annotate(
            total=_counted(TrainingSession.objects.filter(cohort=OuterRef("cohort"))),
            recorded=_counted(records),
            attended=_counted(records.filter(status__in=ATTENDED)),
            threshold=F("cohort__programme__attendance_threshold"),
        )
        .filter(threshold__isnull=False, total__gt=0)
        .alias(best_times_100=best * 100, short_times_100=(best - 1) * 100, needed=needed)
        .filter(
            Q(best_times_100__lt=F("needed"))
            | Q(recorded__lt=F("total"), short_times_100__lt=F("needed"))
        )
        .order_by("cohort__starts_on", "cohort__title", "trainee__full_name", "pk")
    )


def attendance_figures_of(rows: Iterable[Enrolment]) -> list[AttendanceFigure]:
    """The attendance figures of rows of `attendance_at_risk` (no queries)."""
    return [
        AttendanceFigure(
            enrolment=e,
            attended=e.attended,  # type: ignore[attr-defined]
            recorded=e.recorded,  # type: ignore[attr-defined]
            total=e.total,  # type: ignore[attr-defined]
            threshold=e.threshold,  # type: ignore[attr-defined]
        )
        for e in rows
    ]


# Trainees at risk are shown a page at a time: a region has thousands training at once.
AT_RISK_PER_PAGE = 25


@dataclass(frozen=True)
class AtRiskPage:
    """One page of `attendance_at_risk`, as the dashboard and the coordinator's home show it."""

    page: Page[Enrolment]
    figures: list[AttendanceFigure]

    @property
    def count(self) -> int:
        return self.page.paginator.count


def attendance_at_risk_page(*, actor: Actor, number: Any = 1) -> AtRiskPage:
    """Page `number` (as typed; a wrong one gives the nearest page) of the trainees at risk
    on attendance: two queries, the count and the page (one when nobody is at risk)."""
    page = Paginator(attendance_at_risk(actor=actor), AT_RISK_PER_PAGE).get_page(number)
    return AtRiskPage(page, attendance_figures_of(page.object_list))


def cohorts_taught(*, actor: Actor) -> QuerySet[Cohort]:
    """The cohorts the actor facilitates, with the cohort list's annotations."""
    return cohorts_for(actor.organisation).filter(facilitators=actor.user)


def sessions_taught_between(*, actor: Actor, first: date, last: date) -> list[TrainingSession]:
    """The actor's sessions as trainer from `first` to `last`, in time order (two queries)."""
    user, organisation = actor.user, actor.organisation
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


def registers_due(*, actor: Actor, today: date) -> list[RegisterDue]:
    """Past sessions of the actor's cohorts (as trainer) whose register leaves someone still
    training unrecorded, as the register page shows them (two queries)."""
    user, organisation = actor.user, actor.organisation
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


def trainee_courses(*, actor: Actor, today: date) -> list[Course]:
    """The actor's enrolments as a trainee in their organisation, newest first, each with its
    attendance, timetable, next session, placements and what is still to hand in. Queries
    grow with the number of enrolments (a trainee has one or two), never with sessions or
    records."""
    user, organisation = actor.user, actor.organisation
    from peerpath.training.selectors import assessment

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


class CohortState:
    NOT_STARTED = "not started"
    RUNNING = "running"
    ENDED = "ended"


def cohorts_for(
    organisation: Organisation | None, programme: Programme | None = None
) -> QuerySet[Cohort]:
    """Cohorts, newest first (on the same start date, the last made first), each with how
    many are enrolled and still training, its last session's date (`ends_on`) and its
    state today (one query)."""
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
        .order_by("-starts_on", "-pk")
    )


def staff_of(*, actor: Actor) -> QuerySet[Any]:
    """The staff of the actor's organisation (not trainees, people supported or carers): who
    may sit on a selection panel or facilitate a cohort."""
    return (
        get_user_model()
        .objects.filter(memberships__organisation=actor.organisation)
        .exclude(memberships__role__in=("trainee", "person", "carer"))
        .distinct()
        .order_by("full_name")
    )
