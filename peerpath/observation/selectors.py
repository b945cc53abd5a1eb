"""Reads of direct observations and the competence record, scoped to the actor."""

from dataclasses import dataclass, field
from datetime import date

from django.db.models import Count, Q, QuerySet

from peerpath.accounts.models import User
from peerpath.caseload.models import OPEN_STATUSES, PeerRelationship, Person
from peerpath.caseload.scoping import people_visible
from peerpath.core.actor import Actor
from peerpath.core.roles import Role
from peerpath.framework.models import Section, Statement, Unit
from peerpath.organisations.models import Organisation
from peerpath.supervision.selectors import supervisee_ids_of, supervisor_ids_of
from peerpath.training.models import (
    Enrolment,
    EnrolmentStatus,
    PortfolioEntry,
    PortfolioEvidence,
    PortfolioStatus,
)

from .models import DEMONSTRATED, DevelopmentPlan, Observation, ObservationRating, PlanStatus

# --- who observes whom -------------------------------------------------------------------


def trainee_ids_of(organisation: Organisation, trainer_id: int) -> set[int]:
    """The trainees still training in the cohorts this trainer facilitates (one query).
    Once a trainee graduates, their supervisors take over: the trainer no longer sees their
    observations or record."""
    return set(
        Enrolment.objects.filter(
            organisation=organisation,
            cohort__facilitators=trainer_id,
            status=EnrolmentStatus.ACTIVE,
        ).values_list("trainee_id", flat=True)
    )


def observable_worker_ids(actor: Actor, today: date) -> set[int]:
    """Whom the actor may observe: their supervisees (an agreement in force) and, as a
    trainer, the trainees of the cohorts they facilitate."""
    if actor.organisation is None or actor.user_id is None:
        return set()
    found: set[int] = set()
    if actor.has(Role.SUPERVISOR):
        found |= supervisee_ids_of(actor.organisation, actor.user_id, today)
    if actor.has(Role.TRAINER):
        found |= trainee_ids_of(actor.organisation, actor.user_id)
    found.discard(actor.user_id)
    return found


def observable_workers(*, actor: Actor, today: date) -> QuerySet[User]:
    return User.objects.filter(pk__in=observable_worker_ids(actor, today)).order_by(
        "full_name", "pk"
    )


def record_workers(*, actor: Actor, today: date) -> QuerySet[User]:
    """The workers whose competence record the actor may open: their own; a coordinator
    (the peer development team) every peer worker and trainee of the organisation; a
    supervisor their supervisees (an agreement in force); a trainer their own trainees."""
    if actor.organisation is None or actor.user_id is None:
        return User.objects.none()
    own_and_observed = Q(pk__in={*observable_worker_ids(actor, today), actor.user_id})
    if actor.has(Role.COORDINATOR):
        members = User.objects.filter(
            memberships__organisation=actor.organisation,
            memberships__role__in=(Role.PSW, Role.TRAINEE),
        ).values("pk")
        own_and_observed |= Q(pk__in=members)
    return User.objects.filter(own_and_observed).order_by("full_name", "pk")


def may_see_record_of(actor: Actor, worker_id: int, today: date) -> bool:
    return record_workers(actor=actor, today=today).filter(pk=worker_id).exists()


def workers_with_records(*, actor: Actor, today: date) -> QuerySet[User]:
    """The record list: every worker the actor may open, apart from themselves."""
    return record_workers(actor=actor, today=today).exclude(pk=actor.user_id or 0)


# --- the person present --------------------------------------------------------------------


def caseload_of_worker(*, actor: Actor, worker_id: int) -> QuerySet[Person]:
    """The people on the worker's caseload (an open relationship they work in), for the
    observer to name the person present. The worker's supervisors are the actors who see
    them; caseload scoping (`people_visible`) narrows it to the people the actor may see
    at all, so an observer who may not see a person's record cannot name them."""
    if actor.organisation is None:
        return Person.objects.none()
    on_caseload = PeerRelationship.objects.filter(
        organisation=actor.organisation, status__in=OPEN_STATUSES
    ).filter(Q(worker_id=worker_id) | Q(shared_with=worker_id))
    return (
        people_visible(actor)
        .filter(pk__in=on_caseload.values("person_id"))
        .order_by("full_name", "pk")
    )


