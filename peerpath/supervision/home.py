"""Supervision's sections of the home page (peerpath/workspace/home.py MORE_SECTIONS).

Each builder returns None when it has nothing for this user, and builds its numbers from
the same selectors as the page it summarises: the supervisor's from `supervisees` (the
supervisees list), the worker's from `due_rows` of their agreements (their agreement pages).
"""

from django.urls import reverse
from django.utils import timezone

from peerpath.core.home import HomeSection, Link, MoreBuilder
from peerpath.core.http import OrgRequest
from peerpath.core.roles import Role

from . import selectors

SHOWN = 5  # the most rows a home section lists; the list page has the rest


def supervisor_section(request: OrgRequest) -> HomeSection | None:
    today = timezone.localdate()
    agreements = selectors.supervisees(request.actor, today)
    rows = selectors.due_rows(agreements, today)
    if not rows:
        return None
    rows.sort(key=lambda r: r.due.next_due)
    actions = list(selectors.open_actions(request.actor, as_supervisor=True))
    return HomeSection(
        role=Role.SUPERVISOR,
        key="supervision",
        heading="Your supervisees",
        template="supervision/_home_supervisor.jinja",
        data={
            "count": len({r.agreement.worker_id for r in rows}),
            "rows": rows[:SHOWN],
            "overdue": [r for r in rows if r.due.overdue],
            "overdue_actions": [a for a in actions if a.due_on < today],
        },
        links=[
            Link("Your supervisees", reverse("supervision:supervisee-list")),
            Link("Set up a supervision agreement", reverse("supervision:worker-list")),
        ],
    )


def worker_section(request: OrgRequest) -> HomeSection | None:
    today = timezone.localdate()
    rows = selectors.due_rows(selectors.my_agreements(request.actor), today)
    if not rows:
        return None
    actions = list(selectors.open_actions(request.actor, as_supervisor=False))
    return HomeSection(
        role=Role.PSW,
        key="supervision",
        heading="Your supervision",
        template="supervision/_home_worker.jinja",
        data={
            "rows": rows,
            "actions": actions,
            "overdue_actions": [a for a in actions if a.due_on < today],
            "today": today,
        },
    )


def coordinator_section(request: OrgRequest) -> HomeSection | None:
    return HomeSection(
        role=Role.COORDINATOR,
        key="supervision",
        heading="Supervision agreements",
        template="supervision/_home_coordinator.jinja",
        links=[Link("Set up a supervision agreement", reverse("supervision:worker-list"))],
    )


SECTIONS: dict[Role, MoreBuilder] = {
    Role.SUPERVISOR: supervisor_section,
    Role.PSW: worker_section,
    Role.COORDINATOR: coordinator_section,
}
