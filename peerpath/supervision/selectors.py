"""Reads of supervision, scoped to the actor's organisation.

Session content (what the worker brought, reflection, wellbeing, caseload review, actions)
is read only through `sessions_visible`, which answers with the sessions of agreements the
actor is the worker or the supervisor on. Coordinators see agreements (their parameters,
which they may set up) and `on_time_by_worker` (dates only), never session content.
"""

from dataclasses import dataclass
from datetime import date, timedelta

from django.db.models import Max, Q, QuerySet

from peerpath.accounts.models import User
from peerpath.caseload.models import OPEN_STATUSES, Person
from peerpath.core.actor import Actor
from peerpath.core.roles import Role
from peerpath.framework.models import Statement, Unit
from peerpath.organisations.models import Membership, Organisation

from .models import (
    SessionAddendum,
    SessionState,
    SupervisionAction,
    SupervisionAgreement,
    SupervisionSession,
)

CHOICES_LIMIT = 50  # the most people a chooser lists at once (a search narrows them)


def agreements_in_force(organisation: Organisation, today: date) -> QuerySet[SupervisionAgreement]:
    return SupervisionAgreement.objects.filter(
        organisation=organisation, starts_on__lte=today
    ).filter(Q(ends_on__isnull=True) | Q(ends_on__gte=today))


def supervisor_ids_of(organisation: Organisation, worker_id: int, today: date) -> set[int]:
    """Who supervises the worker today (any kind of agreement in force): one query."""
    return set(
        agreements_in_force(organisation, today)
        .filter(worker_id=worker_id)
        .values_list("supervisor_id", flat=True)
    )


def supervisee_ids_of(organisation: Organisation, supervisor_id: int, today: date) -> set[int]:
    """The workers this person supervises today: one query."""
    return set(
        agreements_in_force(organisation, today)
        .filter(supervisor_id=supervisor_id)
        .values_list("worker_id", flat=True)
    )


# --- agreements -------------------------------------------------------------------------------


def agreements_visible(actor: Actor) -> QuerySet[SupervisionAgreement]:
    """Agreements the actor may read: their own (as worker or supervisor); every agreement
    of the organisation for a coordinator (the parameters only: never session content)."""
    if actor.user is None or actor.organisation is None:
        return SupervisionAgreement.objects.none()
    agreements = SupervisionAgreement.objects.filter(organisation=actor.organisation)
    if not actor.has(Role.COORDINATOR):
        agreements = agreements.filter(Q(worker=actor.user) | Q(supervisor=actor.user))
    return agreements.select_related("worker", "supervisor")


def agreements_by_worker(
    actor: Actor, worker_ids: list[int]
) -> dict[int, list[SupervisionAgreement]]:
    """The agreements the actor may read of these workers (one page of a list): one query."""
    found: dict[int, list[SupervisionAgreement]] = {pk: [] for pk in worker_ids}
    for agreement in agreements_visible(actor).filter(worker_id__in=worker_ids):
        found[agreement.worker_id].append(agreement)
    return found


def my_agreements(actor: Actor) -> QuerySet[SupervisionAgreement]:
    """The actor's own agreements as the worker supervised."""
    if actor.user is None or actor.organisation is None:
        return SupervisionAgreement.objects.none()
    return SupervisionAgreement.objects.filter(
        organisation=actor.organisation, worker=actor.user
    ).select_related("supervisor")


def worker_choices(actor: Actor, text: str = "") -> QuerySet[User]:
    """Peer support workers of the actor's organisation, by name, narrowed by `text`: for
    a page that lists them a page at a time, never all at once."""
    if actor.organisation is None:
        return User.objects.none()
    psws = Membership.objects.filter(organisation=actor.organisation, role=Role.PSW)
    users = User.objects.filter(pk__in=psws.values("user_id"))
    for word in text.split()[:5]:
        users = users.filter(
            Q(full_name__icontains=word) | Q(preferred_name__icontains=word) | Q(email=word)
        )
    return users.order_by("full_name", "pk")


