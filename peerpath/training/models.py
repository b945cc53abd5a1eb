"""Training programmes: shipped templates and each organisation's own programmes.

A template (organisation = null) is read-only; a coordinator copies it into their
organisation and edits the copy. The graduation rules are configuration on the programme
(attendance threshold, required assessments, placement days, portfolio sign-off), so
changing a rule never needs code.
"""

from django.db import models

from peerpath.framework.models import Statement, Unit
from peerpath.organisations.models import Organisation


class DeliveryMode(models.TextChoices):
    ONLINE = "online", "Online"
    IN_PERSON = "in_person", "In person"
    BLENDED = "blended", "Online and in person"


class AssessmentKind(models.TextChoices):
    RECOVERY_STORY_ESSAY = "recovery_story_essay", "Recovery story essay"
    ASSIGNMENT = "assignment", "Assignment"
    HOMEWORK = "homework", "Weekly homework"
    REFLECTIVE_JOURNAL = "reflective_journal", "Reflective journal"
    PORTFOLIO = "portfolio", "Learning portfolio"
    COMMUNICATION_ASSESSMENT = "communication_assessment", "Communication assessment"
    FINAL_EXAM = "final_exam", "Final exam"
    PLACEMENT_BOOKLET = "placement_booklet", "Placement / reflective practice booklet"


class ProgrammeQuerySet(models.QuerySet["Programme"]):
    def templates(self) -> "ProgrammeQuerySet":
        return self.filter(organisation__isnull=True)

    def for_organisation(self, organisation: Organisation) -> "ProgrammeQuerySet":
        return self.filter(organisation=organisation)

    def visible_to(self, organisation: Organisation) -> "ProgrammeQuerySet":
        return self.filter(
            models.Q(organisation=organisation) | models.Q(organisation__isnull=True)
        )


class Programme(models.Model):
    organisation = models.ForeignKey(
        Organisation, null=True, blank=True, on_delete=models.PROTECT, related_name="programmes"
    )
    template_key = models.SlugField(max_length=80, blank=True)
    copied_from = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="copies"
    )
    title = models.CharField(max_length=200)
    provider = models.CharField(max_length=300, blank=True)
    accreditation = models.CharField(max_length=200, blank=True)
    source = models.CharField(max_length=300, blank=True)
    summary = models.TextField(blank=True)
    delivery_mode = models.CharField(max_length=20, choices=DeliveryMode.choices, blank=True)
    delivery = models.TextField(blank=True)
    weeks = models.PositiveSmallIntegerField(null=True, blank=True)
    days_per_week = models.PositiveSmallIntegerField(null=True, blank=True)
    total_days = models.PositiveSmallIntegerField(null=True, blank=True)
    total_hours = models.DecimalField(max_digits=5, decimal_places=1, null=True, blank=True)
    day_starts = models.TimeField(null=True, blank=True)
    day_ends = models.TimeField(null=True, blank=True)
    modules_per_day = models.PositiveSmallIntegerField(null=True, blank=True)
    modules_note = models.TextField(blank=True)
    # Graduation rules.
    attendance_threshold = models.PositiveSmallIntegerField(
        null=True, blank=True, help_text="Minimum attendance, as a percentage of sessions"
    )
    attendance_rule = models.TextField(blank=True)
    placement_required = models.BooleanField(default=False)
    placement_days_required = models.PositiveSmallIntegerField(default=0)
    placement_description = models.TextField(blank=True)
    requires_portfolio_sign_off = models.BooleanField(default=False)
    # Recruitment steps as the provider names them, and job eligibility where given.
    recruitment_steps = models.JSONField(default=list, blank=True)
    employment_eligibility = models.JSONField(default=list, blank=True)
    # Optimistic concurrency: an edit must name the version it started from.
    version = models.PositiveIntegerField(default=1)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = ProgrammeQuerySet.as_manager()

    class Meta:
        ordering = ("title",)
        constraints = (
            models.CheckConstraint(
                condition=models.Q(attendance_threshold__isnull=True)
                | models.Q(attendance_threshold__lte=100),
                name="programme_attendance_threshold_percent",
            ),
            models.UniqueConstraint(
                fields=("template_key",),
                condition=models.Q(organisation__isnull=True),
                name="programme_template_key_unique",
            ),
        )

    def __str__(self) -> str:
        return self.title

    @property
    def is_template(self) -> bool:
        return self.organisation_id is None


class Module(models.Model):
    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="modules")
    organisation = models.ForeignKey(
        Organisation, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    order = models.PositiveSmallIntegerField()
    title = models.CharField(max_length=300)
    aims = models.TextField(blank=True)
    prep_hours = models.DecimalField(max_digits=4, decimal_places=1, null=True, blank=True)
    teaching_hours = models.DecimalField(max_digits=4, decimal_places=1, null=True, blank=True)
    # What the module covers: whole units, and single statements of other units.
    units = models.ManyToManyField(Unit, blank=True, related_name="modules")
    statements = models.ManyToManyField(Statement, blank=True, related_name="modules")

    class Meta:
        ordering = ("programme", "order")
        constraints = (
            models.UniqueConstraint(fields=("programme", "order"), name="module_order_unique"),
        )

    def __str__(self) -> str:
        return self.title


class AssessmentRequirement(models.Model):
    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="assessments")
    organisation = models.ForeignKey(
        Organisation, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    order = models.PositiveSmallIntegerField()
    kind = models.CharField(max_length=40, choices=AssessmentKind.choices)
    title = models.CharField(max_length=200)
    description = models.TextField(blank=True)
    required_for_graduation = models.BooleanField(default=True)

    class Meta:
        ordering = ("programme", "order")

    def __str__(self) -> str:
        return self.title


class EligibilityCriterion(models.Model):
    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="criteria")
    organisation = models.ForeignKey(
        Organisation, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    order = models.PositiveSmallIntegerField()
    text = models.TextField()
    examples = models.JSONField(default=list, blank=True)

    class Meta:
        ordering = ("programme", "order")
        verbose_name_plural = "eligibility criteria"

    def __str__(self) -> str:
        return self.text
