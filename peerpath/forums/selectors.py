"""Reads of forums, scoped to the actor's organisation (and, for a peer worker or a
graduate, to the forums they are invited to)."""

from datetime import datetime

from django.db.models import Count, Q, QuerySet

from peerpath.accounts.models import User
from peerpath.core.actor import Actor
from peerpath.core.roles import Role
from peerpath.organisations.models import Membership
from peerpath.training.models import Award

from .models import Forum, ForumInvitation


def forums_for(*, actor: Actor) -> QuerySet[Forum]:
    """The forums the actor may open: every one of the organisation for the peer
    development team; only those they are invited to for anyone else. Newest first, with
    how many are invited."""
    if actor.organisation is None or actor.user is None:
        return Forum.objects.none()
    forums = Forum.objects.filter(organisation=actor.organisation)
    if not actor.has(Role.COORDINATOR):
        forums = forums.filter(invitations__invitee_id=actor.user_id)
    return forums.annotate(invited=Count("invitations", distinct=True)).order_by(
        "-starts_at", "-pk"
    )


def upcoming_for_invitee(*, actor: Actor, now: datetime) -> QuerySet[Forum]:
    """The forums the actor is invited to that have not happened yet, soonest first."""
    if actor.organisation is None or actor.user is None:
        return Forum.objects.none()
    return Forum.objects.filter(
        organisation=actor.organisation,
        invitations__invitee_id=actor.user_id,
        starts_at__gte=now,
        cancelled_at__isnull=True,
    ).order_by("starts_at", "pk")


def upcoming(*, actor: Actor, now: datetime) -> QuerySet[Forum]:
    """Every forum of the organisation still to come, soonest first (the coordinator's)."""
    return Forum.objects.filter(
        organisation=actor.organisation, starts_at__gte=now, cancelled_at__isnull=True
    ).order_by("starts_at", "pk")


def invitations_of(forum: Forum) -> list[ForumInvitation]:
    """Who is invited, by name (one query)."""
    return list(forum.invitations.select_related("invitee").order_by("invitee__full_name", "pk"))


def invitee_ids(forum: Forum) -> set[int]:
    """Who is invited already, by user id (one query)."""
    return set(forum.invitations.values_list("invitee_id", flat=True))


def my_invitation(forum: Forum, actor: Actor) -> ForumInvitation | None:
    return forum.invitations.filter(invitee_id=actor.user_id).first()


def peer_workers(*, actor: Actor) -> QuerySet[User]:
    """The organisation's peer support workers (PSW role)."""
    ids = Membership.objects.filter(organisation=actor.organisation, role=Role.PSW).values(
        "user_id"
    )
    return User.objects.filter(pk__in=ids)


def graduates_not_employed(*, actor: Actor) -> QuerySet[User]:
    """Graduates of the organisation's training (a trainee with an award) who do not hold
    the PSW role there: not yet employed as peer workers."""
    trainees = Membership.objects.filter(organisation=actor.organisation, role=Role.TRAINEE)
    awarded = Award.objects.filter(organisation=actor.organisation).values("enrolment__trainee_id")
    return (
        User.objects.filter(pk__in=trainees.values("user_id"))
        .filter(pk__in=awarded)
        .exclude(pk__in=peer_workers(actor=actor).values("pk"))
    )


def invitable(*, actor: Actor) -> QuerySet[User]:
    """Who may be invited one by one: the organisation's peer support workers and its
    graduates not yet employed, by name."""
    return User.objects.filter(
        Q(pk__in=peer_workers(actor=actor).values("pk"))
        | Q(pk__in=graduates_not_employed(actor=actor).values("pk"))
    ).order_by("full_name", "pk")


def invite_counts(*, actor: Actor, forum: Forum) -> dict[str, int]:
    """How many of each group are not invited yet (two queries), for the invite page."""
    invited = forum.invitations.values("invitee_id")
    return {
        "peer_workers": peer_workers(actor=actor).exclude(pk__in=invited).count(),
        "graduates": graduates_not_employed(actor=actor).exclude(pk__in=invited).count(),
    }


def attendance_summary(invitations: list[ForumInvitation]) -> dict[str, int]:
    counts = {"attended": 0, "apologies": 0, "not_there": 0, "": 0}
    for invitation in invitations:
        counts[invitation.attendance] += 1
    return counts
