"""Peer groups: facilitators, members, sessions and attendance (absence without penalty)."""

from django.conf import settings
from django.db import models
from django.utils import timezone

from peerpath.caseload.models import Person
from peerpath.organisations.models import OrganisationOwned, Team


class PeerGroup(OrganisationOwned):
    team = models.ForeignKey(Team, on_delete=models.PROTECT, related_name="peer_groups")
    name = models.CharField(max_length=200)
    purpose = models.TextField()
    where = models.CharField(max_length=200, blank=True)
    facilitators = models.ManyToManyField(
        settings.AUTH_USER_MODEL, related_name="facilitated_groups"
    )
    members = models.ManyToManyField(Person, blank=True, related_name="peer_groups")
    # Bumped by every edit of the group's details, so two editors never overwrite each other.
    version = models.PositiveIntegerField(default=1)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ("name", "pk")
        constraints = (
            models.UniqueConstraint(fields=("organisation", "name"), name="peer_group_name_unique"),
        )

    def __str__(self) -> str:
        return self.name


class GroupSession(OrganisationOwned):
    group = models.ForeignKey(PeerGroup, on_delete=models.PROTECT, related_name="sessions")
    starts_at = models.DateTimeField()
    topic = models.CharField(max_length=200, blank=True)
    # The version check of the session's register (peerpath/core/versioning.py).
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ("-starts_at", "pk")

    def __str__(self) -> str:
        return f"{self.group} on {self.starts_at:%d %B %Y}"


class Presence(models.TextChoices):
    CAME = "came", "Came"
    NOT_THIS_TIME = "not_this_time", "Not this time"
    LET_US_KNOW = "let_us_know", "Let us know they could not come"


class Attendance(OrganisationOwned):
    session = models.ForeignKey(GroupSession, on_delete=models.PROTECT, related_name="attendance")
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="group_attendance")
    presence = models.CharField(max_length=20, choices=Presence.choices)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = (
            models.UniqueConstraint(fields=("session", "person"), name="attendance_unique"),
        )

    def __str__(self) -> str:
        return f"{self.person}: {self.get_presence_display()}"
