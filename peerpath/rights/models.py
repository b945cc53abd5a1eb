"""A person's rights over their record (UK GDPR articles 15 and 16, and the Records
Management Code 2021):

- `AccessRequest`: a request for a copy of everything PeerPath holds about them (subject
  access). It has a one-month clock (`due_on`), which may be extended by up to two more
  months before it runs out. Its contents are assembled into `AccessPackItem` snapshots
  that a reviewer releases, redacts or withholds (hazard H12), then rendered into
  `AccessPackFile`s (a PDF and a JSON file) the person downloads.
- `Rectification`: the person says something in their record is wrong; the worker answers
  with an amendment or a reason. Both stay.
- `RetentionReview` and `Tombstone`: records past their retention period are reviewed by
  one admin and confirmed by a second before a command destroys them, leaving a tombstone.
"""

from datetime import date

from django.conf import settings
from django.db import models

from peerpath.core.dates import date_in_range
from peerpath.organisations.models import OrganisationOwned


class OnBehalf(models.TextChoices):
    PERSON = "person", "The person asked themselves"
    STAFF = "staff", "Staff asked for them, with their agreement"
    REPRESENTATIVE = "representative", "A representative asked, with the person's authority"


class RequestStatus(models.TextChoices):
    RECEIVED = "received", "Received: we are gathering your records"
    ASSEMBLED = "assembled", "Gathered: waiting for a reviewer"
    IN_REVIEW = "in_review", "Being reviewed"
    RELEASED = "released", "Ready"
    REFUSED = "refused", "Not provided"


OPEN_REQUEST_STATUSES = (
    RequestStatus.RECEIVED,
    RequestStatus.ASSEMBLED,
    RequestStatus.IN_REVIEW,
)


class AccessRequest(OrganisationOwned):
    person = models.ForeignKey(
        "caseload.Person", on_delete=models.PROTECT, related_name="access_requests"
    )
    received_on = models.DateField()
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+"
    )
    on_behalf = models.CharField(max_length=20, choices=OnBehalf.choices, default=OnBehalf.PERSON)
    identity_checked = models.BooleanField(default=False)
    due_on = models.DateField()
    extended_to = models.DateField(null=True, blank=True)
    extension_reason = models.TextField(blank=True)
    status = models.CharField(
        max_length=20, choices=RequestStatus.choices, default=RequestStatus.RECEIVED
    )
    refused_reason = models.TextField(blank=True)
    assembled_at = models.DateTimeField(null=True, blank=True)
    released_at = models.DateTimeField(null=True, blank=True)
    released_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ("-received_on", "-pk")
        indexes = (models.Index(fields=("organisation", "status"), name="sar_status"),)
        constraints = (
            date_in_range("received_on", name="sar_received_on_in_range", label="Date received"),
            date_in_range("due_on", name="sar_due_on_in_range", label="Due date"),
            date_in_range("extended_to", name="sar_extended_to_in_range", label="Extended to"),
        )

    def __str__(self) -> str:
        return f"Request for a copy of a record, {self.received_on:%-d %B %Y}"

    @property
    def answer_by(self) -> date:
        """The date the copy is due: the extended date, if any, else one month on."""
        return self.extended_to or self.due_on

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_REQUEST_STATUSES


class Decision(models.TextChoices):
    PENDING = "pending", "Waiting for a reviewer"
    RELEASE = "release", "Release"
    REDACT = "redact", "Release with a part removed"
    WITHHOLD = "withhold", "Withhold"


