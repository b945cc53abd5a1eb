"""Writes about programmes: shipped templates, copies, edits. Atomic and audited."""

import json
from datetime import time
from decimal import Decimal
from pathlib import Path
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import HttpRequest

from peerpath.core.audit import audit
from peerpath.core.models import AuditAction
from peerpath.framework.models import Statement, Unit
from peerpath.organisations.models import Organisation

from .models import AssessmentRequirement, EligibilityCriterion, Module, Programme

TEMPLATES_FILE = Path(__file__).resolve().parent / "data" / "programme_templates.json"

PROGRAMME_FIELDS = (
    "title",
    "provider",
    "accreditation",
    "source",
    "summary",
    "delivery_mode",
    "delivery",
    "weeks",
    "days_per_week",
    "total_days",
    "total_hours",
    "day_starts",
    "day_ends",
    "modules_per_day",
    "modules_note",
    "attendance_threshold",
    "attendance_rule",
    "placement_required",
    "placement_days_required",
    "placement_description",
    "requires_portfolio_sign_off",
    "recruitment_steps",
    "employment_eligibility",
)


class EditConflict(Exception):
    """Someone else saved the record since this edit began."""


def _time(value: str | None) -> time | None:
    return time.fromisoformat(value) if value else None


def _decimal(value: str | None) -> Decimal | None:
    return Decimal(value) if value not in (None, "") else None


def programme_templates_load(path: Path = TEMPLATES_FILE) -> int:
    """Create the shipped templates that are not there yet; return how many were created."""
    data = json.loads(path.read_text(encoding="utf-8"))
    created = 0
    with transaction.atomic():
        for item in data["templates"]:
            if Programme.objects.templates().filter(template_key=item["key"]).exists():
                continue
            placement = item.get("placement") or {}
            programme = Programme.objects.create(
                organisation=None,
                template_key=item["key"],
                title=item["title"],
                provider=item.get("provider", ""),
                accreditation=item.get("accreditation", ""),
                source=item.get("source", ""),
                summary=item.get("summary", ""),
                delivery_mode=item.get("delivery_mode") or "",
                delivery=item.get("delivery", ""),
                weeks=item.get("weeks"),
                days_per_week=item.get("days_per_week"),
                total_days=item.get("total_days"),
                total_hours=_decimal(item.get("total_hours")),
                day_starts=_time(item.get("day_starts")),
                day_ends=_time(item.get("day_ends")),
                modules_per_day=item.get("modules_per_day"),
                modules_note=item.get("modules_note", ""),
                attendance_threshold=item.get("attendance_threshold"),
                attendance_rule=item.get("attendance_rule", ""),
                placement_required=bool(placement.get("required")),
                placement_days_required=placement.get("required_days") or 0,
                placement_description=placement.get("description", ""),
                requires_portfolio_sign_off=bool(item.get("requires_portfolio_sign_off")),
                recruitment_steps=item.get("recruitment_steps", []),
                employment_eligibility=item.get("employment_eligibility", []),
            )
            Module.objects.bulk_create(
                Module(
                    programme=programme,
                    order=n,
                    title=m["title"],
                    aims=m.get("aims", ""),
                    prep_hours=_decimal(m.get("prep_hours")),
                    teaching_hours=_decimal(m.get("teaching_hours")),
                )
                for n, m in enumerate(item["modules"], start=1)
            )
            AssessmentRequirement.objects.bulk_create(
                AssessmentRequirement(
                    programme=programme,
                    order=n,
                    kind=a["kind"],
                    title=a["title"],
                    description=a.get("description", ""),
                    required_for_graduation=a.get("required", True),
                )
                for n, a in enumerate(item["assessments"], start=1)
            )
            EligibilityCriterion.objects.bulk_create(
                EligibilityCriterion(
                    programme=programme, order=n, text=c["text"], examples=c.get("examples", [])
                )
                for n, c in enumerate(item["eligibility"], start=1)
            )
            created += 1
    return created


def programme_copy(
    *, source: Programme, organisation: Organisation, by: Any, request: HttpRequest | None = None
) -> Programme:
    """The organisation's own editable copy of a template (or of another programme)."""
    with transaction.atomic():
        copy = Programme.objects.create(
            organisation=organisation,
            copied_from=source,
            **{field: getattr(source, field) for field in PROGRAMME_FIELDS},
        )
        for module in source.modules.prefetch_related("units", "statements"):
            new = Module.objects.create(
                programme=copy,
                organisation=organisation,
                order=module.order,
                title=module.title,
                aims=module.aims,
                prep_hours=module.prep_hours,
                teaching_hours=module.teaching_hours,
            )
            new.units.set(module.units.all())
            new.statements.set(module.statements.all())
        AssessmentRequirement.objects.bulk_create(
            AssessmentRequirement(
                programme=copy,
                organisation=organisation,
                order=a.order,
                kind=a.kind,
                title=a.title,
                description=a.description,
                required_for_graduation=a.required_for_graduation,
            )
            for a in source.assessments.all()
        )
        EligibilityCriterion.objects.bulk_create(
            EligibilityCriterion(
                programme=copy,
                organisation=organisation,
                order=c.order,
                text=c.text,
                examples=c.examples,
            )
            for c in source.criteria.all()
        )
        audit(
            request,
            action=AuditAction.CREATE,
            obj=copy,
            actor=by,
            organisation_id=organisation.pk,
            reason=f"copied from “{source.title}”",
        )
    return copy


