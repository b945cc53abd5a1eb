"""Learning's sections of the home page (peerpath/workspace/home.py MORE_SECTIONS).

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
from .models import INDUCTION_ITEMS
from .refreshers import refresher_status, refreshers_due

HOME_LIST = 5  # the rest are on the list page the section links to


def psw_section(request: OrgRequest) -> HomeSection | None:
    """The worker's own learning, while they are in post: the induction until it is
    complete, and their booklet (two queries)."""
    actor = request.actor
    today = timezone.localdate()
    employment: Any = (
        selectors.learners(actor=actor, today=today).filter(worker_id=actor.user_id).first()
    )
    if employment is None:
        return None
    me = employment.worker_id
    entries = selectors.booklet_entries_of(actor=actor, today=today).filter(worker_id=me)
    units = list(selectors.plan(me, selectors.plan_units_of(actor=actor, today=today)))
    flagged = [r for r in refresher_status(actor=actor, today=today, worker_id=me) if r.is_flagged]
    return HomeSection(
        role=Role.PSW,
        key="learning",
        heading="Your learning and development",
        template="learning/_home_psw.jinja",
        data={
            "employment": employment,
            "total": len(INDUCTION_ITEMS),
            "induction_done": employment.items_done >= len(INDUCTION_ITEMS),
            "entries": entries.count(),
            "units": len(units),
            "units_signed": sum(1 for u in units if u.is_signed),
            "refreshers": flagged,
            "show_names": False,
        },
        links=[
            Link(
                "Your continuing development plan", reverse("learning:plan", kwargs={"worker": me})
            ),
            Link(
                "Your reflective practice work placement booklet",
                reverse("learning:booklet", kwargs={"worker": me}),
            ),
            Link("Your refreshers", reverse("learning:worker-refreshers", kwargs={"worker": me})),
        ],
    )


def _signer_data(request: OrgRequest) -> dict[str, Any]:
    actor = request.actor
    today = timezone.localdate()
    open_inductions = selectors.inductions_open(actor=actor, today=today).exclude(
        worker_id=actor.user_id
    )
    return {
        "inductions": list(open_inductions[:HOME_LIST]),
        "inductions_count": open_inductions.count(),
        "to_review": selectors.booklet_review_queue(actor=actor, today=today).count(),
        "to_sign": selectors.plan_signoffs_waiting(actor=actor, today=today).count(),
        "total": len(INDUCTION_ITEMS),
    }


def supervisor_section(request: OrgRequest) -> HomeSection | None:
    """The learning of the people the supervisor supervises (None when they supervise
    nobody in post with something to do)."""
    data = _signer_data(request)
    today = timezone.localdate()
    data["refreshers"] = [
        r
        for r in refresher_status(actor=request.actor, today=today)
        if r.is_flagged and r.worker_id != request.actor.user_id
    ]
    data["show_names"] = True
    if not (data["inductions_count"] or data["to_review"] or data["to_sign"] or data["refreshers"]):
        return None
    return HomeSection(
        role=Role.SUPERVISOR,
        key="learning",
        heading="Learning of the people you supervise",
        template="learning/_home_signer.jinja",
        data=data,
        links=[
            Link("Peer workers' learning", reverse("learning:workers")),
            Link("New starters' induction", reverse("learning:new-starters")),
            Link("Booklet entries to review", reverse("learning:booklet-review-queue")),
        ],
    )


def coordinator_section(request: OrgRequest) -> HomeSection:
    data = _signer_data(request)
    data["refreshers_flagged"] = len(
        refreshers_due(request.actor.organisation, timezone.localdate())
    )
    return HomeSection(
        role=Role.COORDINATOR,
        key="learning",
        heading="Peer workers' learning and development",
        template="learning/_home_signer.jinja",
        data=data,
        links=[
            Link("Required refreshers", reverse("learning:refreshers")),
            Link("Peer workers' learning", reverse("learning:workers")),
            Link("New starters' induction", reverse("learning:new-starters")),
            Link("Booklet entries to review", reverse("learning:booklet-review-queue")),
        ],
    )


def admin_section(request: OrgRequest) -> HomeSection:
    """The organisation's refreshers: what is due soon or overdue (the list page's rows)."""
    flagged = refreshers_due(request.actor.organisation, timezone.localdate())
    return HomeSection(
        role=Role.ORG_ADMIN,
        key="learning",
        heading="Required refreshers",
        template="learning/_home_admin.jinja",
        data={"refreshers_flagged": len(flagged)},
        links=[
            Link("Required refreshers", reverse("learning:refreshers")),
            Link("Add a refresher", reverse("learning:refresher-create")),
        ],
    )


SECTIONS: dict[Role, MoreBuilder] = {
    Role.ORG_ADMIN: admin_section,
    Role.PSW: psw_section,
    Role.SUPERVISOR: supervisor_section,
    Role.COORDINATOR: coordinator_section,
}
