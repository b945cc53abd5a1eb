"""Assessment: the recovery story draft, submissions (and their files), marking criteria
and marks."""

from django.db import models

from peerpath.framework.models import Statement
from peerpath.organisations.models import OrganisationOwned, OrganisationOwnedOrTemplate
from peerpath.training.models.delivery import Enrolment
from peerpath.training.models.programmes import AssessmentRequirement


class StoryDraft(OrganisationOwned):
    """A trainee's private recovery story draft: only they can read it until they submit."""

    enrolment = models.OneToOneField(Enrolment, on_delete=models.PROTECT, related_name="story")
    text = models.TextField(blank=True)
    version = models.PositiveIntegerField(default=0)
    updated_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return f"Recovery story draft of {self.enrolment}"


class Submission(OrganisationOwned):
    """One version of a trainee's work for an assessment; every version is kept."""

    enrolment = models.ForeignKey(Enrolment, on_delete=models.PROTECT, related_name="submissions")
    assessment = models.ForeignKey(
        AssessmentRequirement, on_delete=models.PROTECT, related_name="submissions"
    )
    number = models.PositiveSmallIntegerField()
    text = models.TextField(blank=True)
    submitted_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ("enrolment", "assessment", "number")
        constraints = (
            models.UniqueConstraint(
                fields=("enrolment", "assessment", "number"), name="submission_version_unique"
            ),
        )

    def __str__(self) -> str:
        return f"{self.assessment} by {self.enrolment.trainee}, version {self.number}"


class AssessmentCriterion(OrganisationOwnedOrTemplate):
    """What a marker looks for in an assessment, optionally tied to a framework statement."""

    assessment = models.ForeignKey(
        AssessmentRequirement, on_delete=models.CASCADE, related_name="criteria"
    )
    order = models.PositiveSmallIntegerField()
    text = models.TextField()
    statement = models.ForeignKey(
        Statement, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ("assessment", "order")

    def __str__(self) -> str:
        return self.text


def submission_upload_to(instance: "SubmissionFile", filename: str) -> str:
    # A generated name, never the uploader's: nothing about the person in the path.
    import uuid

    return f"submissions/{instance.organisation_id}/{uuid.uuid4().hex}"


class SubmissionFile(OrganisationOwned):
    submission = models.OneToOneField(Submission, on_delete=models.PROTECT, related_name="file")
    upload = models.FileField(upload_to=submission_upload_to)
    original_name = models.CharField(max_length=200)
    content_type = models.CharField(max_length=100)
    size = models.PositiveIntegerField()

    def __str__(self) -> str:
        return self.original_name


class MarkOutcome(models.TextChoices):
    PASSED = "passed", "Passed"
    RESUBMIT = "resubmit", "Resubmission requested"


class Mark(OrganisationOwned):
    submission = models.OneToOneField(Submission, on_delete=models.PROTECT, related_name="mark")
    marker = models.ForeignKey("accounts.User", on_delete=models.PROTECT, related_name="+")
    outcome = models.CharField(max_length=20, choices=MarkOutcome.choices)
    feedback = models.TextField()
    # {criterion id: true/false} as marked.
    criteria_met = models.JSONField(default=dict)
    marked_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return f"{self.submission}: {self.get_outcome_display()}"
