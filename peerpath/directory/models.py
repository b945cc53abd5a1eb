"""The service directory used for signposting (unit 3.6): local statutory and
non-statutory services, groups, activities and programmes."""

from datetime import date, timedelta

from django.db import models

from peerpath.core.dates import date_in_range
from peerpath.organisations.models import Organisation, OrganisationOwned

RECHECK_AFTER = timedelta(days=183)  # six months


class ServiceKind(models.TextChoices):
    STATUTORY = "statutory", "Statutory service"
    NON_STATUTORY = "non_statutory", "Non-statutory service"
    GROUP = "group", "Group"
    ACTIVITY = "activity", "Activity"
    PROGRAMME = "programme", "Programme"


class Service(OrganisationOwned):
    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="services"
    )
    name = models.CharField(max_length=200)
    kind = models.CharField(max_length=20, choices=ServiceKind.choices)
    remit = models.TextField(help_text="What it offers")
    who_for = models.TextField(help_text="Who it is for")
    exclusions = models.TextField(blank=True, help_text="Who it cannot help")
    how_to_access = models.TextField(help_text="How to get there: referral, drop-in, self-referral")
    phone = models.CharField(max_length=40, blank=True)
    email = models.EmailField(blank=True)
    website = models.URLField(blank=True)
    address = models.TextField(blank=True)
    localities = models.CharField(max_length=300, help_text="Areas it covers, comma-separated")
    needs = models.CharField(max_length=300, help_text="Needs it helps with, comma-separated")
    last_checked_on = models.DateField()
    version = models.PositiveIntegerField(default=1)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ("name",)
        constraints = (
            date_in_range(
                "last_checked_on",
                name="service_last_checked_on_in_range",
                label="The date the details were last checked",
            ),
            models.UniqueConstraint(fields=("organisation", "name"), name="service_name_unique"),
        )

    def __str__(self) -> str:
        return self.name

    def needs_checking(self, today: date) -> bool:
        return today - self.last_checked_on > RECHECK_AFTER
