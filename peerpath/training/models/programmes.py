"""Training programmes: shipped templates and each organisation's own programmes.

A template (organisation = null) is read-only; a coordinator copies it into their
organisation and edits the copy. The graduation rules are configuration on the programme
(attendance threshold, required assessments, placement days, portfolio sign-off), so
changing a rule never needs code.
"""

from django.db import models

from peerpath.framework.models import Statement, Unit
from peerpath.organisations.models import (
    Organisation,
    OrganisationOwned,
    OrganisationOwnedOrTemplate,
)


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
    WORK_EXPERIENCE = "work_experience", "Work experience"
    REFLECTION = "reflection", "Reflection"
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


class Programme(OrganisationOwnedOrTemplate):
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
    # Who the programme is for, in the source's words: a description, not entry requirements.
    audience = models.TextField(blank=True)
    eligibility_note = models.TextField(blank=True)
    # Graduation rules.
    attendance_threshold = models.PositiveSmallIntegerField(
        null=True, blank=True, help_text="Minimum attendance, as a percentage of sessions"
    )
    attendance_rule = models.TextField(blank=True)
    placement_required = models.BooleanField(default=False)
    placement_days_required = models.PositiveSmallIntegerField(default=0)
    placement_description = models.TextField(blank=True)
    requires_portfolio_sign_off = models.BooleanField(default=False)
    # Recruitment steps as the provider names them.
    recruitment_steps = models.JSONField(default=list, blank=True)
    # Words of the template's own organisation ("CPFT", its places and numbers): text of a
    # copy that contains them is flagged for the copier to confirm or reword.
    organisation_specific = models.JSONField(default=list, blank=True)
    # A template's fingerprint of its entry in the data file, to bring it up to date.
    template_digest = models.CharField(max_length=64, blank=True)
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


class Module(OrganisationOwnedOrTemplate):
    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="modules")
    order = models.PositiveSmallIntegerField()
    # Empty where the source does not name the module: it is then shown by its number.
    title = models.CharField(max_length=300, blank=True)
    aims = models.TextField(blank=True)
    prep_hours = models.DecimalField(max_digits=4, decimal_places=1, null=True, blank=True)
    teaching_hours = models.DecimalField(max_digits=4, decimal_places=1, null=True, blank=True)
    # What the module covers: whole units, and single statements of other units.
    units = models.ManyToManyField(Unit, blank=True, related_name="modules")
    statements = models.ManyToManyField(Statement, blank=True, related_name="modules")
    # The version check of the edit form (peerpath/core/versioning.py).
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ("programme", "order")
        constraints = (
            models.UniqueConstraint(fields=("programme", "order"), name="module_order_unique"),
        )

    def __str__(self) -> str:
        return self.display_title

    @property
    def display_title(self) -> str:
        return self.title or f"Module {self.order}"


class AssessmentRequirement(OrganisationOwnedOrTemplate):
    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="assessments")
    order = models.PositiveSmallIntegerField()
    kind = models.CharField(max_length=40, choices=AssessmentKind.choices)
    title = models.CharField(max_length=200)
    description = models.TextField(blank=True)
    required_for_graduation = models.BooleanField(default=True)
    # The version check of the edit form (peerpath/core/versioning.py).
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ("programme", "order")

    def __str__(self) -> str:
        return self.title


class EligibilityCriterion(OrganisationOwnedOrTemplate):
    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="criteria")
    order = models.PositiveSmallIntegerField()
    text = models.TextField()
    examples = models.JSONField(default=list, blank=True)

    class Meta:
        ordering = ("programme", "order")
        verbose_name_plural = "eligibility criteria"

    def __str__(self) -> str:
        return self.text


class Coursework(OrganisationOwnedOrTemplate):
    """Work trainees do during the programme that is not assessed (e.g. weekly homework)."""

    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="coursework")
    order = models.PositiveSmallIntegerField()
    title = models.CharField(max_length=200)
    description = models.TextField(blank=True)

    class Meta:
        ordering = ("programme", "order")
        verbose_name_plural = "coursework"

    def __str__(self) -> str:
        return self.title


class CertificateIssuer(models.TextChoices):
    ORGANISATION = "organisation", "The organisation running the programme"
    AWARDING_BODY = "awarding_body", "An awarding body"


class ProgrammeCertificate(OrganisationOwnedOrTemplate):
    """A certificate the programme awards: PeerPath issues those of the organisation
    running it; an awarding body's (e.g. the OCN's) are only named."""

    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="certificates")
    order = models.PositiveSmallIntegerField()
    title = models.CharField(max_length=200)
    issuer = models.CharField(max_length=20, choices=CertificateIssuer.choices)
    awarding_body = models.CharField(max_length=200, blank=True)
    note = models.TextField(blank=True)

    class Meta:
        ordering = ("programme", "order")

    def __str__(self) -> str:
        return self.title


class ProgrammeInformation(OrganisationOwnedOrTemplate):
    """Facts of the source a coordinator or applicant needs: how to book, what comes after."""

    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="information")
    order = models.PositiveSmallIntegerField()
    heading = models.CharField(max_length=200)
    text = models.TextField(blank=True)
    items = models.JSONField(default=list, blank=True)
    for_applicants = models.BooleanField(default=False)

    class Meta:
        ordering = ("programme", "order")
        verbose_name_plural = "programme information"

    def __str__(self) -> str:
        return self.heading


class CopiedText(OrganisationOwned):
    """Text of a copied programme that names the template's own organisation (or its
    places and numbers), waiting for the copier to confirm or reword it.

    `target` names the record ("programme", "criterion", ...), `field` its field and
    `index` the item of a list field. An intake cannot open while any is unconfirmed.
    """

    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="copied_texts")
    order = models.PositiveSmallIntegerField()
    label = models.CharField(max_length=200)
    target = models.CharField(max_length=20)
    target_id = models.PositiveIntegerField()
    field = models.CharField(max_length=40)
    index = models.PositiveSmallIntegerField(null=True, blank=True)
    phrases = models.JSONField(default=list)
    original = models.TextField()
    confirmed_by = models.ForeignKey(
        "accounts.User", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    confirmed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ("programme", "order")
        constraints = (
            models.UniqueConstraint(
                fields=("programme", "target", "target_id", "field", "index"),
                name="copied_text_once",
            ),
        )

    def __str__(self) -> str:
        return f"{self.programme}: {self.label}"
