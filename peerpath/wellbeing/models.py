"""A peer worker's own wellbeing plan and check-ins: private unless they share a part.

Framework unit 4.1, "Ability to monitor and respond to the need for self-care": "Ability
for the peer support worker to maintain a focus on self-care and their own health and
wellbeing". Seed 001: peer workers manage their own wellbeing and seek support when needed.

Private to the worker (ADR-020): no other role reads any of it. The worker may share a
part of the current plan, or a check-in, with their supervisor; the supervision app reads
only those, through `selectors.shared_with_supervisor`. Nothing here appears in
performance views, reports or exports, and no audit row carries its words (`__str__`
names the record, never its text).
"""

from django.conf import settings
from django.db import models
from django.utils import timezone

from peerpath.core.dates import date_in_range
from peerpath.organisations.models import OrganisationOwned


class WellbeingPlan(OrganisationOwned):
    """One worker's plan, across its versions (one plan per worker and organisation)."""

    worker = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="wellbeing_plans"
    )
    current_version = models.PositiveIntegerField(default=0)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = (
            models.UniqueConstraint(
                fields=("organisation", "worker"), name="wellbeing_plan_one_per_worker"
            ),
        )

    def __str__(self) -> str:
        return "Wellbeing plan"


class WellbeingPlanVersion(OrganisationOwned):
    """One saved version: never changed once written (a change adds a version)."""

    plan = models.ForeignKey(WellbeingPlan, on_delete=models.PROTECT, related_name="versions")
    number = models.PositiveIntegerField()
    content = models.JSONField(help_text="Part key → text")
    # The keys of the parts the worker chose to share with their supervisor.
    shared = models.JSONField(default=list, blank=True)
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        ordering = ("plan", "-number")
        constraints = (
            models.UniqueConstraint(
                fields=("plan", "number"), name="wellbeing_plan_version_unique"
            ),
        )

    def __str__(self) -> str:
        return f"Wellbeing plan, version {self.number}"


class CheckIn(OrganisationOwned):
    """How the worker is, in their own words, on a day they chose to write it down."""

    worker = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="wellbeing_check_ins"
    )
    on = models.DateField(verbose_name="Date")
    how_i_am = models.TextField(verbose_name="How I am")
    what_would_help = models.TextField(blank=True, verbose_name="What would help")
    shared = models.BooleanField(default=False, verbose_name="Share with my supervisor")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ("-on", "-pk")
        indexes = (models.Index(fields=("organisation", "worker", "-on"), name="check_in_worker"),)
        constraints = (date_in_range("on", name="check_in_on_in_range", label="The date"),)

    def __str__(self) -> str:
        return f"Wellbeing check-in of {self.on:%-d %B %Y}"
