"""Graduation writes: the award with its certificate number, and graduates' outcomes."""

import secrets
from datetime import date
from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone

from peerpath.core.audit import audit
from peerpath.core.models import AuditAction
from peerpath.training import selectors
from peerpath.training.models import (
    Award,
    CertificateIssuer,
    Enrolment,
    EnrolmentStatus,
    GraduateOutcome,
    OutcomeKind,
)

if TYPE_CHECKING:
    from peerpath.accounts.models import User

CERTIFICATE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I: easy to read out


def _certificate_number() -> str:
    body = "".join(secrets.choice(CERTIFICATE_ALPHABET) for _ in range(10))
    return f"PP-{body[:5]}-{body[5:]}"


def graduate(
    *,
    enrolment: Enrolment,
    by: "User | None",
    request: HttpRequest | None = None,
    on: date | None = None,
) -> Award:
    """Record the award, only when every rule is met (checked again inside the transaction)."""
    if by is None:
        raise ValueError("Someone signed in must do this.")
    with transaction.atomic():
        locked = (
            Enrolment.objects.select_for_update(of=("self",))
            .select_related("cohort__programme", "trainee")
            .get(pk=enrolment.pk)
        )
        if Award.objects.filter(enrolment=locked).exists():
            raise ValidationError("This trainee has already graduated.")
        results = selectors.graduation.eligibility(locked)
        if not selectors.graduation.is_eligible(results):
            missing = "; ".join(f"{r.rule}: {r.detail}" for r in results if not r.met)
            raise ValidationError(f"Not yet eligible to graduate. {missing}")
        programme = locked.cohort.programme
        issued = programme.certificates.filter(issuer=CertificateIssuer.ORGANISATION).first()
        award = Award.objects.create(
            organisation=locked.organisation,
            enrolment=locked,
            certificate_number=_certificate_number(),
            trainee_name=locked.trainee.full_name or locked.trainee.email,
            programme_title=programme.title,
            accreditation=programme.accreditation,
            provider=programme.provider,
            awarding_organisation=locked.organisation.name,
            certificate_title=issued.title if issued else "",
            awarded_on=on or timezone.localdate(),
            awarded_by=by,
        )
        locked.status = EnrolmentStatus.GRADUATED
        locked.save(update_fields=["status"])
        audit(
            request,
            action=AuditAction.CREATE,
            obj=award,
            actor=by,
            organisation_id=locked.organisation_id,
            reason="graduated",
        )
    return award


def outcome_record(
    *,
    award: Award,
    kind: str,
    team: Any,
    detail: str,
    on: date,
    by: "User | None",
    request: HttpRequest | None = None,
) -> GraduateOutcome:
    if by is None:
        raise ValueError("Someone signed in must do this.")
    if kind == OutcomeKind.EMPLOYED:
        # A job is an appointment to a post: it comes only from an employment record.
        raise ValidationError(
            {"kind": "A job is recorded by appointing them to a post, as an employment record."}
        )
    if on > timezone.localdate():
        raise ValidationError({"on": "The date cannot be in the future."})
    if on < award.awarded_on:
        raise ValidationError({"on": "The date cannot be before they graduated."})
    with transaction.atomic():
        outcome = GraduateOutcome.objects.create(
            organisation=award.organisation,
            award=award,
            kind=kind,
            team=team,
            detail=detail.strip(),
            recorded_on=on,
            recorded_by=by,
        )
        audit(
            request,
            action=AuditAction.CREATE,
            obj=outcome,
            actor=by,
            organisation_id=award.organisation_id,
            reason=outcome.get_kind_display(),
        )
    return outcome
