"""Contact records, accompanying, and signposting with follow-up.

A contact note is written as a draft and then signed. A signed note is never changed:
corrections are amendments with a reason, and both texts stay visible.
"""

from typing import Any

from django.conf import settings
from django.db import models
from django.utils import timezone

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


class WithholdingReason(models.TextChoices):
    THIRD_PARTY = "third_party", "It would tell them about someone else (a third party)"
    SERIOUS_HARM = "serious_harm", "Reading it would be likely to cause serious harm"
    OTHER = "other", "Another reason"


class NoteWithholding(OrganisationOwned):
    """A signed note held back from the person it is about, with the reason.

    While it is in force (not lifted) the person does not see the note at all, not even
    that it exists; the subject access request flags it for a reviewer. At most one is in
    force per note; lifting it keeps the row, with who lifted it and why.
    """

    note = models.ForeignKey(ContactNote, on_delete=models.PROTECT, related_name="withholdings")
    reason_kind = models.CharField(
        max_length=20, choices=WithholdingReason.choices, verbose_name="Why"
    )
    reason = models.TextField(verbose_name="The reason, in a sentence or two")
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField(default=timezone.now)
    lifted_at = models.DateTimeField(null=True, blank=True)
    lifted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    lift_reason = models.TextField(blank=True)

    class Meta:
        ordering = ("-at", "-pk")
        constraints = (
            models.UniqueConstraint(
                fields=("note",),
                condition=models.Q(lifted_at__isnull=True),
                name="note_withholding_one_in_force",
            ),
            models.CheckConstraint(
                condition=~models.Q(reason=""), name="note_withholding_has_reason"
            ),
            models.CheckConstraint(
                condition=models.Q(lifted_at__isnull=True, lifted_by__isnull=True, lift_reason="")
                | (
                    models.Q(lifted_at__isnull=False, lifted_by__isnull=False)
                    & ~models.Q(lift_reason="")
                ),
                name="note_withholding_lifted_with_reason",
            ),
        )

    def __str__(self) -> str:
        return f"Held back: {self.note}"

    @property
    def in_force(self) -> bool:
        return self.lifted_at is None


class NoteResponseKept(Exception):
    """Raised on any attempt to change or delete a person's view of a note."""


class NoteResponse(OrganisationOwned):
    """The person's own view of a note about them ("my view"). Kept as written: never
    edited or removed by anyone (the model refuses, and PostgreSQL's trigger too)."""

    note = models.ForeignKey(ContactNote, on_delete=models.PROTECT, related_name="responses")
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="note_responses")
    text = models.TextField(verbose_name="Your view")
    written_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    written_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ("written_at", "pk")
        indexes = (models.Index(fields=("person", "-written_at"), name="note_response_person_at"),)
        constraints = (
            models.CheckConstraint(condition=~models.Q(text=""), name="note_response_has_text"),
        )

    def __str__(self) -> str:
        return f"View of {self.note}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if not self._state.adding:
            raise NoteResponseKept("A person's view of a note is kept as they wrote it.")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> Any:
        raise NoteResponseKept("A person's view of a note is kept as they wrote it.")


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


class RequestKind(models.TextChoices):
    CHANGE = "change", "Change it"
    CANCEL = "cancel", "Cancel it"


class RequestStatus(models.TextChoices):
    WAITING = "waiting", "Waiting for an answer"
    DONE = "done", "Done"
    DECLINED = "declined", "Not done"


class AppointmentRequest(OrganisationOwned):
    """The person asks to change or cancel one of their appointments; their PSW answers."""

    appointment = models.ForeignKey(Appointment, on_delete=models.PROTECT, related_name="requests")
    person = models.ForeignKey(
        Person, on_delete=models.PROTECT, related_name="appointment_requests"
    )
    kind = models.CharField(max_length=10, choices=RequestKind.choices, verbose_name="What")
    message = models.TextField(blank=True)
    made_at = models.DateTimeField(default=timezone.now)
    status = models.CharField(
        max_length=10, choices=RequestStatus.choices, default=RequestStatus.WAITING
    )
    answer = models.TextField(blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    answered_at = models.DateTimeField(null=True, blank=True)
    # The version check of the answer form (peerpath/core/versioning.py).
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ("-made_at", "-pk")
        constraints = (
            # One question at a time per appointment: a second waits for the first answer.
            models.UniqueConstraint(
                fields=("appointment",),
                condition=models.Q(status="waiting"),
                name="appointment_request_one_waiting",
            ),
            models.CheckConstraint(
                condition=models.Q(status="waiting", answered_at__isnull=True)
                | (~models.Q(status="waiting") & models.Q(answered_at__isnull=False)),
                name="appointment_request_answered_when_done",
            ),
        )

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.appointment}"


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
    # Who said what happened: the PSW, or the person themselves ("I went").
    outcome_recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
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