def worker_of(actor: Actor, worker_id: int) -> User | None:
    return worker_choices(actor).filter(pk=worker_id).first()


def supervisor_choices(actor: Actor, worker_id: int) -> QuerySet[User]:
    """Who may supervise: peer supervisors of the organisation, the worker excepted (the
    staff who hold the Peer supervisor role; line managers normally do)."""
    if actor.organisation is None:
        return User.objects.none()
    holders = Membership.objects.filter(organisation=actor.organisation, role=Role.SUPERVISOR)
    return (
        User.objects.filter(pk__in=holders.values("user_id"))
        .exclude(pk=worker_id)
        .order_by("full_name", "pk")
    )


# --- sessions ---------------------------------------------------------------------------------


def sessions_visible(actor: Actor) -> QuerySet[SupervisionSession]:
    """Sessions whose content the actor may read: those of agreements they are the worker
    or the supervisor on. Nobody else, whatever their role."""
    if actor.user is None or actor.organisation is None:
        return SupervisionSession.objects.none()
    return SupervisionSession.objects.filter(
        Q(agreement__worker=actor.user) | Q(agreement__supervisor=actor.user),
        organisation=actor.organisation,
    ).select_related("agreement", "agreement__worker", "agreement__supervisor")


def sessions_of(agreement: SupervisionAgreement) -> QuerySet[SupervisionSession]:
    return SupervisionSession.objects.filter(
        agreement=agreement, organisation_id=agreement.organisation_id
    ).order_by("-held_on", "-pk")


def actions_of(session: SupervisionSession) -> list[SupervisionAction]:
    return list(session.actions.select_related("done_by").order_by("due_on", "pk"))


def carried_forward(session: SupervisionSession) -> list[SupervisionAction]:
    """Actions from earlier sessions of the same agreement not yet done."""
    return list(
        SupervisionAction.objects.filter(
            organisation_id=session.organisation_id,
            session__agreement_id=session.agreement_id,
            done_on__isnull=True,
        )
        .filter(
            Q(session__held_on__lt=session.held_on)
            | Q(session__held_on=session.held_on, session__pk__lt=session.pk)
        )
        .select_related("session")
        .order_by("session__held_on", "due_on", "pk")
    )


def open_caseload_of(organisation: Organisation, worker_id: int) -> QuerySet[Person]:
    """The people on the worker's open caseload (peer relationships not yet ended)."""
    return (
        Person.objects.filter(
            organisation=organisation,
            relationships__organisation=organisation,
            relationships__worker_id=worker_id,
            relationships__status__in=OPEN_STATUSES,
        )
        .distinct()
        .order_by("full_name", "pk")
    )


def addenda_of(session: SupervisionSession) -> list[SessionAddendum]:
    return list(session.addenda.select_related("by").order_by("at", "pk"))


# --- on time ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Due:
    """When an agreement's next session is due, from the last held (or its start)."""

    last_held: date | None
    next_due: date
    overdue: bool


def due_of(starts_on: date, every_weeks: int, last_held: date | None, today: date) -> Due:
    next_due = (last_held or starts_on) + timedelta(weeks=every_weeks)
    return Due(last_held=last_held, next_due=next_due, overdue=next_due < today)


def _with_last_held(agreements: QuerySet[SupervisionAgreement]) -> QuerySet[SupervisionAgreement]:
    return agreements.annotate(
        last_held=Max("sessions__held_on", filter=Q(sessions__state=SessionState.HELD))
    )


@dataclass(frozen=True)
class AgreementDue:
    agreement: SupervisionAgreement
    due: Due


def due_rows(agreements: QuerySet[SupervisionAgreement], today: date) -> list[AgreementDue]:
    """Each agreement with when its next session is due: one query."""
    return [due_row(a, today) for a in _with_last_held(agreements)]


