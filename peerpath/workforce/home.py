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

from . import selectors, services
from .models import JOB_OPEN_STAGES, RequestStatus

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
            Link("Employment records", reverse("workforce:employment-list")),
        ],
        key="workforce",
    )


def admin_section(request: OrgRequest) -> HomeSection:
    return HomeSection(
        role=Role.ORG_ADMIN,
        heading="Peer worker posts",
        template="workforce/_home_admin.jinja",
        data=_posts_summary(request),
        links=[
            Link("Requests from teams for a peer worker", reverse("workforce:request-list")),
            Link("Posts and vacancies", reverse("workforce:post-list")),
            Link("Employment records", reverse("workforce:employment-list")),
        ],
        key="workforce",
    )


def supervisor_section(request: OrgRequest) -> HomeSection | None:
    """A team's own requests and the way to ask for a peer worker; and the applications on
    the interview panels the supervisor sits on, still in progress."""
    asks = selectors.request_teams(actor=request.actor).exists()
    panel = list(
        selectors.applications(actor=request.actor).filter(stage__in=JOB_OPEN_STAGES)[: SHOWN + 1]
    )
    if not asks and not panel:
        return None
    requests = list(selectors.team_requests(actor=request.actor)[: SHOWN + 1]) if asks else []
    links = []
    if asks:
        links = [
            Link("Ask for a peer worker in your team", reverse("workforce:request-create")),
            Link("Your team's requests", reverse("workforce:request-list")),
        ]
    return HomeSection(
        role=Role.SUPERVISOR,
        heading="Peer workers for your team",
        template="workforce/_home_supervisor.jinja",
        data={
            "asks": asks,
            "requests": requests[:SHOWN],
            "more": len(requests) > SHOWN,
            "panel": panel[:SHOWN],
        },
        links=links,
        key="workforce",
    )


def graduate_section(request: OrgRequest) -> HomeSection | None:
    """A graduate sees the advertised vacancies and their own applications. Jobs are not
    guaranteed: they apply like anyone else."""
    actor = request.actor
    if actor.user is None or services.graduate_award(request.organisation.pk, actor.user) is None:
        return None
    vacancies = list(
        selectors.advertised_vacancies(request.organisation, timezone.localdate())[: SHOWN + 1]
    )
    mine = list(selectors.own_applications(actor=actor)[:SHOWN])
    applied = {a.vacancy_id for a in mine}
    return HomeSection(
        role=Role.TRAINEE,
        heading="Peer worker vacancies",
        template="workforce/_home_graduate.jinja",
        data={
            "vacancies": vacancies[:SHOWN],
            "more": len(vacancies) > SHOWN,
            "mine": mine,
            "applied": applied,
            "board": reverse(
                "workforce:vacancy-board", kwargs={"organisation": request.organisation.slug}
            ),
        },
        key="workforce",
    )


def worker_section(request: OrgRequest) -> HomeSection | None:
    """The peer worker's own post, line manager and peer supervisor."""
    if request.actor.user_id is None:
        return None
    record = selectors.employment_current(
        request.organisation, request.actor.user_id, timezone.localdate()
    )
    if record is None:
        return None
    # Other vacancies they may apply for, from their account like a graduate.
    vacancies = list(
        selectors.advertised_vacancies(request.organisation, timezone.localdate()).exclude(
            post_id=record.post_id
        )[: SHOWN + 1]
    )
    mine = list(selectors.own_applications(actor=request.actor)[:SHOWN])
    return HomeSection(
        role=Role.PSW,
        heading="Your post",
        template="workforce/_home_worker.jinja",
        data={
            "record": record,
            "vacancies": vacancies[:SHOWN],
            "more": len(vacancies) > SHOWN,
            "mine": mine,
            "applied": {a.vacancy_id for a in mine},
            "board": reverse(
                "workforce:vacancy-board", kwargs={"organisation": request.organisation.slug}
            ),
        },
        key="workforce",
    )


SECTIONS: dict[Role, MoreBuilder] = {
    Role.ORG_ADMIN: admin_section,
    Role.COORDINATOR: coordinator_section,
    Role.SUPERVISOR: supervisor_section,
    Role.TRAINEE: graduate_section,
    Role.PSW: worker_section,
}
