"""The organisation admin's section of the home page."""

from django.http import HttpRequest
from django.urls import reverse

from peerpath.core.home import HomeSection, Link
from peerpath.core.roles import Role

from .selectors import invitations_waiting, organisation_counts


def _waiting_sentence(waiting: int) -> str:
    if not waiting:
        return "No invitations are waiting to be accepted."
    return f"{waiting} {'invitation' if waiting == 1 else 'invitations'} not accepted yet."


def admin_section(request: HttpRequest) -> HomeSection:
    organisation = request.organisation  # type: ignore[attr-defined]
    counts = organisation_counts(organisation)
    members, teams = counts["members"], counts["teams"]
    # The same selector as the "Invitations not accepted" page, so the two always agree.
    waiting = invitations_waiting(organisation).count()
    return HomeSection(
        role=Role.ORG_ADMIN,
        heading="Your organisation",
        template="home/_summary.jinja",
        data={
            "summary": (
                f"{members} {'person' if members == 1 else 'people'} with roles, "
                f"in {teams} {'team' if teams == 1 else 'teams'}. {_waiting_sentence(waiting)}"
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
            Link("Audit log", reverse("core:audit-list")),
            Link("Organisation settings", reverse("organisations:settings")),
        ],
    )
