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
