"""Recovery goals, co-produced documents (versioned), and the tools used alongside them.

The recovery plan, advance statement and crisis plan are `Document`s of a kind; every
saved change is a new, never-changed `DocumentVersion` with who and when. The plan's
sections are wellness-plan sections, not branded with any trademark.
"""

from django.conf import settings
from django.db import models
from django.utils import timezone

from peerpath.caseload.models import Person
from peerpath.core.dates import date_in_range
from peerpath.organisations.models import OrganisationOwned


class GoalStatus(models.TextChoices):
    WORKING_ON = "working_on", "Working on it"
    ACHIEVED = "achieved", "Achieved"
    PAUSED = "paused", "Paused for now"


class Goal(OrganisationOwned):
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="goals")
    in_own_words = models.TextField(verbose_name="The goal, in the person's own words")
    # Asked by the staff form; a person adding their own goal may write only its words.
    why_it_matters = models.TextField(blank=True, verbose_name="Why it matters to them")
    strengths = models.TextField(blank=True, verbose_name="Strengths and resources they bring")
    status = models.CharField(
        max_length=20, choices=GoalStatus.choices, default=GoalStatus.WORKING_ON
    )
    version = models.PositiveIntegerField(default=1)
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ("created_at", "pk")

    def __str__(self) -> str:
        return self.in_own_words[:80]


class GoalStep(OrganisationOwned):
    goal = models.ForeignKey(Goal, on_delete=models.PROTECT, related_name="steps")
    text = models.CharField(max_length=300, verbose_name="Step")
    due_on = models.DateField(null=True, blank=True, verbose_name="By when")
    done_on = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ("due_on", "pk")
        constraints = (
            date_in_range(
                "due_on", name="goal_step_due_on_in_range", label="The date for the step"
            ),
            date_in_range(
                "done_on", name="goal_step_done_on_in_range", label="The date the step was done"
            ),
        )

    def __str__(self) -> str:
        return self.text


class GoalUpdate(OrganisationOwned):
    """Progress on a goal; a success is celebrated on the person's timeline."""

    goal = models.ForeignKey(Goal, on_delete=models.PROTECT, related_name="updates")
    on = models.DateField()
    text = models.TextField(verbose_name="What happened")
    is_success = models.BooleanField(default=False, verbose_name="A success to celebrate")
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ("-on", "-pk")
        constraints = (date_in_range("on", name="goal_update_on_in_range", label="The date"),)

    def __str__(self) -> str:
        return self.text[:80]


class DocumentKind(models.TextChoices):
    RECOVERY_PLAN = "recovery_plan", "Recovery plan"
    ADVANCE_STATEMENT = "advance_statement", "Advance statement"
    CRISIS_PLAN = "crisis_plan", "Crisis plan"


class Document(OrganisationOwned):
    """One person's recovery plan, advance statement or crisis plan, across its versions."""

    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="documents")
    kind = models.CharField(max_length=30, choices=DocumentKind.choices)
    current_version = models.PositiveIntegerField(default=0)
    # Copied from the current version, so lists can find reviews due without a join.
    review_on = models.DateField(null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = (
            date_in_range("review_on", name="document_review_on_in_range", label="The review date"),
            models.UniqueConstraint(fields=("person", "kind"), name="document_kind_unique"),
        )

    def __str__(self) -> str:
        return f"{self.get_kind_display()} for {self.person}"


class DocumentVersion(OrganisationOwned):
    """One saved version: never changed once written."""

    document = models.ForeignKey(Document, on_delete=models.PROTECT, related_name="versions")
    number = models.PositiveIntegerField()
    content = models.JSONField(help_text="Section key → text")
    review_on = models.DateField(null=True, blank=True)
    change_note = models.CharField(max_length=300, blank=True)
    # The worker confirmed this version was written together with the person (co-production).
    written_together = models.BooleanField(default=False)
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+"
    )
    # The person, when this version is a change they suggested and the worker accepted.
    # Both are set when the row is written, never after (recovery.0003).
    co_author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    proposal = models.OneToOneField(
        "DocumentProposal",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="accepted_as",
    )
    # Given when the row is written (the demo writes its history as of past days): the
    # database refuses any UPDATE of a version afterwards (recovery.0003).
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        ordering = ("document", "-number")
        constraints = (
            models.UniqueConstraint(fields=("document", "number"), name="document_version_unique"),
        )

    def __str__(self) -> str:
        return f"{self.document} — version {self.number}"


