"""The competence portfolio: each statement the programme covers, with evidence and sign-off."""

from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone

from peerpath.core.audit import audit
from peerpath.core.models import AuditAction
from peerpath.training.models import (
    Enrolment,
    PortfolioEntry,
    PortfolioEvidence,
    PortfolioStatus,
)
from peerpath.training.selectors.portfolio import covered_statements

if TYPE_CHECKING:
    from peerpath.accounts.models import User


def portfolio_sync(enrolment: Enrolment) -> None:
    """Make sure every covered statement has an entry (new mappings add entries)."""
    have = set(enrolment.portfolio.values_list("statement_id", flat=True))
    PortfolioEntry.objects.bulk_create(
        PortfolioEntry(organisation=enrolment.organisation, enrolment=enrolment, statement=s)
        for s in covered_statements(enrolment)
        if s.pk not in have
    )


def evidence_add(
    *,
    entry: PortfolioEntry,
    kind: str,
    note: str,
    submission: Any = None,
    placement_day: Any = None,
    by: "User | None",
    request: HttpRequest | None = None,
) -> PortfolioEvidence:
    if entry.status == PortfolioStatus.SIGNED_OFF:
        raise ValidationError("This competence is already signed off.")
    if not note.strip():
        raise ValidationError({"note": "Say how this shows the competence."})
    for linked in (submission, placement_day):
        if linked is not None and linked.organisation_id != entry.organisation_id:
            raise ValidationError("Choose your own work as evidence.")
    with transaction.atomic():
        item = PortfolioEvidence.objects.create(
            organisation=entry.organisation,
            entry=entry,
            kind=kind,
            note=note.strip(),
            submission=submission,
            placement_day=placement_day,
        )
        if entry.status == PortfolioStatus.NOT_STARTED:
            entry.status = PortfolioStatus.IN_PROGRESS
            entry.save(update_fields=["status"])
        audit(
            request,
            action=AuditAction.CREATE,
            obj=item,
            actor=by,
            organisation_id=entry.organisation_id,
        )
    return item


def review_request(
    *, entry: PortfolioEntry, by: "User | None", request: HttpRequest | None = None
) -> None:
    """The trainee says the evidence is there and asks for a review."""
    if not entry.evidence.exists():
        raise ValidationError("Add evidence before asking for a review.")
    with transaction.atomic():
        entry.status = PortfolioStatus.EVIDENCED
        entry.review_requested_at = timezone.now()
        entry.save(update_fields=["status", "review_requested_at"])
        audit(
            request,
            action=AuditAction.UPDATE,
            obj=entry,
            actor=by,
            organisation_id=entry.organisation_id,
            reason="review requested",
        )


def sign_off(
    *, entry: PortfolioEntry, by: "User | None", request: HttpRequest | None = None
) -> None:
    if not entry.evidence.exists():
        raise ValidationError("There is no evidence to sign off yet.")
    with transaction.atomic():
        entry.status = PortfolioStatus.SIGNED_OFF
        entry.signed_off_by, entry.signed_off_at = by, timezone.now()
        entry.save(update_fields=["status", "signed_off_by", "signed_off_at"])
        audit(
            request,
            action=AuditAction.UPDATE,
            obj=entry,
            actor=by,
            organisation_id=entry.organisation_id,
            reason="signed off",
        )
