"""Supervision of peer workers (framework unit 4.2, "Ability to make effective use of
supervision"): an agreement per worker and kind, then sessions, actions and sign-off.

"Managerial supervision with line manager in team" and "Reflective practice sessions in the
Trust" (seed 003); "it is assumed that supervision of peer support workers will include
direct observation of their practice" (seed 004), which the development app records.

The agreement is where the worker and supervisor "agree the parameters of supervision"
(unit 4.2): who supervises, how often, where, what is recorded, and the limits of
confidentiality. Who supervises a worker is read from the agreements in force, by this app
and by the apps above it (development). Sessions, actions and sign-off are ADR-019.
"""

from django.conf import settings
from django.db import models

from peerpath.core.dates import date_in_range
from peerpath.organisations.models import OrganisationOwned


class SupervisionKind(models.TextChoices):
    MANAGERIAL = "managerial", "Managerial supervision"
    PRACTICE = "practice", "Peer practice supervision"


class SupervisionAgreement(OrganisationOwned):
    worker = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="supervision_agreements"
    )
    supervisor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="supervising_agreements"
    )
    kind = models.CharField(max_length=20, choices=SupervisionKind.choices)
    every_weeks = models.PositiveSmallIntegerField(
        default=4, help_text="How often you meet, in weeks"
    )
    where = models.CharField(max_length=200, help_text="For example: team base, quiet room")
    what_is_recorded = models.TextField()
    confidentiality_limits = models.TextField()
    starts_on = models.DateField()
    ends_on = models.DateField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+"
    )
    # Each records their own agreement to this version; an edit clears both.
    worker_agreed_at = models.DateTimeField(null=True, blank=True)
    supervisor_agreed_at = models.DateTimeField(null=True, blank=True)
    # The version check of the edit form (peerpath/core/versioning.py).
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ("kind", "-starts_on", "pk")
        indexes = (
            models.Index(fields=("organisation", "worker"), name="agreement_worker"),
            models.Index(fields=("organisation", "supervisor"), name="agreement_supervisor"),
        )
        constraints = (
            date_in_range("starts_on", name="agreement_starts_on_in_range", label="Start date"),
            date_in_range("ends_on", name="agreement_ends_on_in_range", label="End date"),
            models.CheckConstraint(
                condition=models.Q(ends_on__isnull=True)
                | models.Q(ends_on__gte=models.F("starts_on")),
                name="agreement_ends_after_start",
            ),
            models.CheckConstraint(
                condition=models.Q(every_weeks__gte=1, every_weeks__lte=26),
                name="agreement_every_weeks_in_range",
            ),
            models.CheckConstraint(
                condition=~models.Q(worker=models.F("supervisor")),
                name="agreement_not_self",
            ),
        )

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.worker} with {self.supervisor}"

    @property
    def is_agreed(self) -> bool:
        """Both the worker and the supervisor have agreed this version of the agreement."""
        return self.worker_agreed_at is not None and self.supervisor_agreed_at is not None


class SessionState(models.TextChoices):
    SCHEDULED = "scheduled", "Scheduled"
    HELD = "held", "Held"


class SupervisionSession(OrganisationOwned):
    """One supervision session under an agreement: scheduled, then recorded by the
    supervisor; the worker writes their own part (what of the wellbeing check is recorded,
    their comment); both sign, and then the record is locked (addenda only)."""

    agreement = models.ForeignKey(
        SupervisionAgreement, on_delete=models.PROTECT, related_name="sessions"
    )
    held_on = models.DateField()
    starts_at = models.TimeField(null=True, blank=True)
    state = models.CharField(
        max_length=20, choices=SessionState.choices, default=SessionState.SCHEDULED
    )
    # The supervisor's record of the session.
    brought = models.TextField(blank=True)
    reflection = models.TextField(blank=True)
    caseload_review = models.TextField(blank=True)
    # The people on the worker's open caseload when the session was recorded.
    caseload_people = models.ManyToManyField("caseload.Person", blank=True, related_name="+")
    recorded_at = models.DateTimeField(null=True, blank=True)
    # The worker's own part: blank unless the worker writes it; staff never edit it.
    wellbeing = models.TextField(blank=True)
    worker_comment = models.TextField(blank=True)
    worker_part_at = models.DateTimeField(null=True, blank=True)
    supervisor_signed_at = models.DateTimeField(null=True, blank=True)
    worker_signed_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+"
    )
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ("-held_on", "-pk")
        indexes = (models.Index(fields=("agreement", "held_on"), name="session_agreement_day"),)
        constraints = (date_in_range("held_on", name="session_held_on_in_range", label="Date"),)

    def __str__(self) -> str:
        return f"Supervision on {self.held_on:%-d %B %Y}"

    @property
    def is_locked(self) -> bool:
        """Signed by both: the record is changed only by dated addenda."""
        return self.supervisor_signed_at is not None and self.worker_signed_at is not None

    @property
    def is_recorded(self) -> bool:
        return self.recorded_at is not None


class ActionOwner(models.TextChoices):
    WORKER = "worker", "The worker"
    SUPERVISOR = "supervisor", "The supervisor"


class SupervisionAction(OrganisationOwned):
    """An action agreed in a session: carried forward to later sessions until done."""

    session = models.ForeignKey(
        SupervisionSession, on_delete=models.PROTECT, related_name="actions"
    )
    text = models.TextField()
    owner = models.CharField(max_length=20, choices=ActionOwner.choices)
    due_on = models.DateField()
    done_on = models.DateField(null=True, blank=True)
    done_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ("due_on", "pk")
        constraints = (
            date_in_range("due_on", name="action_due_on_in_range", label="Due date"),
            date_in_range("done_on", name="action_done_on_in_range", label="Date done"),
        )

    def __str__(self) -> str:
        return f"Action: {self.text[:60]}"


class SessionAddendum(OrganisationOwned):
    """A dated addendum to a signed session record: the record itself never changes."""

    session = models.ForeignKey(
        SupervisionSession, on_delete=models.PROTECT, related_name="addenda"
    )
    text = models.TextField()
    reason = models.CharField(max_length=300)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ("at", "pk")

    def __str__(self) -> str:
        return f"Addendum to {self.session}"
