"""Consent to share, safeguarding concerns, and disclosures without consent.

Consent is data: each sharing consent names the recipient and the scope, with granted and
withdrawn times. Every sharing path asks `may_share` at the moment of use (hazard H4).
"""

from datetime import datetime, timedelta
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone

from peerpath.caseload.models import FamilyMember, Person
from peerpath.organisations.models import OrganisationOwned


class ShareScope(models.TextChoices):
    GOALS = "goals", "Recovery goals"
    RECOVERY_PLAN = "recovery_plan", "Recovery plan"
    CRISIS_PLAN = "crisis_plan", "Crisis plan"
    ADVANCE_STATEMENT = "advance_statement", "Advance statement"
    APPOINTMENTS = "appointments", "Appointments"


class SharingConsent(OrganisationOwned):
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="sharing_consents")
    recipient = models.ForeignKey(FamilyMember, on_delete=models.PROTECT, related_name="consents")
    scope = models.CharField(max_length=30, choices=ShareScope.choices)
    granted_at = models.DateTimeField()
    granted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    withdrawn_at = models.DateTimeField(null=True, blank=True)
    withdrawn_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ("-granted_at", "pk")
        indexes = (models.Index(fields=("recipient", "scope"), name="consent_recipient_scope"),)
        constraints = (
            # At most one consent in force per recipient and scope, so withdrawing it
            # always stops the sharing (hazard H4).
            models.UniqueConstraint(
                fields=("recipient", "scope"),
                condition=models.Q(withdrawn_at__isnull=True),
                name="consent_one_in_force",
            ),
        )

    def __str__(self) -> str:
        return f"{self.person} shares {self.get_scope_display()} with {self.recipient}"


class AbuseType(models.TextChoices):
    PHYSICAL = "physical", "Physical abuse"
    EMOTIONAL = "emotional", "Emotional or psychological abuse"
    SEXUAL = "sexual", "Sexual abuse"
    FINANCIAL = "financial", "Financial or material abuse"
    NEGLECT = "neglect", "Neglect or acts of omission"
    SELF_NEGLECT = "self_neglect", "Self-neglect"
    DOMESTIC = "domestic", "Domestic abuse"
    DISCRIMINATORY = "discriminatory", "Discriminatory abuse"
    ORGANISATIONAL = "organisational", "Organisational abuse"
    MODERN_SLAVERY = "modern_slavery", "Modern slavery"
    RISK_TO_SELF = "risk_to_self", "Risk of harm to self"
    OTHER = "other", "Something else"


class Immediacy(models.TextChoices):
    IMMEDIATE = "immediate", "Someone is in immediate danger"
    TODAY = "today", "Needs action today"
    SOON = "soon", "Needs action within a few days"


# How long the safeguarding lead has to act on a concern, from the moment it is raised, by
# how soon it needs action (hazard H2). Past this an open concern is overdue: it goes to the
# top of the queue with a red "Overdue" tag, and the `escalate_safeguarding_concerns`
# command tells the organisation's other safeguarding leads. Changing a time here changes
# the due time of concerns raised from then on (saved ones keep theirs).
CONCERN_RESPONSE_TIMES: dict[str, timedelta] = {
    Immediacy.IMMEDIATE: timedelta(hours=1),
    Immediacy.TODAY: timedelta(hours=8),
    Immediacy.SOON: timedelta(days=3),
}


def concern_due_at(raised_at: datetime, immediacy: str) -> datetime:
    """When a concern raised at `raised_at` with this immediacy needs action by.

    An immediacy not in the mapping gets the shortest time: never later than it should be.
    """
    allowed = CONCERN_RESPONSE_TIMES.get(immediacy, min(CONCERN_RESPONSE_TIMES.values()))
    return raised_at + allowed


class ConcernStatus(models.TextChoices):
    OPEN = "open", "Open"
    CLOSED = "closed", "Closed"


