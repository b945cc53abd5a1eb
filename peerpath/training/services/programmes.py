"""Writes about an organisation's own programme and its modules. Atomic and audited.

Copying a shipped template is `programme_templates`; what a programme requires (assessments,
eligibility, certificates, coursework) is `requirements`."""

from decimal import Decimal
from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import HttpRequest

from peerpath.core.audit import audit
from peerpath.core.models import AuditAction
from peerpath.core.versioning import (
    claim_version,
    save_if_unchanged,
)
from peerpath.framework.models import Statement, Unit
from peerpath.training.models import (
    Module,
    Programme,
)

if TYPE_CHECKING:
    from peerpath.accounts.models import User


def require_own_programme(programme: Programme) -> None:
    """Intakes and cohorts run an organisation's own programme, never a shared template."""
    if programme.is_template:
        raise ValidationError({"programme": "Choose one of your own programmes, not a template."})


def check_editable(programme: Programme) -> None:
    if programme.is_template:
        raise ValidationError("Templates cannot be changed. Make a copy for your organisation.")


def programme_update(
    *,
    programme: Programme,
    changes: dict[str, Any],
    expected_version: int,
    by: "User | None",
    request: HttpRequest | None = None,
) -> Programme:
    """Save changed details, refusing if someone else saved since `expected_version`."""
    check_editable(programme)
    with transaction.atomic():
        save_if_unchanged(programme, expected_version=expected_version, changes=changes)
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
    expected_version: int | None,
    by: "User | None",
    request: HttpRequest | None = None,
) -> Module:
    """Save the module and what it covers, refusing (EditConflict) if someone else saved it
    since `expected_version`."""
    check_editable(module.programme)
    with transaction.atomic():
        claim_version(module, expected_version=expected_version)
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


def module_add(
    *, programme: Programme, by: "User | None", request: HttpRequest | None = None
) -> Module:
    check_editable(programme)
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
