"""The shipped programme templates, an organisation's copy of one, and the copied wording
its copier confirms or rewords. Atomic and audited."""

import hashlib
import json
from datetime import time
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.http import HttpRequest
from django.utils import timezone

from peerpath.core.audit import audit
from peerpath.core.models import AuditAction
from peerpath.core.versioning import (
    bump_version,
    require_unchanged,
)
from peerpath.organisations.models import Organisation
from peerpath.training.models import (
    AssessmentRequirement,
    CopiedText,
    Coursework,
    EligibilityCriterion,
    Module,
    Programme,
    ProgrammeCertificate,
    ProgrammeInformation,
)

if TYPE_CHECKING:
    from peerpath.accounts.models import User

TEMPLATES_FILE = Path(__file__).resolve().parents[1] / "data" / "programme_templates.json"

PROGRAMME_FIELDS = (
    "title",
    "provider",
    "accreditation",
    "source",
    "summary",
    "audience",
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
    "eligibility_note",
    "recruitment_steps",
    "organisation_specific",
)
# Text a copier reads and may need to reword, in the order the wording page lists it.
# (`source` is left out: it says where the template came from, which stays true.)
PROGRAMME_TEXT_FIELDS = {
    "title": "Title",
    "provider": "Provider",
    "accreditation": "Accreditation",
    "summary": "Summary",
    "audience": "Who it is for",
    "delivery": "How it is delivered",
    "modules_note": "About the modules",
    "attendance_rule": "Attendance",
    "placement_description": "Work experience",
    "eligibility_note": "About eligibility",
}


def _time(value: str | None) -> time | None:
    return time.fromisoformat(value) if value else None


def _decimal(value: str | None) -> Decimal | None:
    return Decimal(value) if value not in (None, "") else None


def _digest(item: dict[str, Any]) -> str:
    return hashlib.sha256(json.dumps(item, sort_keys=True).encode()).hexdigest()


def _template_fields(item: dict[str, Any]) -> dict[str, Any]:
    placement = item.get("placement") or {}
    return {
        "title": item["title"],
        "provider": item.get("provider", ""),
        "accreditation": item.get("accreditation", ""),
        "source": item.get("source", ""),
        "summary": item.get("summary", ""),
        "audience": item.get("audience", ""),
        "delivery_mode": item.get("delivery_mode") or "",
        "delivery": item.get("delivery", ""),
        "weeks": item.get("weeks"),
        "days_per_week": item.get("days_per_week"),
        "total_days": item.get("total_days"),
        "total_hours": _decimal(item.get("total_hours")),
        "day_starts": _time(item.get("day_starts")),
        "day_ends": _time(item.get("day_ends")),
        "modules_per_day": item.get("modules_per_day"),
        "modules_note": item.get("modules_note", ""),
        "attendance_threshold": item.get("attendance_threshold"),
        "attendance_rule": item.get("attendance_rule", ""),
        "placement_required": bool(placement.get("required")),
        "placement_days_required": placement.get("required_days") or 0,
        "placement_description": placement.get("description", ""),
        "requires_portfolio_sign_off": bool(item.get("requires_portfolio_sign_off")),
        "eligibility_note": item.get("eligibility_note", ""),
        "recruitment_steps": item.get("recruitment_steps", []),
        "organisation_specific": item.get("organisation_specific", []),
        "template_digest": _digest(item),
    }


def _template_children(programme: Programme, item: dict[str, Any]) -> None:
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
    Coursework.objects.bulk_create(
        Coursework(programme=programme, order=n, title=c["title"], description=c["description"])
        for n, c in enumerate(item.get("coursework", []), start=1)
    )
    EligibilityCriterion.objects.bulk_create(
        EligibilityCriterion(
            programme=programme, order=n, text=c["text"], examples=c.get("examples", [])
        )
        for n, c in enumerate(item["eligibility"], start=1)
    )
    ProgrammeCertificate.objects.bulk_create(
        ProgrammeCertificate(
            programme=programme,
            order=n,
            title=c["title"],
            issuer=c["issuer"],
            awarding_body=c.get("awarding_body", ""),
            note=c.get("note", ""),
        )
        for n, c in enumerate(item.get("certificates", []), start=1)
    )
    ProgrammeInformation.objects.bulk_create(
        ProgrammeInformation(
            programme=programme,
            order=n,
            heading=i["heading"],
            text=i.get("text", ""),
            items=i.get("items", []),
            for_applicants=bool(i.get("for_applicants")),
        )
        for n, i in enumerate(item.get("information", []), start=1)
    )


