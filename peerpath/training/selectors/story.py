"""Reads for the recovery story essay: the lesson, the trainee's enrolment, submissions."""

import json
from functools import cache
from pathlib import Path
from typing import Any

from django.db.models import QuerySet

from peerpath.core.actor import Actor
from peerpath.training.models import (
    AssessmentKind,
    AssessmentRequirement,
    Cohort,
    Enrolment,
    EnrolmentStatus,
    Submission,
)

LESSON_FILE = Path(__file__).resolve().parents[1] / "data" / "recovery_story_lesson.json"


@cache
def lesson() -> dict[str, Any]:
    data: dict[str, Any] = json.loads(LESSON_FILE.read_text(encoding="utf-8"))
    return data


def story_enrolment(*, actor: Actor) -> Enrolment | None:
    """The actor's current enrolment (as a trainee) whose programme asks for a recovery story
    essay."""
    user, organisation = actor.user, actor.organisation
    return (
        Enrolment.objects.filter(
            trainee=user,
            organisation=organisation,
            status=EnrolmentStatus.ACTIVE,
            cohort__programme__assessments__kind=AssessmentKind.RECOVERY_STORY_ESSAY,
        )
        .select_related("cohort", "cohort__programme")
        .order_by("-enrolled_at")
        .first()
    )


def essay_assessment(enrolment: Enrolment) -> AssessmentRequirement:
    return AssessmentRequirement.objects.get(
        programme=enrolment.cohort.programme, kind=AssessmentKind.RECOVERY_STORY_ESSAY
    )


def story_submissions(enrolment: Enrolment) -> QuerySet[Submission]:
    return Submission.objects.filter(
        enrolment=enrolment, assessment__kind=AssessmentKind.RECOVERY_STORY_ESSAY
    ).order_by("-number")


def cohort_submissions(cohort: Cohort) -> QuerySet[Submission]:
    return (
        Submission.objects.filter(enrolment__cohort=cohort)
        .select_related("enrolment__trainee", "assessment")
        .order_by("assessment__order", "enrolment__trainee__full_name", "-number")
    )
