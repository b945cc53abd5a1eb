"""Organisations, their teams, and memberships: the tenancy boundary of PeerPath."""

from django.conf import settings
from django.db import models

from peerpath.core.roles import Role


class OrganisationKind(models.TextChoices):
    NHS_TRUST = "nhs_trust", "NHS trust"
    RECOVERY_COLLEGE = "recovery_college", "Recovery college"
    CHARITY = "charity", "Charity"
    OTHER = "other", "Other"


class Organisation(models.Model):
    name = models.CharField(max_length=200, unique=True)
    slug = models.SlugField(max_length=60, unique=True)
    kind = models.CharField(max_length=30, choices=OrganisationKind.choices)
    # Publish the competence framework at /published/<slug>/framework/ for anyone to read.
    publishes_framework = models.BooleanField(default=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ("name",)

    def __str__(self) -> str:
        return self.name


class TeamQuerySet(models.QuerySet["Team"]):
    def for_organisation(self, organisation: Organisation) -> "TeamQuerySet":
        return self.filter(organisation=organisation)


class Team(models.Model):
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


class Membership(models.Model):
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
