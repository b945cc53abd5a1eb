"""Reads about assessments: a trainee's statuses, the marking queue, submissions."""

from dataclasses import dataclass

from django.db.models import OuterRef, Q, QuerySet, Subquery

from peerpath.core.actor import Actor
from peerpath.organisations.models import Organisation
from peerpath.training.models import (
    AssessmentRequirement,
    Enrolment,
    Mark,
    MarkOutcome,
    Submission,
)


@dataclass(frozen=True)
class AssessmentStatus:
    assessment: AssessmentRequirement
    latest: Submission | None

    @property
    def mark(self) -> Mark | None:
        return getattr(self.latest, "mark", None) if self.latest else None

    @property
    def label(self) -> str:
        if self.latest is None:
            return "Not submitted"
        if self.mark is None:
            return f"Version {self.latest.number} waiting to be marked"
        return self.mark.get_outcome_display()

    @property
    def passed(self) -> bool:
        return self.mark is not None and self.mark.outcome == MarkOutcome.PASSED


def assessment_statuses(enrolment: Enrolment) -> list[AssessmentStatus]:
    """Each assessment of the trainee's programme with its newest submission (two queries)."""
    latest: dict[int, Submission] = {}
    for submission in (
        Submission.objects.filter(enrolment=enrolment)
        .select_related("mark", "file")
        .order_by("assessment_id", "number")
    ):
        latest[submission.assessment_id] = submission
    return [
        AssessmentStatus(assessment=a, latest=latest.get(a.pk))
        for a in enrolment.cohort.programme.assessments.order_by("order")
    ]


def marking_queue(*, actor: Actor) -> QuerySet[Submission]:
    """The newest version of each piece of work in the actor's organisation that nobody has
    marked yet."""
    organisation = actor.organisation
    newest = (
        Submission.objects.filter(
            enrolment=OuterRef("enrolment"), assessment=OuterRef("assessment")
        )
        .order_by("-number")
        .values("pk")[:1]
    )
    return (
        Submission.objects.filter(organisation=organisation, mark__isnull=True)
        .filter(pk=Subquery(newest))
        .select_related("enrolment__trainee", "enrolment__cohort", "assessment")
        .order_by("submitted_at")
    )


def submissions_of(*, actor: Actor) -> QuerySet[Submission]:
    """The submissions of the actor's organisation, with their trainee, assessment, mark and
    file."""
    return Submission.objects.filter(organisation=actor.organisation).select_related(
        "enrolment", "enrolment__trainee", "enrolment__cohort", "assessment", "mark", "file"
    )


def trainee_enrolment(*, actor: Actor) -> Enrolment | None:
    """The actor's newest enrolment as a trainee in their organisation."""
    return (
        Enrolment.objects.filter(trainee=actor.user, organisation=actor.organisation)
        .select_related("cohort", "cohort__programme")
        .order_by("-enrolled_at")
        .first()
    )


def assessments_visible(*, actor: Actor) -> QuerySet[AssessmentRequirement]:
    """The assessments of the programmes the actor may read: their organisation's own and
    the shipped templates'. A view that fetches one keeps `belongs=assessment_visible`."""
    if actor.organisation is None:
        return AssessmentRequirement.objects.none()
    return AssessmentRequirement.objects.filter(
        Q(programme__organisation=actor.organisation) | Q(programme__organisation__isnull=True)
    ).select_related("programme")


def assessment_visible(assessment: AssessmentRequirement, organisation: Organisation) -> bool:
    return assessment.programme.organisation_id in (None, organisation.pk)
