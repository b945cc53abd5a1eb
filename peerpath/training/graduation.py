"""Graduation: the programme's rules evaluated for a trainee, the award, the certificate,
its public verification, and what graduates go on to do.

The rules are the programme's configuration (attendance threshold, required assessments,
work experience days, portfolio sign-off): change the programme, and the rules change.
"""

import re
import secrets
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured, ValidationError
from django.db import transaction
from django.db.models import Count, Q, QuerySet
from django.http import HttpRequest
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from peerpath.core.audit import audit
from peerpath.core.models import AuditAction

from . import assessment, portfolio
from .models import (
    ATTENDED,
    AttendanceRecord,
    Award,
    CertificateIssuer,
    Enrolment,
    EnrolmentStatus,
    GraduateOutcome,
    PlacementDay,
    PortfolioStatus,
)

CERTIFICATE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I: easy to read out
# What a typed certificate number may hold to be looked up (and put in the checker's
# address): letters, digits and hyphens. Anything else cannot be a certificate's number.
_NUMBER_SHAPE = re.compile(r"[A-Z0-9-]{1,32}")


@dataclass(frozen=True)
class RuleResult:
    rule: str
    met: bool
    detail: str


def eligibility(enrolment: Enrolment) -> list[RuleResult]:
    """Each graduation rule of the programme, met or not, and exactly what is missing."""
    programme = enrolment.cohort.programme
    results: list[RuleResult] = []
    if programme.attendance_threshold is not None:
        total = enrolment.cohort.sessions.count()
        attended = AttendanceRecord.objects.filter(enrolment=enrolment, status__in=ATTENDED).count()
        percent = 100 * attended / total if total else 0
        met = bool(total) and percent >= programme.attendance_threshold
        detail = (
            f"Attended {attended} of {total} sessions ({percent:.0f}%); "
            f"at least {programme.attendance_threshold}% is needed."
            if total
            else "No sessions are timetabled yet."
        )
        results.append(RuleResult("Attendance", met, detail))
    for status in assessment.assessment_statuses(enrolment):
        if status.assessment.required_for_graduation:
            results.append(RuleResult(status.assessment.title, status.passed, status.label))
    if programme.placement_required:
        needed = programme.placement_days_required
        confirmed = PlacementDay.objects.filter(
            placement__enrolment=enrolment, confirmed_at__isnull=False
        ).count()
        signed = enrolment.placements.filter(signed_off_at__isnull=False).exists()
        detail = f"{confirmed} of {needed} work experience days confirmed"
        detail += (
            "; the placement is signed off." if signed else "; the placement is not signed off yet."
        )
        results.append(RuleResult("Work experience", confirmed >= needed and signed, detail))
    if programme.requires_portfolio_sign_off:
        portfolio.portfolio_sync(enrolment)
        counts = enrolment.portfolio.aggregate(
            total=Count("pk"), signed=Count("pk", filter=Q(status=PortfolioStatus.SIGNED_OFF))
        )
        if not counts["total"]:
            results.append(
                RuleResult(
                    "Competence portfolio",
                    False,
                    "The programme's modules are not mapped to the framework yet, so there is "
                    "nothing to sign off.",
                )
            )
        else:
            results.append(
                RuleResult(
                    "Competence portfolio",
                    counts["signed"] == counts["total"],
                    f"{counts['signed']} of {counts['total']} competences signed off.",
                )
            )
    return results


def is_eligible(results: list[RuleResult]) -> bool:
    return all(r.met for r in results)


def _certificate_number() -> str:
    body = "".join(secrets.choice(CERTIFICATE_ALPHABET) for _ in range(10))
    return f"PP-{body[:5]}-{body[5:]}"


def graduate(
    *, enrolment: Enrolment, by: Any, request: HttpRequest | None = None, on: date | None = None
) -> Award:
    """Record the award, only when every rule is met (checked again inside the transaction)."""
    with transaction.atomic():
        locked = (
            Enrolment.objects.select_for_update(of=("self",))
            .select_related("cohort__programme", "trainee")
            .get(pk=enrolment.pk)
        )
        if Award.objects.filter(enrolment=locked).exists():
            raise ValidationError("This trainee has already graduated.")
        results = eligibility(locked)
        if not is_eligible(results):
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


def checker_address(award: Award, base_url: str = "") -> str:
    """The public checker's full address for this certificate.

    `base_url` is where PeerPath is reached (from the request); outside a request the
    PEERPATH_BASE_URL setting says it, and without either no address can be printed.
    """
    base = (base_url or settings.PEERPATH_BASE_URL).rstrip("/")
    if not base:
        raise ImproperlyConfigured(
            "Set PEERPATH_BASE_URL to PeerPath's address to print certificates outside a "
            "web request."
        )
    return base + reverse("training:verify-number", kwargs={"number": award.certificate_number})


def certificate_pdf(award: Award, *, base_url: str = "") -> bytes:
    """The certificate the awarding organisation issues, with the checker's full address."""
    from weasyprint import HTML

    html = render_to_string(
        "training/certificate.pdf.jinja",
        {"award": award, "checker": checker_address(award, base_url)},
    )
    return bytes(HTML(string=html).write_pdf())


def certificate_number_typed(number: str) -> str | None:
    """A typed number as certificates print it (trimmed, in capitals), or None when it
    holds anything a certificate number cannot (a slash, a space inside, a NUL...)."""
    cleaned = number.strip().upper()
    return cleaned if _NUMBER_SHAPE.fullmatch(cleaned) else None


def award_by_number(number: str) -> Award | None:
    cleaned = certificate_number_typed(number)
    if cleaned is None:
        return None
    return Award.objects.filter(certificate_number=cleaned).first()


def outcome_record(
    *,
    award: Award,
    kind: str,
    team: Any,
    detail: str,
    on: date,
    by: Any,
    request: HttpRequest | None = None,
) -> GraduateOutcome:
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


def award_lookup() -> QuerySet[Award]:
    return Award.objects.select_related("enrolment", "enrolment__trainee", "enrolment__cohort")


def awards_without_outcome(organisation: Any) -> QuerySet[Award]:
    """Graduates with nothing recorded yet about what they went on to do, oldest first."""
    return (
        Award.objects.filter(organisation=organisation, outcomes__isnull=True)
        .select_related("enrolment__trainee")
        .order_by("awarded_on", "pk")
    )


def external_certificates(award: Award) -> list[Any]:
    """Certificates of the programme that an awarding body (not PeerPath) issues."""
    return list(
        award.enrolment.cohort.programme.certificates.filter(issuer=CertificateIssuer.AWARDING_BODY)
    )
