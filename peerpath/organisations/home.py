"""The organisation admin's section of the home page."""

from django.urls import reverse

from peerpath.core.home import HomeSection, Link
from peerpath.core.http import OrgRequest
from peerpath.core.roles import Role

from .selectors import invitations_waiting, members_queryset, team_list


def _waiting_sentence(waiting: int) -> str:
    if not waiting:
        return "No invitations are waiting to be accepted."
    return f"{waiting} {'invitation' if waiting == 1 else 'invitations'} not accepted yet."


def _teams_text(teams: int) -> str:
    if not teams:
        return "and no teams yet"
    return f"in {teams} {'team' if teams == 1 else 'teams'}"


def admin_section(request: OrgRequest) -> HomeSection:
    # Each number comes from the same selector as the page it summarises (People, Teams,
    # Invitations not accepted), so the home page and those pages always agree.
    members = members_queryset(actor=request.actor).count()
    teams = team_list(actor=request.actor).count()
    waiting = invitations_waiting(request.organisation).count()
    return HomeSection(
        role=Role.ORG_ADMIN,
        heading="Your organisation",
        template="home/_summary.jinja",
        data={
            "summary": (
                f"{members} {'person' if members == 1 else 'people'} with roles, "
                f"{_teams_text(teams)}. {_waiting_sentence(waiting)}"
            )
        },
        links=[
            Link("People and roles", reverse("organisations:member-list")),
            Link("Invite someone", reverse("organisations:member-invite")),
            Link(
                f"Invitations not accepted ({waiting})",
                reverse("organisations:invitation-list"),
            ),
            Link("Teams", reverse("organisations:team-list")),
            Link("Workforce view", reverse("workspace:workforce")),
            Link("Audit log", reverse("core:audit-list")),
            Link("Background jobs", reverse("jobs:job-list")),
            Link("Organisation settings", reverse("organisations:settings")),
        ],
    )
