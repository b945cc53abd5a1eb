"""Reads of a person's goals, co-produced documents and tools.

Views fetch the person first with `caseload.scoping.get_person_or_404` (which scopes and
audits the read); every function here that takes a `person` narrows to that person, so an
id belonging to someone else is not found. Functions taking `person_ids` trust the caller
to have scoped the ids already (the caseload and home pages do).
"""

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any, TypeVar

from django.db.models import F, Model, Prefetch, QuerySet
from django.http import Http404

from peerpath.caseload.models import Person
from peerpath.caseload.scoping import people_visible
from peerpath.core.actor import Actor

from .documents import KINDS, Kind
from .models import (
    CopingWorksheet,
    DigitalIntervention,
    Document,
    DocumentProposal,
    DocumentVersion,
    Goal,
    GoalStatus,
    GoalStep,
    GoalUpdate,
    MeaningfulActivity,
    ProposalStatus,
)

# Undone steps come soonest first; a step with no date comes after every dated one.
STEP_ORDER = (F("due_on").asc(nulls_last=True), "pk")


M = TypeVar("M", bound=Model)


def _one(queryset: QuerySet[M], **lookup: Any) -> M:
    found = queryset.filter(**lookup).first()
    if found is None:
        raise Http404
    return found


# --- goals --------------------------------------------------------------------------------


@dataclass(frozen=True)
class GoalRow:
    goal: Goal
    next_step: GoalStep | None
    steps_done: int
    steps_total: int


def goal_rows(person: Person) -> list[GoalRow]:
    """The person's goals with their next undone step and step counts: 2 queries."""
    return goal_rows_from(list(goals_of(person)), list(steps_of_goals(person)))


def goals_of(person: Person) -> QuerySet[Goal]:
    return Goal.objects.filter(person=person)


def steps_of_goals(person: Person) -> QuerySet[GoalStep]:
    """Every step of the person's goals, in each goal's step order."""
    return GoalStep.objects.filter(goal__person=person).order_by(*STEP_ORDER)


def goal_rows_from(goals: list[Goal], steps: list[GoalStep]) -> list[GoalRow]:
    """Goal rows from goals and their steps read already (the record page reads both in
    its one statement, peerpath.core.together)."""
    by_goal: dict[int, list[GoalStep]] = {}
    for step in steps:
        by_goal.setdefault(step.goal_id, []).append(step)
    rows = []
    for goal in goals:
        mine = by_goal.get(goal.pk, [])
        undone = [s for s in mine if s.done_on is None]
        rows.append(
            GoalRow(goal, undone[0] if undone else None, len(mine) - len(undone), len(mine))
        )
    return rows


def goal_for_person(person: Person, pk: int) -> Goal:
    """One of the person's goals, or 404."""
    return _one(Goal.objects.filter(person=person).select_related("created_by"), pk=pk)


def goal_steps(goal: Goal) -> list[GoalStep]:
    """Undone steps first (soonest first), then done ones (latest first)."""
    steps = list(goal.steps.all())
    undone = sorted(
        (s for s in steps if s.done_on is None),
        key=lambda s: (s.due_on is None, s.due_on or date.min, s.pk),
    )
    done = sorted((s for s in steps if s.done_on is not None), key=lambda s: (s.done_on, s.pk))
    return undone + done[::-1]


def goal_step_for(goal: Goal, pk: int) -> GoalStep:
    return _one(GoalStep.objects.filter(goal=goal).select_related("goal"), pk=pk)


def goal_timeline(goal: Goal) -> list[GoalUpdate]:
    """Progress updates, latest first, with who recorded each."""
    return list(goal.updates.select_related("by").order_by("-on", "-pk"))


def latest_successes(person: Person, limit: int = 3) -> list[GoalUpdate]:
    return list(successes_of(person)[:limit])


def successes_of(person: Person) -> QuerySet[GoalUpdate]:
    return (
        GoalUpdate.objects.filter(goal__person=person, is_success=True)
        .select_related("goal")
        .order_by("-on", "-pk")
    )


def next_steps(person_ids: Iterable[int]) -> dict[int, GoalStep]:
    """Each person's earliest undone step on a goal they are working on: one query.

    The step's `goal` is loaded with it. People with no such step are left out.
    """
    steps = (
        GoalStep.objects.filter(
            goal__person_id__in=list(person_ids),
            goal__status=GoalStatus.WORKING_ON,
            done_on__isnull=True,
        )
        .select_related("goal")
        .order_by(*STEP_ORDER)
    )
    found: dict[int, GoalStep] = {}
    for step in steps:
        found.setdefault(step.goal.person_id, step)
    return found


# --- co-produced documents ----------------------------------------------------------------


def document_for_person(person: Person, kind: Kind) -> Document | None:
    return Document.objects.filter(person=person, kind=kind.value).first()


def document_or_404(person: Person, kind: Kind) -> Document:
    """The person's document of this kind, if it has at least one version; else 404."""
    return _one(Document.objects.filter(person=person, kind=kind.value, current_version__gt=0))


def document_current(person: Person, kind: Kind) -> tuple[Document, DocumentVersion] | None:
    """The person's document of this kind and its current version (None: not written):
    one query."""
    version = (
        DocumentVersion.objects.filter(
            document__person=person,
            document__kind=kind.value,
            number=F("document__current_version"),
        )
        .select_related("document", "changed_by", "co_author")
        .first()
    )
    return (version.document, version) if version else None


def document_versions(document: Document) -> list[DocumentVersion]:
    """Every version, newest first, with who saved it."""
    return list(document.versions.select_related("changed_by", "co_author").order_by("-number"))


