"""Reads of peer groups, already scoped to the caller.

Who sees a group: a peer support worker sees the groups they facilitate (not every group
of their team: its members are not all on their caseload); a peer supervisor sees the
groups of the teams they supervise. Anyone else,
or another organisation, gets a 404 (and an audit row), the same answer as no such group.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.db.models import Count, OuterRef, Q, QuerySet, Subquery
from django.http import Http404
from django.utils import timezone

from peerpath.caseload.models import Person
from peerpath.caseload.scoping import people_visible
from peerpath.core.actor import Actor
from peerpath.core.audit import audit
from peerpath.core.http import PeerPathRequest
from peerpath.core.models import AuditAction, AuditOutcome
from peerpath.core.roles import Role
from peerpath.organisations.models import Membership, Team

from .models import Attendance, GroupSession, PeerGroup, Presence


def actor_teams(actor: Actor) -> list[Team]:
    """The teams an actor may run groups in: their own as a PSW, and those they supervise."""
    wanted = [role for role in (Role.PSW, Role.SUPERVISOR) if actor.has(role)]
    if not wanted or actor.organisation is None or actor.user is None:
        return []
    return list(
        Team.objects.filter(
            organisation=actor.organisation,
            memberships__user=actor.user,
            memberships__role__in=wanted,
        )
        .distinct()
        .order_by("name", "pk")
    )


def facilitator_options(teams: Iterable[Team]) -> list[Membership]:
    """The peer support workers of these teams (one membership row each), by name."""
    return list(
        Membership.objects.filter(role=Role.PSW, team__in=list(teams), user__is_active=True)
        .select_related("user", "team")
        .order_by("user__full_name", "user__pk")
    )


def groups_visible(actor: Actor) -> QuerySet[PeerGroup]:
    """Every group the actor may see, in their current organisation."""
    if actor.organisation is None or actor.user is None:
        return PeerGroup.objects.none()
    allowed = Q(pk__in=[])
    if actor.has(Role.PSW):
        facilitated = PeerGroup.facilitators.through.objects.filter(user=actor.user).values(
            "peergroup_id"
        )
        # Only the groups they run: a group's members are not all on their caseload.
        allowed |= Q(pk__in=facilitated)
    if actor.has(Role.SUPERVISOR):
        allowed |= Q(team_id__in=actor.supervised_team_ids)
    return PeerGroup.objects.filter(allowed, organisation=actor.organisation)


def _next_session() -> Subquery:
    return Subquery(
        GroupSession.objects.filter(group=OuterRef("pk"), starts_at__gte=timezone.now())
        .order_by("starts_at")
        .values("starts_at")[:1]
    )


def group_list(actor: Actor) -> QuerySet[PeerGroup]:
    """The actor's groups with team, facilitators, member count and next session."""
    return (
        groups_visible(actor)
        .select_related("team")
        .prefetch_related("facilitators")
        .annotate(member_count=Count("members", distinct=True), next_session=_next_session())
        .order_by("name", "pk")
    )


def group_get_or_404(request: PeerPathRequest, pk: int) -> PeerGroup:
    """One of the actor's groups, or 404 and an audit row (so it takes the request)."""
    group = groups_visible(request.actor).select_related("team").filter(pk=pk).first()
    if group is None:
        audit(
            request,
            action=AuditAction.VIEW,
            outcome=AuditOutcome.NOT_FOUND,
            object_type="groups.peergroup",
            object_id=str(pk),
            reason="not one of the caller's groups, or no such group",
        )
        raise Http404
    return group


def session_get_or_404(group: PeerGroup, pk: int) -> GroupSession:
    """A session of this group; a session of any other group is a 404."""
    session = GroupSession.objects.filter(group=group, pk=pk).first()
    if session is None:
        raise Http404
    session.group = group
    return session


def group_members(group: PeerGroup) -> list[Person]:
    return list(group.members.order_by("full_name", "pk"))


def group_member_or_404(group: PeerGroup, person_pk: int) -> Person:
    person = group.members.filter(pk=person_pk).first()
    if person is None:
        raise Http404
    return person