def _check_editable(programme: Programme) -> None:
    if programme.is_template:
        raise ValidationError("Templates cannot be changed. Make a copy for your organisation.")


def programme_update(
    *,
    programme: Programme,
    changes: dict[str, Any],
    expected_version: int,
    by: Any,
    request: HttpRequest | None = None,
) -> Programme:
    """Save changed details, refusing if someone else saved since `expected_version`."""
    _check_editable(programme)
    with transaction.atomic():
        updated = Programme.objects.filter(pk=programme.pk, version=expected_version).update(
            version=expected_version + 1, **changes
        )
        if not updated:
            raise EditConflict
        programme.refresh_from_db()
        audit(
            request,
            action=AuditAction.UPDATE,
            obj=programme,
            actor=by,
            organisation_id=programme.organisation_id,
            reason="changed: " + ", ".join(sorted(changes)),
        )
    return programme


def module_update(
    *,
    module: Module,
    title: str,
    aims: str,
    prep_hours: Decimal | None,
    teaching_hours: Decimal | None,
    units: list[Unit],
    statements: list[Statement],
    by: Any,
    request: HttpRequest | None = None,
) -> Module:
    _check_editable(module.programme)
    with transaction.atomic():
        module.title, module.aims = title, aims
        module.prep_hours, module.teaching_hours = prep_hours, teaching_hours
        module.full_clean()
        module.save()
        module.units.set(units)
        module.statements.set(statements)
        audit(
            request,
            action=AuditAction.UPDATE,
            obj=module,
            actor=by,
            organisation_id=module.organisation_id,
            reason=f"covers units {', '.join(u.code for u in units) or 'none'}; "
            f"{len(statements)} single statements",
        )
    return module


def module_add(*, programme: Programme, by: Any, request: HttpRequest | None = None) -> Module:
    _check_editable(programme)
    with transaction.atomic():
        last = programme.modules.order_by("-order").first()
        order = (last.order if last else 0) + 1
        module = Module.objects.create(
            programme=programme,
            organisation=programme.organisation,
            order=order,
            title=f"Module {order}",
        )
        audit(
            request,
            action=AuditAction.CREATE,
            obj=module,
            actor=by,
            organisation_id=programme.organisation_id,
        )
    return module


def assessment_add(
    *,
    programme: Programme,
    kind: str,
    title: str,
    description: str,
    required: bool,
    by: Any,
    request: HttpRequest | None = None,
) -> AssessmentRequirement:
    _check_editable(programme)
    with transaction.atomic():
        last = programme.assessments.order_by("-order").first()
        item = AssessmentRequirement(
            programme=programme,
            organisation=programme.organisation,
            order=(last.order if last else 0) + 1,
            kind=kind,
            title=title.strip(),
            description=description.strip(),
            required_for_graduation=required,
        )
        item.full_clean()
        item.save()
        audit(
            request,
            action=AuditAction.CREATE,
            obj=item,
            actor=by,
            organisation_id=programme.organisation_id,
        )
    return item


def assessment_set_required(
    *, item: AssessmentRequirement, required: bool, by: Any, request: HttpRequest | None = None
) -> None:
    _check_editable(item.programme)
    with transaction.atomic():
        item.required_for_graduation = required
        item.save(update_fields=["required_for_graduation"])
        audit(
            request,
            action=AuditAction.UPDATE,
            obj=item,
            actor=by,
            organisation_id=item.organisation_id,
            reason="required to graduate" if required else "optional",
        )


def assessment_remove(
    *, item: AssessmentRequirement, by: Any, request: HttpRequest | None = None
) -> None:
    """Remove an assessment nobody has submitted work for (work is never lost)."""
    _check_editable(item.programme)
    if item.submissions.exists():
        raise ValidationError(
            "Work has been submitted for this assessment, so it stays. Make it optional instead."
        )
    with transaction.atomic():
        audit(
            request,
            action=AuditAction.DELETE,
            obj=item,
            actor=by,
            organisation_id=item.organisation_id,
        )
        item.delete()


def eligibility_add(
    *, programme: Programme, text: str, by: Any, request: HttpRequest | None = None
) -> EligibilityCriterion:
    _check_editable(programme)
    with transaction.atomic():
        last = programme.criteria.order_by("-order").first()
        criterion = EligibilityCriterion.objects.create(
            programme=programme,
            organisation=programme.organisation,
            order=(last.order if last else 0) + 1,
            text=text.strip(),
        )
        audit(
            request,
            action=AuditAction.CREATE,
            obj=criterion,
            actor=by,
            organisation_id=programme.organisation_id,
        )
    return criterion


def eligibility_remove(
    *, criterion: EligibilityCriterion, by: Any, request: HttpRequest | None = None
) -> None:
    """Remove a criterion no applicant has answered yet (their answers are never lost)."""
    _check_editable(criterion.programme)
    from .models import CriterionAnswer

    if CriterionAnswer.objects.filter(criterion=criterion).exists():
        raise ValidationError("Applicants have answered this criterion, so it stays.")
    with transaction.atomic():
        audit(
            request,
            action=AuditAction.DELETE,
            obj=criterion,
            actor=by,
            organisation_id=criterion.organisation_id,
        )
        criterion.delete()