class AccessPackItem(OrganisationOwned):
    """One record as it stood when the copy was gathered (a snapshot), and the reviewer's
    decision about it."""

    request = models.ForeignKey(AccessRequest, on_delete=models.CASCADE, related_name="items")
    source = models.CharField(max_length=100)  # the registry's key, "recovery.goal"
    object_type = models.CharField(max_length=100)
    object_id = models.CharField(max_length=40)
    label = models.CharField(max_length=300)
    content = models.JSONField(default=dict)
    flags = models.JSONField(default=list)
    flagged = models.BooleanField(default=False)  # any flag: listed first for the reviewer
    decision = models.CharField(max_length=20, choices=Decision.choices, default=Decision.PENDING)
    redacted_content = models.JSONField(null=True, blank=True)
    decision_reason = models.TextField(blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    position = models.PositiveIntegerField(default=0)
    version = models.PositiveIntegerField(default=1)  # two reviewers deciding at once

    class Meta:
        ordering = ("-flagged", "position", "pk")
        indexes = (models.Index(fields=("request", "decision"), name="sar_item_decision"),)

    def __str__(self) -> str:
        return self.label

    @property
    def released_content(self) -> dict[str, object]:
        """What the person receives: the content, less any redacted field."""
        if self.decision == Decision.REDACT and self.redacted_content is not None:
            return dict(self.redacted_content)
        return dict(self.content)


class FileKind(models.TextChoices):
    PDF = "pdf", "PDF"
    JSON = "json", "JSON (for a computer)"


class AccessPackFile(OrganisationOwned):
    request = models.ForeignKey(AccessRequest, on_delete=models.CASCADE, related_name="files")
    kind = models.CharField(max_length=10, choices=FileKind.choices)
    data = models.BinaryField()
    sha256 = models.CharField(max_length=64)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ("kind",)
        constraints = (
            models.UniqueConstraint(fields=("request", "kind"), name="sar_file_once_per_kind"),
        )

    def __str__(self) -> str:
        return f"Copy of a record ({self.get_kind_display()})"


class About(models.TextChoices):
    DETAILS = "details", "My details"
    NOTE = "note", "A note about a meeting"
    PLAN = "plan", "A plan"
    GOALS = "goals", "My goals"
    OTHER = "other", "Something else"


class CorrectionStatus(models.TextChoices):
    OPEN = "open", "Waiting for an answer"
    AMENDED = "amended", "Corrected"
    NOT_CHANGED = "not_changed", "Not changed, with a reason"


class Rectification(OrganisationOwned):
    person = models.ForeignKey(
        "caseload.Person", on_delete=models.PROTECT, related_name="rectifications"
    )
    raised_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+"
    )
    raised_at = models.DateTimeField(auto_now_add=True)
    about = models.CharField(max_length=20, choices=About.choices)
    object_type = models.CharField(max_length=100, blank=True)
    object_id = models.CharField(max_length=40, blank=True)
    object_label = models.CharField(max_length=300, blank=True)
    what_is_wrong = models.TextField()
    should_say = models.TextField()
    status = models.CharField(
        max_length=20, choices=CorrectionStatus.choices, default=CorrectionStatus.OPEN
    )
    answer = models.TextField(blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    answered_at = models.DateTimeField(null=True, blank=True)
    amendment_ref = models.CharField(max_length=100, blank=True)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ("-raised_at", "-pk")
        indexes = (models.Index(fields=("person", "status"), name="rectification_status"),)

    def __str__(self) -> str:
        return f"Correction asked for: {self.get_about_display()}"


class RetentionDecision(models.TextChoices):
    KEEP = "keep", "Keep until a later date"
    DESTROY = "destroy", "Destroy"


class RetentionReview(OrganisationOwned):
    person = models.ForeignKey(
        "caseload.Person",
        null=True,
        on_delete=models.SET_NULL,
        related_name="retention_reviews",
    )
    due_on = models.DateField()
    decision = models.CharField(max_length=20, choices=RetentionDecision.choices)
    keep_until = models.DateField(null=True, blank=True)
    reason = models.TextField()
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    decided_at = models.DateTimeField(auto_now_add=True)
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    confirmed_at = models.DateTimeField(null=True, blank=True)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ("-decided_at", "-pk")
        constraints = (
            date_in_range("due_on", name="retention_due_on_in_range", label="Due date"),
            date_in_range("keep_until", name="retention_keep_until_in_range", label="Keep until"),
            models.CheckConstraint(
                condition=~models.Q(decision="keep") | models.Q(keep_until__isnull=False),
                name="retention_keep_has_date",
            ),
        )

    def __str__(self) -> str:
        return f"Retention review: {self.get_decision_display()}"


class Tombstone(OrganisationOwned):
    """What is left of a record destroyed after review: no name, only a reference, the
    dates that made it due, how many rows of each kind were destroyed, and by whom."""

    person_ref = models.CharField(max_length=40)
    care_ended_on = models.DateField(null=True, blank=True)
    year_of_death = models.PositiveSmallIntegerField(null=True, blank=True)
    review = models.ForeignKey(
        RetentionReview, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    counts = models.JSONField(default=dict)
    rule = models.CharField(max_length=200)
    destroyed_at = models.DateTimeField()
    destroyed_by_label = models.CharField(max_length=200)

    class Meta:
        ordering = ("-destroyed_at", "-pk")
        constraints = (
            date_in_range(
                "care_ended_on", name="tombstone_care_ended_on_in_range", label="Care ended"
            ),
        )

    def __str__(self) -> str:
        return f"Record {self.person_ref} destroyed {self.destroyed_at:%-d %B %Y}"