class ProposalStatus(models.TextChoices):
    WAITING = "waiting", "Waiting for your peer support worker"
    ACCEPTED = "accepted", "Accepted"
    DECLINED = "declined", "Not accepted"
    WITHDRAWN = "withdrawn", "Withdrawn"


class DocumentProposal(OrganisationOwned):
    """A change to their recovery plan, advance statement or crisis plan that the person
    suggests themselves. Their worker reviews it: accepted, it becomes the next version,
    naming the person as co-author; declined, the person sees why."""

    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="proposals")
    kind = models.CharField(max_length=30, choices=DocumentKind.choices)
    # The version the person started from (0: there was none yet).
    based_on = models.PositiveIntegerField(default=0)
    content = models.JSONField(help_text="Section key → text, as the person would have it")
    note = models.TextField(blank=True, verbose_name="Anything to say about the change")
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    proposed_at = models.DateTimeField(default=timezone.now)
    status = models.CharField(
        max_length=20, choices=ProposalStatus.choices, default=ProposalStatus.WAITING
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    decision_note = models.TextField(blank=True)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ("-proposed_at", "-pk")
        indexes = (models.Index(fields=("person", "status"), name="proposal_person_status"),)

    def __str__(self) -> str:
        return f"Suggested change to the {self.get_kind_display().lower()} of {self.person}"


class CopingWorksheet(OrganisationOwned):
    """Problem solving (unit 3.3): break it into parts, brainstorm, choose, plan, review."""

    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="worksheets")
    problem = models.TextField(verbose_name="The problem, in the person's words")
    parts = models.TextField(blank=True, verbose_name="Breaking it into smaller parts")
    ideas = models.TextField(blank=True, verbose_name="Ideas (every idea counts)")
    chosen = models.TextField(blank=True, verbose_name="The idea chosen, and why")
    plan = models.TextField(blank=True, verbose_name="The plan: who, what, when")
    review = models.TextField(blank=True, verbose_name="How it went")
    version = models.PositiveIntegerField(default=1)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ("-updated_at", "-pk")

    def __str__(self) -> str:
        return self.problem[:80]


class MeaningfulActivity(OrganisationOwned):
    """Activities that give the person meaning and purpose (unit 3.2)."""

    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="activities")
    activity = models.CharField(max_length=200)
    how_often = models.CharField(max_length=100, blank=True)
    what_it_gives = models.TextField(blank=True, verbose_name="What it gives them")
    started_on = models.DateField(null=True, blank=True)
    version = models.PositiveIntegerField(default=1)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ("activity", "pk")
        verbose_name_plural = "meaningful activities"
        constraints = (
            date_in_range(
                "started_on", name="activity_started_on_in_range", label="The date they started"
            ),
        )

    def __str__(self) -> str:
        return self.activity


class Helpfulness(models.TextChoices):
    VERY = "very", "Very helpful"
    SOMEWHAT = "somewhat", "Somewhat helpful"
    NOT = "not", "Not helpful"
    NOT_YET = "not_yet", "Too early to say"


class DigitalIntervention(OrganisationOwned):
    """Apps, websites and online groups the person used, and how helpful they were (5.3)."""

    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="digital")
    name = models.CharField(max_length=200)
    how_used = models.TextField(blank=True)
    helpfulness = models.CharField(max_length=20, choices=Helpfulness.choices)
    version = models.PositiveIntegerField(default=1)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ("name", "pk")

    def __str__(self) -> str:
        return self.name
