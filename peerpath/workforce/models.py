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


class RequestStatus(models.TextChoices):
    PENDING = "pending", "Waiting for the peer development team"
    ACCEPTED = "accepted", "Accepted: a post is made"
    DECLINED = "declined", "Not taken forward"


class TeamRequest(OrganisationOwned):
    """A team asks for a peer worker: "Would you like … to have a peer worker work in your
    team?" (seed 003). The peer development team turns it into a `Post`, or declines it
    with a reason the requester reads."""

    team = models.ForeignKey(Team, on_delete=models.PROTECT, related_name="peer_requests")
    service_area = models.CharField(max_length=20, choices=ServiceArea.choices)
    setting = models.CharField(max_length=20, choices=Setting.choices)
    hours_per_week = models.DecimalField(max_digits=4, decimal_places=1)
    role = models.CharField(max_length=20, choices=PostRole.choices, default=PostRole.PEER)
    hopes = models.TextField(help_text="What the team hopes a peer worker will bring")
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    status = models.CharField(
        max_length=20, choices=RequestStatus.choices, default=RequestStatus.PENDING
    )
    decline_reason = models.TextField(blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    post = models.OneToOneField(
        Post, null=True, blank=True, on_delete=models.PROTECT, related_name="request"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ("-created_at", "-pk")
        indexes = (models.Index(fields=("organisation", "status"), name="team_request_status"),)
        constraints = (
            models.CheckConstraint(
                condition=models.Q(hours_per_week__gt=0, hours_per_week__lte=37.5),
                name="team_request_hours_between_a_few_and_full_time",
            ),
        )

    def __str__(self) -> str:
        return f"A peer worker for {self.team}"


class VacancyStatus(models.TextChoices):
    DRAFT = "draft", "Draft"
    ADVERTISED = "advertised", "Advertised"
    CLOSED = "closed", "Closed"


class Vacancy(OrganisationOwned):
    """A post advertised for applications, with its own copy of the eligibility criteria."""

    post = models.ForeignKey(Post, on_delete=models.PROTECT, related_name="vacancies")
    opens_on = models.DateField()
    closes_on = models.DateField()
    description = models.TextField()
    status = models.CharField(
        max_length=20, choices=VacancyStatus.choices, default=VacancyStatus.DRAFT
    )
    # The interview panel: only they and coordinators read the panel's scores.
    panel = models.ManyToManyField(settings.AUTH_USER_MODEL, blank=True, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+"
    )
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ("-opens_on", "pk")
        verbose_name_plural = "vacancies"
        indexes = (models.Index(fields=("organisation", "status"), name="vacancy_status"),)
        constraints = (
            date_in_range("opens_on", name="vacancy_opens_on_in_range", label="Opening date"),
            date_in_range("closes_on", name="vacancy_closes_on_in_range", label="Closing date"),
            models.CheckConstraint(
                condition=models.Q(closes_on__gte=models.F("opens_on")),
                name="vacancy_closes_after_opening",
            ),
        )

    def __str__(self) -> str:
        return f"{self.post} (from {self.opens_on:%-d %B %Y})"


class VacancyCriterion(OrganisationOwned):
    """One eligibility criterion of a vacancy, copied from the template and editable."""

    vacancy = models.ForeignKey(Vacancy, on_delete=models.CASCADE, related_name="criteria")
    order = models.PositiveSmallIntegerField()
    text = models.TextField()

    class Meta:
        ordering = ("order", "pk")
        constraints = (
            models.UniqueConstraint(fields=("vacancy", "order"), name="vacancy_criterion_order"),
        )

    def __str__(self) -> str:
        return self.text
