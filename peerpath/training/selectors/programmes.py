"""Reads about programmes, always within what the organisation may see."""

from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, Q, QuerySet

from peerpath.core.actor import Actor
from peerpath.framework.models import Framework, Statement, Unit
from peerpath.organisations.models import Organisation
from peerpath.training.models import (
    AssessmentRequirement,
    CopiedText,
    EligibilityCriterion,
    Module,
    Programme,
)


def programme_list(organisation: Organisation) -> QuerySet[Programme]:
    """The organisation's programmes, then the shipped templates, with module counts."""
    return (
        Programme.objects.visible_to(organisation)
        .annotate(module_count=Count("modules"))
        .order_by("organisation", "title")
    )


def programmes_visible(*, actor: Actor) -> QuerySet[Programme]:
    """The programmes the actor may read: their organisation's own and the shipped
    templates (organisation None), which every organisation may read and copy. A view that
    fetches one keeps `belongs=programme_visible`, since a template belongs to nobody."""
    if actor.organisation is None:
        return Programme.objects.none()
    return Programme.objects.visible_to(actor.organisation)


def programme_visible(programme: Programme, organisation: Organisation) -> bool:
    return programme.organisation_id in (None, organisation.pk)


def programme_modules(programme: Programme) -> list[Module]:
    return list(programme.modules.prefetch_related("units").order_by("order"))


def modules_visible(*, actor: Actor) -> QuerySet[Module]:
    """The modules of the programmes the actor may read (`programmes_visible`), templates'
    included, with their programme."""
    return Module.objects.filter(programme__in=programmes_visible(actor=actor)).select_related(
        "programme"
    )


def module_visible(module: Module, organisation: Organisation) -> bool:
    return module.programme.organisation_id in (None, organisation.pk)


@dataclass
class StatementCoverage:
    statement: Statement
    modules: list[str] = field(default_factory=list)


@dataclass
class UnitCoverage:
    unit: Unit
    statements: list[StatementCoverage] = field(default_factory=list)

    @property
    def covered(self) -> int:
        return sum(1 for s in self.statements if s.modules)

    @property
    def gaps(self) -> list[StatementCoverage]:
        return [s for s in self.statements if not s.modules]


def programme_coverage(programme: Programme, framework: Framework) -> list[UnitCoverage]:
    """Every statement of the framework with the modules that cover it (five queries).

    A module covers a statement when it covers the statement's whole unit or names the
    statement itself.
    """
    modules = {m.pk: m.display_title for m in programme.modules.all()}
    by_unit: dict[int, list[str]] = defaultdict(list)
    for module_id, unit_id in Module.units.through.objects.filter(
        module__programme=programme
    ).values_list("module_id", "unit_id"):
        by_unit[unit_id].append(modules[module_id])
    by_statement: dict[int, list[str]] = defaultdict(list)
    for module_id, statement_id in Module.statements.through.objects.filter(
        module__programme=programme
    ).values_list("module_id", "statement_id"):
        by_statement[statement_id].append(modules[module_id])
    coverage = {
        unit.pk: UnitCoverage(unit=unit)
        for unit in Unit.objects.filter(framework=framework).order_by("order")
    }
    for statement in Statement.objects.filter(framework=framework).order_by(
        "unit__order", "number"
    ):
        names = sorted(set(by_unit[statement.unit_id] + by_statement[statement.pk]))
        coverage[statement.unit_id].statements.append(StatementCoverage(statement, names))
    return list(coverage.values())


def assessments_of(*, actor: Actor) -> QuerySet[AssessmentRequirement]:
    """The assessments of the actor's organisation's own programmes (never a template's:
    these are the ones it may change), with their programme."""
    if actor.organisation is None:  # a template's has no organisation: never these
        return AssessmentRequirement.objects.none()
    return AssessmentRequirement.objects.filter(organisation=actor.organisation).select_related(
        "programme"
    )


def eligibility_criteria_of(*, actor: Actor) -> QuerySet[EligibilityCriterion]:
    """The eligibility criteria of the actor's organisation's own programmes (never a
    template's), with their programme."""
    if actor.organisation is None:  # a template's has no organisation: never these
        return EligibilityCriterion.objects.none()
    return EligibilityCriterion.objects.filter(organisation=actor.organisation).select_related(
        "programme"
    )


def copied_texts_to_check(programme: Programme) -> QuerySet[CopiedText]:
    """Copied text that still waits for the copier to confirm or reword it."""
    return programme.copied_texts.filter(confirmed_at__isnull=True).order_by("order")


def copied_text_counts(programme: Programme) -> dict[str, int]:
    """How many copied texts wait to be checked, and how many are confirmed (one query)."""
    counts = programme.copied_texts.aggregate(
        to_check=Count("pk", filter=Q(confirmed_at__isnull=True)),
        confirmed=Count("pk", filter=Q(confirmed_at__isnull=False)),
    )
    return {"to_check": counts["to_check"] or 0, "confirmed": counts["confirmed"] or 0}


def copied_texts(programme: Programme) -> QuerySet[CopiedText]:
    return programme.copied_texts.select_related("confirmed_by").order_by("order")


def programme_coursework(programme: Programme) -> list[Any]:
    return list(programme.coursework.order_by("order"))


def programme_certificates(programme: Programme) -> list[Any]:
    return list(programme.certificates.order_by("order"))


def programme_information(programme: Programme, *, for_applicants: bool = False) -> list[Any]:
    """What the source tells coordinators (and, for_applicants, what applicants need)."""
    information = programme.information.order_by("order")
    if for_applicants:
        information = information.filter(for_applicants=True)
    return list(information)


def own_programmes(*, actor: Actor) -> QuerySet[Programme]:
    """The actor's organisation's own programmes (not the shared templates), by title."""
    if actor.organisation is None:  # a template has no organisation: never show those here
        return Programme.objects.none()
    return Programme.objects.for_organisation(actor.organisation).order_by("title")
