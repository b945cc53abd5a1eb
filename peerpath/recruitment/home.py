"""The coordinator's section of the home page: recruitment and training together.

Built from the same selectors as the pages it summarises (the intake list, the cohort list
and the dashboard's attendance figures), in a fixed number of queries.
"""

from datetime import date, timedelta
from typing import Any

from django.urls import reverse
from django.utils import timezone

from peerpath.core.actor import Actor
from peerpath.core.home import HomeSection, Link
from peerpath.core.http import OrgRequest
from peerpath.core.roles import Role
from peerpath.training import selectors as training
from peerpath.training.selectors.delivery import CohortState

from . import selectors

# Cohorts ending within this time are listed for graduation decisions, as are ended ones.
GRADUATION_NOTICE = timedelta(days=14)


def coordinator_home(actor: Actor, today: date) -> dict[str, Any]:
    """Four queries: intakes, cohorts, and the two of the attendance figures (the count and
    the first page)."""
    organisation = actor.organisation
    # Rows carry the list pages' annotations (open_count; training_count, ends_on, state).
    intakes: list[Any] = list(selectors.intake_list(actor=actor))
    cohorts: list[Any] = list(training.delivery.cohorts_for(organisation))
    return {
        "intakes_open": [i for i in intakes if i.opens_on <= today <= i.closes_on],
        "waiting": sum(i.open_count for i in intakes),
        "has_intakes": bool(intakes),
        "running": [c for c in cohorts if c.state == CohortState.RUNNING],
        "graduation_due": [
            c
            for c in cohorts
            if c.training_count
            and c.ends_on is not None
            and (c.state == CohortState.ENDED or c.ends_on <= today + GRADUATION_NOTICE)
            and c.state != CohortState.NOT_STARTED
        ],
        "has_cohorts": bool(cohorts),
        # The dashboard's first page of the list, and how many there are in all.
        "at_risk": training.delivery.attendance_at_risk_page(actor=actor),
        "today": today,
    }


def coordinator_section(request: OrgRequest) -> HomeSection:
    return HomeSection(
        role=Role.COORDINATOR,
        heading="Recruitment and training",
        template="recruitment/_home_coordinator.jinja",
        data=coordinator_home(request.actor, timezone.localdate()),
        links=[
            Link("Recruitment: intakes and applicants", reverse("recruitment:intake-list")),
            Link("Cohorts", reverse("training:cohort-list")),
            Link("Training dashboard", reverse("recruitment:dashboard")),
            Link("Workforce view", reverse("workspace:workforce")),
            Link("Work waiting to be marked", reverse("training:marking-queue")),
            Link("Competences waiting for review", reverse("training:portfolio-review-queue")),
            Link("Placements", reverse("training:placement-list")),
            Link("Programmes", reverse("training:programme-list")),
        ],
    )
