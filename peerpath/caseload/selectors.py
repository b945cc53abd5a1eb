"""Reads of people supported and their peer relationships, already scoped by the caller."""

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Q, QuerySet
from django.http import Http404, HttpRequest

from peerpath.accounts.models import User
from peerpath.core.actor import Actor
from peerpath.core.audit import audit_many
from peerpath.core.models import AuditAction
from peerpath.core.roles import Role
from peerpath.organisations.models import Membership, Organisation, Team

from .models import (
    OPEN_STATUSES,
    WAITING,
    FamilyMember,
    PeerRelationship,
    Person,
    PortalAgreement,
    RelationshipEvent,
    Status,
    WorkerProfile,
)
from .scoping import CASELOAD_ROLES, people_visible

DEFAULT_CAPACITY = 8  # WorkerProfile.capacity's default, for a PSW with no profile yet


def caseload_rows(actor: Actor, *, text: str = "") -> QuerySet[Person]:
    people = people_visible(actor).select_related("team")
    for word in text.split()[:5]:
        people = people.filter(
            Q(full_name__icontains=word) | Q(preferred_name__icontains=word) | Q(nhs_number=word)
        )
    return people.order_by("full_name", "pk")


def audit_listed(request: HttpRequest, people: Iterable[Person], *, reason: str = "listed") -> None:
    """One INSERT for every person named on a page."""
    audit_many(
        request,
        action=AuditAction.VIEW,
        objects=list(people),
        person_id_of=lambda p: p.pk,
        reason=reason,
    )


def relationships_newest_first(person: Person) -> QuerySet[PeerRelationship]:
    """The person's peer support, newest referral first, without who it is shared with
    (`shared_with_of` reads that; the record page reads both in one statement)."""
    return (
        PeerRelationship.objects.filter(person=person)
        .select_related("worker", "team")
        .order_by("-referred_on", "-pk")
    )


def shared_with_of(person: Person) -> QuerySet[Any]:
    """Who each of the person's peer relationships is shared with (rows of the through
    table, each with its user)."""
    through = PeerRelationship.shared_with.through
    return (
        through.objects.filter(peerrelationship__person=person)
        .select_related("user")
        .order_by("peerrelationship_id", "user__full_name", "pk")
    )


def with_shared_with(
    relationships: list[PeerRelationship], shared: list[Any]
) -> list[PeerRelationship]:
    """The relationships, each knowing who it is shared with (`rel.shared_with.all()` runs
    no query), from the rows of `shared_with_of` read already."""
    by_relationship: dict[int, list[User]] = {}
    for row in shared:
        by_relationship.setdefault(row.peerrelationship_id, []).append(row.user)
    for relationship in relationships:
        users: Any = relationship.shared_with.all()  # not evaluated: filled as a prefetch is
        users._result_cache = by_relationship.get(relationship.pk, [])
        users._prefetch_done = True
        relationship._prefetched_objects_cache = {"shared_with": users}  # type: ignore[attr-defined]
    return relationships


def remember_family(person: Person, family: list[FamilyMember]) -> None:
    """`family_of(person)` will return these, read already (the record page's statement)."""
    setattr(person, "_family_of", family)  # noqa: B010


def relationships_of(person: Person) -> list[PeerRelationship]:
    return list(
        PeerRelationship.objects.filter(person=person)
        .select_related("worker", "team")
        .prefetch_related("shared_with")
        .order_by("-referred_on", "-pk")
    )


def family_members(person: Person) -> QuerySet[FamilyMember]:
    """The person's family members and carers, by name (only those of the person's own
    organisation): the one query for them, for lists and for choosing one."""
    return FamilyMember.objects.filter(
        person=person, organisation_id=person.organisation_id
    ).order_by("name", "pk")


def family_of(person: Person) -> list[FamilyMember]:
    """The person's family, read once per `Person` instance: the record page shows it in
    its own section and in the sharing panel (one query, not two; issue 14). Every request
    fetches its own `Person`, so a change is seen by the next request."""
    cached: list[FamilyMember] | None = getattr(person, "_family_of", None)
    if cached is None:
        cached = list(family_members(person))
        setattr(person, "_family_of", cached)  # noqa: B010
    return cached