def due_row(agreement: SupervisionAgreement, today: date) -> AgreementDue:
    """One agreement of a query annotated with `last_held` (`supervisees`, `due_rows`)."""
    last_held = getattr(agreement, "last_held", None)
    return AgreementDue(
        agreement, due_of(agreement.starts_on, agreement.every_weeks, last_held, today)
    )


def supervisees(actor: Actor, today: date) -> QuerySet[SupervisionAgreement]:
    """The agreements in force the actor supervises, with `last_held`, by worker."""
    if actor.user is None or actor.organisation is None:
        return SupervisionAgreement.objects.none()
    return _with_last_held(
        agreements_in_force(actor.organisation, today)
        .filter(supervisor=actor.user)
        .select_related("worker")
    ).order_by("worker__full_name", "kind", "pk")


def open_actions(actor: Actor, *, as_supervisor: bool) -> QuerySet[SupervisionAction]:
    """Actions not yet done in the actor's supervision (as worker or as supervisor)."""
    if actor.user is None or actor.organisation is None:
        return SupervisionAction.objects.none()
    side = "session__agreement__supervisor" if as_supervisor else "session__agreement__worker"
    return (
        SupervisionAction.objects.filter(
            organisation=actor.organisation, done_on__isnull=True, **{side: actor.user}
        )
        .select_related("session", "session__agreement__worker")
        .order_by("due_on", "pk")
    )


@dataclass(frozen=True)
class WorkerOnTime:
    worker_id: int
    worker_name: str
    last_held: date | None
    next_due: date
    overdue: bool


def on_time_by_worker(organisation: Organisation, today: date) -> list[WorkerOnTime]:
    """For the workforce view: per worker with an agreement in force, the last session
    held, the next one due and whether it is overdue (the earliest due of their
    agreements). One query; dates only, never what was said."""
    rows = (
        agreements_in_force(organisation, today)
        .annotate(last_held=Max("sessions__held_on", filter=Q(sessions__state=SessionState.HELD)))
        .values("worker_id", "worker__full_name", "starts_on", "every_weeks", "last_held")
        .order_by("worker__full_name", "worker_id")
    )
    found: dict[int, WorkerOnTime] = {}
    for row in rows:
        due = due_of(row["starts_on"], row["every_weeks"], row["last_held"], today)
        before = found.get(row["worker_id"])
        last = max(
            (d for d in (due.last_held, before.last_held if before else None) if d), default=None
        )
        if before is None or due.next_due < before.next_due:
            next_due, overdue = due.next_due, due.overdue
        else:
            next_due, overdue = before.next_due, before.overdue
        found[row["worker_id"]] = WorkerOnTime(
            row["worker_id"], row["worker__full_name"], last, next_due, overdue
        )
    return list(found.values())


def actions_visible(actor: Actor) -> QuerySet[SupervisionAction]:
    """Actions of sessions the actor may read (as worker or supervisor)."""
    if actor.user is None or actor.organisation is None:
        return SupervisionAction.objects.none()
    return SupervisionAction.objects.filter(
        Q(session__agreement__worker=actor.user) | Q(session__agreement__supervisor=actor.user),
        organisation=actor.organisation,
    ).select_related("session", "session__agreement")


@dataclass(frozen=True)
class Guidance:
    """Framework unit 4.2, as imported, for the agreement pages' guidance."""

    code: str
    title: str
    aims: str
    statements: list[Statement]


def unit_4_2() -> Guidance | None:
    """ "Ability to make effective use of supervision", quoted from the imported framework
    (None when no framework has been imported yet)."""
    unit = (
        Unit.objects.filter(framework__is_current=True, code="4.2")
        .order_by("framework__name")
        .first()
    )
    if unit is None:
        return None
    return Guidance(unit.code, unit.title, unit.aims, list(unit.statements.order_by("number")))
