"""Graduation: the award (and certificate number) and what graduates go on to do."""

from django.db import models

from peerpath.core.dates import date_in_range
from peerpath.organisations.models import OrganisationOwned
from peerpath.training.models.delivery import Enrolment


class Award(OrganisationOwned):
    """A graduation: issued only when the programme's rules are met, never edited after."""

    enrolment = models.OneToOneField(Enrolment, on_delete=models.PROTECT, related_name="award")
    certificate_number = models.CharField(max_length=32, unique=True)
    # What the certificate says, kept as it was on the day.
    trainee_name = models.CharField(max_length=200)
    programme_title = models.CharField(max_length=200)
    accreditation = models.CharField(max_length=200, blank=True)
    provider = models.CharField(max_length=300, blank=True)
    # The organisation that ran the programme and awards it, by name on the day.
    awarding_organisation = models.CharField(max_length=300, blank=True)
    # The certificate PeerPath issues for the award; empty when the programme names none
    # of its own (awards made before certificates were modelled keep this default).
    certificate_title = models.CharField(
        max_length=200, blank=True, default="Certificate of completion"
    )
    awarded_on = models.DateField()
    awarded_by = models.ForeignKey("accounts.User", on_delete=models.PROTECT, related_name="+")

    class Meta:
        constraints = (
            date_in_range("awarded_on", name="award_awarded_on_in_range", label="The award date"),
        )

    def __str__(self) -> str:
        return f"{self.certificate_number}: {self.trainee_name}"


class OutcomeKind(models.TextChoices):
    APPLIED = "applied", "Applied for a post"
    EMPLOYED = "employed", "Employed"
    VOLUNTEERING = "volunteering", "Volunteering"
    OTHER = "other", "Other"


class GraduateOutcome(OrganisationOwned):
    award = models.ForeignKey(Award, on_delete=models.PROTECT, related_name="outcomes")
    kind = models.CharField(max_length=20, choices=OutcomeKind.choices)
    team = models.ForeignKey(
        "organisations.Team", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    detail = models.CharField(max_length=300, blank=True)
    recorded_on = models.DateField()
    recorded_by = models.ForeignKey("accounts.User", on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ("recorded_on", "pk")
        constraints = (
            date_in_range("recorded_on", name="outcome_recorded_on_in_range", label="The date"),
        )

    def __str__(self) -> str:
        return f"{self.award}: {self.get_kind_display()}"
