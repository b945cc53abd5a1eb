"""Direct observation of practice, the ongoing competence record, and development plans
for an area of significant concern.

The competence framework (seed 004, "Assessment of competence/training evaluation"): "it is
assumed that supervision of peer support workers will include direct observation of their
practice, in turn affording competence-based feedback, with local arrangements in place to
manage any areas of significant concern."

An observation is recorded by the worker's supervisor (on an agreement in force) or by a
trainer of a cohort the worker trains in. It rates the worker against framework statements
the observer chooses, on a strengths-first scale, with feedback for each. The worker adds
their reflection. Finalising locks it; anything said later is a dated addendum. Finalised
ratings are evidence in the worker's competence record, beside their training portfolio.
"""

from django.conf import settings
from django.db import models

from peerpath.caseload.models import Person
from peerpath.core.dates import date_in_range
from peerpath.framework.models import Statement
from peerpath.organisations.models import OrganisationOwned


class Rating(models.TextChoices):
    """Strengths first: what was seen, then what is growing; never a fail."""

    CONFIDENT = "confident", "Demonstrated with confidence"
    DEMONSTRATED = "demonstrated", "Demonstrated"
    DEVELOPING = "developing", "Developing"
    NOT_SEEN = "not_seen", "Not seen this time"


# The ratings that count as the statement being demonstrated in the competence record.
DEMONSTRATED = (Rating.CONFIDENT, Rating.DEMONSTRATED)


class ConsentMethod(models.TextChoices):
    SPOKEN = "spoken", "They agreed out loud, before the observation began"
    WRITTEN = "written", "They agreed in writing"
    SUPPORTED = "supported", "They agreed with help from someone they chose (say who below)"


class Observation(OrganisationOwned):
    worker = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="observations_of"
    )
    observer = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="observations_made"
    )
    observed_on = models.DateField()
    activity = models.CharField(max_length=300)
    setting = models.CharField(max_length=300)
    person = models.ForeignKey(
        Person, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    consent_given = models.BooleanField(default=False)
    consent_method = models.CharField(max_length=20, choices=ConsentMethod.choices, blank=True)
    consent_note = models.CharField(max_length=300, blank=True)
    overall_feedback = models.TextField(blank=True)
    worker_reflection = models.TextField(blank=True)
    reflected_at = models.DateTimeField(null=True, blank=True)
    finalised_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    # The version check of the edit forms (peerpath/core/versioning.py).
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ("-observed_on", "-pk")
        indexes = (
            models.Index(fields=("organisation", "worker"), name="observation_worker"),
            models.Index(fields=("organisation", "observer"), name="observation_observer"),
        )
        constraints = (
            date_in_range("observed_on", name="observation_on_in_range", label="Date"),
            models.CheckConstraint(
                condition=~models.Q(worker=models.F("observer")), name="observation_not_self"
            ),
            # A person supported is present only with their consent.
            models.CheckConstraint(
                condition=models.Q(person__isnull=True)
                | (models.Q(consent_given=True) & ~models.Q(consent_method="")),
                name="observation_person_consented",
            ),
        )

    @property
    def is_final(self) -> bool:
        return self.finalised_at is not None

    def __str__(self) -> str:
        return f"Observation of {self.worker} on {self.observed_on:%-d %B %Y}"


class ObservationRating(OrganisationOwned):
    observation = models.ForeignKey(Observation, on_delete=models.PROTECT, related_name="ratings")
    statement = models.ForeignKey(Statement, on_delete=models.PROTECT, related_name="+")
    rating = models.CharField(max_length=20, choices=Rating.choices)
    feedback = models.TextField()

    class Meta:
        ordering = ("statement__unit__order", "statement__number")
        constraints = (
            models.UniqueConstraint(
                fields=("observation", "statement"), name="observation_rating_once"
            ),
        )

    def __str__(self) -> str:
        return f"{self.statement.ref}: {self.get_rating_display()}"


class ObservationAddendum(OrganisationOwned):
    """Something said after the observation was finalised: dated, never changed."""

    observation = models.ForeignKey(Observation, on_delete=models.PROTECT, related_name="addenda")
    text = models.TextField()
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    added_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ("added_at", "pk")

    def __str__(self) -> str:
        return f"Addendum to {self.observation}"


class PlanStatus(models.TextChoices):
    OPEN = "open", "Open"
    CLOSED = "closed", "Closed"


class DevelopmentPlan(OrganisationOwned):
    """An area of significant concern and the development plan it opens: the "local
    arrangements in place to manage any areas of significant concern" (seed 004).

    Visible only to the worker, their supervisors (an agreement in force) and the peer
    development team (coordinators): rules.py `observation.view_development_plan`.
    """

    worker = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="development_plans"
    )
    observation = models.ForeignKey(
        Observation, null=True, blank=True, on_delete=models.PROTECT, related_name="plans"
    )
    concern = models.TextField()
    statements = models.ManyToManyField(Statement, related_name="+")
    agreed_support = models.TextField()
    next_review_on = models.DateField()
    status = models.CharField(max_length=10, choices=PlanStatus.choices, default=PlanStatus.OPEN)
    opened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    opened_at = models.DateTimeField(auto_now_add=True)
    closed_on = models.DateField(null=True, blank=True)
    outcome = models.TextField(blank=True)
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ("status", "next_review_on", "pk")
        indexes = (models.Index(fields=("organisation", "worker"), name="devplan_worker"),)
        constraints = (
            date_in_range("next_review_on", name="devplan_review_in_range", label="Review date"),
            date_in_range("closed_on", name="devplan_closed_in_range", label="Closing date"),
            models.CheckConstraint(
                condition=models.Q(status="open") | ~models.Q(outcome=""),
                name="devplan_closed_with_outcome",
            ),
        )

    def __str__(self) -> str:
        return f"Development plan for {self.worker}"


class PlanReview(OrganisationOwned):
    plan = models.ForeignKey(DevelopmentPlan, on_delete=models.PROTECT, related_name="reviews")
    reviewed_on = models.DateField()
    progress = models.TextField()
    next_review_on = models.DateField(null=True, blank=True)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ("reviewed_on", "pk")
        constraints = (
            date_in_range("reviewed_on", name="planreview_on_in_range", label="Review date"),
            date_in_range(
                "next_review_on", name="planreview_next_in_range", label="Next review date"
            ),
        )

    def __str__(self) -> str:
        return f"Review of {self.plan} on {self.reviewed_on}"
