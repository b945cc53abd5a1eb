"""Oversight's home sections.

- On call: their urgent access in force (each a link to what it opens) and the way to find
  a person (`workspace/home.py` SECTION_BUILDERS: it is the role's own section).
- Supervisor and safeguarding lead (after their own sections, MORE_SECTIONS): how many
  urgent accesses wait for their review, counted from `grants_to_review`, the selector of
  the review page, so the two cannot disagree. Someone who is both sees it once, as lead.
"""

from django.urls import reverse

from peerpath.core.home import HomeSection, Link, MoreBuilder
from peerpath.core.http import OrgRequest
from peerpath.core.roles import Role

from . import selectors
from .models import URGENT_ACCESS_LASTS

FIND = "Find a person for urgent access"


def on_call_section(request: OrgRequest) -> HomeSection:
    return HomeSection(
        role=Role.ON_CALL,
        heading="Urgent access",
        template="oversight/_home_on_call.jinja",
        data={
            "grants": list(selectors.grants_in_force(actor=request.actor)),
            "hours": int(URGENT_ACCESS_LASTS.total_seconds() // 3600),
        },
        links=[Link(FIND, reverse("oversight:urgent-find"))],
    )


def _review_section(request: OrgRequest, role: Role) -> HomeSection:
    return HomeSection(
        role=role,
        key="oversight",
        heading="Urgent access to review",
        template="oversight/_home_review.jinja",
        data={"unreviewed": selectors.unreviewed_count(actor=request.actor)},
        links=[
            Link("Review urgent access", reverse("oversight:urgent-review-list")),
            Link(FIND, reverse("oversight:urgent-find")),
        ],
    )


def supervisor_section(request: OrgRequest) -> HomeSection | None:
    if request.actor.has(Role.SAFEGUARDING_LEAD):
        return None  # the lead's section counts every grant, theirs included
    return _review_section(request, Role.SUPERVISOR)


def safeguarding_section(request: OrgRequest) -> HomeSection | None:
    return _review_section(request, Role.SAFEGUARDING_LEAD)


SECTIONS: dict[Role, MoreBuilder] = {
    Role.SUPERVISOR: supervisor_section,
    Role.SAFEGUARDING_LEAD: safeguarding_section,
}