def my_teams(actor: Actor, role: Role | None = None) -> QuerySet[Team]:
    """Teams in which the actor holds a caseload role (or the given role)."""
    if actor.user is None or actor.organisation is None:
        return Team.objects.none()
    roles = (role,) if role else CASELOAD_ROLES
    return Team.objects.filter(
        organisation=actor.organisation,
        memberships__user=actor.user,
        memberships__role__in=roles,
    ).distinct()


def organisation_teams(actor: Actor) -> QuerySet[Team]:
    """Every team of the actor's organisation."""
    return Team.objects.filter(organisation=actor.organisation)


def workers(organisation: Organisation, team: Team | None = None) -> QuerySet[User]:
    """Peer support workers of the organisation (of one team, when given)."""
    memberships = Membership.objects.filter(organisation=organisation, role=Role.PSW)
    if team is not None:
        memberships = memberships.filter(team=team)
    return User.objects.filter(pk__in=memberships.values("user_id")).order_by("full_name", "pk")


def relationship_of(person: Person, pk: int) -> PeerRelationship:
    """One of this person's relationships, or 404 (another person's id does not unlock it)."""
    relationship = (
        PeerRelationship.objects.filter(person=person, pk=pk)
        .select_related("worker", "team", "person")
        .first()
    )
    if relationship is None:
        raise Http404
    return relationship


def events_of(relationship: PeerRelationship) -> list[RelationshipEvent]:
    return list(relationship.events.select_related("by").order_by("at", "pk"))


@dataclass(frozen=True)
class Suggestion:
    worker: User
    team: Team | None
    shared: list[str]
    caseload: int
    capacity: int

    @property
    def has_capacity(self) -> bool:
        return self.caseload < self.capacity


def match_suggestions(relationship: PeerRelationship) -> list[Suggestion]:
    """PSWs ranked by the shared experience the person asks for, their team, and room on
    their caseload. Three queries whatever the number of workers."""
    wanted = {w.strip().lower() for w in relationship.experience_wanted.split(",") if w.strip()}
    memberships = list(
        Membership.objects.filter(organisation_id=relationship.organisation_id, role=Role.PSW)
        .select_related("user", "team")
        .order_by("user__full_name", "pk")
    )
    user_ids = {m.user_id for m in memberships}
    profiles = {
        p.user_id: p
        for p in WorkerProfile.objects.filter(
            organisation_id=relationship.organisation_id, user_id__in=user_ids
        )
    }
    sizes = dict(
        PeerRelationship.objects.filter(
            organisation_id=relationship.organisation_id,
            worker_id__in=user_ids,
            status__in=OPEN_STATUSES,
        )
        .values("worker_id")
        .annotate(n=Count("pk"))
        .values_list("worker_id", "n")
    )
    seen: set[int] = set()
    suggestions = []
    for membership in memberships:
        if membership.user_id in seen:
            continue
        seen.add(membership.user_id)
        profile = profiles.get(membership.user_id)
        offered = set(profile.experiences()) if profile else set()
        suggestions.append(
            Suggestion(
                worker=membership.user,
                team=membership.team,
                shared=sorted(wanted & offered),
                caseload=sizes.get(membership.user_id, 0),
                capacity=profile.capacity if profile else DEFAULT_CAPACITY,
            )
        )
    suggestions.sort(
        key=lambda s: (
            not s.has_capacity,
            -len(s.shared),
            s.team is None or s.team.pk != relationship.team_id,
            s.caseload,
        )
    )
    return suggestions


@dataclass(frozen=True)
class WorkerLoad:
    """A worker's open caseload against the capacity they agreed with their supervisor."""

    worker: User
    caseload: int
    capacity: int
    profile: WorkerProfile | None

    @property
    def has_capacity(self) -> bool:
        return self.caseload < self.capacity

    @property
    def agreed(self) -> bool:
        return self.profile is not None and self.profile.capacity_agreed_on is not None


def team_workers(actor: Actor) -> QuerySet[User]:
    """The peer support workers of the teams the actor supervises, by name."""
    if actor.organisation is None:
        return User.objects.none()
    memberships = Membership.objects.filter(
        organisation=actor.organisation, role=Role.PSW, team_id__in=actor.supervised_team_ids
    )
    return User.objects.filter(pk__in=memberships.values("user_id")).order_by("full_name", "pk")


