"""Wellbeing's sections of the home page (peerpath/workspace/home.py MORE_SECTIONS).

Each builder returns None when it has nothing for this user, and builds its numbers from
the same selectors as the page it summarises. The section is the worker's own: it is
shown to the worker only, and says only what the worker's own page says.
"""

from typing import Any

from django.urls import reverse

from peerpath.core.home import HomeSection, Link, MoreBuilder
from peerpath.core.http import OrgRequest
from peerpath.core.roles import Role

from . import selectors


def wellbeing_home(request: OrgRequest) -> dict[str, Any]:
    """Two queries: the plan and its current version (none when there is no plan)."""
    plan = selectors.my_plan(actor=request.actor)
    current = selectors.plan_version(plan, plan.current_version) if plan else None
    return {
        "current": current,
        "shared": selectors.shared_headings(current) if current else [],
    }


def worker_section(role: Role) -> MoreBuilder:
    def build(request: OrgRequest) -> HomeSection | None:
        # A worker who is also a trainee sees their wellbeing once, with the PSW sections.
        if role is Role.TRAINEE and request.actor.has(Role.PSW):
            return None
        return HomeSection(
            role=role,
            heading="Your wellbeing",
            template="wellbeing/_home.jinja",
            data=wellbeing_home(request),
            links=[Link("Your wellbeing plan and check-ins", reverse("wellbeing:overview"))],
            key="wellbeing",
        )

    return build


SECTIONS: dict[Role, MoreBuilder] = {
    Role.PSW: worker_section(Role.PSW),
    Role.TRAINEE: worker_section(Role.TRAINEE),
}
