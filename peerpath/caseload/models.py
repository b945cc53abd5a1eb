"""People supported, the people who matter to them, and the peer relationship.

A person is always "the person" (never "the patient" or "the case"). Every table carries
its organisation, so each query is scoped by one indexed column (DESIGN: tenancy).
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models

from peerpath.core.dates import date_in_range
from peerpath.organisations.models import Organisation, OrganisationOwned, Team


def validate_nhs_number(value: str) -> None:
    """Ten digits whose modulus-11 check digit is right (NHS Data Dictionary)."""
    digits = value.replace(" ", "").replace("-", "")
    if len(digits) != 10 or not digits.isdigit():
        raise ValidationError("Enter an NHS number of 10 digits, like 943 476 5919.")
    total = sum(int(d) * (10 - i) for i, d in enumerate(digits[:9]))
    check = 11 - total % 11
    check = 0 if check == 11 else check
    if check == 10 or check != int(digits[9]):
        raise ValidationError(
            "This is not a valid NHS number: check the digits against a letter or the NHS App."
        )


class Person(OrganisationOwned):
    """Someone PeerPath's peer support workers support in their personal recovery."""

    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="people")
    # The team whose supervisors oversee the record; it moves when the person is transferred.
    team = models.ForeignKey(Team, on_delete=models.PROTECT, related_name="people")
    full_name = models.CharField(max_length=200)
    preferred_name = models.CharField(max_length=100, blank=True)
    pronouns = models.CharField(max_length=40, blank=True)
    date_of_birth = models.DateField(null=True, blank=True)
    # For how long the record is kept after death (rights' retention review).
    died_on = models.DateField(null=True, blank=True, verbose_name="Date of death")
    nhs_number = models.CharField(
        max_length=12, blank=True, validators=[validate_nhs_number], verbose_name="NHS number"
    )
    # How to reach the person: a safeguarding lead may need to, at once (issue 9).
    phone = models.CharField(max_length=40, blank=True)
    email = models.EmailField(blank=True)
    address = models.TextField(blank=True)
    contact_preferences = models.TextField(blank=True)
    communication_needs = models.TextField(
        blank=True, verbose_name="Communication needs and reasonable adjustments"
    )
    what_matters = models.TextField(
        blank=True, verbose_name="Cultural, spiritual or personal beliefs that matter to them"
    )
    # The person's own account, for the portal (a later issue).
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="person_record",
    )
    # Set when information was shared without consent to prevent serious harm.
    disclosure_recorded = models.BooleanField(default=False)
    version = models.PositiveIntegerField(default=1)
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ("full_name", "pk")
        indexes = (models.Index(fields=("organisation", "team"), name="person_org_team"),)
        constraints = (
            date_in_range(
                "date_of_birth", name="person_date_of_birth_in_range", label="The date of birth"
            ),
            date_in_range("died_on", name="person_died_on_in_range", label="The date of death"),
        )

    def __str__(self) -> str:
        return self.display_name

    @property
    def display_name(self) -> str:
        return self.preferred_name or self.full_name

    @property
    def second_identifier(self) -> str:
        """What tells them apart from someone of the same name (see presenters)."""
        from .presenters import second_identifier

        return second_identifier(self)

    @property
    def nhs_number_readable(self) -> str:
        """'943 476 5919', as people read it."""
        from .presenters import nhs_number

        return nhs_number(self.nhs_number)


class FamilyMember(OrganisationOwned):
    """A family member or carer who matters to the person."""

    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="family")
    name = models.CharField(max_length=200)
    relationship = models.CharField(
        max_length=100, help_text="For example: mother, partner, friend"
    )
    is_carer = models.BooleanField(default=False, verbose_name="They are a carer")
    phone = models.CharField(max_length=40, blank=True)
    email = models.EmailField(blank=True)
    may_be_told = models.TextField(
        blank=True,
        verbose_name="What they may be told",
        help_text="In the person's words. What a carer may see in PeerPath is set by consent.",
    )
    # The version check of the edit form (peerpath/core/versioning.py).
    version = models.PositiveIntegerField(default=1)
    # A carer's own account, so they can see what the person has chosen to share.
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="caring_for",
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ("name", "pk")

    def __str__(self) -> str:
        return f"{self.name} ({self.relationship})"


class AgreedHow(models.TextChoices):
    IN_PERSON = "in_person", "In person"
    PHONE = "phone", "On the phone"
    IN_WRITING = "in_writing", "In writing"


class PortalAgreement(OrganisationOwned):
    """The person's agreement to sign in to PeerPath themselves, recorded by their worker
    before the invitation is sent. Ended (never deleted) when the account is closed."""

    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="portal_agreements")
    agreed_on = models.DateField(verbose_name="When they agreed")
    how = models.CharField(max_length=20, choices=AgreedHow.choices, verbose_name="How they agreed")
    note = models.TextField(blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now_add=True)
    ended_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ("-agreed_on", "-pk")
        constraints = (
            date_in_range(
                "agreed_on", name="portal_agreement_agreed_on_in_range", label="The date agreed"
            ),
        )

    def __str__(self) -> str:
        return f"{self.person} agreed to sign in to PeerPath"