def worker_loads(organisation_id: int, workers: Iterable[User]) -> list[WorkerLoad]:
    """Each worker's open caseload and agreed capacity ("6 of 8"): two queries, however
    many workers (their profiles, and their open relationships counted together)."""
    workers = list(workers)
    ids = [w.pk for w in workers]
    profiles = {
        p.user_id: p
        for p in WorkerProfile.objects.filter(
            organisation_id=organisation_id, user_id__in=ids
        ).select_related("capacity_agreed_by")
    }
    sizes = dict(
        PeerRelationship.objects.filter(
            organisation_id=organisation_id, worker_id__in=ids, status__in=OPEN_STATUSES
        )
        .values("worker_id")
        .annotate(n=Count("pk"))
        .values_list("worker_id", "n")
    )
    return [
        WorkerLoad(
            worker=w,
            caseload=sizes.get(w.pk, 0),
            capacity=profiles[w.pk].capacity if w.pk in profiles else DEFAULT_CAPACITY,
            profile=profiles.get(w.pk),
        )
        for w in workers
    ]


def waiting_list(actor: Actor) -> QuerySet[PeerRelationship]:
    """Referrals with nobody allocated yet, in the teams the actor supervises, oldest first:
    whether or not the person has already said yes (they wait, offered, for a worker)."""
    return (
        PeerRelationship.objects.filter(
            WAITING,
            organisation=actor.organisation,
            team_id__in=actor.supervised_team_ids,
        )
        .select_related("person", "team")
        .order_by("referred_on", "pk")
    )


def my_new_referrals(actor: Actor) -> QuerySet[PeerRelationship]:
    """Referrals allocated to the actor where the person has not yet met them."""
    if actor.user is None:
        return PeerRelationship.objects.none()
    return (
        PeerRelationship.objects.filter(
            organisation=actor.organisation,
            worker=actor.user,
            status__in=(Status.REFERRED, Status.OFFERED),
        )
        .select_related("person", "team")
        .order_by("referred_on", "pk")
    )


def team_new_referrals(actor: Actor) -> QuerySet[PeerRelationship]:
    """Referrals in the teams the actor supervises that have a worker, where the person has
    not yet met them: the supervisor's view of what each worker has still to start."""
    return (
        PeerRelationship.objects.filter(
            organisation=actor.organisation,
            team_id__in=actor.supervised_team_ids,
            worker__isnull=False,
            status__in=(Status.REFERRED, Status.OFFERED),
        )
        .select_related("person", "team", "worker")
        .order_by("referred_on", "pk")
    )


def my_worker_profile(actor: Actor) -> WorkerProfile | None:
    """The actor's own matching profile in their organisation, if they have written one."""
    if actor.user is None or actor.organisation is None:
        return None
    return WorkerProfile.objects.filter(organisation=actor.organisation, user=actor.user).first()


def family_member_of(person: Person, pk: int) -> FamilyMember:
    member = FamilyMember.objects.filter(person=person, pk=pk).first()
    if member is None:
        raise Http404
    return member


def open_relationship_of(person: Person) -> PeerRelationship | None:
    return (
        PeerRelationship.objects.filter(person=person, status__in=OPEN_STATUSES)
        .select_related("worker")
        .first()
    )


def person_of_user(user: Any, organisation: Organisation | None) -> Person | None:
    """The person supported whose own account this is, in this organisation."""
    if organisation is None or not getattr(user, "is_authenticated", False):
        return None
    return (
        Person.objects.filter(user=user, organisation=organisation).select_related("team").first()
    )


# --- signing in to PeerPath (the person's own account) ------------------------------------


def portal_agreement_current(person: Person) -> PortalAgreement | None:
    """The person's agreement to sign in to PeerPath that is in force, if any (one query)."""
    return portal_agreements_in_force(person).first()


def portal_agreements_in_force(person: Person) -> QuerySet[PortalAgreement]:
    """The person's agreements to sign in that are in force, the latest first."""
    return (
        PortalAgreement.objects.filter(
            person=person, organisation_id=person.organisation_id, ended_at__isnull=True
        )
        .select_related("recorded_by")
        .order_by("-agreed_on", "-pk")
    )


def account_roles_here(organisation_id: int, email: str) -> tuple[User | None, set[str]]:
    """The account with this address (any case), and the roles it holds in the
    organisation (empty when none, or no such account)."""
    user = User.objects.filter(email__iexact=email.strip()).first()
    if user is None:
        return None, set()
    roles = set(
        Membership.objects.filter(organisation_id=organisation_id, user=user).values_list(
            "role", flat=True
        )
    )
    return user, roles
