"""Writes to a worker's own wellbeing plan and check-ins.

Only the worker writes (the views take the worker from the request, never from the URL).
Every write is atomic and audited; an audit row names the kind of record and its version,
never its words, so nothing the worker wrote reaches the audit log (ADR-020). A plan is
never changed in place: each save adds a `WellbeingPlanVersion`, and an edit started from
an older version is refused with `EditConflict`.
"""

from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.http import HttpRequest
from django.utils import timezone

from peerpath.core.audit import audit
from peerpath.core.models import AuditAction
from peerpath.core.records import create_audited
from peerpath.core.versioning import create_first, update_if_unchanged
from peerpath.organisations.models import Organisation

from .models import CheckIn, WellbeingPlan, WellbeingPlanVersion
from .parts import PART_KEYS

if TYPE_CHECKING:
    from peerpath.accounts.models import User


def _audit(
    request: HttpRequest | None,
    *,
    action: AuditAction,
    obj: models.Model,
    by: "User",
    reason: str = "",
) -> None:
    # The label is the record's kind, never its words: the worker's wellbeing stays theirs.
    audit(
        request,
        action=action,
        obj=obj,
        object_label=str(obj._meta.verbose_name),
        actor=by,
        organisation_id=getattr(obj, "organisation_id", None),
        reason=reason,
    )


def plan_save(
    *,
    organisation: Organisation,
    content: dict[str, str],
    shared: list[str],
    expected_version: int | None,
    by: "User",
    request: HttpRequest | None = None,
) -> WellbeingPlanVersion:
    """Save a new version of `by`'s own wellbeing plan, with the parts they share.

    `expected_version` is the version the worker started from (0 for the first). If the
    plan has moved on since (saved in another window), raises `EditConflict` and writes
    nothing. A part is shared only if it has words in it.
    """
    content = {key: content.get(key, "").strip() for key in PART_KEYS}
    if not any(content.values()):
        raise ValidationError("Write something in at least one part of your plan.")
    shared = [key for key in PART_KEYS if key in set(shared) and content[key]]
    rows = WellbeingPlan.objects.filter(organisation=organisation, worker=by)
    with transaction.atomic():
        if expected_version == 0 and not rows.exists():
            number = 1
            plan = create_first(
                lambda: WellbeingPlan.objects.create(
                    organisation=organisation, worker=by, current_version=number
                ),
                rows=rows,
                field="current_version",
            )
        else:
            number = update_if_unchanged(
                rows,
                expected_version=expected_version,
                changes={"updated_at": timezone.now()},
                field="current_version",
            )
            plan = rows.get()
        version = WellbeingPlanVersion(
            organisation=organisation,
            plan=plan,
            number=number,
            content=content,
            shared=shared,
            changed_by=by,
        )
        version.full_clean()
        version.save()
        _audit(
            request,
            action=AuditAction.CREATE if number == 1 else AuditAction.UPDATE,
            obj=version,
            by=by,
            reason=f"version {number}",
        )
    return version


def check_in_add(
    *,
    organisation: Organisation,
    data: dict[str, object],
    by: "User",
    request: HttpRequest | None = None,
) -> CheckIn:
    """Record a check-in of `by`'s own, shared with their supervisor only if they chose."""
    check_in = CheckIn(organisation=organisation, worker=by, **data)
    # The label is the record's kind, never its words (as `_audit`).
    return create_audited(
        check_in, by=by, request=request, object_label=str(CheckIn._meta.verbose_name)
    )


def check_in_share(
    *, check_in: CheckIn, shared: bool, by: "User", request: HttpRequest | None = None
) -> CheckIn:
    """Share a check-in with the worker's supervisor, or stop sharing it. The choice is
    stated, not toggled, so sending it twice changes nothing."""
    with transaction.atomic():
        CheckIn.objects.filter(pk=check_in.pk, worker=by).update(shared=shared)
        check_in.shared = shared
        _audit(
            request,
            action=AuditAction.UPDATE,
            obj=check_in,
            by=by,
            reason="shared with their supervisor" if shared else "no longer shared",
        )
    return check_in
