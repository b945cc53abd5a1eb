"""Recruitment: intakes, applications and the selection steps, up to enrolment.

Recruitment ends where training begins: an accepted applicant is enrolled in a cohort of
the programme (`training.Enrolment.application_id`). The tables were made by the training app
and keep their names (`training_…`); only the Django models moved here.
"""

from django.db import models

from peerpath.core.dates import date_in_range
from peerpath.organisations.models import Organisation, OrganisationOwned
from peerpath.training.models import Cohort, EligibilityCriterion, Programme


class Intake(OrganisationOwned):
    """Recruitment for a cohort: open and close dates, capacity and the selection panel."""

    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="intakes")
    programme = models.ForeignKey(Programme, on_delete=models.PROTECT, related_name="intakes")
    cohort = models.ForeignKey(
        Cohort, null=True, blank=True, on_delete=models.PROTECT, related_name="intakes"
    )
    title = models.CharField(max_length=200)
    opens_on = models.DateField()
    closes_on = models.DateField()
    capacity = models.PositiveSmallIntegerField()
    # Only the panel (and the applicant) may read what applicants disclose.
    panel = models.ManyToManyField("accounts.User", blank=True, related_name="panel_intakes")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        db_table = "training_intake"
        ordering = ("-opens_on", "title")
        constraints = (
            date_in_range("opens_on", name="intake_opens_on_in_range", label="The opening date"),
            date_in_range("closes_on", name="intake_closes_on_in_range", label="The closing date"),
            models.CheckConstraint(
                condition=models.Q(closes_on__gte=models.F("opens_on")),
                name="intake_closes_after_opening",
            ),
            models.CheckConstraint(condition=models.Q(capacity__gte=1), name="intake_capacity"),
        )

    def __str__(self) -> str:
        return self.title


class Stage(models.TextChoices):
    INTEREST = "interest", "Expression of interest"
    APPLICATION = "application", "Application"
    INFORMATION_SESSION = "information_session", "Information session"
    GROUP_INTERVIEW = "group_interview", "Group interview"
    ONE_TO_ONE = "one_to_one", "One-to-one interview"
    OFFER = "offer", "Offer"
    ACCEPTED = "accepted", "Accepted"
    DECLINED = "declined", "Declined"
    WITHDRAWN = "withdrawn", "Withdrawn"
    UNSUCCESSFUL = "unsuccessful", "Unsuccessful"


OPEN_STAGES = (
    Stage.INTEREST,
    Stage.APPLICATION,
    Stage.INFORMATION_SESSION,
    Stage.GROUP_INTERVIEW,
    Stage.ONE_TO_ONE,
    Stage.OFFER,
)
CLOSED_STAGES = (Stage.ACCEPTED, Stage.DECLINED, Stage.WITHDRAWN, Stage.UNSUCCESSFUL)


class Application(OrganisationOwned):
    """One person's way through an intake, from expression of interest to a decision."""

    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="applications"
    )
    intake = models.ForeignKey(Intake, on_delete=models.PROTECT, related_name="applications")
    full_name = models.CharField(max_length=200)
    email = models.EmailField()
    phone = models.CharField(max_length=40, blank=True)
    interest = models.TextField(help_text="Why they are interested, in their words")
    stage = models.CharField(max_length=30, choices=Stage.choices, default=Stage.INTEREST)
    # Each move names the stage it was made from: a move made on a page opened before
    # someone else's move is refused (peerpath/core/versioning.py).
    version = models.PositiveIntegerField(default=1)
    # A secret link lets the applicant see and complete their own application.
    access_token = models.CharField(max_length=64, unique=True)
    # Sensitive: read only by the applicant and the intake's panel.
    lived_experience = models.TextField(blank=True)
    commitment_confirmed = models.BooleanField(default=False)
    submitted_at = models.DateTimeField(null=True, blank=True)
    trainee = models.ForeignKey(
        "accounts.User",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="applications",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        db_table = "training_application"
        ordering = ("created_at",)
        constraints = (
            models.UniqueConstraint(
                fields=("intake", "email"), name="application_one_per_person_per_intake"
            ),
        )
        indexes = (models.Index(fields=("intake", "stage"), name="application_intake_stage"),)

    def __str__(self) -> str:
        return self.full_name


class CriterionAnswer(OrganisationOwned):
    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="answers")
    # `criterion.answers` lets training keep a criterion applicants have answered without
    # importing recruitment (ADR-016: recruitment builds on training, not the other way).
    criterion = models.ForeignKey(
        EligibilityCriterion, on_delete=models.PROTECT, related_name="answers"
    )
    meets = models.BooleanField()
    evidence = models.TextField()

    class Meta:
        db_table = "training_criterionanswer"
        constraints = (
            models.UniqueConstraint(fields=("application", "criterion"), name="answer_unique"),
        )

    def __str__(self) -> str:
        return f"{self.application}: {self.criterion}"


class StageChange(OrganisationOwned):
    """Every move of an application, with who moved it and why (never edited)."""

    application = models.ForeignKey(
        Application, on_delete=models.PROTECT, related_name="stage_changes"
    )
    from_stage = models.CharField(max_length=30, choices=Stage.choices, blank=True)
    to_stage = models.CharField(max_length=30, choices=Stage.choices)
    reason = models.TextField()
    by = models.ForeignKey(
        "accounts.User", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        db_table = "training_stagechange"
        ordering = ("pk",)

    def __str__(self) -> str:
        return f"{self.application}: {self.from_stage} → {self.to_stage}"


class SelectionBookingKind(models.TextChoices):
    INFORMATION_SESSION = "information_session", "Information session"
    GROUP_INTERVIEW = "group_interview", "Group interview"
    ONE_TO_ONE = "one_to_one", "One-to-one interview"


class SelectionBooking(OrganisationOwned):
    """An applicant booked into an information session or an interview of the selection."""

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="bookings")
    kind = models.CharField(max_length=30, choices=SelectionBookingKind.choices)
    starts_at = models.DateTimeField()
    place = models.CharField(max_length=300)

    class Meta:
        db_table = "training_appointment"
        ordering = ("starts_at",)

    def __str__(self) -> str:
        return f"{self.get_kind_display()} for {self.application}"


class SelectionPanelNote(OrganisationOwned):
    """A selection panel member's note (and score) on an application."""

    application = models.ForeignKey(
        Application, on_delete=models.PROTECT, related_name="panel_notes"
    )
    stage = models.CharField(max_length=30, choices=Stage.choices)
    author = models.ForeignKey("accounts.User", on_delete=models.PROTECT, related_name="+")
    note = models.TextField()
    score = models.PositiveSmallIntegerField(null=True, blank=True)
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        db_table = "training_panelnote"
        ordering = ("at", "pk")
        constraints = (
            models.CheckConstraint(
                condition=models.Q(score__isnull=True) | models.Q(score__gte=1, score__lte=5),
                name="panel_score_one_to_five",
            ),
        )

    def __str__(self) -> str:
        return f"Selection panel note on {self.application}"