# --- observations --------------------------------------------------------------------------


def observations_of(*, actor: Actor) -> QuerySet[Observation]:
    """Every observation of the actor's organisation, with who and whom. Who may open one
    is the rule `observation.view_observation`."""
    return Observation.objects.filter(organisation=actor.organisation).select_related(
        "worker", "observer", "person"
    )


def observations_listed(*, actor: Actor, today: date) -> QuerySet[Observation]:
    """The observations the actor's list shows: those they made, those of them, and those
    of workers they supervise or train; a coordinator sees all of the organisation's."""
    found = observations_of(actor=actor)
    if actor.has(Role.COORDINATOR):
        return found
    worker_ids = observable_worker_ids(actor, today)
    return found.filter(
        Q(observer_id=actor.user_id) | Q(worker_id=actor.user_id) | Q(worker_id__in=worker_ids)
    )


def ratings_of(observation: Observation) -> list[ObservationRating]:
    return list(
        observation.ratings.select_related("statement", "statement__unit").order_by(
            "statement__unit__order", "statement__number"
        )
    )


def statements_rated(observation: Observation) -> QuerySet[Statement]:
    """The statements this observation rated: the choice of what a concern is about."""
    return Statement.objects.filter(pk__in=observation.ratings.values("statement_id")).order_by(
        "unit__order", "number"
    )


# --- the competence record -----------------------------------------------------------------


@dataclass
class StatementEvidence:
    statement: Statement
    portfolio: list[PortfolioEvidence] = field(default_factory=list)
    signed_off: bool = False
    ratings: list[ObservationRating] = field(default_factory=list)

    @property
    def observed(self) -> bool:
        return bool(self.ratings)

    @property
    def demonstrated(self) -> bool:
        return any(r.rating in DEMONSTRATED for r in self.ratings)


@dataclass
class UnitEvidence:
    unit: Unit
    statements: list[StatementEvidence] = field(default_factory=list)


@dataclass
class RecordSummary:
    statements_observed: int
    statements_demonstrated: int
    observations: int
    portfolio_signed_off: int


def record_summary(organisation: Organisation, worker_id: int) -> RecordSummary:
    """The record's counts across the whole framework: two queries."""
    ratings = ObservationRating.objects.filter(
        organisation=organisation,
        observation__worker_id=worker_id,
        observation__finalised_at__isnull=False,
    ).aggregate(
        observed=Count("statement", distinct=True),
        demonstrated=Count("statement", distinct=True, filter=Q(rating__in=DEMONSTRATED)),
        observations=Count("observation", distinct=True),
    )
    signed = (
        PortfolioEntry.objects.filter(
            organisation=organisation,
            enrolment__trainee_id=worker_id,
            status=PortfolioStatus.SIGNED_OFF,
        )
        .values("statement")
        .distinct()
        .count()
    )
    return RecordSummary(
        statements_observed=ratings["observed"],
        statements_demonstrated=ratings["demonstrated"],
        observations=ratings["observations"],
        portfolio_signed_off=signed,
    )


def record_sections(framework_id: int) -> list[Section]:
    return list(Section.objects.filter(framework_id=framework_id).order_by("number"))


