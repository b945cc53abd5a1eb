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
    # The appointment it came from (none for records made before applications were kept).
    application = models.OneToOneField(
        "JobApplication",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="employment",
    )
    # Why it ended, for retention figures: kept with the record, never shown to the worker's
    # colleagues.
    end_reason = models.TextField(blank=True)
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


class VacancyQuestion(OrganisationOwned):
    """An interview question of a vacancy: each panel member scores each one, 1 to 5."""

    vacancy = models.ForeignKey(Vacancy, on_delete=models.CASCADE, related_name="questions")
    order = models.PositiveSmallIntegerField()
    text = models.TextField()

    class Meta:
        ordering = ("order", "pk")
        constraints = (
            models.UniqueConstraint(fields=("vacancy", "order"), name="vacancy_question_order"),
        )

    def __str__(self) -> str:
        return self.text


class JobStage(models.TextChoices):
    APPLIED = "applied", "Application received"
    SHORTLISTED = "shortlisted", "Shortlisted"
    INTERVIEW = "interview", "Interview"
    OFFER = "offer", "Offer made"
    ACCEPTED = "accepted", "Offer accepted"
    APPOINTED = "appointed", "Appointed"
    DECLINED = "declined", "Offer declined"
    WITHDRAWN = "withdrawn", "Withdrawn"
    UNSUCCESSFUL = "unsuccessful", "Not successful this time"


JOB_OPEN_STAGES = (
    JobStage.APPLIED,
    JobStage.SHORTLISTED,
    JobStage.INTERVIEW,
    JobStage.OFFER,
    JobStage.ACCEPTED,
)


class JobApplication(OrganisationOwned):
    """One person's application to a vacancy, graduate or not: "Jobs are not guaranteed
    and peer workers must go through the same CPFT application and interview process as
    any other applicant" (seed 003)."""

    vacancy = models.ForeignKey(Vacancy, on_delete=models.PROTECT, related_name="applications")
    full_name = models.CharField(max_length=200)
    email = models.EmailField()
    phone = models.CharField(max_length=40, blank=True)
    # A signed-in graduate's account and award; both empty for an applicant from outside.
    applicant = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="job_applications",
    )
    award = models.ForeignKey(
        "training.Award", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    stage = models.CharField(max_length=20, choices=JobStage.choices, default=JobStage.APPLIED)
    version = models.PositiveIntegerField(default=1)
    # A secret link lets the applicant follow their own application.
    access_token = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ("created_at", "pk")
        constraints = (
            models.UniqueConstraint(
                fields=("vacancy", "email"), name="job_application_one_per_person"
            ),
        )
        indexes = (models.Index(fields=("vacancy", "stage"), name="job_application_stage"),)

    def __str__(self) -> str:
        return self.full_name


class JobCriterionAnswer(OrganisationOwned):
    """How the applicant meets one criterion, and the shortlisting decision on it."""

    application = models.ForeignKey(
        JobApplication, on_delete=models.CASCADE, related_name="answers"
    )
    criterion = models.ForeignKey(
        VacancyCriterion, on_delete=models.PROTECT, related_name="answers"
    )
    evidence = models.TextField()
    # Shortlisting: None until decided.
    meets = models.BooleanField(null=True, blank=True)
    shortlist_note = models.TextField(blank=True)

    class Meta:
        ordering = ("criterion__order", "pk")
        constraints = (
            models.UniqueConstraint(
                fields=("application", "criterion"), name="job_answer_one_per_criterion"
            ),
        )

    def __str__(self) -> str:
        return f"{self.application}: {self.criterion}"


class JobStageChange(OrganisationOwned):
    """Every move of an application, with who moved it and why (never edited)."""

    application = models.ForeignKey(
        JobApplication, on_delete=models.PROTECT, related_name="stage_changes"
    )
    from_stage = models.CharField(max_length=20, choices=JobStage.choices, blank=True)
    to_stage = models.CharField(max_length=20, choices=JobStage.choices)
    reason = models.TextField()
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ("pk",)

    def __str__(self) -> str:
        return f"{self.application}: {self.from_stage} → {self.to_stage}"


class Interview(OrganisationOwned):
    application = models.ForeignKey(
        JobApplication, on_delete=models.CASCADE, related_name="interviews"
    )
    starts_at = models.DateTimeField()
    place = models.CharField(max_length=300)
    panel = models.ManyToManyField(settings.AUTH_USER_MODEL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ("starts_at", "pk")

    def __str__(self) -> str:
        return f"Interview of {self.application}"


class PanelScore(OrganisationOwned):
    """One panel member's score (1 to 5) and note on one question for one applicant.
    Read only by the panel and the peer development team."""

    application = models.ForeignKey(JobApplication, on_delete=models.PROTECT, related_name="scores")
    question = models.ForeignKey(VacancyQuestion, on_delete=models.PROTECT, related_name="+")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    score = models.PositiveSmallIntegerField()
    note = models.TextField(blank=True)
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ("question__order", "author_id", "pk")
        constraints = (
            models.UniqueConstraint(
                fields=("application", "question", "author"), name="panel_score_one_each"
            ),
            models.CheckConstraint(
                condition=models.Q(score__gte=1, score__lte=5), name="job_panel_score_one_to_five"
            ),
        )

    def __str__(self) -> str:
        return f"{self.author} on {self.application}: {self.score}"


class EmploymentChange(OrganisationOwned):
    """One change to a current employment record (line manager, peer supervisor or hours a
    week): what it was, what it became, when, by whom and why. Kept, never edited: the
    record's history."""

    record = models.ForeignKey(EmploymentRecord, on_delete=models.PROTECT, related_name="changes")
    what = models.CharField(max_length=40)
    before = models.CharField(max_length=200, blank=True)
    after = models.CharField(max_length=200, blank=True)
    reason = models.TextField(blank=True)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ("-at", "-pk")

    def __str__(self) -> str:
        return f"{self.record}: {self.what} {self.before} → {self.after}"
