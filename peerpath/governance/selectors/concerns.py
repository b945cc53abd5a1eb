"""Reads of safeguarding concerns and disclosures, already scoped by the actor.

Who sees which concern (the queue, the detail page and the home pages use the same rule):
- a safeguarding lead: every concern in their organisation;
- a peer supervisor: the concerns sent to them, and those about people in a team they
  supervise;
- a peer support worker: the concerns they raised.
Someone holding several roles sees the union. The object rules (`rules.py`) ask the same
querysets, so a list and a page cannot disagree about one concern.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.apps import apps
from django.contrib.auth import get_user_model
from django.db.models import Case, Count, F, IntegerField, Q, QuerySet, Value, When
from django.http import HttpRequest

from peerpath.caseload.models import OPEN_STATUSES, PeerRelationship, Person
from peerpath.core.actor import Actor
from peerpath.core.audit import audit_many
from peerpath.core.models import AuditAction
from peerpath.core.roles import Role
from peerpath.organisations.models import Membership

from ..models import (
    ConcernAction,
    ConcernStatus,
    Disclosure,
    SafeguardingConcern,
)

# ---------------------------------------------------------------------------------------
# Safeguarding concerns


def _concerns_seen_with(actor: Actor, held: frozenset[Role]) -> QuerySet[SafeguardingConcern]:
    """The concerns the actor sees through the roles in `held` (see the module docstring)."""
    if actor.user is None or actor.organisation is None:
        return SafeguardingConcern.objects.none()
    concerns = SafeguardingConcern.objects.filter(organisation=actor.organisation)
    if Role.SAFEGUARDING_LEAD in held:
        return concerns
    allowed = Q(pk__in=[])
    if Role.SUPERVISOR in held:
        supervised = Membership.objects.filter(
            user=actor.user,
            organisation=actor.organisation,
            role=Role.SUPERVISOR,
            team__isnull=False,
        ).values("team_id")
        allowed |= Q(supervisor=actor.user) | Q(person__team_id__in=supervised)
    if Role.PSW in held:
        allowed |= Q(raised_by=actor.user)
    return concerns.filter(allowed)


def concerns_visible_to(*, actor: Actor) -> QuerySet[SafeguardingConcern]:
    """Every concern the actor may open, in their organisation (the module docstring)."""
    return _concerns_seen_with(actor, actor.roles)


def concerns_closable_by(*, actor: Actor) -> QuerySet[SafeguardingConcern]:
    """Concerns the actor may act on (record what was done, close with an outcome): as a
    lead or a supervisor, never through the PSW role alone."""
    return _concerns_seen_with(actor, actor.roles & {Role.SAFEGUARDING_LEAD, Role.SUPERVISOR})


CONCERN_PAGE_RELATED = ("person", "person__team", "raised_by", "lead", "supervisor", "closed_by")


def concerns_to_open(*, actor: Actor) -> QuerySet[SafeguardingConcern]:
    """`concerns_visible_to`, with what the concern's page shows of each."""
    return concerns_visible_to(actor=actor).select_related(*CONCERN_PAGE_RELATED)


def concerns_to_act_on(*, actor: Actor) -> QuerySet[SafeguardingConcern]:
    """`concerns_closable_by`, with what the concern's pages show of each."""
    return concerns_closable_by(actor=actor).select_related(*CONCERN_PAGE_RELATED)


def _queue_order(concerns: QuerySet[SafeguardingConcern]) -> QuerySet[SafeguardingConcern]:
    """Open concerns first, by when they are due (so the most overdue is at the top, then
    the one due soonest); then closed ones, the most recently raised first."""
    return concerns.annotate(
        open_rank=Case(
            When(status=ConcernStatus.OPEN, then=Value(0)),
            default=Value(1),
            output_field=IntegerField(),
        ),
        open_due=Case(When(status=ConcernStatus.OPEN, then=F("due_at")), default=None),
    ).order_by("open_rank", F("open_due").asc(nulls_last=True), "-raised_at", "-pk")


def visible_concern_ids(person: Person, *, actor: Actor) -> set[int]:
    """Which of the person's concerns the actor may open (one query)."""
    return set(concerns_visible_to(actor=actor).filter(person=person).values_list("pk", flat=True))


