"""Reads about organisations, teams and members, always scoped to one organisation.

What a page asks for takes the `actor=` and answers within the actor's organisation; the
helpers below those take the organisation itself (an invitation's, a command's).
"""

from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum
from typing import TYPE_CHECKING, Any

from django.contrib.auth import get_user_model
from django.db.models import Count, Exists, OuterRef, Prefetch, Q, QuerySet

from peerpath.core.actor import Actor
from peerpath.core.roles import Role

from .invitation_tokens import read_invitation_token
from .models import Invitation, Membership, Organisation, Team

if TYPE_CHECKING:
    from peerpath.accounts.models import User


def memberships_for_user(user: Any) -> list[Membership]:
    """Every role the user holds, with its organisation, oldest first (one query).

    The oldest membership's organisation is where a new session starts.
    """
    return list(Membership.objects.filter(user=user).select_related("organisation").order_by("id"))


def actor_for(user: "User", organisation: Organisation | None = None) -> Actor:
    """The actor for a command, a task or a test: the user's roles in `organisation` (else
    the organisation of their oldest membership), read in one query, as the middleware
    makes it for a request."""
    chosen = organisation.pk if organisation is not None else None
    return Actor.from_memberships(user, memberships_for_user(user), organisation_id=chosen)


@dataclass(frozen=True)
class Member:
    user: Any
    roles: list[Role]
    team: Team | None
    # They have not accepted their invitation here yet (members_queryset annotates it).
    invitation_waiting: bool = False


def members_queryset(*, actor: Actor, search: str = "") -> QuerySet[Any]:
    """Users with a role in the actor's organisation, their memberships there prefetched,
    and `invitation_waiting` (they have not accepted their invitation here yet)."""
    organisation = actor.organisation
    if organisation is None:
        return get_user_model().objects.none()
    users = get_user_model().objects.filter(memberships__organisation=organisation)
    if search:
        users = users.filter(
            Q(full_name__icontains=search)
            | Q(preferred_name__icontains=search)
            | Q(email__icontains=search)
        )
    return (
        users.distinct()
        .annotate(
            invitation_waiting=Exists(
                invitations_waiting(organisation).filter(user=OuterRef("pk")).order_by()
            )
        )
        .order_by("full_name", "email")
        .prefetch_related(
            Prefetch(
                "memberships",
                queryset=Membership.objects.for_organisation(organisation).select_related("team"),
                to_attr="org_memberships",
            )
        )
    )


def member_from_user(user: Any) -> Member:
    memberships = getattr(user, "org_memberships", [])
    team = next((m.team for m in memberships if m.team is not None), None)
    roles = sorted((Role(m.role) for m in memberships), key=list(Role).index)
    return Member(
        user=user,
        roles=roles,
        team=team,
        invitation_waiting=bool(getattr(user, "invitation_waiting", False)),
    )


def membership_state(roles: Iterable[str], team_id: int | None) -> str:
    """A person's roles and team as an edit form saw them, for its version check."""
    ordered = sorted({Role(r) for r in roles}, key=list(Role).index)
    return f"{' '.join(ordered)} / team {team_id or '-'}"


def member_state(member: Member) -> str:
    return membership_state(member.roles, member.team.pk if member.team else None)


def member_get(organisation: Organisation, user: Any) -> Member:
    memberships = list(
        Membership.objects.for_organisation(organisation).filter(user=user).select_related("team")
    )
    user.org_memberships = memberships
    return member_from_user(user)


def organisation_publishing_framework(slug: str) -> Organisation | None:
    return Organisation.objects.filter(slug=slug, publishes_framework=True).first()


def members_of(*, actor: Actor) -> QuerySet[Any]:
    """The users holding a role in the actor's organisation (one subquery); pass to
    get_in_organisation_or_404 with `belongs=is_member`."""
    if actor.organisation is None:
        return get_user_model().objects.none()
    return get_user_model().objects.filter(
        pk__in=Membership.objects.for_organisation(actor.organisation).values("user_id")
    )


def is_member(user: Any, organisation: Organisation) -> bool:
    return Membership.objects.for_organisation(organisation).filter(user=user).exists()


def teams_of(*, actor: Actor) -> QuerySet[Team]:
    """The teams of the actor's organisation."""
    if actor.organisation is None:
        return Team.objects.none()
    return Team.objects.for_organisation(actor.organisation)