def programme_templates_read(path: Path = TEMPLATES_FILE) -> list[dict[str, Any]]:
    return list(json.loads(path.read_text(encoding="utf-8"))["templates"])


def programme_templates_load(path: Path = TEMPLATES_FILE) -> int:
    """Create the shipped templates that are not there yet, and bring those that differ from
    the data file up to date; return how many were created or updated.

    Templates are reference data nobody can edit, and nothing hangs off them (cohorts,
    intakes and work belong to copies), so an outdated template is rewritten in place;
    copies made from it keep their own text.
    """
    changed = 0
    with transaction.atomic():
        for item in programme_templates_read(path):
            fields = _template_fields(item)
            existing = Programme.objects.templates().filter(template_key=item["key"]).first()
            if existing is not None and existing.template_digest == fields["template_digest"]:
                continue
            if existing is None:
                programme = Programme.objects.create(
                    organisation=None, template_key=item["key"], **fields
                )
            else:
                programme = existing
                for name, value in fields.items():
                    setattr(programme, name, value)
                programme.save()
                # An edit form open on the old text must not put it back.
                bump_version(Programme.objects.filter(pk=programme.pk))
                for related in (
                    programme.modules,
                    programme.assessments,
                    programme.coursework,
                    programme.criteria,
                    programme.certificates,
                    programme.information,
                ):
                    related.all().delete()
            _template_children(programme, item)
            changed += 1
    return changed


def _phrases_in(text: str, phrases: list[str]) -> list[str]:
    return [p for p in phrases if p and p in text]


def _flag_copied_text(copy: Programme) -> int:
    """Flag each text of the copy that names the source organisation (see CopiedText)."""
    phrases = list(copy.organisation_specific)
    if not phrases:
        return 0
    found: list[CopiedText] = []

    def check(
        target: str, target_id: int, field: str, label: str, text: str, index: int | None = None
    ) -> None:
        named = _phrases_in(text, phrases)
        if named:
            found.append(
                CopiedText(
                    organisation=copy.organisation,
                    programme=copy,
                    order=len(found) + 1,
                    label=label,
                    target=target,
                    target_id=target_id,
                    field=field,
                    index=index,
                    phrases=named,
                    original=text,
                )
            )

    for name, label in PROGRAMME_TEXT_FIELDS.items():
        check("programme", copy.pk, name, label, getattr(copy, name))
    for n, step in enumerate(copy.recruitment_steps):
        check("programme", copy.pk, "recruitment_steps", f"Recruitment step {n + 1}", step, n)
    for module in copy.modules.all():
        check("module", module.pk, "title", f"{module.display_title}: title", module.title)
        check("module", module.pk, "aims", f"{module.display_title}: aims", module.aims)
    for a in copy.assessments.all():
        check("assessment", a.pk, "title", f"Assessment {a.order}: title", a.title)
        check("assessment", a.pk, "description", f"{a.title}: description", a.description)
    for w in copy.coursework.all():
        check("coursework", w.pk, "title", f"Coursework {w.order}: title", w.title)
        check("coursework", w.pk, "description", f"{w.title}: description", w.description)
    for c in copy.criteria.all():
        check("criterion", c.pk, "text", f"Eligibility criterion {c.order}", c.text)
        for n, example in enumerate(c.examples):
            label = f"Eligibility criterion {c.order}, example {n + 1}"
            check("criterion", c.pk, "examples", label, example, n)
    for cert in copy.certificates.all():
        check("certificate", cert.pk, "title", f"Certificate {cert.order}", cert.title)
        body = cert.awarding_body
        check("certificate", cert.pk, "awarding_body", f"{cert.title}: awarded by", body)
        check("certificate", cert.pk, "note", f"{cert.title}: note", cert.note)
    for i in copy.information.all():
        check("information", i.pk, "heading", f"{i.heading}: heading", i.heading)
        check("information", i.pk, "text", i.heading, i.text)
        for n, entry in enumerate(i.items):
            check("information", i.pk, "items", f"{i.heading}, item {n + 1}", entry, n)
    CopiedText.objects.bulk_create(found)
    return len(found)


