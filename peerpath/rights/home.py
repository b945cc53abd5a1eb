"""Rights' sections of the home page (peerpath/workspace/home.py MORE_SECTIONS).

- Organisation admin and safeguarding lead: the requests for a copy of a record still
  open (the same selector as the reviewers' list), and for the admin, records due for
  retention review.
- Peer support worker and supervisor: corrections people on their caseload asked for and
  nobody has answered yet.
"""

from django.urls import reverse

from peerpath.core.home import HomeSection, Link, MoreBuilder
from peerpath.core.http import OrgRequest
from peerpath.core.roles import Role

from . import selectors
from .models import OPEN_REQUEST_STATUSES

SHOWN = 5


def reviewer_section_for(role: Role) -> MoreBuilder:
    def section(request: OrgRequest) -> HomeSection | None:
        rows = selectors.requests_for_review(request.actor).filter(status__in=OPEN_REQUEST_STATUSES)
        shown = list(rows[:SHOWN])
        links = [Link("Requests for a copy of a record", reverse("rights:review-list"))]
        if role == Role.ORG_ADMIN:
            links.append(Link("Records due for retention review", reverse("rights:retention-list")))
        elif not shown:
            return None
        return HomeSection(
            role=role,
            key="rights",
            heading="Requests for a copy of a record",
            template="rights/_home_reviewer.jinja",
            data={"rows": shown},
            links=links,
        )

    return section


def corrections_section_for(role: Role) -> MoreBuilder:
    def section(request: OrgRequest) -> HomeSection | None:
        rows = list(selectors.open_corrections_for(request.actor)[:SHOWN])
        if not rows:
            return None
        return HomeSection(
            role=role,
            key="rights",
            heading="Corrections people asked for",
            template="rights/_home_corrections.jinja",
            data={"rows": rows},
        )

    return section


SECTIONS: dict[Role, MoreBuilder] = {
    Role.ORG_ADMIN: reviewer_section_for(Role.ORG_ADMIN),
    Role.SAFEGUARDING_LEAD: reviewer_section_for(Role.SAFEGUARDING_LEAD),
    Role.PSW: corrections_section_for(Role.PSW),
    Role.SUPERVISOR: corrections_section_for(Role.SUPERVISOR),
}