def document_version(document: Document, number: int) -> DocumentVersion:
    return _one(document.versions.select_related("changed_by", "co_author"), number=number)


def document_versions_between(document: Document, first: int, last: int) -> list[DocumentVersion]:
    """Versions `first`..`last` inclusive, oldest first: the changes a comparison spans."""
    return list(
        document.versions.select_related("changed_by")
        .filter(number__gte=first, number__lte=last)
        .order_by("number")
    )


@dataclass(frozen=True)
class PlanRow:
    kind: Kind
    document: Document | None
    current: DocumentVersion | None


def plan_rows(person: Person) -> list[PlanRow]:
    """The three documents in a fixed order, each with its current version: one query (the
    current versions, each with its document; a written document always has one)."""
    return plan_rows_from(list(current_versions_of(person)))


def current_versions_of(person: Person) -> QuerySet[DocumentVersion]:
    """The current version of each of the person's written documents, with the document."""
    return DocumentVersion.objects.filter(
        document__person=person,
        document__current_version__gt=0,
        number=F("document__current_version"),
    ).select_related("document", "changed_by")


def plan_rows_from(versions: list[DocumentVersion]) -> list[PlanRow]:
    current = {v.document_id: v for v in versions}
    documents = {v.document.kind: v.document for v in current.values()}
    rows = []
    for kind in KINDS:
        document = documents.get(kind.value)
        rows.append(PlanRow(kind, document, current.get(document.pk) if document else None))
    return rows


def reviews_due(person_ids: Iterable[int], until: date) -> dict[int, list[Document]]:
    """Written documents whose review date is on or before `until`, per person: one query.

    Each person's documents come soonest review first.
    """
    due: dict[int, list[Document]] = defaultdict(list)
    documents = Document.objects.filter(
        person_id__in=list(person_ids), current_version__gt=0, review_on__lte=until
    ).order_by("review_on", "pk")
    for document in documents:
        due[document.person_id].append(document)
    return dict(due)


# --- changes the person suggests ----------------------------------------------------------


def proposals_of(person: Person, kind: Kind | None = None) -> QuerySet[DocumentProposal]:
    """The person's suggested changes, newest first (of one kind, if given)."""
    found = DocumentProposal.objects.filter(person=person).select_related("decided_by")
    if kind is not None:
        found = found.filter(kind=kind.value)
    return found.order_by("-proposed_at", "-pk")


def proposal_for_person(person: Person, pk: int, kind: Kind | None = None) -> DocumentProposal:
    """One of the person's suggested changes (of this kind, if given), or 404."""
    return _one(proposals_of(person, kind).select_related("proposed_by", "person"), pk=pk)


def proposals_waiting_for(person: Person, kind: Kind) -> list[DocumentProposal]:
    """The person's suggested changes to this document still waiting for a decision."""
    return list(
        proposals_of(person, kind)
        .filter(status=ProposalStatus.WAITING)
        .select_related("proposed_by")
        .order_by("proposed_at", "pk")
    )


def proposals_waiting(*, actor: Actor) -> QuerySet[DocumentProposal]:
    """Suggested changes waiting for a decision from the people the actor supports (a
    PSW's caseload, a supervisor's teams), oldest first: one query."""
    return (
        DocumentProposal.objects.filter(
            organisation=actor.organisation,
            status=ProposalStatus.WAITING,
            person__in=people_visible(actor),
        )
        .select_related("person")
        .order_by("proposed_at", "pk")
    )


# --- tools --------------------------------------------------------------------------------


def worksheets_of(person: Person) -> QuerySet[CopingWorksheet]:
    return CopingWorksheet.objects.filter(person=person).order_by("-updated_at", "-pk")


def worksheet_for_person(person: Person, pk: int) -> CopingWorksheet:
    return _one(CopingWorksheet.objects.filter(person=person), pk=pk)


def activities_of(person: Person) -> QuerySet[MeaningfulActivity]:
    return MeaningfulActivity.objects.filter(person=person).order_by("activity", "pk")


def activity_for_person(person: Person, pk: int) -> MeaningfulActivity:
    return _one(MeaningfulActivity.objects.filter(person=person), pk=pk)


def digital_of(person: Person) -> QuerySet[DigitalIntervention]:
    return DigitalIntervention.objects.filter(person=person).order_by("name", "pk")


def digital_for_person(person: Person, pk: int) -> DigitalIntervention:
    return _one(DigitalIntervention.objects.filter(person=person), pk=pk)


# --- for the home pages and reminders --------------------------------------------------------

REVIEW_WARNING = timedelta(days=14)  # plans due for review within two weeks are shown


# --- what governance may share with a carer (it asks `may_share` first) ----------------------


def current_version_of(person: Person, kind: str) -> DocumentVersion | None:
    """The current version of the person's document of this kind; None if not written."""
    return DocumentVersion.objects.filter(
        document__person=person,
        document__kind=kind,
        number=F("document__current_version"),
    ).first()


def goals_as_shared(person: Person) -> list[Goal]:
    """The person's goals as a carer may see them (hazard H8): their own words, the steps,
    and the successes (`goal.successes`), and nothing else of the goal is read."""
    return list(
        Goal.objects.filter(person=person)
        .only("pk", "in_own_words", "status", "person_id")
        .prefetch_related(
            Prefetch(
                "steps",
                queryset=GoalStep.objects.only(
                    "pk", "goal_id", "text", "due_on", "done_on"
                ).order_by("due_on", "pk"),
            ),
            Prefetch(
                "updates",
                queryset=GoalUpdate.objects.filter(is_success=True)
                .only("pk", "goal_id", "on", "text")
                .order_by("-on", "-pk"),
                to_attr="successes",
            ),
        )
        .order_by("created_at", "pk")
    )
