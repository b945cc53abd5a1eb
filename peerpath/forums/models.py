"""Reflective practice sessions and quarterly peer worker professional forums.

Seed 003: "Support is provided by CPFT for peer workers through quarterly Peer Worker
Professional Forums after graduation" and "Reflective practice sessions in the Trust".
The peer development team (Coordinator role) schedules them for the organisation's peer
workers, and may invite graduates not yet employed. Attendance is recorded in neutral
words, never as a fault; the shared learning notes hold no personal details of people
supported (the coordinator confirms it each time they are saved).
"""

from django.conf import settings
from django.db import models

from peerpath.organisations.models import OrganisationOwned


class ForumKind(models.TextChoices):
    REFLECTIVE_PRACTICE = "reflective_practice", "Reflective practice session"
    PROFESSIONAL_FORUM = "professional_forum", "Peer Worker Professional Forum (quarterly)"


class Attendance(models.TextChoices):
    # Neutral words only: nobody "failed to attend".
    ATTENDED = "attended", "Attended"
    APOLOGIES = "apologies", "Sent apologies"
    NOT_THERE = "not_there", "Not there this time"


class Forum(OrganisationOwned):
    kind = models.CharField(max_length=30, choices=ForumKind.choices)
    starts_at = models.DateTimeField()
    place = models.CharField(max_length=200)
    theme = models.CharField(max_length=200)
    description = models.TextField(blank=True)
    learning_notes = models.TextField(blank=True)
    notes_have_no_personal_details = models.BooleanField(default=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    # A cancelled session is kept, with why, and invitees are told; it is never deleted.
    cancelled_at = models.DateTimeField(null=True, blank=True)
    cancelled_reason = models.TextField(blank=True)
    cancelled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    # The version check of the details, the register and the notes (core/versioning.py).
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ("-starts_at", "-pk")
        indexes = (models.Index(fields=("organisation", "starts_at"), name="forum_starts_at"),)

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.theme}"

    @property
    def is_cancelled(self) -> bool:
        return self.cancelled_at is not None


class ForumInvitation(OrganisationOwned):
    forum = models.ForeignKey(Forum, on_delete=models.PROTECT, related_name="invitations")
    invitee = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="forum_invitations"
    )
    attendance = models.CharField(max_length=20, choices=Attendance.choices, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ("forum", "pk")
        constraints = (
            models.UniqueConstraint(fields=("forum", "invitee"), name="forum_invitation_once"),
        )

    def __str__(self) -> str:
        return f"Invitation to {self.forum}"