class WorkerProfile(OrganisationOwned):
    """What a PSW offers for matching: shared experience they are willing to draw on."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="worker_profiles"
    )
    shared_experiences = models.CharField(
        max_length=300,
        blank=True,
        help_text="Comma-separated, for example: psychosis, being a carer, hearing voices",
    )
    # How many people the worker supports at once: agreed between the worker and their
    # supervisor, who records it (services.capacity_agree); matching never goes past it.
    capacity = models.PositiveSmallIntegerField(
        default=8, help_text="How many people you can support at once"
    )
    capacity_agreed_on = models.DateField(null=True, blank=True)
    capacity_agreed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    # The version check of the edit form (peerpath/core/versioning.py).
    version = models.PositiveIntegerField(default=1)

    class Meta:
        constraints = (
            models.UniqueConstraint(fields=("organisation", "user"), name="worker_profile_unique"),
            date_in_range(
                "capacity_agreed_on",
                name="worker_profile_capacity_agreed_on_in_range",
                label="The date the capacity was agreed",
            ),
        )

    def __str__(self) -> str:
        return f"Profile of {self.user}"

    def experiences(self) -> list[str]:
        return [e.strip().lower() for e in self.shared_experiences.split(",") if e.strip()]


class Status(models.TextChoices):
    REFERRED = "referred", "Referred"
    OFFERED = "offered", "Offered"
    ACTIVE = "active", "Active"
    ENDING = "ending", "Ending"
    ENDED = "ended", "Ended"
    DECLINED = "declined", "Declined"


# While a relationship is in one of these, its worker (and anyone it is shared with) sees
# the person's record. Once it has ended or been declined, they do not.
OPEN_STATUSES = (Status.REFERRED, Status.OFFERED, Status.ACTIVE, Status.ENDING)

# Before peer support is active: a referral, or someone who said "yes" (offered). Who a
# supervisor can match among them is the match step's rule (steps.MATCH).
MATCHABLE_STATUSES = (Status.REFERRED, Status.OFFERED)
# The waiting list: open referrals with nobody allocated, whatever the person has said.
WAITING = models.Q(status__in=MATCHABLE_STATUSES, worker__isnull=True)


class ReferralSource(models.TextChoices):
    TEAM = "team", "A team"
    PROFESSIONAL = "professional", "A professional"
    SELF = "self", "The person themselves"


class PeerRelationship(OrganisationOwned):
    """From referral to ending: referred → offered → active → ending → ended (or declined)."""

    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="relationships"
    )
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="relationships")
    team = models.ForeignKey(Team, on_delete=models.PROTECT, related_name="relationships")
    # Null while the referral waits for a worker with capacity (the waiting list).
    worker = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="relationships",
    )
    shared_with = models.ManyToManyField(
        settings.AUTH_USER_MODEL, blank=True, related_name="shared_relationships"
    )
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.REFERRED)

    # Referral
    source = models.CharField(max_length=20, choices=ReferralSource.choices)
    referrer = models.CharField(
        max_length=200, blank=True, help_text="Who referred, and how to reach them"
    )
    reason = models.TextField(verbose_name="Reason for referral")
    experience_wanted = models.CharField(
        max_length=300,
        blank=True,
        verbose_name="Shared experience the person asks for",
        help_text="Comma-separated, for example: psychosis, being a carer",
    )
    referred_on = models.DateField()

    # Choice
    offered_on = models.DateField(null=True, blank=True)
    choice_recorded_on = models.DateField(null=True, blank=True)
    choice_note = models.TextField(blank=True)

    # First meeting
    first_met_on = models.DateField(null=True, blank=True)
    purpose_discussed = models.BooleanField(default=False)
    boundaries_discussed = models.BooleanField(default=False)
    confidentiality_discussed = models.BooleanField(default=False)
    consent_to_proceed = models.BooleanField(default=False)
    meeting_place = models.TextField(blank=True, verbose_name="Where the person prefers to meet")
    away_from_services = models.BooleanField(
        default=False, verbose_name="A place not associated with services"
    )
    safety_check = models.TextField(blank=True, verbose_name="Personal-safety check")

    # Ending and transitions
    planned_end_on = models.DateField(null=True, blank=True)
    next_wanted = models.TextField(blank=True, verbose_name="What the person wants next")
    ended_on = models.DateField(null=True, blank=True)
    # When the ending was recorded (ended_on may be typed as an earlier day): the worker
    # may read the summary for a while after this (scoping.ENDED_SUMMARY_READABLE_FOR).
    ended_at = models.DateTimeField(null=True, blank=True)
    ending_summary = models.TextField(blank=True)
    transition_to = models.TextField(blank=True, verbose_name="Where the person is going")
    continuity_plan = models.TextField(blank=True, verbose_name="What continuity is planned")

    version = models.PositiveIntegerField(default=1)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ("-referred_on", "-pk")
        indexes = (
            models.Index(fields=("organisation", "worker", "status"), name="relationship_worker"),
            models.Index(fields=("organisation", "team", "status"), name="relationship_team"),
        )
        constraints = (
            date_in_range(
                "referred_on",
                name="relationship_referred_on_in_range",
                label="The date of referral",
            ),
            date_in_range(
                "offered_on",
                name="relationship_offered_on_in_range",
                label="The date peer support was offered",
            ),
            date_in_range(
                "choice_recorded_on",
                name="relationship_choice_recorded_on_in_range",
                label="The date they decided",
            ),
            date_in_range(
                "first_met_on",
                name="relationship_first_met_on_in_range",
                label="The date of the first meeting",
            ),
            date_in_range(
                "planned_end_on",
                name="relationship_planned_end_on_in_range",
                label="The planned end date",
            ),
            date_in_range(
                "ended_on", name="relationship_ended_on_in_range", label="The date it ended"
            ),
        )

    def __str__(self) -> str:
        return f"Peer support for {self.person}"

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_STATUSES


class RelationshipEvent(OrganisationOwned):
    """The relationship's history: each change of status, worker, team or sharing."""

    relationship = models.ForeignKey(
        PeerRelationship, on_delete=models.PROTECT, related_name="events"
    )
    at = models.DateTimeField(auto_now_add=True)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+"
    )
    text = models.CharField(max_length=500)

    class Meta:
        ordering = ("at", "pk")

    def __str__(self) -> str:
        return self.text