def team_list(*, actor: Actor) -> QuerySet[Team]:
    return (
        teams_of(actor=actor)
        .annotate(member_count=Count("memberships__user", distinct=True))
        .order_by("name")
    )


def team_members(team: Team) -> QuerySet[Any]:
    return (
        get_user_model()
        .objects.filter(memberships__team=team)
        .distinct()
        .order_by("full_name", "email")
    )


# Invitations ---------------------------------------------------------------------------------


def invitations_waiting(organisation: Organisation) -> QuerySet[Invitation]:
    """Invitations in the organisation not accepted yet, oldest first, with who was invited
    and who invited them. The admin's list, the people list and the home page all count
    from this, so they cannot disagree."""
    return (
        Invitation.objects.for_organisation(organisation)
        .waiting()
        .select_related("user", "invited_by")
        .order_by("sent_at", "pk")
    )


def invitations_waiting_with_roles(*, actor: Actor) -> QuerySet[Invitation]:
    """`invitations_waiting` in the actor's organisation, with each person's roles there
    now (one more query)."""
    organisation = actor.organisation
    if organisation is None:
        return Invitation.objects.none()
    return invitations_waiting(organisation).prefetch_related(
        Prefetch(
            "user__memberships",
            queryset=Membership.objects.for_organisation(organisation),
            to_attr="org_memberships",
        )
    )


def invitation_waiting_for(organisation: Organisation, user: Any) -> Invitation | None:
    return invitations_waiting(organisation).filter(user=user).first()


def invitations_of(*, actor: Actor) -> QuerySet[Invitation]:
    """Every invitation of the actor's organisation, waiting or not, with who was invited."""
    if actor.organisation is None:
        return Invitation.objects.none()
    return Invitation.objects.for_organisation(actor.organisation).select_related(
        "user", "organisation"
    )


def invitations_waiting_for_email(email: str) -> list[Invitation]:
    """Every organisation's invitation waiting for this address (for a new link by email)."""
    return list(
        Invitation.objects.waiting()
        .filter(user__email__iexact=email.strip())
        .select_related("user", "organisation")
        .order_by("pk")
    )


class LinkProblem(StrEnum):
    NONE = ""
    NOT_RECOGNISED = "not_recognised"  # cut short, changed, or never made by PeerPath
    EXPIRED = "expired"
    REPLACED = "replaced"  # a newer link was sent
    USED = "used"
    WITHDRAWN = "withdrawn"  # removed from the organisation before accepting


@dataclass(frozen=True)
class InvitationLink:
    """What an invitation link leads to: the invitation, and why it cannot be used if not."""

    problem: LinkProblem
    invitation: Invitation | None = None
    # For a usable link: the person's roles in the organisation now.
    roles: tuple[Role, ...] = ()

    @property
    def usable(self) -> bool:
        return self.problem == LinkProblem.NONE

    @property
    def renewable(self) -> bool:
        """Genuine and still waiting, only old or replaced: a new link may be sent for it."""
        return self.problem in (LinkProblem.EXPIRED, LinkProblem.REPLACED)


def invitation_from_link(token: str, *, for_update: bool = False) -> InvitationLink:
    """Read an invitation link (two queries when usable). `for_update` locks the row, for
    accepting it inside a transaction."""
    content = read_invitation_token(token)
    if content is None:
        return InvitationLink(LinkProblem.NOT_RECOGNISED)
    invitations = Invitation.objects.select_related("user", "organisation", "invited_by")
    if for_update:
        invitations = invitations.select_for_update(of=("self",))
    invitation = invitations.filter(pk=content.invitation_id).first()
    if invitation is None:
        return InvitationLink(LinkProblem.NOT_RECOGNISED)
    if invitation.accepted_at is not None:
        return InvitationLink(LinkProblem.USED, invitation)
    if invitation.withdrawn_at is not None:
        return InvitationLink(LinkProblem.WITHDRAWN, invitation)
    if content.link_version != invitation.link_version:
        return InvitationLink(LinkProblem.REPLACED, invitation)
    if content.expired or invitation.has_expired:
        return InvitationLink(LinkProblem.EXPIRED, invitation)
    roles = (
        Membership.objects.for_organisation(invitation.organisation)
        .filter(user=invitation.user)
        .values_list("role", flat=True)
    )
    return InvitationLink(
        LinkProblem.NONE,
        invitation,
        tuple(sorted((Role(r) for r in roles), key=list(Role).index)),
    )
