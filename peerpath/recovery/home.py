"""Recovery's section of the home page (peerpath/workspace/home.py MORE_SECTIONS): for a
PSW, the changes the people they support suggested to their plans, waiting for a decision.

Built from the same selector as the suggestions listed on each person's plan pages
(`selectors.proposals_waiting`), and None when there are none.
"""

from django.urls import reverse

from peerpath.core.home import HomeSection, MoreBuilder
from peerpath.core.http import OrgRequest
from peerpath.core.roles import Role

from . import selectors
from .documents import kind_for

SHOWN = 10  # the oldest first; the rest are on each person's plans page


def suggested_changes_section(request: OrgRequest) -> HomeSection | None:
    waiting = list(selectors.proposals_waiting(actor=request.actor)[: SHOWN + 1])
    if not waiting:
        return None
    rows = [
        (
            proposal,
            kind_for(proposal.kind),
            reverse(
                "recovery:proposal-review",
                kwargs={
                    "person": proposal.person_id,
                    "kind": kind_for(proposal.kind).slug,
                    "pk": proposal.pk,
                },
            ),
        )
        for proposal in waiting[:SHOWN]
    ]
    return HomeSection(
        role=Role.PSW,
        heading="Changes suggested by people you support",
        template="recovery/_home_suggestions.jinja",
        data={"rows": rows, "more": len(waiting) > SHOWN},
        key="recovery",
    )


SECTIONS: dict[Role, MoreBuilder] = {Role.PSW: suggested_changes_section}