# The queue reads open concerns from their own partial index (`concern_open_queue`:
# organisation, due_at, -raised_at, -id where open), already in the queue's order, so the
# page reads a page of them and never sorts every concern ever raised; closed concerns are
# read, newest first, from theirs (`concern_closed_recent`), on their own page or as a
# short "recently closed" list (issue 14).
OPEN_QUEUE_ORDER = ("due_at", "-raised_at", "-pk")
CLOSED_ORDER = ("-raised_at", "-pk")
RECENTLY_CLOSED = 10  # on the queue's "All" page; the rest on its "Closed only" page


def _queue_rows(actor: Actor) -> QuerySet[SafeguardingConcern]:
    """What the queue shows of each concern; the person joined only within the actor's
    organisation (a concern's person is always of its organisation)."""
    return (
        concerns_visible_to(actor=actor)
        .filter(person__organisation=actor.organisation)
        .select_related("person", "raised_by", "lead", "supervisor")
    )


def open_concern_queue(*, actor: Actor) -> QuerySet[SafeguardingConcern]:
    """The open concerns by due time (the most overdue first; then the most recently
    raised), read in that order from the open concerns' partial index."""
    return _queue_rows(actor).filter(status=ConcernStatus.OPEN).order_by(*OPEN_QUEUE_ORDER)


def closed_concerns(*, actor: Actor) -> QuerySet[SafeguardingConcern]:
    """The closed concerns, the most recently raised first (the closed concerns' index)."""
    return _queue_rows(actor).filter(status=ConcernStatus.CLOSED).order_by(*CLOSED_ORDER)


def visible_among(
    concerns: Iterable[SafeguardingConcern], person: Person, *, actor: Actor
) -> set[int]:
    """Which of these concerns about the person the actor may open: `concerns_visible_to`'s
    rule (the module docstring) decided on the concerns in hand, without a query."""
    if actor.user is None or actor.organisation is None:
        return set()
    held = actor.roles
    if person.organisation_id != actor.organisation.pk:
        return set()
    user = actor.user.pk
    supervises = Role.SUPERVISOR in held and person.team_id in actor.supervised_team_ids
    return {
        c.pk
        for c in concerns
        if c.organisation_id == actor.organisation.pk
        and (
            Role.SAFEGUARDING_LEAD in held
            or (Role.SUPERVISOR in held and (c.supervisor_id == user or supervises))
            or (Role.PSW in held and c.raised_by_id == user)
        )
    }


def concern_queue(*, actor: Actor, status: str = "") -> QuerySet[SafeguardingConcern]:
    """The safeguarding queue: the closed concerns for `status="closed"`, else the open
    ones by due time, the most overdue first (the queue's "All" page adds the most recently
    closed below them, `closed_concerns(...)[:RECENTLY_CLOSED]`)."""
    if status == ConcernStatus.CLOSED:
        return closed_concerns(actor=actor)
    return open_concern_queue(actor=actor)


def open_concerns_for(*, actor: Actor) -> QuerySet[SafeguardingConcern]:
    """Open concerns the actor may see (for home pages), the most overdue first."""
    return (
        concerns_visible_to(actor=actor)
        .filter(status=ConcernStatus.OPEN)
        .select_related("person")
        .order_by(*OPEN_QUEUE_ORDER)
    )


def open_concern_counts(person_ids: Iterable[int]) -> dict[int, int]:
    """Open concerns per person, for lists of people (one query; absent means none)."""
    ids = list(person_ids)
    if not ids:
        return {}
    rows = (
        SafeguardingConcern.objects.filter(person_id__in=ids, status=ConcernStatus.OPEN)
        .values("person_id")
        .annotate(n=Count("pk"))
        .values_list("person_id", "n")
    )
    return {person_id: n for person_id, n in rows}


def concerns_of_person(person: Person) -> list[SafeguardingConcern]:
    """The person's concerns, open first (one query)."""
    return list(concerns_of_person_qs(person))


def concerns_of_person_qs(person: Person) -> QuerySet[SafeguardingConcern]:
    return _queue_order(
        SafeguardingConcern.objects.filter(person=person).select_related("raised_by")
    )


