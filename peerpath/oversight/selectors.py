"""Reads of urgent access and of "who has seen my record".

Urgent access:
- `grants_in_force(actor=)`: the actor's own grants, not expired, not ended early: the only
  way to the pages a grant opens.
- `grants_to_review(actor=)`: the last 30 days' grants a reviewer sees, unreviewed first: a
  supervisor those of people in the teams they supervise, a safeguarding lead every one in
  the organisation; never their own. The home sections count from it too.
- `find_people(...)`: an exact match only (NHS number, or full name and date of birth),
  within the actor's organisation: no partial search and no list to browse.

"Who has seen my record": `seen_by_others(person, ...)` reads the audit log through its
partial index `audit_person_seen`.
"""

from collections.abc import Iterable
from datetime import date, datetime, timedelta

from django.contrib.auth import get_user_model
from django.db.models import F, Q, QuerySet
from django.utils import timezone

from peerpath.caseload.models import PeerRelationship, Person
from peerpath.caseload.selectors import open_relationship_of
from peerpath.core.actor import Actor
from peerpath.core.models import AuditAction, AuditEvent, AuditOutcome
from peerpath.core.roles import Role
from peerpath.organisations.models import Membership
from peerpath.recovery.models import DocumentKind, DocumentVersion
from peerpath.recovery.selectors import current_version_of

from .models import UrgentAccess

# Who may ask for urgent access (never a PSW: they are not clinical, hazard H7), in the
# order a role is chosen for the audit when someone holds several.
URGENT_ROLES: tuple[Role, ...] = (Role.ON_CALL, Role.SAFEGUARDING_LEAD, Role.SUPERVISOR)
REVIEWERS: tuple[Role, ...] = (Role.SUPERVISOR, Role.SAFEGUARDING_LEAD)
REVIEW_WINDOW = timedelta(days=30)
MOST_MATCHES = 5  # two people with the same name and birthday: both shown, never a list


def role_used(actor: Actor) -> Role | None:
    """The role a grant is asked in: on call first, then safeguarding lead, supervisor."""
    return next((role for role in URGENT_ROLES if actor.has(role)), None)


def grants_in_force(*, actor: Actor, now: datetime | None = None) -> QuerySet[UrgentAccess]:
    now = now or timezone.now()
    if actor.user is None or actor.organisation is None:
        return UrgentAccess.objects.none()
    return UrgentAccess.objects.filter(
        organisation=actor.organisation,
        granted_to=actor.user,
        ended_at__isnull=True,
        expires_at__gt=now,
    ).select_related("person", "person__team")


def grants_of(*, actor: Actor) -> QuerySet[UrgentAccess]:
    """The actor's own grants (in force or not), newest first: for ending one early and
    for the on-call home section."""
    if actor.user is None or actor.organisation is None:
        return UrgentAccess.objects.none()
    return UrgentAccess.objects.filter(
        organisation=actor.organisation, granted_to=actor.user
    ).select_related("person")


def grants_to_review(*, actor: Actor, now: datetime | None = None) -> QuerySet[UrgentAccess]:
    now = now or timezone.now()
    if actor.user is None or actor.organisation is None or not actor.has(*REVIEWERS):
        return UrgentAccess.objects.none()
    grants = UrgentAccess.objects.filter(
        organisation=actor.organisation, started_at__gte=now - REVIEW_WINDOW
    ).exclude(granted_to=actor.user)
    if not actor.has(Role.SAFEGUARDING_LEAD):
        grants = grants.filter(person__team_id__in=actor.supervised_team_ids)
    return grants.select_related("person", "person__team", "granted_to", "reviewed_by").order_by(
        F("reviewed_at").asc(nulls_first=True), "-started_at", "-pk"
    )


def unreviewed_count(*, actor: Actor) -> int:
    return grants_to_review(actor=actor).filter(reviewed_at__isnull=True).count()


def review_target(*, actor: Actor) -> QuerySet[UrgentAccess]:
    """The grants the actor may open to review (the same as the list)."""
    return grants_to_review(actor=actor)


