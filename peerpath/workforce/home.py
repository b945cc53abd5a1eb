"""Workforce's sections of the home page (peerpath/workspace/home.py MORE_SECTIONS).

Each builder returns None when it has nothing for this user, and builds its numbers from
the same selectors as the page it summarises.
"""

from typing import Any

from django.urls import reverse
from django.utils import timezone

from peerpath.core.home import HomeSection, Link, MoreBuilder
from peerpath.core.http import OrgRequest
from peerpath.core.roles import Role

from . import selectors
from .models import RequestStatus

# Requests shown on a home page; the rest are on the list.
SHOWN = 5


def _posts_summary(request: OrgRequest) -> dict[str, Any]:
    """Filled and vacant, from the post list's own annotation (one query)."""
    return selectors.posts_filled_vacant(actor=request.actor, today=timezone.localdate())


def coordinator_section(request: OrgRequest) -> HomeSection:
    pending = list(
        selectors.team_requests(actor=request.actor).filter(status=RequestStatus.PENDING)[
            : SHOWN + 1
        ]
    )
    return HomeSection(
        role=Role.COORDINATOR,
        heading="Peer worker posts",
        template="workforce/_home_coordinator.jinja",
        data={"pending": pending[:SHOWN], "more": len(pending) > SHOWN, **_posts_summary(request)},
        links=[
            Link("Requests from teams for a peer worker", reverse("workforce:request-list")),
            Link("Posts and vacancies", reverse("workforce:post-list")),
        ],
        key="workforce",
    )


def admin_section(request: OrgRequest) -> HomeSection:
    return HomeSection(
        role=Role.ORG_ADMIN,
        heading="Peer worker posts",
        template="workforce/_home_admin.jinja",
        data=_posts_summary(request),
        links=[Link("Posts and vacancies", reverse("workforce:post-list"))],
        key="workforce",
    )


def supervisor_section(request: OrgRequest) -> HomeSection | None:
    """A team's own requests, and the way to ask for a peer worker."""
    if not selectors.request_teams(actor=request.actor).exists():
        return None
    requests = list(selectors.team_requests(actor=request.actor)[: SHOWN + 1])
    return HomeSection(
        role=Role.SUPERVISOR,
        heading="A peer worker for your team",
        template="workforce/_home_supervisor.jinja",
        data={"requests": requests[:SHOWN], "more": len(requests) > SHOWN},
        links=[
            Link("Ask for a peer worker in your team", reverse("workforce:request-create")),
            Link("Your team's requests", reverse("workforce:request-list")),
        ],
        key="workforce",
    )


SECTIONS: dict[Role, MoreBuilder] = {
    Role.ORG_ADMIN: admin_section,
    Role.COORDINATOR: coordinator_section,
    Role.SUPERVISOR: supervisor_section,
}