# What a copy of a programme takes with it, besides its modules: each kind of record, the
# source programme's name for them, and the fields copied as they are.
COPIED_WITH_A_PROGRAMME: tuple[tuple[type[models.Model], str, tuple[str, ...]], ...] = (
    (
        AssessmentRequirement,
        "assessments",
        ("order", "kind", "title", "description", "required_for_graduation"),
    ),
    (Coursework, "coursework", ("order", "title", "description")),
    (EligibilityCriterion, "criteria", ("order", "text", "examples")),
    (ProgrammeCertificate, "certificates", ("order", "title", "issuer", "awarding_body", "note")),
    (ProgrammeInformation, "information", ("order", "heading", "text", "items", "for_applicants")),
)


def programme_copy(
    *,
    source: Programme,
    organisation: Organisation,
    by: "User | None",
    request: HttpRequest | None = None,
) -> Programme:
    """The organisation's own editable copy of a template (or of another programme).

    Text that names the source's own organisation is flagged for the copier to confirm or
    reword (`copied_text_confirm`) before an intake can open; a copy of the organisation's
    own programme has nothing to flag.
    """
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
        for model, related, fields in COPIED_WITH_A_PROGRAMME:
            model._default_manager.bulk_create(
                model(
                    programme=copy,
                    organisation=organisation,
                    **{name: getattr(item, name) for name in fields},
                )
                for item in getattr(source, related).all()
            )
        flagged = 0
        if source.organisation_id != organisation.pk:
            flagged = _flag_copied_text(copy)
        audit(
            request,
            action=AuditAction.CREATE,
            obj=copy,
            actor=by,
            organisation_id=organisation.pk,
            reason=f"copied from “{source.title}”"
            + (f"; {flagged} texts to check" if flagged else ""),
        )
    return copy


COPIED_TEXT_TARGETS: dict[str, type[models.Model]] = {
    "programme": Programme,
    "module": Module,
    "assessment": AssessmentRequirement,
    "coursework": Coursework,
    "criterion": EligibilityCriterion,
    "certificate": ProgrammeCertificate,
    "information": ProgrammeInformation,
}


def _copied_text_record(item: CopiedText) -> models.Model:
    model = COPIED_TEXT_TARGETS[item.target]
    return model._default_manager.select_for_update().get(pk=item.target_id)


def copied_text_current(item: CopiedText, record: models.Model | None = None) -> str:
    """The text as it is now (it may have been edited elsewhere since it was copied)."""
    if record is None:
        record = COPIED_TEXT_TARGETS[item.target]._default_manager.get(pk=item.target_id)
    value = getattr(record, item.field)
    if item.index is not None:
        return str(value[item.index]) if item.index < len(value) else ""
    return str(value)


def copied_text_confirm(
    *,
    item: CopiedText,
    text: str,
    expected: str,
    by: "User | None",
    request: HttpRequest | None = None,
) -> CopiedText:
    """Save the copier's wording (as it is, or reworded) and mark it confirmed.

    `expected` is the text the copier saw: if it has changed since, nothing is saved.
    """
    text = text.strip()
    if not text and item.field not in ("aims", "description", "note", "awarding_body", "text"):
        raise ValidationError({"text": "Enter the wording, or keep the text as it is."})
    with transaction.atomic():
        record = _copied_text_record(item)
        current = copied_text_current(item, record)
        require_unchanged(expected, current)
        if (
            item.target == "criterion"
            and EligibilityCriterion.objects.filter(
                pk=item.target_id, answers__isnull=False
            ).exists()
            and text != current
        ):
            raise ValidationError({"text": "Applicants have answered this criterion, so it stays."})
        if item.index is not None:
            values = list(getattr(record, item.field))
            values[item.index] = text
            setattr(record, item.field, values)
        else:
            setattr(record, item.field, text)
        record.full_clean()
        record.save(update_fields=[item.field])
        if any(f.name == "version" for f in record._meta.fields):
            # Edit forms open on the record must not put the old wording back.
            bump_version(type(record)._default_manager.filter(pk=record.pk))
        item.confirmed_by, item.confirmed_at = by, timezone.now()
        item.save(update_fields=["confirmed_by", "confirmed_at"])
        audit(
            request,
            action=AuditAction.UPDATE,
            obj=item.programme,
            actor=by,
            organisation_id=item.organisation_id,
            reason=f"copied text confirmed: {item.label}"
            + (" (reworded)" if text != current else " (kept)"),
        )
    return item
