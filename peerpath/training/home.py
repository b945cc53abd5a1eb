"""The coordinator's, trainer's and trainee's sections of the home page.

Each section lists the person's next things to do, built from the same selectors as the pages
it summarises: the coordinator's from the recruitment and cohort lists and the training
dashboard; the trainer's from the cohort timetables, registers and the marking and review
queues; the trainee's from "My training" and "My assessments". Each runs a fixed number of
queries however many people, sessions or records there are (the trainee's grows only with
their own enrolments, one or two).
"""

from datetime import date, timedelta
from typing import Any

from django.urls import reverse
from django.utils import timezone

from peerpath.core.actor import Actor
from peerpath.core.home import HomeSection, Link
from peerpath.core.http import OrgRequest
from peerpath.core.roles import Role
from peerpath.recruitment import selectors as recruitment
from peerpath.training import selectors
from peerpath.training.selectors.delivery import CohortState

# Cohorts ending within this time are listed for graduation decisions, as are ended ones.
GRADUATION_NOTICE = timedelta(days=14)
# The trainer's "coming up" list: the days after today, up to a week ahead.
WEEK_AHEAD = timedelta(days=7)


def coordinator_home(actor: Actor, today: date) -> dict[str, Any]:
    """Five queries: intakes, cohorts, and the three of the attendance figures."""
    organisation = actor.organisation
    # Rows carry the list pages' annotations (open_count; training_count, ends_on, state).
    intakes: list[Any] = list(recruitment.intake_list(actor=actor))
    cohorts: list[Any] = list(selectors.delivery.cohorts_for(organisation))
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
        "at_risk": selectors.delivery.attendance_at_risk(actor=actor),
        "today": today,
    }


def coordinator_section(request: OrgRequest) -> HomeSection:
    return HomeSection(
        role=Role.COORDINATOR,
        heading="Recruitment and training",
        template="training/_home_coordinator.jinja",
        data=coordinator_home(request.actor, timezone.localdate()),
        links=[
            Link("Recruitment: intakes and applicants", reverse("recruitment:intake-list")),
            Link("Cohorts", reverse("training:cohort-list")),
            Link("Training dashboard", reverse("training:dashboard")),
            Link("Work waiting to be marked", reverse("training:marking-queue")),
            Link("Competences waiting for review", reverse("training:portfolio-review-queue")),
            Link("Placements", reverse("training:placement-list")),
            Link("Programmes", reverse("training:programme-list")),
        ],
    )


def trainer_home(actor: Actor, today: date) -> dict[str, Any]:
    """Seven queries: cohorts taught, sessions (two), registers (two), the two queues."""
    cohorts = list(selectors.delivery.cohorts_taught(actor=actor))
    sessions = selectors.delivery.sessions_taught_between(
        actor=actor, first=today, last=today + WEEK_AHEAD
    )
    return {
        "cohorts": cohorts,
        "today_sessions": [s for s in sessions if s.date == today],
        "week_sessions": [s for s in sessions if s.date > today],
        "registers_due": selectors.delivery.registers_due(actor=actor, today=today),
        "to_mark": selectors.assessment.marking_queue(actor=actor).count(),
        "to_review": selectors.portfolio.review_queue(actor=actor).count(),
        "today": today,
    }


def trainer_section(request: OrgRequest) -> HomeSection:
    return HomeSection(
        role=Role.TRAINER,
        heading="Teaching",
        template="training/_home_trainer.jinja",
        data=trainer_home(request.actor, timezone.localdate()),
        links=[
            Link("Work waiting to be marked", reverse("training:marking-queue")),
            Link("Competences waiting for review", reverse("training:portfolio-review-queue")),
            Link("Programmes and their assessments", reverse("training:programme-list")),
        ],
    )


def trainee_home(actor: Actor, today: date) -> dict[str, Any]:
    courses = selectors.delivery.trainee_courses(actor=actor, today=today)
    return {
        "current": [c for c in courses if c.is_current],
        "finished": [c for c in courses if c.award is not None],
        "enrolled": bool(courses),
        "story": selectors.story.story_enrolment(actor=actor) is not None,
        "today": today,
    }


def trainee_section(request: OrgRequest) -> HomeSection:
    data = trainee_home(request.actor, timezone.localdate())
    links = [
        Link("My training: timetable and attendance", reverse("training:my-training")),
        Link("My assessments", reverse("training:my-assessments")),
        Link("My competence portfolio", reverse("training:my-portfolio")),
    ]
    if data["story"]:
        links.insert(2, Link("Write your recovery story", reverse("training:story")))
    return HomeSection(
        role=Role.TRAINEE,
        heading="Your training",
        template="training/_home_trainee.jinja",
        data=data,
        links=links if data["enrolled"] else [],
    )
