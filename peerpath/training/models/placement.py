"""Work experience / placement: days in a host team with a peer supervisor, and reviews."""

from django.db import models

from peerpath.core.dates import date_in_range
from peerpath.organisations.models import OrganisationOwned
from peerpath.training.models.delivery import Enrolment


class Placement(OrganisationOwned):
    """Work experience in a team, supported by a named peer supervisor."""

    enrolment = models.ForeignKey(Enrolment, on_delete=models.PROTECT, related_name="placements")
    host_team = models.ForeignKey(
        "organisations.Team", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    host_description = models.CharField(max_length=300, blank=True)
    supervisor = models.ForeignKey(
        "accounts.User",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="supervised_placements",
    )
    signed_off_by = models.ForeignKey(
        "accounts.User", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    signed_off_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ("created_at",)

    def __str__(self) -> str:
        return f"Placement of {self.enrolment.trainee}"


class PlacementDay(OrganisationOwned):
    placement = models.ForeignKey(Placement, on_delete=models.PROTECT, related_name="days")
    date = models.DateField()
    reflection = models.TextField()
    confirmed_by = models.ForeignKey(
        "accounts.User", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    confirmed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ("date",)
        constraints = (
            date_in_range("date", name="placement_day_date_in_range", label="The date of the day"),
            models.UniqueConstraint(fields=("placement", "date"), name="placement_day_once"),
        )

    def __str__(self) -> str:
        return f"{self.placement}: {self.date}"


class ReviewKind(models.TextChoices):
    INITIAL = "initial", "Initial review"
    MID_POINT = "mid_point", "Mid-point review"
    FINAL = "final", "Final review"


class PlacementReview(OrganisationOwned):
    placement = models.ForeignKey(Placement, on_delete=models.PROTECT, related_name="reviews")
    kind = models.CharField(max_length=20, choices=ReviewKind.choices)
    notes = models.TextField()
    by = models.ForeignKey("accounts.User", on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ("at", "pk")
        constraints = (
            models.UniqueConstraint(fields=("placement", "kind"), name="placement_review_once"),
        )

    def __str__(self) -> str:
        return f"{self.get_kind_display()} of {self.placement}"
