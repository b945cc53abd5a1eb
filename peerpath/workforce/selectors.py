"""Reads of team requests, posts, vacancies and employment, scoped to the actor's
organisation (and, for a team's requests, to the teams the actor supervises)."""

from datetime import date
from typing import Any

from django.contrib.auth import get_user_model
from django.db.models import Count, Exists, OuterRef, Q, QuerySet, Subquery

from peerpath.core.actor import Actor
from peerpath.core.roles import Role
from peerpath.organisations.models import Organisation, Team
from peerpath.training.models import Award

from .models import (
    EmploymentChange,
    EmploymentRecord,
    JobApplication,
    Post,
    RequestStatus,
    TeamRequest,
    Vacancy,
    VacancyStatus,
)

# The peer development team and the organisation's admins see every team's requests.
SEES_ALL_REQUESTS = (Role.COORDINATOR, Role.ORG_ADMIN)


def employments_current(organisation: Organisation, today: date) -> QuerySet[EmploymentRecord]:
    """Employment records running on `today`: started, and not yet ended."""
    return EmploymentRecord.objects.filter(organisation=organisation, starts_on__lte=today).filter(
        Q(ends_on__isnull=True) | Q(ends_on__gte=today)
    )


def employment_current(
    organisation: Organisation, worker_id: int, today: date
) -> EmploymentRecord | None:
    """The worker's current employment here (the latest to start), or None."""
    return (
        employments_current(organisation, today)
        .filter(worker_id=worker_id)
        .select_related("post", "post__team", "line_manager", "peer_supervisor")
        .order_by("-starts_on", "-pk")
        .first()
    )


# --- team requests ----------------------------------------------------------------------------


def request_teams(*, actor: Actor) -> QuerySet[Team]:
    """The teams the actor may ask a peer worker for: every team for the peer development
    team, else the teams they supervise."""
    if actor.organisation is None:
        return Team.objects.none()
    teams = Team.objects.filter(organisation=actor.organisation)
    if actor.has(Role.COORDINATOR):
        return teams.order_by("name")
    return teams.filter(pk__in=actor.supervised_team_ids).order_by("name")


def team_requests(*, actor: Actor) -> QuerySet[TeamRequest]:
    """Requests the actor may read, newest first: all for coordinators and admins; for a
    supervisor, those of the teams they supervise and their own."""
    if actor.organisation is None:
        return TeamRequest.objects.none()
    requests = TeamRequest.objects.filter(organisation=actor.organisation).select_related(
        "team", "requested_by", "post"
    )
    if not actor.has(*SEES_ALL_REQUESTS):
        requests = requests.filter(
            Q(team_id__in=actor.supervised_team_ids) | Q(requested_by_id=actor.user_id)
        )
    return requests.order_by("-created_at", "-pk")


def pending_request_count(*, actor: Actor) -> int:
    return team_requests(actor=actor).filter(status=RequestStatus.PENDING).count()


# --- posts and vacancies ----------------------------------------------------------------------


def _filled(today: date) -> Exists:
    return Exists(
        EmploymentRecord.objects.filter(post=OuterRef("pk"), starts_on__lte=today).filter(
            Q(ends_on__isnull=True) | Q(ends_on__gte=today)
        )
    )


def posts(*, actor: Actor, today: date) -> QuerySet[Post]:
    """The organisation's posts with `filled` (a current employment record) and how many
    vacancies are advertised."""
    if actor.organisation is None:
        return Post.objects.none()
    return (
        Post.objects.filter(organisation=actor.organisation)
        .select_related("team")
        .annotate(
            filled=_filled(today),
            advertised=Count("vacancies", filter=Q(vacancies__status=VacancyStatus.ADVERTISED)),
        )
        .order_by("title", "pk")
    )


def posts_filled_vacant(*, actor: Actor, today: date) -> dict[str, int]:
    """How many of the organisation's posts are filled (a current employment record, as
    `employments_current`) and how many vacant, in one query."""
    if actor.organisation is None:
        return {"filled": 0, "vacant": 0}
    current = employments_current(actor.organisation, today).values("post_id")
    counts = Post.objects.filter(organisation=actor.organisation).aggregate(
        filled=Count("pk", filter=Q(pk__in=current)), total=Count("pk")
    )
    return {"filled": counts["filled"], "vacant": counts["total"] - counts["filled"]}


def post_vacancies(post: Post) -> QuerySet[Vacancy]:
    return post.vacancies.order_by("-opens_on", "-pk")


def post_employments(post: Post) -> QuerySet[EmploymentRecord]:
    return post.employments.select_related("worker").order_by("-starts_on", "-pk")


def vacancies(*, actor: Actor) -> QuerySet[Vacancy]:
    if actor.organisation is None:
        return Vacancy.objects.none()
    return Vacancy.objects.filter(organisation=actor.organisation).select_related(
        "post", "post__team"
    )


def vacancy_detail(vacancy: Vacancy) -> dict[str, object]:
    return {
        "criteria": list(vacancy.criteria.all()),
        "questions": list(vacancy.questions.all()),
        "panel": list(vacancy.panel.order_by("full_name", "email")),
    }


def staff_for_panel(*, actor: Actor) -> QuerySet[Any]:
    """Staff who may sit on an interview panel: coordinators, supervisors, admins."""
    return (
        get_user_model()
        .objects.filter(
            memberships__organisation=actor.organisation,
            memberships__role__in=(Role.COORDINATOR, Role.SUPERVISOR, Role.ORG_ADMIN),
        )
        .distinct()
        .order_by("full_name", "email")
    )


# --- applications -----------------------------------------------------------------------------