def concern_choices(person: Person) -> QuerySet[SafeguardingConcern]:
    return SafeguardingConcern.objects.filter(person=person).order_by("-raised_at", "-pk")


def audit_concerns_listed(request: HttpRequest, concerns: Iterable[SafeguardingConcern]) -> None:
    """One INSERT for every concern (and so every person) named on a list page."""
    audit_many(
        request,
        action=AuditAction.VIEW,
        objects=list(concerns),
        person_id_of=lambda c: c.person_id,
        reason="listed",
    )


# Who a new concern goes to.


def safeguarding_lead_for(person: Person) -> Any:
    """A safeguarding lead in the person's team, else any in the organisation, else None."""
    leads = (
        Membership.objects.filter(
            organisation_id=person.organisation_id, role=Role.SAFEGUARDING_LEAD
        )
        .select_related("user")
        .annotate(
            same_team=Case(
                When(team_id=person.team_id, then=Value(0)),
                default=Value(1),
                output_field=IntegerField(),
            )
        )
        .order_by("same_team", "pk")
    )
    membership = leads.filter(user__is_active=True).first()
    return membership.user if membership else None


def supervisor_for(raiser: Any, person: Person) -> Any:
    """A supervisor of the raiser's team (their PSW membership), else of the person's team."""
    memberships = Membership.objects.filter(
        organisation_id=person.organisation_id, role=Role.SUPERVISOR, user__is_active=True
    ).select_related("user")
    psw_team = (
        Membership.objects.filter(
            user=raiser,
            organisation_id=person.organisation_id,
            role=Role.PSW,
            team__isnull=False,
        )
        .values_list("team_id", flat=True)
        .first()
    )
    for team_id in (psw_team, person.team_id):
        if team_id is None:
            continue
        found = memberships.filter(team_id=team_id).order_by("pk").first()
        if found is not None:
            return found.user
    return None


# Escalation of overdue concerns (hazard H2).


def concerns_to_escalate(now: Any) -> list[int]:
    """Open concerns past their due time that nobody has escalated yet, longest overdue
    first (every organisation: the escalation command runs for the whole service)."""
    return list(
        SafeguardingConcern.objects.filter(
            status=ConcernStatus.OPEN, escalated_at__isnull=True, due_at__lt=now
        )
        .order_by("due_at", "pk")
        .values_list("pk", flat=True)
    )


def _active_members(organisation_id: int, role: Role) -> list[Any]:
    memberships = (
        Membership.objects.filter(organisation_id=organisation_id, role=role, user__is_active=True)
        .exclude(user__email="")
        .select_related("user")
        .order_by("user__email", "pk")
    )
    return list({m.user_id: m.user for m in memberships}.values())


@dataclass(frozen=True)
class EscalationRecipients:
    users: list[Any]
    description: str  # "2 other safeguarding leads", for the audit row and the report
    admins: bool = False  # organisation admins, who cannot open the concern themselves


def escalation_recipients(concern: SafeguardingConcern) -> EscalationRecipients:
    """Who hears about an overdue concern: every other active safeguarding lead of its
    organisation (not the one it went to); if there is none, the organisation admins (not
    that lead either); if there is still nobody, the lead it went to, as a reminder. No
    users at all if the organisation has no active lead or admin with an email address."""
    not_the_lead = [
        u
        for u in _active_members(concern.organisation_id, Role.SAFEGUARDING_LEAD)
        if u.pk != concern.lead_id
    ]
    if not_the_lead:
        n = len(not_the_lead)
        return EscalationRecipients(
            not_the_lead, f"{n} other safeguarding lead{'s' if n != 1 else ''}"
        )
    admins = [
        u
        for u in _active_members(concern.organisation_id, Role.ORG_ADMIN)
        if u.pk != concern.lead_id
    ]
    if admins:
        n = len(admins)
        return EscalationRecipients(
            admins,
            f"{n} organisation admin{'s' if n != 1 else ''} (no other safeguarding lead)",
            admins=True,
        )
    lead = concern.lead
    if lead is not None and lead.is_active and lead.email:
        return EscalationRecipients(
            [lead], "the safeguarding lead it went to (no other lead or organisation admin)"
        )
    return EscalationRecipients([], "nobody")


