"""Reads about a trainee's learning portfolio: entries, evidence to choose from, reviews due."""

from collections import defaultdict
from typing import Any

from django.db.models import QuerySet

from peerpath.core.actor import Actor
from peerpath.framework.models import Statement
from peerpath.training.models import (
    Enrolment,
    Module,
    PortfolioEntry,
    PortfolioEvidence,
    PortfolioStatus,
)


def own_submissions(enrolment: Enrolment) -> QuerySet[Any]:
    from peerpath.training.models import Submission

    return Submission.objects.filter(enrolment=enrolment).select_related("assessment")


def own_placement_days(enrolment: Enrolment) -> QuerySet[Any]:
    from peerpath.training.models import PlacementDay

    return PlacementDay.objects.filter(placement__enrolment=enrolment)


def covered_statements(enrolment: Enrolment) -> QuerySet[Statement]:
    """Statements the programme's modules cover (whole units or single statements)."""
    programme = enrolment.cohort.programme
    unit_ids = Module.units.through.objects.filter(module__programme=programme).values("unit_id")
    statement_ids = Module.statements.through.objects.filter(module__programme=programme).values(
        "statement_id"
    )
    return (
        (
            Statement.objects.filter(unit__in=unit_ids)
            | Statement.objects.filter(pk__in=statement_ids)
        )
        .distinct()
        .select_related("unit")
        .order_by("unit__order", "number")
    )


def portfolio_entries(enrolment: Enrolment) -> list[PortfolioEntry]:
    """Entries with their statement and evidence (three queries, any portfolio size)."""
    entries = list(
        enrolment.portfolio.select_related(
            "statement", "statement__unit", "signed_off_by"
        ).order_by("statement__unit__order", "statement__number")
    )
    evidence: dict[int, list[PortfolioEvidence]] = defaultdict(list)
    for item in PortfolioEvidence.objects.filter(entry__enrolment=enrolment).select_related(
        "submission__assessment", "placement_day"
    ):
        evidence[item.entry_id].append(item)
    for entry in entries:
        entry.evidence_list = evidence[entry.pk]  # type: ignore[attr-defined]
    return entries


def portfolio_entries_of(*, actor: Actor) -> QuerySet[PortfolioEntry]:
    """The portfolio entries of the actor's organisation, with their trainee, cohort and
    statement. Who may open one is the rule `training.view_portfolio_entry`."""
    return PortfolioEntry.objects.filter(organisation=actor.organisation).select_related(
        "enrolment", "enrolment__trainee", "enrolment__cohort", "statement"
    )


def review_queue(*, actor: Actor) -> QuerySet[PortfolioEntry]:
    """Entries of the actor's organisation with evidence, waiting for a review."""
    return portfolio_entries_of(actor=actor).filter(status=PortfolioStatus.EVIDENCED)
