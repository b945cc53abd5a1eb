"""Posts for peer workers, and employment records.

"Jobs are not guaranteed and peer workers must go through the same CPFT application and
interview process as any other applicant" (seed 003): a graduate is employed only when an
appointment to a post makes an `EmploymentRecord`. The training dashboard's "employed"
figures are counted from these records.

The team requests, vacancies, applications, interviews and offers that lead to an
appointment are built on these two models (ADR-018).
"""

from django.conf import settings
from django.db import models

from peerpath.core.dates import date_in_range
from peerpath.organisations.models import OrganisationOwned, Team


class ServiceArea(models.TextChoices):
    # "younger people's services, adult services and older people's services" (seed 003)
    YOUNGER_PEOPLE = "younger_people", "Younger people's services"
    ADULT = "adult", "Adult services"
    OLDER_PEOPLE = "older_people", "Older people's services"


class Setting(models.TextChoices):
    # "both on our wards and in the community" (seed 003)
    WARD = "ward", "Ward"
    COMMUNITY = "community", "Community"


class PostRole(models.TextChoices):
    PEER = "peer", "Peer support worker"
    CARER_PEER = "carer_peer", "Carer peer support worker"


class Post(OrganisationOwned):
    """A peer worker post in a team: "a few hours work up to full time work" (seed 003)."""

    team = models.ForeignKey(Team, on_delete=models.PROTECT, related_name="peer_posts")
    title = models.CharField(max_length=200)
    role = models.CharField(max_length=20, choices=PostRole.choices, default=PostRole.PEER)
    service_area = models.CharField(max_length=20, choices=ServiceArea.choices)
    setting = models.CharField(max_length=20, choices=Setting.choices)
    hours_per_week = models.DecimalField(max_digits=4, decimal_places=1)
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+"
    )
    # The version check of the edit form (peerpath/core/versioning.py).
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ("title", "pk")
        constraints = (
            models.CheckConstraint(
                condition=models.Q(hours_per_week__gt=0, hours_per_week__lte=37.5),
                name="post_hours_between_a_few_and_full_time",
            ),
        )

    def __str__(self) -> str:
        return self.title


class EmploymentRecord(OrganisationOwned):
    """A peer worker's appointment to a post: who manages and who supervises them."""

    worker = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="employment_records"
    )
    post = models.ForeignKey(Post, on_delete=models.PROTECT, related_name="employments")
    starts_on = models.DateField()
    ends_on = models.DateField(null=True, blank=True)
    hours_per_week = models.DecimalField(max_digits=4, decimal_places=1)
    # Managerial supervision is with the line manager in the team (seed 003); practice
    # supervision with a peer supervisor.
    line_manager = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="managed_employments"
    )
    peer_supervisor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="supervised_employments",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+"
    )
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ("-starts_on", "pk")
        indexes = (models.Index(fields=("organisation", "worker"), name="employment_worker"),)
        constraints = (
            date_in_range("starts_on", name="employment_starts_on_in_range", label="Start date"),
            date_in_range("ends_on", name="employment_ends_on_in_range", label="End date"),
            models.CheckConstraint(
                condition=models.Q(ends_on__isnull=True)
                | models.Q(ends_on__gte=models.F("starts_on")),
                name="employment_ends_after_start",
            ),
            models.CheckConstraint(
                condition=models.Q(hours_per_week__gt=0, hours_per_week__lte=37.5),
                name="employment_hours_between_a_few_and_full_time",
            ),
        )

    def __str__(self) -> str:
        return f"{self.worker} in {self.post}"