def record_units(
    organisation: Organisation, worker_id: int, framework_id: int, section: Section | None
) -> list[UnitEvidence]:
    """The worker's competence record, one section of it (or all, for printing): units and
    statements, each with its portfolio evidence (from every enrolment of the worker in
    this organisation: the portfolio stays with them into employment) and every finalised
    observation rating. Four queries, however many observations or evidence there are."""
    where = Q(section=section) if section is not None else Q(framework_id=framework_id)
    units = list(Unit.objects.filter(where).select_related("section").order_by("order"))
    by_unit = {u.pk: UnitEvidence(unit=u) for u in units}
    by_statement: dict[int, StatementEvidence] = {}
    for statement in Statement.objects.filter(unit__in=[u.pk for u in units]).order_by(
        "unit__order", "number"
    ):
        item = StatementEvidence(statement=statement)
        by_unit[statement.unit_id].statements.append(item)
        by_statement[statement.pk] = item
    for piece in PortfolioEvidence.objects.filter(
        organisation=organisation,
        entry__enrolment__trainee_id=worker_id,
        entry__statement_id__in=list(by_statement),
    ).select_related("entry", "entry__enrolment__cohort__programme"):
        item = by_statement[piece.entry.statement_id]
        item.portfolio.append(piece)
        if piece.entry.status == PortfolioStatus.SIGNED_OFF:
            item.signed_off = True
    for rating in (
        ObservationRating.objects.filter(
            organisation=organisation,
            observation__worker_id=worker_id,
            observation__finalised_at__isnull=False,
            statement_id__in=list(by_statement),
        )
        .select_related("observation", "observation__observer")
        .order_by("-observation__observed_on", "-observation_id")
    ):
        by_statement[rating.statement_id].ratings.append(rating)
    return list(by_unit.values())


# --- for the workforce view ----------------------------------------------------------------


def statements_observed_by_worker(organisation: Organisation) -> dict[int, int]:
    """Worker id → how many distinct framework statements finalised observations have
    rated for them (any rating): one SQL query."""
    return dict(
        ObservationRating.objects.filter(
            organisation=organisation, observation__finalised_at__isnull=False
        )
        .values("observation__worker_id")
        .annotate(n=Count("statement", distinct=True))
        .values_list("observation__worker_id", "n")
    )


# --- development plans for an area of significant concern ------------------------------------


def supervises(actor: Actor, worker_id: int, today: date) -> bool:
    """The actor is a supervisor of the worker today (an agreement in force)."""
    return (
        actor.organisation is not None
        and actor.user_id is not None
        and actor.has(Role.SUPERVISOR)
        and actor.user_id in supervisor_ids_of(actor.organisation, worker_id, today)
    )


def development_plans_of(*, actor: Actor, today: date) -> QuerySet[DevelopmentPlan]:
    """The plans the actor may see, and nobody else's: the worker's own, those of the
    workers they supervise (an agreement in force), and, for a coordinator (the peer
    development lead), every plan of the organisation. A trainer, a safeguarding lead, an
    organisation admin or another worker sees none through here."""
    if actor.organisation is None or actor.user_id is None:
        return DevelopmentPlan.objects.none()
    plans = DevelopmentPlan.objects.filter(organisation=actor.organisation).select_related(
        "worker", "opened_by", "observation"
    )
    if actor.has(Role.COORDINATOR):
        return plans
    allowed = Q(worker_id=actor.user_id) if actor.has(Role.PSW, Role.TRAINEE) else Q(pk__in=[])
    if actor.has(Role.SUPERVISOR):
        allowed |= Q(worker_id__in=supervisee_ids_of(actor.organisation, actor.user_id, today))
    return plans.filter(allowed)


def due_for_review(plans: QuerySet[DevelopmentPlan], today: date) -> QuerySet[DevelopmentPlan]:
    return plans.filter(status=PlanStatus.OPEN, next_review_on__lte=today)


def plans_due(organisation: Organisation, today: date) -> QuerySet[DevelopmentPlan]:
    """For the workforce view: the organisation's open plans whose review is due today or
    overdue, with their worker (one query when listed)."""
    return due_for_review(
        DevelopmentPlan.objects.filter(organisation=organisation).select_related("worker"), today
    ).order_by("next_review_on", "pk")