# A concern can be raised from any record of the person's: "app_label.model:pk". Each
# allowed kind says how to reach the person from it, so a record of someone else's is
# ignored rather than trusted.
RAISED_FROM_KINDS: dict[str, str] = {
    "caseload.person": "pk",
    "caseload.peerrelationship": "person",
    "caseload.familymember": "person",
    "contacts.contactnote": "person",
    "contacts.appointment": "person",
    "contacts.signpost": "person",
    "recovery.goal": "person",
    "recovery.document": "person",
    "recovery.documentversion": "document__person",
    "recovery.copingworksheet": "person",
    "recovery.meaningfulactivity": "person",
    "recovery.digitalintervention": "person",
    "groups.attendance": "person",
}


@dataclass(frozen=True)
class RaisedFrom:
    value: str  # "contacts.contactnote:12"
    description: str  # "Contact record: One-to-one on 03 May 2026"


def raised_from_record(person: Person, value: str | None) -> RaisedFrom | None:
    """The record named by `value`, if it is one of this person's; otherwise None."""
    if not value or ":" not in value or len(value) > 100:
        return None
    label, _, raw_pk = value.strip().partition(":")
    label = label.lower()
    # ASCII digits only: str.isdigit() also accepts "²", which int() refuses.
    if label not in RAISED_FROM_KINDS or not (raw_pk.isascii() and raw_pk.isdigit()):
        return None
    try:
        model = apps.get_model(label)
    except (LookupError, ValueError):
        return None
    path = RAISED_FROM_KINDS[label]
    obj = model._default_manager.filter(pk=int(raw_pk)).filter(**{path: person.pk}).first()
    if obj is None:
        return None
    kind = str(model._meta.verbose_name).capitalize()
    return RaisedFrom(value=f"{label}:{obj.pk}", description=f"{kind}: {obj}")


# ---------------------------------------------------------------------------------------
# Disclosures


def disclosures_of_concern(concern: SafeguardingConcern) -> list[Disclosure]:
    return list(concern.disclosures.select_related("by").order_by("-at", "-pk"))


def disclosures_of_person(person: Person) -> list[Disclosure]:
    return list(disclosures_newest_first(person))


def disclosures_newest_first(person: Person) -> QuerySet[Disclosure]:
    return (
        Disclosure.objects.filter(person=person)
        .select_related("by", "concern")
        .order_by("-at", "-pk")
    )


# ---------------------------------------------------------------------------------------
# The safeguarding lead's view of a concern


def concern_actions(concern: SafeguardingConcern) -> list[ConcernAction]:
    """The concern's timeline, oldest first, with who recorded each entry (one query)."""
    return list(concern.actions.select_related("recorded_by").order_by("happened_at", "pk"))


@dataclass(frozen=True)
class PersonFacts:
    """Who the person is and who supports them, for the concern page."""

    worker: Any  # their peer support worker now, or None
    supervisors: list[Any]  # the supervisors of the team their record sits with


def concern_person_facts(concern: SafeguardingConcern) -> PersonFacts:
    """Their current peer support worker and their team's supervisors (two queries)."""
    person = concern.person
    relationship = (
        PeerRelationship.objects.filter(person=person, status__in=OPEN_STATUSES)
        .select_related("worker")
        .order_by("-referred_on", "-pk")
        .first()
    )
    supervisors = (
        Membership.objects.filter(
            organisation_id=person.organisation_id, role=Role.SUPERVISOR, team_id=person.team_id
        )
        .select_related("user")
        .order_by("user__full_name", "pk")
    )
    return PersonFacts(
        worker=relationship.worker if relationship else None,
        supervisors=list({m.user_id: m.user for m in supervisors}.values()),
    )


def account_roles(organisation_id: int, email: str) -> tuple[Any, set[str]]:
    """The account with this address (or None) and the roles it holds in the organisation."""
    user = get_user_model().objects.filter(email__iexact=email.strip()).first()
    if user is None:
        return None, set()
    roles = set(
        Membership.objects.filter(organisation_id=organisation_id, user=user).values_list(
            "role", flat=True
        )
    )
    return user, roles