def _name_key(name: str) -> str:
    return " ".join(name.split())


def find_people(
    *,
    actor: Actor,
    nhs_number: str = "",
    full_name: str = "",
    date_of_birth: date | None = None,
) -> list[Person]:
    """People of the actor's organisation who match exactly: the NHS number, or the full
    name (any case, spaces tidied) and the date of birth. Anything less finds nobody."""
    if actor.organisation is None:
        return []
    people = Person.objects.filter(organisation=actor.organisation).select_related("team")
    if nhs_number:
        people = people.filter(nhs_number=nhs_number)
    elif full_name and date_of_birth:
        people = people.filter(full_name__iexact=_name_key(full_name), date_of_birth=date_of_birth)
    else:
        return []
    return list(people.order_by("pk")[:MOST_MATCHES])


def person_for_grant(*, actor: Actor, pk: int) -> Person | None:
    """The person a new grant is for, in the actor's organisation."""
    if actor.organisation is None:
        return None
    return (
        Person.objects.filter(organisation=actor.organisation, pk=pk).select_related("team").first()
    )


def what_a_grant_opens(person: Person) -> tuple[PeerRelationship | None, DocumentVersion | None]:
    """The PSW and team (open peer support), and the current crisis plan."""
    return open_relationship_of(person), current_version_of(person, DocumentKind.CRISIS_PLAN)


def reviewers_of(person: Person) -> list[str]:
    """Who is told of a grant: the supervisors of the person's team and the
    organisation's safeguarding leads (their email addresses, one query)."""
    memberships = Membership.objects.filter(organisation_id=person.organisation_id).filter(
        Q(role=Role.SUPERVISOR, team_id=person.team_id) | Q(role=Role.SAFEGUARDING_LEAD)
    )
    return sorted(set(memberships.values_list("user__email", flat=True)))


# --- who has seen my record ----------------------------------------------------------------

SEEN_ACTIONS = (AuditAction.VIEW, AuditAction.EXPORT, AuditAction.CREATE, AuditAction.UPDATE)


def seen_by_others(
    person: Person, *, before: tuple[datetime, int] | None = None, limit: int = 400
) -> list[AuditEvent]:
    """`seen_by_others_query`, read (one query)."""
    return list(seen_by_others_query(person, before=before)[:limit])


def seen_by_others_query(
    person: Person, *, before: tuple[datetime, int] | None = None
) -> QuerySet[AuditEvent]:
    """Others' allowed reads, exports and changes of the person's record, newest first
    (one query, on the partial index `audit_person_seen`). Automatic jobs (no actor) and
    the person's own views are left out; `before` is the keyset cursor (at, id)."""
    events = AuditEvent.objects.filter(
        person_id=person.pk,
        by_subject=False,
        outcome=AuditOutcome.ALLOWED,
        organisation_id=person.organisation_id,
        action__in=SEEN_ACTIONS,
        actor_id__isnull=False,
    )
    if person.user_id is not None:
        events = events.exclude(actor_id=person.user_id)  # rows older than by_subject
    if before is not None:
        at, pk = before
        events = events.filter(Q(at__lt=at) | Q(at=at, id__lt=pk))
    return events.order_by("-at", "-id").only(
        "id", "at", "actor_id", "actor_role", "action", "object_type", "reason"
    )


def names_of(user_ids: Iterable[int]) -> dict[int, str]:
    """Display names of these accounts, in one query."""
    ids = set(user_ids)
    if not ids:
        return {}
    users = get_user_model().objects.filter(pk__in=ids)
    return {user.pk: user.display_name for user in users}


def grants_by_id(ids: Iterable[int], person: Person) -> dict[int, UrgentAccess]:
    """The person's grants named in their log, in one query."""
    wanted = set(ids)
    if not wanted:
        return {}
    return {g.pk: g for g in UrgentAccess.objects.filter(person=person, pk__in=wanted)}
