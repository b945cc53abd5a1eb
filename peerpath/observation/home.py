"""Observation's sections of the home page (peerpath/workspace/home.py MORE_SECTIONS).

Each builder returns None when it has nothing for this user, and builds its numbers from
the same selectors as the page it summarises (the observation list).
"""

from django.db.models import Count, Q
from django.urls import reverse
from django.utils import timezone

from peerpath.core.home import HomeSection, Link, MoreBuilder
from peerpath.core.http import OrgRequest
from peerpath.core.roles import Role

from . import selectors
from .models import PlanStatus


def _plans(request: OrgRequest) -> tuple[int, int]:
    """How many development plans the actor sees, and how many are due a review: from
    the same selector as the plan list (one query)."""
    today = timezone.localdate()
    plans = selectors.development_plans_of(actor=request.actor, today=today)
    counts = plans.aggregate(
        seen=Count("pk"),
        due=Count("pk", filter=Q(status=PlanStatus.OPEN, next_review_on__lte=today)),
    )
    return counts["seen"], counts["due"]


def _plan_links(seen: int) -> list[Link]:
    return [Link("Development plans", reverse("observation:plan-list"))] if seen else []


def worker_section(role: Role) -> MoreBuilder:
    """A PSW's (or trainee's) observations of their practice and their competence record."""

    def build(request: OrgRequest) -> HomeSection | None:
        actor = request.actor
        listed = selectors.observations_listed(actor=actor, today=timezone.localdate())
        mine = listed.filter(worker_id=actor.user_id)
        plans, due = _plans(request)
        return HomeSection(
            role=role,
            heading="Your practice observed",
            template="observation/_home_worker.jinja",
            data={
                "finalised": mine.filter(finalised_at__isnull=False).count(),
                "to_reflect": mine.filter(finalised_at__isnull=True, worker_reflection="").count(),
                "plans_due": due,
            },
            links=[
                Link("My competence record", reverse("observation:my-record")),
                Link("Observations of my practice", reverse("observation:observation-list")),
                *_plan_links(plans),
            ],
            key="observation",
        )

    return build


def observer_section(role: Role) -> MoreBuilder:
    """A supervisor's or trainer's direct observations; None when there is nobody to
    observe and nothing recorded."""

    def build(request: OrgRequest) -> HomeSection | None:
        actor = request.actor
        today = timezone.localdate()
        workers = len(selectors.observable_worker_ids(actor, today))
        drafts = (
            selectors.observations_listed(actor=actor, today=today)
            .filter(observer_id=actor.user_id, finalised_at__isnull=True)
            .count()
        )
        plans, due = _plans(request)
        if not workers and not drafts and not plans:
            return None
        return HomeSection(
            role=role,
            heading="Direct observation of practice",
            template="observation/_home_observer.jinja",
            data={"workers": workers, "drafts": drafts, "plans_due": due},
            links=[
                Link("Record a direct observation", reverse("observation:observation-start")),
                Link("Direct observations", reverse("observation:observation-list")),
                Link("Competence records", reverse("observation:record-list")),
                *_plan_links(plans),
            ],
            key="observation",
        )

    return build


def coordinator_section(request: OrgRequest) -> HomeSection | None:
    _seen, due = _plans(request)
    return HomeSection(
        role=Role.COORDINATOR,
        heading="Direct observation and competence records",
        template="observation/_home_coordinator.jinja",
        data={"plans_due": due},
        links=[
            Link("Direct observations", reverse("observation:observation-list")),
            Link("Competence records", reverse("observation:record-list")),
            Link("Development plans", reverse("observation:plan-list")),
        ],
        key="observation",
    )


SECTIONS: dict[Role, MoreBuilder] = {
    Role.PSW: worker_section(Role.PSW),
    Role.TRAINEE: worker_section(Role.TRAINEE),
    Role.SUPERVISOR: observer_section(Role.SUPERVISOR),
    Role.TRAINER: observer_section(Role.TRAINER),
    Role.COORDINATOR: coordinator_section,
}
