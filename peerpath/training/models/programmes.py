"""Training programmes: shipped templates and each organisation's own programmes.

A template (organisation = null) is read-only; a coordinator copies it into their
organisation and edits the copy. The graduation rules are configuration on the programme
(attendance threshold, required assessments, placement days, portfolio sign-off), so
changing a rule never needs code.
"""

from django.db import models

from peerpath.core.dates import date_in_range
from peerpath.core.models import OrganisationOwned, OrganisationOwnedOrTemplate
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


class Cohort(OrganisationOwned):
    """One run of a programme, with its dates and facilitators."""

    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="cohorts")
    programme = models.ForeignKey(Programme, on_delete=models.PROTECT, related_name="cohorts")
    title = models.CharField(max_length=200)
    starts_on = models.DateField()
    # Where sessions take place ("Online" for an online programme), copied to each session.
    place = models.CharField(max_length=300, blank=True)
    facilitators = models.ManyToManyField(
        "accounts.User", blank=True, related_name="facilitated_cohorts"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ("-starts_on", "title")
        constraints = (
            date_in_range("starts_on", name="cohort_starts_on_in_range", label="The start date"),
        )

    def __str__(self) -> str:
        return self.title


class EnrolmentStatus(models.TextChoices):
    ACTIVE = "active", "Training"
    WITHDRAWN = "withdrawn", "Withdrawn"
    GRADUATED = "graduated", "Graduated"


class Enrolment(OrganisationOwned):
    cohort = models.ForeignKey(Cohort, on_delete=models.PROTECT, related_name="enrolments")
    trainee = models.ForeignKey(
        "accounts.User", on_delete=models.PROTECT, related_name="enrolments"
    )
    # Where recruitment ends: the application this trainee was enrolled from, if any.
    application = models.OneToOneField(
        "recruitment.Application",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="enrolment",
    )
    status = models.CharField(
        max_length=20, choices=EnrolmentStatus.choices, default=EnrolmentStatus.ACTIVE
    )
    enrolled_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ("cohort", "trainee__full_name")
        constraints = (
            models.UniqueConstraint(fields=("cohort", "trainee"), name="enrolment_once_per_cohort"),
        )

    def __str__(self) -> str:
        return f"{self.trainee} in {self.cohort}"


class TrainingSession(OrganisationOwned):
    """A day (or part-day) of a cohort's timetable, teaching one or more modules."""

    cohort = models.ForeignKey(Cohort, on_delete=models.PROTECT, related_name="sessions")
    number = models.PositiveSmallIntegerField()
    date = models.DateField()
    starts_at = models.TimeField(null=True, blank=True)
    ends_at = models.TimeField(null=True, blank=True)
    place = models.CharField(max_length=300, blank=True)
    modules = models.ManyToManyField(Module, blank=True, related_name="sessions")
    # The version check of the session's edit form and of its register, so neither undoes
    # a newer save (peerpath/core/versioning.py).
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ("cohort", "date", "number")
        constraints = (
            date_in_range("date", name="session_date_in_range", label="The session's date"),
            models.UniqueConstraint(fields=("cohort", "number"), name="session_number_unique"),
        )

    def __str__(self) -> str:
        return f"{self.cohort}, session {self.number}"


class AttendanceStatus(models.TextChoices):
    PRESENT = "present", "Present"
    LATE = "late", "Late"
    ABSENT = "absent", "Absent"
    EXCUSED = "excused", "Excused"


ATTENDED = (AttendanceStatus.PRESENT, AttendanceStatus.LATE)


class AttendanceRecord(OrganisationOwned):
    session = models.ForeignKey(
        TrainingSession, on_delete=models.PROTECT, related_name="attendance"
    )
    enrolment = models.ForeignKey(Enrolment, on_delete=models.PROTECT, related_name="attendance")
    status = models.CharField(max_length=20, choices=AttendanceStatus.choices)
    reason = models.CharField(max_length=300, blank=True)
    recorded_by = models.ForeignKey("accounts.User", on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = (
            models.UniqueConstraint(fields=("session", "enrolment"), name="attendance_once"),
        )

    def __str__(self) -> str:
        return f"{self.enrolment}: {self.get_status_display()} at {self.session}"


class StoryDraft(OrganisationOwned):
    """A trainee's private recovery story draft: only they can read it until they submit."""

    enrolment = models.OneToOneField(Enrolment, on_delete=models.PROTECT, related_name="story")
    text = models.TextField(blank=True)
    version = models.PositiveIntegerField(default=0)
    updated_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return f"Recovery story draft of {self.enrolment}"


class Submission(OrganisationOwned):
    """One version of a trainee's work for an assessment; every version is kept."""

    enrolment = models.ForeignKey(Enrolment, on_delete=models.PROTECT, related_name="submissions")
    assessment = models.ForeignKey(
        AssessmentRequirement, on_delete=models.PROTECT, related_name="submissions"
    )
    number = models.PositiveSmallIntegerField()
    text = models.TextField(blank=True)
    submitted_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ("enrolment", "assessment", "number")
        constraints = (
            models.UniqueConstraint(
                fields=("enrolment", "assessment", "number"), name="submission_version_unique"
            ),
        )

    def __str__(self) -> str:
        return f"{self.assessment} by {self.enrolment.trainee}, version {self.number}"


class AssessmentCriterion(OrganisationOwnedOrTemplate):
    """What a marker looks for in an assessment, optionally tied to a framework statement."""

    assessment = models.ForeignKey(
        AssessmentRequirement, on_delete=models.CASCADE, related_name="criteria"
    )
    order = models.PositiveSmallIntegerField()
    text = models.TextField()
    statement = models.ForeignKey(
        Statement, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ("assessment", "order")

    def __str__(self) -> str:
        return self.text


def submission_upload_to(instance: "SubmissionFile", filename: str) -> str:
    # A generated name, never the uploader's: nothing about the person in the path.
    import uuid

    return f"submissions/{instance.organisation_id}/{uuid.uuid4().hex}"


class SubmissionFile(OrganisationOwned):
    submission = models.OneToOneField(Submission, on_delete=models.PROTECT, related_name="file")
    upload = models.FileField(upload_to=submission_upload_to)
    original_name = models.CharField(max_length=200)
    content_type = models.CharField(max_length=100)
    size = models.PositiveIntegerField()

    def __str__(self) -> str:
        return self.original_name


class MarkOutcome(models.TextChoices):
    PASSED = "passed", "Passed"
    RESUBMIT = "resubmit", "Resubmission requested"


class Mark(OrganisationOwned):
    submission = models.OneToOneField(Submission, on_delete=models.PROTECT, related_name="mark")
    marker = models.ForeignKey("accounts.User", on_delete=models.PROTECT, related_name="+")
    outcome = models.CharField(max_length=20, choices=MarkOutcome.choices)
    feedback = models.TextField()
    # {criterion id: true/false} as marked.
    criteria_met = models.JSONField(default=dict)
    marked_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return f"{self.submission}: {self.get_outcome_display()}"


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


class PortfolioStatus(models.TextChoices):
    NOT_STARTED = "not_started", "Not started"
    IN_PROGRESS = "in_progress", "In progress"
    EVIDENCED = "evidenced", "Evidenced"
    SIGNED_OFF = "signed_off", "Signed off"


class PortfolioEntry(OrganisationOwned):
    """One competence statement in a trainee's portfolio, with its evidence and sign-off.

    It belongs to the person (through their enrolment), so it stays with them into
    employment.
    """

    enrolment = models.ForeignKey(Enrolment, on_delete=models.PROTECT, related_name="portfolio")
    statement = models.ForeignKey(Statement, on_delete=models.PROTECT, related_name="+")
    status = models.CharField(
        max_length=20, choices=PortfolioStatus.choices, default=PortfolioStatus.NOT_STARTED
    )
    review_requested_at = models.DateTimeField(null=True, blank=True)
    signed_off_by = models.ForeignKey(
        "accounts.User", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    signed_off_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = (
            models.UniqueConstraint(fields=("enrolment", "statement"), name="portfolio_once"),
        )

    def __str__(self) -> str:
        return f"{self.enrolment.trainee}: {self.statement.ref}"


class EvidenceKind(models.TextChoices):
    SUBMISSION = "submission", "Assessed work"
    PLACEMENT = "placement", "Placement day"
    OBSERVATION = "observation", "Observation"
    OTHER = "other", "Other"


class PortfolioEvidence(OrganisationOwned):
    entry = models.ForeignKey(PortfolioEntry, on_delete=models.PROTECT, related_name="evidence")
    kind = models.CharField(max_length=20, choices=EvidenceKind.choices)
    submission = models.ForeignKey(
        Submission, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    placement_day = models.ForeignKey(
        PlacementDay, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    note = models.TextField()
    added_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ("added_at", "pk")

    def __str__(self) -> str:
        return f"{self.get_kind_display()} for {self.entry}"


class Award(OrganisationOwned):
    """A graduation: issued only when the programme's rules are met, never edited after."""

    enrolment = models.OneToOneField(Enrolment, on_delete=models.PROTECT, related_name="award")
    certificate_number = models.CharField(max_length=32, unique=True)
    # What the certificate says, kept as it was on the day.
    trainee_name = models.CharField(max_length=200)
    programme_title = models.CharField(max_length=200)
    accreditation = models.CharField(max_length=200, blank=True)
    provider = models.CharField(max_length=300, blank=True)
    # The organisation that ran the programme and awards it, by name on the day.
    awarding_organisation = models.CharField(max_length=300, blank=True)
    # The certificate PeerPath issues for the award; empty when the programme names none
    # of its own (awards made before certificates were modelled keep this default).
    certificate_title = models.CharField(
        max_length=200, blank=True, default="Certificate of completion"
    )
    awarded_on = models.DateField()
    awarded_by = models.ForeignKey("accounts.User", on_delete=models.PROTECT, related_name="+")

    class Meta:
        constraints = (
            date_in_range("awarded_on", name="award_awarded_on_in_range", label="The award date"),
        )

    def __str__(self) -> str:
        return f"{self.certificate_number}: {self.trainee_name}"


class OutcomeKind(models.TextChoices):
    APPLIED = "applied", "Applied for a post"
    EMPLOYED = "employed", "Employed"
    VOLUNTEERING = "volunteering", "Volunteering"
    OTHER = "other", "Other"


class GraduateOutcome(OrganisationOwned):
    award = models.ForeignKey(Award, on_delete=models.PROTECT, related_name="outcomes")
    kind = models.CharField(max_length=20, choices=OutcomeKind.choices)
    team = models.ForeignKey(
        "organisations.Team", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    detail = models.CharField(max_length=300, blank=True)
    recorded_on = models.DateField()
    recorded_by = models.ForeignKey("accounts.User", on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ("recorded_on", "pk")
        constraints = (
            date_in_range("recorded_on", name="outcome_recorded_on_in_range", label="The date"),
        )

    def __str__(self) -> str:
        return f"{self.award}: {self.get_kind_display()}"