class SafeguardingConcern(OrganisationOwned):
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="concerns")
    raised_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    raised_at = models.DateTimeField()
    # The record it was raised from, if any ("caseload.person:12", "contacts.contactnote:4").
    raised_from = models.CharField(max_length=100, blank=True)
    abuse_type = models.CharField(
        max_length=30, choices=AbuseType.choices, verbose_name="Type of abuse or neglect"
    )
    who_is_at_risk = models.TextField()
    immediacy = models.CharField(max_length=20, choices=Immediacy.choices)
    # raised_at + CONCERN_RESPONSE_TIMES[immediacy], fixed when raised.
    due_at = models.DateTimeField()
    # When it was overdue and the other safeguarding leads (or the admins) were told; set
    # once, so it is escalated once.
    escalated_at = models.DateTimeField(null=True, blank=True)
    what_was_said = models.TextField()
    actions_taken = models.TextField()
    # Who it went to at once, fixed when raised.
    lead = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    supervisor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    status = models.CharField(
        max_length=10, choices=ConcernStatus.choices, default=ConcernStatus.OPEN
    )
    outcome = models.TextField(blank=True)
    closed_at = models.DateTimeField(null=True, blank=True)
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ("-raised_at", "-pk")
        indexes = (
            models.Index(fields=("organisation", "status"), name="concern_org_status"),
            # The escalation command's search: open, not yet escalated, past due.
            models.Index(fields=("status", "escalated_at", "due_at"), name="concern_to_escalate"),
            # The safeguarding queue (selectors.concerns): open concerns in the queue's
            # order, and closed ones newest first, each from a small index of its own.
            models.Index(
                fields=("organisation", "due_at", "-raised_at", "-id"),
                condition=models.Q(status="open"),
                name="concern_open_queue",
            ),
            models.Index(
                fields=("organisation", "-raised_at", "-id"),
                condition=models.Q(status="closed"),
                name="concern_closed_recent",
            ),
        )
        constraints = (
            models.CheckConstraint(
                condition=~models.Q(status="closed") | ~models.Q(outcome=""),
                name="concern_closed_has_outcome",
            ),
        )

    def __str__(self) -> str:
        return f"Safeguarding concern about {self.person}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        # A concern saved without a due time (test data, a shell) still gets one.
        if self.due_at is None and self.raised_at is not None:
            self.due_at = concern_due_at(self.raised_at, self.immediacy)
        super().save(*args, **kwargs)

    @property
    def is_overdue(self) -> bool:
        """Open and past its due time (closed concerns are never overdue)."""
        return (
            self.status == ConcernStatus.OPEN
            and self.due_at is not None
            and self.due_at < timezone.now()
        )


class Disclosure(OrganisationOwned):
    """Information shared without consent to prevent serious harm, with the justification."""

    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="disclosures")
    concern = models.ForeignKey(
        SafeguardingConcern,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="disclosures",
    )
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField()
    told_whom = models.CharField(max_length=300, verbose_name="Who was told")
    what_was_shared = models.TextField()
    justification = models.TextField(
        verbose_name="Why it was necessary to share without consent",
    )
    person_told = models.TextField(
        blank=True, verbose_name="Whether and how the person was told, or why not"
    )
    # Why the person is not shown this disclosure on their own sharing page (blank: they
    # are). Set by a supervisor or safeguarding lead, audited; a subject access request
    # still flags it for the reviewer.
    withheld_from_person = models.TextField(
        blank=True, verbose_name="Why the person is not shown this disclosure"
    )
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ("-at", "-pk")

    def __str__(self) -> str:
        return f"Disclosure about {self.person} to {self.told_whom}"


class ConcernActionKind(models.TextChoices):
    CALL = "call", "A call made or received"
    TOLD = "told", "Someone was told"
    MEETING = "meeting", "A meeting or visit"
    AGREED = "agreed", "An action agreed"
    OTHER = "other", "Something else"


class ConcernAction(OrganisationOwned):
    """One dated entry on a concern's timeline: what was done, when, and who recorded it.

    Append-only: an entry is never changed or deleted (a correction is a new entry), so
    the timeline says what was known and done at each moment (hazard H2). The model
    refuses it here; on PostgreSQL a trigger refuses UPDATE and DELETE too.
    """

    concern = models.ForeignKey(
        SafeguardingConcern, on_delete=models.PROTECT, related_name="actions"
    )
    # The concern's person, kept here so the row is scoped and audited by itself.
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="+")
    kind = models.CharField(max_length=20, choices=ConcernActionKind.choices)
    happened_at = models.DateTimeField(verbose_name="When it happened")
    with_whom = models.CharField(
        max_length=300, blank=True, verbose_name="Who was contacted or told"
    )
    what = models.TextField(verbose_name="What was done")
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ("happened_at", "pk")
        indexes = (models.Index(fields=("concern", "happened_at"), name="concern_action_time"),)

    def __str__(self) -> str:
        return f"{self.get_kind_display()} on {self.happened_at:%-d %B %Y}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.pk is not None:
            raise ValidationError("A timeline entry cannot be changed; add a new entry.")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> Any:
        raise ValidationError("A timeline entry cannot be deleted; add a new entry.")


class CarerMessage(OrganisationOwned):
    """A message a carer sends to the peer support worker of the person they care for.

    Its text is the carer's own words (third-party information in a subject access
    request); the email that tells the worker carries no personal details.
    """

    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="carer_messages")
    sender = models.ForeignKey(FamilyMember, on_delete=models.PROTECT, related_name="messages")
    sender_user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    text = models.TextField(verbose_name="Your message")
    sent_at = models.DateTimeField()
    # The worker of the person's open relationship when it was sent (None: nobody yet; the
    # message still shows on the person's record for their supervisors).
    to_worker = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    read_at = models.DateTimeField(null=True, blank=True)
    read_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ("-sent_at", "-pk")
        indexes = (
            models.Index(fields=("to_worker", "read_at"), name="carer_message_unread"),
            models.Index(fields=("person", "sent_at"), name="carer_message_person"),
        )

    def __str__(self) -> str:
        return f"Message from {self.sender.name} about {self.person}"
