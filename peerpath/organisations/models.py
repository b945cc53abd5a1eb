"""Organisations, their teams, and memberships: the tenancy boundary of PeerPath."""

from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone

from peerpath.core.roles import Role


class OrganisationKind(models.TextChoices):
    NHS_TRUST = "nhs_trust", "NHS trust"
    RECOVERY_COLLEGE = "recovery_college", "Recovery college"
    CHARITY = "charity", "Charity"
    OTHER = "other", "Other"


# Kinds of organisation that are NHS bodies: only they show the NHS identity (logo) in
# PeerPath's header; a recovery college or charity gets a plain PeerPath header.
NHS_BODY_KINDS: frozenset[str] = frozenset({OrganisationKind.NHS_TRUST})


class Organisation(models.Model):
    name = models.CharField(max_length=200, unique=True)
    slug = models.SlugField(max_length=60, unique=True)
    kind = models.CharField(max_length=30, choices=OrganisationKind.choices)
    # Publish the competence framework at /published/<slug>/framework/ for anyone to read.
    publishes_framework = models.BooleanField(default=False)
    # How long a person's record is kept (Records Management Code of Practice 2021, mental
    # health records): years after care ended, or after death. Then it is reviewed.
    retention_years_after_care = models.PositiveSmallIntegerField(
        default=20, validators=[MinValueValidator(8), MaxValueValidator(100)]
    )
    retention_years_after_death = models.PositiveSmallIntegerField(
        default=10, validators=[MinValueValidator(8), MaxValueValidator(100)]
    )
    # The version check of the settings form (peerpath/core/versioning.py).
    version = models.PositiveIntegerField(default=1)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ("name",)

    def __str__(self) -> str:
        return self.name

    @property
    def is_nhs_body(self) -> bool:
        return self.kind in NHS_BODY_KINDS


# The bases of every record that belongs to one organisation (ADR-014).


class OrganisationMismatch(ValueError):
    """A record names a parent (its person, programme, cohort...) of another organisation."""


class OrganisationRecord(models.Model):
    """A record that belongs to an organisation (its `organisation` foreign key comes from
    OrganisationOwned or OrganisationOwnedOrTemplate), and so does everything it points at.

    A parent it points at (its person, programme, cohort...) must belong to the same
    organisation: `save()` refuses otherwise (OrganisationMismatch) for a parent already in
    hand, so the guard costs no query, and `clean()` says it per field. A parent that
    belongs to no organisation (a published programme template) may be pointed at by any.
    `peerpath/tests/test_organisation_owned.py` checks every row of the demo and of the
    test world.
    """

    organisation_id: int | None

    class Meta:
        abstract = True

    def save(self, *args: Any, **kwargs: Any) -> None:
        wrong = self.parents_elsewhere()
        if wrong:
            raise OrganisationMismatch(
                f"{type(self).__name__}: {', '.join(wrong)} of another organisation"
            )
        super().save(*args, **kwargs)

    def clean(self) -> None:
        super().clean()
        if self.organisation_id is None:
            return  # a form's new record: its service sets the organisation, then saves
        wrong = self.parents_elsewhere()
        if wrong:
            raise ValidationError({name: "This belongs to another organisation." for name in wrong})

    def parents_elsewhere(self) -> list[str]:
        """The foreign keys whose object, already loaded, belongs to another organisation."""
        wrong = []
        for field in self._meta.concrete_fields:
            if not isinstance(field, models.ForeignKey) or field.name == "organisation":
                continue
            parent_model = field.related_model
            if not (
                isinstance(parent_model, type) and issubclass(parent_model, OrganisationRecord)
            ):
                continue
            if not field.is_cached(self):
                continue
            owner = getattr(field.get_cached_value(self), "organisation_id", None)
            if owner is not None and owner != self.organisation_id:
                wrong.append(field.name)
        return wrong