def group_facilitators(group: PeerGroup) -> list[Any]:
    return list(group.facilitators.order_by("full_name", "pk"))


def visible_person_ids(actor: Actor, people: Iterable[Person]) -> set[int]:
    """Which of these people the actor may open the record of (one query)."""
    pks = [p.pk for p in people]
    if not pks:
        return set()
    return set(people_visible(actor).filter(pk__in=pks).values_list("pk", flat=True))


def visible_group_ids(actor: Actor, groups: Iterable[PeerGroup]) -> set[int]:
    """Which of these groups the actor may open (one query)."""
    pks = [g.pk for g in groups]
    if not pks:
        return set()
    return set(groups_visible(actor).filter(pk__in=pks).values_list("pk", flat=True))


def people_addable(actor: Actor, group: PeerGroup) -> QuerySet[Person]:
    """People the actor may see who are not yet in the group."""
    return (
        people_visible(actor).exclude(pk__in=group.members.values("pk")).order_by("full_name", "pk")
    )


def group_sessions(group: PeerGroup) -> QuerySet[GroupSession]:
    """Sessions newest first, with how many came and how many are recorded."""
    return group.sessions.annotate(
        came=Count("attendance", filter=Q(attendance__presence=Presence.CAME)),
        recorded=Count("attendance"),
    ).order_by("-starts_at", "-pk")


@dataclass(frozen=True)
class RegisterRow:
    person: Person
    attendance: Attendance | None
    is_member: bool


def register_rows(session: GroupSession) -> list[RegisterRow]:
    """Everyone in the group, then anyone recorded who has since left (two queries)."""
    members = group_members(session.group)
    recorded = {
        a.person_id: a for a in Attendance.objects.filter(session=session).select_related("person")
    }
    rows = [RegisterRow(p, recorded.pop(p.pk, None), True) for p in members]
    former = sorted(recorded.values(), key=lambda a: (a.person.full_name, a.person_id))
    rows += [RegisterRow(a.person, a, False) for a in former]
    return rows


def person_groups(person: Person) -> list[PeerGroup]:
    """The groups the person is in, each with the last session they came to (one query)."""
    return list(person_groups_qs(person))


def person_groups_qs(person: Person) -> QuerySet[PeerGroup]:
    came = Attendance.objects.filter(
        session__group=OuterRef("pk"), person=person, presence=Presence.CAME
    ).order_by("-session__starts_at")
    return (
        PeerGroup.objects.filter(organisation_id=person.organisation_id, members=person)
        .select_related("team")
        .annotate(
            last_came_at=Subquery(came.values("session__starts_at")[:1]),
            last_came_topic=Subquery(came.values("session__topic")[:1]),
        )
        .order_by("name", "pk")
    )


def person_attendance(person: Person, *, limit: int = 20) -> list[Attendance]:
    """The person's most recent attendance records, in any group (one query)."""
    return list(
        Attendance.objects.filter(organisation_id=person.organisation_id, person=person)
        .select_related("session", "session__group")
        .order_by("-session__starts_at", "-pk")[:limit]
    )


@dataclass(frozen=True)
class MyGroup:
    """A group as its member sees it: no other member is named."""

    name: str
    purpose: str
    where: str
    next_session_at: datetime | None
    next_session_topic: str


def person_groups_for_person(person: Person) -> list[MyGroup]:
    """The groups the person belongs to, for their own page: name, purpose, where and the
    next session only (one query); never who else is in it."""
    upcoming = GroupSession.objects.filter(
        group=OuterRef("pk"), starts_at__gte=timezone.now()
    ).order_by("starts_at")
    rows = (
        PeerGroup.objects.filter(organisation_id=person.organisation_id, members=person)
        .annotate(
            next_at=Subquery(upcoming.values("starts_at")[:1]),
            next_topic=Subquery(upcoming.values("topic")[:1]),
        )
        .order_by("name", "pk")
        .values("name", "purpose", "where", "next_at", "next_topic")
    )
    return [
        MyGroup(r["name"], r["purpose"], r["where"], r["next_at"], r["next_topic"] or "")
        for r in rows
    ]