def advertised_vacancies(organisation: Organisation, today: date) -> QuerySet[Vacancy]:
    """The organisation's vacancies advertised and open today, closing soonest first."""
    return (
        Vacancy.objects.filter(
            organisation=organisation,
            status=VacancyStatus.ADVERTISED,
            opens_on__lte=today,
            closes_on__gte=today,
        )
        .select_related("post", "post__team", "organisation")
        .order_by("closes_on", "pk")
    )


def public_vacancy(organisation_slug: str, pk: int) -> Vacancy | None:
    return (
        Vacancy.objects.select_related("post", "post__team", "organisation")
        .filter(organisation__slug=organisation_slug, pk=pk, status=VacancyStatus.ADVERTISED)
        .first()
    )


def applications(*, actor: Actor) -> QuerySet[JobApplication]:
    """Applications the actor may open: all for the peer development team and admins; for
    anyone else, those of vacancies or interviews whose panel they sit on."""
    if actor.organisation is None:
        return JobApplication.objects.none()
    found = JobApplication.objects.filter(organisation=actor.organisation).select_related(
        "vacancy", "vacancy__post", "vacancy__post__team", "award", "applicant"
    )
    if not actor.has(*SEES_ALL_REQUESTS):
        found = found.filter(
            Q(vacancy__panel__pk=actor.user_id) | Q(interviews__panel__pk=actor.user_id)
        ).distinct()
    return found


def vacancy_applications(vacancy: Vacancy) -> QuerySet[JobApplication]:
    return vacancy.applications.select_related("award").order_by("created_at", "pk")


def application_detail(application: JobApplication, *, with_scores: bool) -> dict[str, Any]:
    detail: dict[str, Any] = {
        "answers": list(application.answers.select_related("criterion")),
        "changes": list(application.stage_changes.select_related("by")),
        "interviews": list(application.interviews.prefetch_related("panel")),
        "questions": list(application.vacancy.questions.all()),
        "scores": [],
    }
    if with_scores:
        detail["scores"] = list(application.scores.select_related("question", "author"))
    return detail


def application_by_token(token: str) -> JobApplication | None:
    return (
        JobApplication.objects.select_related("vacancy", "vacancy__post", "organisation")
        .filter(access_token=token)
        .first()
    )


def own_applications(*, actor: Actor) -> QuerySet[JobApplication]:
    """The signed-in person's own applications here."""
    if actor.organisation is None or actor.user_id is None:
        return JobApplication.objects.none()
    return (
        JobApplication.objects.filter(organisation=actor.organisation, applicant_id=actor.user_id)
        .select_related("vacancy", "vacancy__post")
        .order_by("-created_at")
    )


def supervisors_of(*, actor: Actor) -> QuerySet[Any]:
    """The organisation's supervisors: who may be line manager or peer supervisor."""
    return (
        get_user_model()
        .objects.filter(
            memberships__organisation=actor.organisation, memberships__role=Role.SUPERVISOR
        )
        .distinct()
        .order_by("full_name", "email")
    )


# --- employment -------------------------------------------------------------------------------


def employment_records(*, actor: Actor) -> QuerySet[EmploymentRecord]:
    if actor.organisation is None:
        return EmploymentRecord.objects.none()
    return (
        EmploymentRecord.objects.filter(organisation=actor.organisation)
        .select_related("worker", "post", "post__team", "line_manager", "peer_supervisor")
        .order_by("-starts_on", "-pk")
    )


def employment_history(record: EmploymentRecord) -> QuerySet[EmploymentChange]:
    """The changes made to an employment record, newest first."""
    return (
        EmploymentChange.objects.filter(record=record).select_related("by").order_by("-at", "-pk")
    )


def organisation_by_slug(slug: str) -> Organisation | None:
    """For the public vacancy pages, which name the organisation in their address."""
    return Organisation.objects.filter(slug=slug).first()


# --- figures (the training dashboard; the workforce view) -------------------------------------


def employed_after_award(worker: str, awarded_on: str) -> Exists:
    """A graduate is employed when their user has an employment record starting on or after
    their award. `worker` and `awarded_on` name the outer query's fields (for OuterRef)."""
    return Exists(
        EmploymentRecord.objects.filter(
            worker_id=OuterRef(worker), starts_on__gte=OuterRef(awarded_on)
        )
    )


def days_to_employment(*, actor: Actor) -> list[dict[str, Any]]:
    """Per graduate of the actor's organisation who is employed since their award: the award
    date, the first employment's start, and the days between (one query)."""
    if actor.organisation is None:
        return []
    first_start = (
        EmploymentRecord.objects.filter(
            worker_id=OuterRef("enrolment__trainee_id"), starts_on__gte=OuterRef("awarded_on")
        )
        .order_by("starts_on")
        .values("starts_on")[:1]
    )
    rows = (
        Award.objects.filter(organisation=actor.organisation)
        .annotate(starts_on=Subquery(first_start))
        .filter(starts_on__isnull=False)
        .order_by("awarded_on", "pk")
        .values("pk", "trainee_name", "programme_title", "awarded_on", "starts_on")
    )
    return [{**row, "days": (row["starts_on"] - row["awarded_on"]).days} for row in rows]


def employments_ended(*, actor: Actor, today: date) -> dict[str, int]:
    """Retention in one query: employment records ended (by `today`), and all records."""
    if actor.organisation is None:
        return {"ended": 0, "all": 0}
    counts = EmploymentRecord.objects.filter(organisation=actor.organisation).aggregate(
        ended=Count("pk", filter=Q(ends_on__isnull=False, ends_on__lt=today)), all=Count("pk")
    )
    return {"ended": counts["ended"], "all": counts["all"]}
