"""Running a programme: cohorts, who is enrolled, training sessions and attendance."""

from django.db import models

from peerpath.core.dates import date_in_range
from peerpath.organisations.models import Organisation, OrganisationOwned
from peerpath.training.models.programmes import Module, Programme


class Cohort(OrganisationOwned):
    """One run of a programme, with its dates and facilitators."""

    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="cohorts")
    programme = models.ForeignKey(Programme, on_delete=models.PROTECT, related_name="cohorts")
    title = models.CharField(max_length=200)
    starts_on = models.DateField()
    # Where sessions take place ("Online" for an online programme), copied to each session.
    place = models.CharField(max_length=300, blank=True)
    facilitators = models.ManyToManyField(
        "accounts.User", blank=True, related_name="facilitated_cohorts"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ("-starts_on", "title")
        constraints = (
            date_in_range("starts_on", name="cohort_starts_on_in_range", label="The start date"),
        )

    def __str__(self) -> str:
        return self.title


class EnrolmentStatus(models.TextChoices):
    ACTIVE = "active", "Training"
    WITHDRAWN = "withdrawn", "Withdrawn"
    GRADUATED = "graduated", "Graduated"


class Enrolment(OrganisationOwned):
    cohort = models.ForeignKey(Cohort, on_delete=models.PROTECT, related_name="enrolments")
    trainee = models.ForeignKey(
        "accounts.User", on_delete=models.PROTECT, related_name="enrolments"
    )
    # Where recruitment ends: the id of the application this trainee was enrolled from, if
    # any. Recruitment sits above training (ADR-016), so training names it by id; the
    # database still holds the foreign key and its uniqueness (training 0017).
    application_id = models.BigIntegerField(null=True, blank=True, unique=True)
    status = models.CharField(
        max_length=20, choices=EnrolmentStatus.choices, default=EnrolmentStatus.ACTIVE
    )
    enrolled_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ("cohort", "trainee__full_name")
        constraints = (
            models.UniqueConstraint(fields=("cohort", "trainee"), name="enrolment_once_per_cohort"),
        )

    def __str__(self) -> str:
        return f"{self.trainee} in {self.cohort}"


class TrainingSession(OrganisationOwned):
    """A day (or part-day) of a cohort's timetable, teaching one or more modules."""

    cohort = models.ForeignKey(Cohort, on_delete=models.PROTECT, related_name="sessions")
    number = models.PositiveSmallIntegerField()
    date = models.DateField()
    starts_at = models.TimeField(null=True, blank=True)
    ends_at = models.TimeField(null=True, blank=True)
    place = models.CharField(max_length=300, blank=True)
    modules = models.ManyToManyField(Module, blank=True, related_name="sessions")
    # The version check of the session's edit form and of its register, so neither undoes
    # a newer save (peerpath/core/versioning.py).
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ("cohort", "date", "number")
        constraints = (
            date_in_range("date", name="session_date_in_range", label="The session's date"),
            models.UniqueConstraint(fields=("cohort", "number"), name="session_number_unique"),
        )

    def __str__(self) -> str:
        return f"{self.cohort}, session {self.number}"


class AttendanceStatus(models.TextChoices):
    PRESENT = "present", "Present"
    LATE = "late", "Late"
    ABSENT = "absent", "Absent"
    EXCUSED = "excused", "Excused"


ATTENDED = (AttendanceStatus.PRESENT, AttendanceStatus.LATE)


class AttendanceRecord(OrganisationOwned):
    session = models.ForeignKey(
        TrainingSession, on_delete=models.PROTECT, related_name="attendance"
    )
    enrolment = models.ForeignKey(Enrolment, on_delete=models.PROTECT, related_name="attendance")
    status = models.CharField(max_length=20, choices=AttendanceStatus.choices)
    reason = models.CharField(max_length=300, blank=True)
    recorded_by = models.ForeignKey("accounts.User", on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = (
            models.UniqueConstraint(fields=("session", "enrolment"), name="attendance_once"),
        )

    def __str__(self) -> str:
        return f"{self.enrolment}: {self.get_status_display()} at {self.session}"
