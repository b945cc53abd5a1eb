"""Forums' sections of the home page (peerpath/workspace/home.py MORE_SECTIONS).

Each builder returns None when it has nothing for this user, and builds its numbers from
the same selectors as the page it summarises.
"""

from django.urls import reverse
from django.utils import timezone

from peerpath.core.home import HomeSection, Link, MoreBuilder
from peerpath.core.http import OrgRequest
from peerpath.core.roles import Role

from . import selectors

HOME_LIMIT = 5
HEADING = "Reflective practice and forums"


def invitee_section(role: Role) -> MoreBuilder:
    """What the peer worker (or graduate) is invited to that is still to come; nothing
    when they are invited to nothing coming up (one query)."""

    def build(request: OrgRequest) -> HomeSection | None:
        if role is Role.TRAINEE and request.actor.has(Role.PSW):
            return None
        upcoming = list(
            selectors.upcoming_for_invitee(actor=request.actor, now=timezone.now())[:HOME_LIMIT]
        )
        if not upcoming:
            return None
        return HomeSection(
            role=role,
            heading=HEADING,
            template="forums/_home.jinja",
            data={"upcoming": upcoming, "runs": False},
            links=[Link("All your sessions and forums", reverse("forums:list"))],
            key="forums",
        )

    return build


def coordinator_section(request: OrgRequest) -> HomeSection:
    """The sessions and forums coming up (one query)."""
    upcoming = list(selectors.upcoming(actor=request.actor, now=timezone.now())[:HOME_LIMIT])
    return HomeSection(
        role=Role.COORDINATOR,
        heading=HEADING,
        template="forums/_home.jinja",
        data={"upcoming": upcoming, "runs": True},
        links=[
            Link("All sessions and forums", reverse("forums:list")),
            Link("Schedule a session or forum", reverse("forums:create")),
        ],
        key="forums",
    )


SECTIONS: dict[Role, MoreBuilder] = {
    Role.COORDINATOR: coordinator_section,
    Role.PSW: invitee_section(Role.PSW),
    Role.TRAINEE: invitee_section(Role.TRAINEE),
}
