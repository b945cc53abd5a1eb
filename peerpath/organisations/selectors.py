"""Reads about organisations, teams and members, always scoped to one organisation."""

from dataclasses import dataclass
from typing import Any

from django.contrib.auth import get_user_model
from django.db.models import Count, Prefetch, Q, QuerySet

from peerpath.core.roles import Role

from .models import Membership, Organisation, Team


def memberships_for_user(user: Any) -> list[Membership]:
    """Every role the user holds, with its organisation, oldest first (one query).

    The oldest membership's organisation is where a new session starts.
    """
    return list(Membership.objects.filter(user=user).select_related("organisation").order_by("id"))


@dataclass(frozen=True)
class Member:
    user: Any
    roles: list[Role]
    team: Team | None


def members_queryset(organisation: Organisation, *, search: str = "") -> QuerySet[Any]:
    """Users with a role in the organisation, their memberships there prefetched."""
    users = get_user_model().objects.filter(memberships__organisation=organisation)
    if search:
        users = users.filter(
            Q(full_name__icontains=search)
            | Q(preferred_name__icontains=search)
            | Q(email__icontains=search)
        )
    return (
        users.distinct()
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
    return Member(user=user, roles=roles, team=team)


def member_get(organisation: Organisation, user: Any) -> Member:
    memberships = list(
        Membership.objects.for_organisation(organisation).filter(user=user).select_related("team")
    )
    user.org_memberships = memberships
    return member_from_user(user)


def organisation_publishing_framework(slug: str) -> Organisation | None:
    return Organisation.objects.filter(slug=slug, publishes_framework=True).first()


def user_lookup() -> QuerySet[Any]:
    """Users to look one up in; pass to get_in_organisation_or_404 with `is_member`."""
    return get_user_model().objects.all()


def is_member(user: Any, organisation: Organisation) -> bool:
    return Membership.objects.for_organisation(organisation).filter(user=user).exists()


def team_lookup() -> QuerySet[Team]:
    """Teams to look one up in; pass to get_in_organisation_or_404."""
    return Team.objects.all()


def team_list(organisation: Organisation) -> QuerySet[Team]:
    return (
        Team.objects.for_organisation(organisation)
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


def organisation_counts(organisation: Organisation) -> dict[str, int]:
    """Members and teams in the organisation, for the admin's home page (one query each)."""
    return {
        "members": Membership.objects.for_organisation(organisation)
        .values("user")
        .distinct()
        .count(),
        "teams": Team.objects.for_organisation(organisation).count(),
    }


def org_admin_count(organisation: Organisation) -> int:
    return Membership.objects.for_organisation(organisation).filter(role=Role.ORG_ADMIN).count()
