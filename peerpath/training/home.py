"""The trainer's and trainee's sections of the home page (the coordinator's, which also
summarises recruitment, is recruitment/home.py).

Each section lists the person's next things to do, built from the same selectors as the pages
it summarises: the trainer's from the cohort timetables, registers and the marking and review
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
from peerpath.training import selectors

# The trainer's "coming up" list: the days after today, up to a week ahead.
WEEK_AHEAD = timedelta(days=7)


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
