"""Learning after appointment: the induction package, the reflective practice work
placement booklet, continuing development plans and refreshers.

"For successful applicants, we have developed an additional comprehensive training package
to support them to skilfully use their experience of mental health, trauma or distress to
support people who might be up against similar challenges." (seed 002). The package's five
items are a new starter's induction checklist (`INDUCTION_ITEMS`, quoted as written); one of
them is "Completing a reflective practice work placement booklet to ensure they have met the
course competencies", kept here as `BookletEntry` rows mapped to framework statements.
"""

from django.conf import settings
from django.db import models

from peerpath.core.dates import date_in_range
from peerpath.organisations.models import OrganisationOwned

# Seed 002, "Additional training cover things such as:", its five bullets as written.
INDUCTION_ITEMS: tuple[str, ...] = (
    "Active listening and communication skills",
    "The key principles of recovery and recovery focused support",
    "How to share lived experience safely with colleagues and in peer support relationships",
    "Completing a reflective practice work placement booklet to ensure they have met the "
    "course competencies",
    "Recovery focused note writing.",
)


class Induction(OrganisationOwned):
    """A new starter's additional training package, one per employment record."""

    worker = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="inductions"
    )
    employment = models.OneToOneField(
        "workforce.EmploymentRecord", on_delete=models.PROTECT, related_name="induction"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ("-created_at", "pk")

    def __str__(self) -> str:
        return f"Induction of {self.worker}"


class InductionItem(OrganisationOwned):
    induction = models.ForeignKey(Induction, on_delete=models.CASCADE, related_name="items")
    number = models.PositiveSmallIntegerField()
    text = models.CharField(max_length=300)
    planned_on = models.DateField(null=True, blank=True)
    completed_on = models.DateField(null=True, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField(null=True, blank=True)
    # The version check of the item's form (peerpath/core/versioning.py).
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ("induction", "number")
        constraints = (
            models.UniqueConstraint(
                fields=("induction", "number"), name="induction_item_number_unique"
            ),
            date_in_range("planned_on", name="induction_item_planned_in_range", label="Planned"),
            date_in_range(
                "completed_on", name="induction_item_completed_in_range", label="Completed"
            ),
        )

    def __str__(self) -> str:
        return self.text


class EntryStatus(models.TextChoices):
    DRAFT = "draft", "Draft"
    SUBMITTED = "submitted", "Waiting for review"
    RETURNED = "returned", "Comments to look at"
    SIGNED = "signed", "Signed off"


class BookletEntry(OrganisationOwned):
    """One entry in the worker's reflective practice work placement booklet."""

    worker = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="booklet_entries"
    )
    happened_on = models.DateField()
    what_i_did = models.TextField()
    reflection = models.TextField()
    what_i_learnt = models.TextField()
    statements = models.ManyToManyField("framework.Statement", related_name="booklet_entries")
    status = models.CharField(max_length=20, choices=EntryStatus.choices, default=EntryStatus.DRAFT)
    submitted_at = models.DateTimeField(null=True, blank=True)
    signed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    signed_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ("-happened_on", "-pk")
        indexes = (models.Index(fields=("organisation", "worker"), name="booklet_entry_worker"),)
        constraints = (
            date_in_range("happened_on", name="booklet_entry_happened_in_range", label="Date"),
            models.CheckConstraint(
                condition=~models.Q(status="signed")
                | models.Q(signed_by__isnull=False, signed_at__isnull=False),
                name="booklet_entry_signed_has_signer",
            ),
        )

    def __str__(self) -> str:
        return f"Booklet entry of {self.happened_on:%-d %B %Y}"

    @property
    def is_signed(self) -> bool:
        return self.status == EntryStatus.SIGNED


class BookletReview(OrganisationOwned):
    """A reviewer's comments on an entry; `signs_off` when the review signed it."""

    entry = models.ForeignKey(BookletEntry, on_delete=models.CASCADE, related_name="reviews")
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField(auto_now_add=True)
    comments = models.TextField(blank=True)
    signs_off = models.BooleanField(default=False)

    class Meta:
        ordering = ("at", "pk")

    def __str__(self) -> str:
        return f"Review of {self.entry}"


class BookletAddendum(OrganisationOwned):
    """A dated addition to a signed entry, which is never edited."""

    entry = models.ForeignKey(BookletEntry, on_delete=models.CASCADE, related_name="addenda")
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField(auto_now_add=True)
    text = models.TextField()

    class Meta:
        ordering = ("at", "pk")

    def __str__(self) -> str:
        return f"Addendum to {self.entry}"


class PlanUnit(OrganisationOwned):
    """A framework unit in the worker's continuing development plan.

    Unit 1.5: "Ability to maintain and update skills and knowledge through participation in
    continuing learning and development". Section 5's units are optional: "Peer support
    workers would not be expected to undertake training in all the areas listed in this
    section, but may build up (and so extend) their skills over time." (seed 004)
    """

    worker = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="plan_units"
    )
    unit = models.ForeignKey("framework.Unit", on_delete=models.PROTECT, related_name="+")
    what_i_want_to_learn = models.TextField()
    review_by = models.DateField(null=True, blank=True)
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    added_at = models.DateTimeField(auto_now_add=True)
    signed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    signed_at = models.DateTimeField(null=True, blank=True)
    sign_off_comment = models.TextField(blank=True)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ("unit__order", "pk")
        indexes = (models.Index(fields=("organisation", "worker"), name="plan_unit_worker"),)
        constraints = (
            models.UniqueConstraint(fields=("worker", "unit"), name="plan_unit_once_per_worker"),
            date_in_range("review_by", name="plan_unit_review_by_in_range", label="Review date"),
        )

    def __str__(self) -> str:
        return f"{self.unit} in the plan of {self.worker}"

    @property
    def is_signed(self) -> bool:
        return self.signed_at is not None