class OrganisationOwned(OrganisationRecord):
    """A record of one organisation: the `organisation` foreign key, defined once. A model
    whose key differs (its own `related_name`) redefines it and keeps the guard."""

    organisation = models.ForeignKey(
        "organisations.Organisation", on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        abstract = True


class OrganisationOwnedOrTemplate(OrganisationRecord):
    """A record of one organisation, or of none: part of a published template that every
    organisation may read and copy."""

    organisation = models.ForeignKey(
        "organisations.Organisation",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )

    class Meta:
        abstract = True


class TeamQuerySet(models.QuerySet["Team"]):
    def for_organisation(self, organisation: Organisation) -> "TeamQuerySet":
        return self.filter(organisation=organisation)


class Team(OrganisationOwned):
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="teams")
    name = models.CharField(max_length=200)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = TeamQuerySet.as_manager()

    class Meta:
        ordering = ("name",)
        constraints = (
            models.UniqueConstraint(fields=("organisation", "name"), name="team_name_unique"),
        )

    def __str__(self) -> str:
        return self.name


class MembershipQuerySet(models.QuerySet["Membership"]):
    def for_organisation(self, organisation: Organisation) -> "MembershipQuerySet":
        return self.filter(organisation=organisation)


class Membership(OrganisationOwned):
    """One role a user holds in one organisation (several rows give several roles)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="memberships"
    )
    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="memberships"
    )
    role = models.CharField(max_length=30, choices=Role.choices)
    team = models.ForeignKey(
        Team, null=True, blank=True, on_delete=models.PROTECT, related_name="memberships"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = MembershipQuerySet.as_manager()

    class Meta:
        ordering = ("organisation__name", "role")
        constraints = (
            models.UniqueConstraint(
                fields=("user", "organisation", "role"), name="membership_role_unique"
            ),
        )
        indexes = (models.Index(fields=("organisation", "role"), name="membership_org_role"),)

    def __str__(self) -> str:
        return f"{self.user} — {self.get_role_display()} at {self.organisation}"


class InvitationQuerySet(models.QuerySet["Invitation"]):
    def for_organisation(self, organisation: Organisation) -> "InvitationQuerySet":
        return self.filter(organisation=organisation)

    def waiting(self) -> "InvitationQuerySet":
        """Not accepted and not withdrawn (expired ones too: the admin may send them again)."""
        return self.filter(accepted_at__isnull=True, withdrawn_at__isnull=True)


class Invitation(OrganisationOwned):
    """An invitation to set up a PeerPath account: who invited whom, where, as what, and when.

    Its link carries a signed token naming this row and its `link_version`; sending it again
    bumps the version, so every earlier link stops working. Accepting it sets the password
    and proves the email address (the link reached that inbox).
    """

    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="invitations"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="invitations"
    )
    # The address the link went to (the account's address when it was sent).
    email = models.EmailField()
    # The roles granted with the invitation, as Role values separated by commas.
    roles = models.CharField(max_length=300)
    team = models.ForeignKey(
        Team, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # Nobody when a platform operator started the organisation from the command line.
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(default=timezone.now)
    sent_at = models.DateTimeField(default=timezone.now)
    send_count = models.PositiveSmallIntegerField(default=1)
    expires_at = models.DateTimeField()
    link_version = models.PositiveIntegerField(default=1)
    accepted_at = models.DateTimeField(null=True, blank=True)
    withdrawn_at = models.DateTimeField(null=True, blank=True)

    objects = InvitationQuerySet.as_manager()

    class Meta:
        ordering = ("sent_at", "pk")
        constraints = (
            models.UniqueConstraint(
                fields=("organisation", "user"),
                condition=Q(accepted_at__isnull=True, withdrawn_at__isnull=True),
                name="invitation_one_waiting",
            ),
        )
        indexes = (models.Index(fields=("organisation", "accepted_at"), name="invitation_org"),)

    def __str__(self) -> str:
        return f"Invitation for {self.email}"

    @property
    def role_list(self) -> list[Role]:
        return sorted((Role(r) for r in self.roles.split(",") if r), key=list(Role).index)

    @property
    def role_labels(self) -> list[str]:
        return [role.label for role in self.role_list]

    @property
    def is_waiting(self) -> bool:
        return self.accepted_at is None and self.withdrawn_at is None

    @property
    def has_expired(self) -> bool:
        return self.expires_at <= timezone.now()
