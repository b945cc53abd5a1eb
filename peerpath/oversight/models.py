"""Urgent access (break-the-glass, hazards H11 and H7): staff outside a person's caseload
who need their crisis plan at once (an on-call or crisis team, a supervisor, a safeguarding
lead) give a reason and get a grant that opens the crisis plan and contact details only,
for a few hours. Every grant is reviewed afterwards by the team's supervisors or a
safeguarding lead, and the person sees it, with its reason, in "who has seen my record".

"Who has seen my record" itself keeps nothing: it reads the audit log.
"""

from datetime import timedelta

from django.conf import settings
from django.db import models

from peerpath.caseload.models import Person
from peerpath.core.roles import Role
from peerpath.organisations.models import OrganisationOwned

# How long a grant lasts (as DHIS2's "breaking the glass"); a setting may shorten it.
URGENT_ACCESS_LASTS = timedelta(hours=getattr(settings, "PEERPATH_URGENT_ACCESS_HOURS", 3))
REASON_MIN_LENGTH = 10


class ReasonKind(models.TextChoices):
    CRISIS_CALL = "crisis_call", "A crisis call"
    ON_CALL_REQUEST = "on_call_request", "A request to the on-call team"
    SAFEGUARDING = "safeguarding", "A safeguarding concern"
    OTHER = "other", "Something else"


class ReviewOutcome(models.TextChoices):
    APPROPRIATE = "appropriate", "Appropriate"
    DISCUSS = "discuss", "To discuss with them"


class UrgentAccess(OrganisationOwned):
    """One grant: who, about whom, why, for how long, and its review."""

    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="urgent_accesses")
    granted_to = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="urgent_accesses"
    )
    # The role they used (on call, supervisor, safeguarding lead), for the audit rows.
    role_used = models.CharField(max_length=30, choices=Role.choices)
    reason_kind = models.CharField(max_length=20, choices=ReasonKind.choices)
    # The person reads this in "who has seen my record"; staff are told so on the form.
    reason = models.TextField()
    started_at = models.DateTimeField()
    expires_at = models.DateTimeField()
    ended_at = models.DateTimeField(null=True, blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    reviewed_at = models.DateTimeField(null=True, blank=True)
    review_outcome = models.CharField(
        max_length=20, choices=ReviewOutcome.choices, blank=True, default=""
    )
    review_note = models.TextField(blank=True)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ("-started_at", "-pk")
        indexes = (
            models.Index(fields=("organisation", "-started_at"), name="urgent_org_started"),
            models.Index(fields=("granted_to", "-expires_at"), name="urgent_granted_to"),
        )
        constraints = (
            models.CheckConstraint(
                condition=models.Q(expires_at__gt=models.F("started_at")),
                name="urgent_expires_after_start",
            ),
            models.CheckConstraint(
                condition=models.Q(ended_at__isnull=True)
                | models.Q(ended_at__gte=models.F("started_at")),
                name="urgent_ends_after_start",
            ),
            models.CheckConstraint(
                condition=models.Q(
                    reviewed_at__isnull=True, reviewed_by__isnull=True, review_outcome=""
                )
                | (
                    models.Q(reviewed_at__isnull=False, reviewed_by__isnull=False)
                    & ~models.Q(review_outcome="")
                ),
                name="urgent_review_complete",
            ),
            models.CheckConstraint(
                condition=models.Q(reason_kind__in=ReasonKind.values),
                name="urgent_reason_kind_known",
            ),
        )

    def __str__(self) -> str:
        return f"Urgent access {self.pk}"

    def ends_at(self) -> object:
        """When the access stopped or stops: ended early, else when it expires."""
        return self.ended_at or self.expires_at

    @property
    def audit_reason(self) -> str:
        """What every audit row of this grant says (the person reads it)."""
        return f"urgent access {self.pk}: {self.get_reason_kind_display()}: {self.reason}"