class LearningRecord(OrganisationOwned):
    """Learning recorded against a unit of the plan: what was done and what it showed."""

    plan_unit = models.ForeignKey(PlanUnit, on_delete=models.CASCADE, related_name="records")
    activity = models.CharField(max_length=300)
    happened_on = models.DateField()
    what_i_learnt = models.TextField()
    evidence = models.TextField(blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ("-happened_on", "-pk")
        constraints = (
            date_in_range("happened_on", name="learning_record_happened_in_range", label="Date"),
        )

    def __str__(self) -> str:
        return self.activity


class Refresher(OrganisationOwned):
    """Training every worker in post repeats, every `every_months` (e.g. safeguarding,
    linked to unit 1.7, "Knowledge of safeguarding procedures")."""

    name = models.CharField(max_length=200)
    unit = models.ForeignKey(
        "framework.Unit", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    every_months = models.PositiveSmallIntegerField()
    description = models.TextField(blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    # A retired refresher is due for nobody any more; it is kept, with its completions.
    retired_on = models.DateField(null=True, blank=True)
    retired_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    # The version check of an edit (peerpath/core/versioning.py).
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ("name", "pk")
        constraints = (
            models.CheckConstraint(
                condition=models.Q(every_months__gte=1, every_months__lte=60),
                name="refresher_every_one_to_sixty_months",
            ),
            date_in_range("retired_on", name="refresher_retired_on_in_range", label="Retired"),
            models.UniqueConstraint(fields=("organisation", "name"), name="refresher_name_unique"),
        )

    def __str__(self) -> str:
        return self.name


class RefresherCompletion(OrganisationOwned):
    refresher = models.ForeignKey(Refresher, on_delete=models.PROTECT, related_name="completions")
    worker = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="refresher_completions"
    )
    completed_on = models.DateField()
    note = models.CharField(max_length=300, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ("-completed_on", "-pk")
        indexes = (
            models.Index(fields=("refresher", "worker", "completed_on"), name="refresher_done"),
        )
        constraints = (
            date_in_range("completed_on", name="refresher_completed_in_range", label="Date"),
        )

    def __str__(self) -> str:
        return f"{self.refresher} on {self.completed_on}"
