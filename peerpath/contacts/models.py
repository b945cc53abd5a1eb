"""Contact records, accompanying, and signposting with follow-up.

A contact note is written as a draft and then signed. A signed note is never changed:
corrections are amendments with a reason, and both texts stay visible.
"""

from typing import Any

from django.conf import settings
from django.db import models

from peerpath.caseload.models import Person
from peerpath.core.dates import date_in_range
from peerpath.directory.models import Service
from peerpath.organisations.models import OrganisationOwned
from peerpath.recovery.models import Goal


class SignedNoteError(Exception):
    """Raised on any attempt to change a signed note."""


class ContactKind(models.TextChoices):
    ONE_TO_ONE = "one_to_one", "One-to-one"
    GROUP = "group", "Group"
    PHONE = "phone", "Phone"
    VIDEO = "video", "Video"
    ACCOMPANYING = "accompanying", "Accompanying to an appointment"


class ContactNote(OrganisationOwned):
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="contacts")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    contact_on = models.DateField(verbose_name="Date of contact")
    kind = models.CharField(max_length=20, choices=ContactKind.choices, verbose_name="Type")
    place = models.CharField(max_length=200, blank=True)
    duration_minutes = models.PositiveSmallIntegerField(verbose_name="Duration (minutes)")
    goals = models.ManyToManyField(
        Goal, blank=True, related_name="contacts", verbose_name="Goals worked on"
    )
    note = models.TextField()
    signed_at = models.DateTimeField(null=True, blank=True)
    version = models.PositiveIntegerField(default=1)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ("-contact_on", "-pk")
        indexes = (models.Index(fields=("person", "-contact_on"), name="contact_person_date"),)
        constraints = (
            models.CheckConstraint(
                condition=models.Q(duration_minutes__gte=1, duration_minutes__lte=720),
                name="contact_duration_1_to_720",
            ),
            # Every note is written as a draft first, where the date is checked; a note
            # signed before the check keeps the date it was signed with (signed notes are
            # never changed, and PostgreSQL refuses to change them).
            date_in_range(
                "contact_on",
                name="contact_on_in_range",
                label="The date of contact",
                unless=models.Q(signed_at__isnull=False),
            ),
        )

    def __str__(self) -> str:
        return f"{self.get_kind_display()} on {self.contact_on:%d %B %Y}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if (
            self.pk is not None
            and type(self).objects.filter(pk=self.pk, signed_at__isnull=False).exists()
        ):
            raise SignedNoteError("A signed note cannot be changed; add an amendment.")
        super().save(*args, **kwargs)

    @property
    def is_signed(self) -> bool:
        return self.signed_at is not None


class NoteAmendment(OrganisationOwned):
    note = models.ForeignKey(ContactNote, on_delete=models.PROTECT, related_name="amendments")
    text = models.TextField(verbose_name="Amended text")
    reason = models.CharField(max_length=300, verbose_name="Reason for the amendment")
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ("at", "pk")

    def __str__(self) -> str:
        return f"Amendment to {self.note}"


class Appointment(OrganisationOwned):
    """An appointment, meeting or activity the PSW accompanies the person to."""

    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="appointments")
    worker = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    starts_at = models.DateTimeField()
    what = models.CharField(
        max_length=200, help_text="For example: GP review, housing meeting, art class"
    )
    place = models.CharField(max_length=200)
    goal = models.ForeignKey(
        Goal, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    how_it_went = models.TextField(blank=True)
    cancelled = models.BooleanField(default=False)
    # The version check of the edit form (peerpath/core/versioning.py).
    version = models.PositiveIntegerField(default=1)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ("starts_at", "pk")
        indexes = (models.Index(fields=("worker", "starts_at"), name="appointment_worker_at"),)

    def __str__(self) -> str:
        return self.what


class SignpostOutcome(models.TextChoices):
    WENT = "went", "Went"
    DID_NOT_GO = "did_not_go", "Did not go"
    NEEDS_DIFFERENT = "needs_different", "Needs something different"


class Signpost(OrganisationOwned):
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="signposts")
    service = models.ForeignKey(Service, on_delete=models.PROTECT, related_name="signposts")
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    willing_and_able = models.BooleanField(verbose_name="The person is willing and able to go")
    note = models.TextField(blank=True)
    follow_up_on = models.DateField()
    outcome = models.CharField(max_length=20, choices=SignpostOutcome.choices, blank=True)
    outcome_note = models.TextField(blank=True)
    outcome_recorded_on = models.DateField(null=True, blank=True)
    # The version check of the edit form (peerpath/core/versioning.py).
    version = models.PositiveIntegerField(default=1)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ("follow_up_on", "pk")
        indexes = (models.Index(fields=("by", "follow_up_on"), name="signpost_by_follow_up"),)
        constraints = (
            date_in_range(
                "follow_up_on", name="signpost_follow_up_on_in_range", label="The follow-up date"
            ),
            date_in_range(
                "outcome_recorded_on",
                name="signpost_outcome_recorded_on_in_range",
                label="The date of the outcome",
            ),
            # Signposting happens only when the person is willing and able to go.
            models.CheckConstraint(
                condition=models.Q(willing_and_able=True), name="signpost_willing_and_able"
            ),
            models.CheckConstraint(
                condition=models.Q(outcome="", outcome_recorded_on__isnull=True)
                | (~models.Q(outcome="") & models.Q(outcome_recorded_on__isnull=False)),
                name="signpost_outcome_has_date",
            ),
        )

    def __str__(self) -> str:
        return f"{self.person} to {self.service}"
