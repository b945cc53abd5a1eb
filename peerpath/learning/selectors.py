"""Reads of learning, scoped to the actor: a worker sees their own, a supervisor the
people they supervise (agreements in force), the peer development team everyone's."""

from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db.models import Count, Exists, Min, OuterRef, Prefetch, Q, QuerySet

from peerpath.core.actor import Actor
from peerpath.core.roles import Role
from peerpath.framework.models import Statement, Unit
from peerpath.supervision.selectors import agreements_in_force
from peerpath.workforce.models import EmploymentRecord
from peerpath.workforce.selectors import employments_current

from .models import (
    INDUCTION_ITEMS,
    BookletEntry,
    EntryStatus,
    Induction,
    InductionItem,
    PlanUnit,
)

# Who sees every worker's learning: the peer development team.
TEAM = (Role.COORDINATOR,)


def _workers_of(actor: Actor, today: date) -> Q:
    """The workers whose learning the actor may see, as a filter on `worker_id`."""
    if actor.organisation is None or actor.user_id is None:
        return Q(pk__in=[])
    if actor.has(*TEAM):
        return Q()
    supervised = (
        agreements_in_force(actor.organisation, today)
        .filter(supervisor_id=actor.user_id)
        .values("worker_id")
    )
    return Q(worker_id=actor.user_id) | Q(worker_id__in=supervised)


def employments_seen(*, actor: Actor, today: date) -> QuerySet[EmploymentRecord]:
    """Current employment records of the workers whose learning the actor may see."""
    if actor.organisation is None:
        return EmploymentRecord.objects.none()
    return employments_current(actor.organisation, today).filter(_workers_of(actor, today))


def learners(*, actor: Actor, today: date) -> QuerySet[EmploymentRecord]:
    """Current employment records of the workers the actor may see, with their
    induction's progress (`items_done`, `has_induction`): one query."""
    if actor.organisation is None:
        return EmploymentRecord.objects.none()
    done = Count("induction__items", filter=Q(induction__items__completed_on__isnull=False))
    return (
        employments_seen(actor=actor, today=today)
        .select_related("worker", "post", "post__team")
        .annotate(
            items_done=done,
            has_induction=Exists(Induction.objects.filter(employment=OuterRef("pk"))),
        )
        .order_by("-starts_on", "worker__full_name", "pk")
    )


def inductions_open(*, actor: Actor, today: date) -> QuerySet[EmploymentRecord]:
    """New starters whose induction is not complete yet (no induction counts as none done)."""
    return learners(actor=actor, today=today).filter(items_done__lt=len(INDUCTION_ITEMS))  # type: ignore[misc]


def induction_items(induction: Induction) -> QuerySet[InductionItem]:
    return induction.items.select_related("recorded_by").order_by("number")


def induction_items_of(*, actor: Actor, today: date) -> QuerySet[InductionItem]:
    """Items of the inductions the actor may see."""
    if actor.organisation is None:
        return InductionItem.objects.none()
    return InductionItem.objects.filter(
        organisation=actor.organisation,
        induction__employment__in=learners(actor=actor, today=today).values("pk"),
    ).select_related("induction", "induction__worker")


# --- the booklet ------------------------------------------------------------------------------


def booklet_entries_of(*, actor: Actor, today: date) -> QuerySet[BookletEntry]:
    """Booklet entries the actor may see: their own, their supervisees', or (team) all."""
    if actor.organisation is None:
        return BookletEntry.objects.none()
    return (
        BookletEntry.objects.filter(organisation=actor.organisation)
        .filter(_workers_of(actor, today))
        .select_related("worker", "signed_by")
    )


def booklet(worker_id: int, entries: QuerySet[BookletEntry]) -> QuerySet[BookletEntry]:
    """One worker's entries, newest first, with their statements: two queries."""
    return (
        entries.filter(worker_id=worker_id)
        .prefetch_related(
            Prefetch("statements", queryset=Statement.objects.only("ref", "text", "unit_id"))
        )
        .order_by("-happened_on", "-pk")
    )


def booklet_review_queue(*, actor: Actor, today: date) -> QuerySet[BookletEntry]:
    """Entries sent for review by the people the actor supervises (team: everyone's),
    never the actor's own."""
    return (
        booklet_entries_of(actor=actor, today=today)
        .filter(status=EntryStatus.SUBMITTED)
        .exclude(worker_id=actor.user_id)
        .order_by("submitted_at", "pk")
    )


@dataclass(frozen=True)
class Coverage:
    statement: Any
    signed: int  # signed entries mapped to it
    pending: int  # entries mapped to it, not signed yet


def booklet_coverage(worker_id: int, entries: QuerySet[BookletEntry], framework: Any) -> list[Any]:
    """Every statement of the framework with how many of the worker's entries are mapped to
    it, signed and not signed: two queries (units; statements with counts)."""
    mine = Q(booklet_entries__in=entries.filter(worker_id=worker_id).values("pk"))
    return list(
        Statement.objects.filter(framework=framework)
        .select_related("unit")
        .annotate(
            signed=Count(
                "booklet_entries", filter=mine & Q(booklet_entries__status=EntryStatus.SIGNED)
            ),
            mapped=Count("booklet_entries", filter=mine),
        )
        .order_by("unit__order", "number")
    )


# --- the continuing development plan ----------------------------------------------------------


def plan_units_of(*, actor: Actor, today: date) -> QuerySet[PlanUnit]:
    """Units of the development plans the actor may see."""
    if actor.organisation is None:
        return PlanUnit.objects.none()
    return (
        PlanUnit.objects.filter(organisation=actor.organisation)
        .filter(_workers_of(actor, today))
        .select_related("worker", "unit", "unit__section", "signed_by")
    )


def plan(worker_id: int, units: QuerySet[PlanUnit]) -> QuerySet[PlanUnit]:
    """One worker's plan, in the framework's order, grouped by section, with how many
    learning records each unit has: one query."""
    return (
        units.filter(worker_id=worker_id)
        .annotate(record_count=Count("records"))
        .order_by("unit__order", "pk")
    )


def units_to_add(framework: Any, worker_id: int) -> QuerySet[Unit]:
    """The framework's units not yet in the worker's plan."""
    taken = PlanUnit.objects.filter(worker_id=worker_id).values("unit_id")
    return (
        Unit.objects.filter(framework=framework)
        .exclude(pk__in=taken)
        .select_related("section")
        .order_by("order")
    )


def plan_signoffs_waiting(*, actor: Actor, today: date) -> QuerySet[PlanUnit]:
    """Units of the people the actor supervises with learning recorded, not signed off."""
    return (
        plan_units_of(actor=actor, today=today)
        .exclude(worker_id=actor.user_id)
        .filter(signed_at__isnull=True, records__isnull=False)
        .distinct()
        .order_by("worker__full_name", "unit__order")
    )


def development_plans_due(organisation: Any, today: date) -> list[dict[str, Any]]:
    """For the workforce view: per worker, the units of their development plan whose review
    date has come and which are not signed off yet (`units`, `earliest`): one query."""
    return list(
        PlanUnit.objects.filter(
            organisation=organisation, signed_at__isnull=True, review_by__lte=today
        )
        .values("worker_id", "worker__full_name")
        .annotate(units=Count("pk"), earliest=Min("review_by"))
        .order_by("earliest", "worker__full_name")
    )


def framework_statements(framework: Any) -> QuerySet[Statement]:
    """The framework's statements: reference data, the same for every organisation."""
    return Statement.objects.filter(framework=framework)


def framework_units(framework: Any) -> QuerySet[Unit]:
    return Unit.objects.filter(framework=framework).select_related("section").order_by("order")
