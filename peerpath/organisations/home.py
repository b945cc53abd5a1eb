"""The organisation admin's section of the home page."""

from django.http import HttpRequest
from django.urls import reverse

from peerpath.core.home import HomeSection, Link
from peerpath.core.roles import Role

from .selectors import organisation_counts


def admin_section(request: HttpRequest) -> HomeSection:
    counts = organisation_counts(request.organisation)  # type: ignore[attr-defined]
    members, teams = counts["members"], counts["teams"]
    return HomeSection(
        role=Role.ORG_ADMIN,
        heading="Your organisation",
        template="home/_summary.jinja",
        data={
            "summary": (
                f"{members} {'person' if members == 1 else 'people'} with roles, "
                f"in {teams} {'team' if teams == 1 else 'teams'}."
            )
        },
        links=[
            Link("People and roles", reverse("organisations:member-list")),
            Link("Invite someone", reverse("organisations:member-invite")),
            Link("Teams", reverse("organisations:team-list")),
            Link("Audit log", reverse("core:audit-list")),
            Link("Organisation settings", reverse("organisations:settings")),
        ],
    )
