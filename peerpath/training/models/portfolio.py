"""The learning portfolio: one entry per competence statement, with its evidence."""

from django.db import models

from peerpath.framework.models import Statement
from peerpath.organisations.models import OrganisationOwned
from peerpath.training.models.assessment import Submission
from peerpath.training.models.delivery import Enrolment
from peerpath.training.models.placement import PlacementDay


class PortfolioStatus(models.TextChoices):
    NOT_STARTED = "not_started", "Not started"
    IN_PROGRESS = "in_progress", "In progress"
    EVIDENCED = "evidenced", "Evidenced"
    SIGNED_OFF = "signed_off", "Signed off"


class PortfolioEntry(OrganisationOwned):
    """One competence statement in a trainee's portfolio, with its evidence and sign-off.

    It belongs to the person (through their enrolment), so it stays with them into
    employment.
    """

    enrolment = models.ForeignKey(Enrolment, on_delete=models.PROTECT, related_name="portfolio")
    statement = models.ForeignKey(Statement, on_delete=models.PROTECT, related_name="+")
    status = models.CharField(
        max_length=20, choices=PortfolioStatus.choices, default=PortfolioStatus.NOT_STARTED
    )
    review_requested_at = models.DateTimeField(null=True, blank=True)
    signed_off_by = models.ForeignKey(
        "accounts.User", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    signed_off_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = (
            models.UniqueConstraint(fields=("enrolment", "statement"), name="portfolio_once"),
        )

    def __str__(self) -> str:
        return f"{self.enrolment.trainee}: {self.statement.ref}"


class EvidenceKind(models.TextChoices):
    SUBMISSION = "submission", "Assessed work"
    PLACEMENT = "placement", "Placement day"
    OBSERVATION = "observation", "Observation"
    OTHER = "other", "Other"


class PortfolioEvidence(OrganisationOwned):
    entry = models.ForeignKey(PortfolioEntry, on_delete=models.PROTECT, related_name="evidence")
    kind = models.CharField(max_length=20, choices=EvidenceKind.choices)
    submission = models.ForeignKey(
        Submission, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    placement_day = models.ForeignKey(
        PlacementDay, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    note = models.TextField()
    added_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ("added_at", "pk")

    def __str__(self) -> str:
        return f"{self.get_kind_display()} for {self.entry}"
