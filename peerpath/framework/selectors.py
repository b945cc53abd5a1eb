"""Reads of the competence framework, and its export in the data file's shape."""

import csv
import io
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, Q, QuerySet
from django.http import Http404

from .models import Framework, Section, Statement, Unit


def framework_get(version: int | None = None) -> Framework:
    """The current framework, or the given version of it; 404 when there is none."""
    frameworks = Framework.objects.all()
    found = (
        frameworks.filter(version=version).order_by("-is_current").first()
        if version is not None
        else frameworks.filter(is_current=True).order_by("name").first()
    )
    if found is None:
        raise Http404("No competence framework has been imported.")
    return found


def framework_versions(framework: Framework) -> QuerySet[Framework]:
    return Framework.objects.filter(name=framework.name, part=framework.part).order_by("-version")


@dataclass
class AreaOutline:
    title: str
    units: list[Unit] = field(default_factory=list)


@dataclass
class SectionOutline:
    section: Section
    areas: list[AreaOutline] = field(default_factory=list)
    statement_count: int = 0


def framework_outline(framework: Framework) -> list[SectionOutline]:
    """Sections → areas (or one unnamed area) → units with statement counts: two queries."""
    outlines = {
        s.pk: SectionOutline(section=s) for s in Section.objects.filter(framework=framework)
    }
    units = (
        Unit.objects.filter(framework=framework)
        .select_related("area")
        .annotate(statement_count=Count("statements"))
        .order_by("order")
    )
    for unit in units:
        outline = outlines[unit.section_id]
        title = unit.area.title if unit.area else ""
        if not outline.areas or outline.areas[-1].title != title:
            outline.areas.append(AreaOutline(title=title))
        outline.areas[-1].units.append(unit)
        outline.statement_count += unit.statement_count
    return list(outlines.values())


def unit_get(framework: Framework, code: str) -> Unit:
    unit = (
        Unit.objects.filter(framework=framework, code=code)
        .select_related("section", "area")
        .first()
    )
    if unit is None:
        raise Http404(f"There is no unit {code}.")
    return unit


def unit_neighbours(framework: Framework, unit: Unit) -> tuple[Unit | None, Unit | None]:
    units = Unit.objects.filter(framework=framework).only("code", "title", "order")
    before = units.filter(order__lt=unit.order).order_by("-order").first()
    after = units.filter(order__gt=unit.order).order_by("order").first()
    return before, after


def unit_statements(unit: Unit) -> list[Statement]:
    return list(unit.statements.select_related("group").order_by("number"))


def statement_get(framework: Framework, ref: str) -> Statement:
    statement = (
        Statement.objects.filter(framework=framework, ref=ref)
        .select_related("unit", "unit__section", "group")
        .first()
    )
    if statement is None:
        raise Http404(f"There is no statement {ref}.")
    return statement


def statement_search(framework: Framework, query: str) -> QuerySet[Statement]:
    """Statements whose text or sub-bullets contain every word of the query."""
    words = [w for w in query.lower().split() if w][:10]
    if not words:
        return Statement.objects.none()
    condition = Q()
    for word in words:
        condition &= Q(search_text__contains=word)
    return (
        Statement.objects.filter(condition, framework=framework)
        .select_related("unit", "group")
        .order_by("unit__order", "number")
    )


def curriculum_units(framework: Framework) -> list[Unit]:
    """Every unit with its statements and groups, for the printable view (three queries)."""
    units = list(
        Unit.objects.filter(framework=framework).select_related("section", "area").order_by("order")
    )
    by_unit: dict[int, list[Statement]] = {u.pk: [] for u in units}
    for statement in (
        Statement.objects.filter(framework=framework)
        .select_related("group")
        .order_by("unit__order", "number")
    ):
        by_unit[statement.unit_id].append(statement)
    for unit in units:
        unit.statement_list = by_unit[unit.pk]
    return units


def framework_export(framework: Framework) -> dict[str, Any]:
    """The framework in the data file's shape (import_framework reads it back)."""
    sections: dict[int, dict[str, Any]] = {}
    for section in Section.objects.filter(framework=framework).order_by("number"):
        sections[section.pk] = {
            "number": section.number,
            "title": section.title,
            "outline_title": section.outline_title or None,
            "units": [],
        }
    for unit in curriculum_units(framework):
        sections[unit.section_id]["units"].append(
            {
                "code": unit.code,
                "title": unit.title,
                "outline_title": unit.outline_title or None,
                "area": unit.area.title if unit.area else None,
                "aims": unit.aims,
                "statements": [
                    {
                        "ref": s.ref,
                        "text": s.text,
                        "group": s.group.title if s.group else None,
                        "points": s.points,
                    }
                    for s in unit.statement_list
                ],
            }
        )
    return {
        "name": framework.name,
        "part": framework.part,
        "version": framework.version,
        "source": framework.source,
        "publication_note": framework.publication_note,
        "aims": framework.aims,
        "objectives": framework.objectives,
        "teaching_strategy": framework.teaching_strategy,
        "sections": list(sections.values()),
    }


CSV_COLUMNS = (
    "section",
    "section_title",
    "area",
    "unit",
    "unit_title",
    "ref",
    "group",
    "statement",
    "points",
)


def _points_text(points: list[dict[str, Any]], depth: int = 0) -> list[str]:
    lines = []
    for point in points:
        lines.append(("  " * depth) + ("• " if depth == 0 else "o ") + point["text"])
        lines.extend(_points_text(point["points"], depth + 1))
    return lines


def framework_csv(framework: Framework) -> str:
    """One row per statement; its sub-bullets on separate lines of the last cell."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(CSV_COLUMNS)
    for unit in curriculum_units(framework):
        for statement in unit.statement_list:
            writer.writerow(
                [
                    unit.section.number,
                    unit.section.title,
                    unit.area.title if unit.area else "",
                    unit.code,
                    unit.title,
                    statement.ref,
                    statement.group.title if statement.group else "",
                    statement.text,
                    "\n".join(_points_text(statement.points)),
                ]
            )
    return out.getvalue()
