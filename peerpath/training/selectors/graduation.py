"""Graduation: the programme's rules evaluated for a trainee, the award, the certificate,
its public verification, and what graduates go on to do.

The rules are the programme's configuration (attendance threshold, required assessments,
work experience days, portfolio sign-off): change the programme, and the rules change.
"""

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.db.models import Count, Q, QuerySet
from django.template.loader import render_to_string
from django.urls import reverse

from peerpath.core.actor import Actor
from peerpath.training import selectors, services
from peerpath.training.models import (
    ATTENDED,
    AssessmentRequirement,
    AttendanceRecord,
    Award,
    CertificateIssuer,
    Enrolment,
    PlacementDay,
    PortfolioStatus,
    Programme,
)

# What a typed certificate number may hold to be looked up (and put in the checker's
# address): letters, digits and hyphens. Anything else cannot be a certificate's number.
_NUMBER_SHAPE = re.compile(r"[A-Z0-9-]{1,32}")


@dataclass(frozen=True)
class RuleResult:
    rule: str
    met: bool
    detail: str


@dataclass(frozen=True)
class Requirement:
    """One thing a programme asks of a trainee to graduate, as its page states it."""

    text: str
    note: str = ""


@dataclass(frozen=True)
class GraduationRule:
    """A graduation rule, read from the programme's configuration: what it asks (the
    programme page) and, for a trainee, whether it is met and what is missing."""

    asks: Callable[[Programme, list[AssessmentRequirement]], list[Requirement]]
    check: Callable[[Enrolment], list[RuleResult]]


def _attendance_asks(programme: Programme, _: list[AssessmentRequirement]) -> list[Requirement]:
    threshold = programme.attendance_threshold
    text = (
        f"Attend at least {threshold}% of the sessions"
        if threshold is not None
        else "No minimum attendance is set"
    )
    return [Requirement(text, note=programme.attendance_rule)]


def _attendance(enrolment: Enrolment) -> list[RuleResult]:
    programme = enrolment.cohort.programme
    if programme.attendance_threshold is None:
        return []
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
    return [RuleResult("Attendance", met, detail)]


def _assessments_asks(_: Programme, assessments: list[AssessmentRequirement]) -> list[Requirement]:
    return [Requirement(f"Pass: {a.title}") for a in assessments if a.required_for_graduation]


def _assessments(enrolment: Enrolment) -> list[RuleResult]:
    return [
        RuleResult(status.assessment.title, status.passed, status.label)
        for status in selectors.assessment.assessment_statuses(enrolment)
        if status.assessment.required_for_graduation
    ]


def _work_experience_asks(
    programme: Programme, _: list[AssessmentRequirement]
) -> list[Requirement]:
    if not programme.placement_required:
        return []
    days = programme.placement_days_required
    return [
        Requirement("Have the work experience placement signed off"),
        Requirement(f"Complete {days} work experience {'day' if days == 1 else 'days'}"),
    ]


def _work_experience(enrolment: Enrolment) -> list[RuleResult]:
    programme = enrolment.cohort.programme
    if not programme.placement_required:
        return []
    needed = programme.placement_days_required
    confirmed = PlacementDay.objects.filter(
        placement__enrolment=enrolment, confirmed_at__isnull=False
    ).count()
    signed = enrolment.placements.filter(signed_off_at__isnull=False).exists()
    detail = f"{confirmed} of {needed} work experience days confirmed"
    detail += (
        "; the placement is signed off." if signed else "; the placement is not signed off yet."
    )
    return [RuleResult("Work experience", confirmed >= needed and signed, detail)]


def _portfolio_asks(programme: Programme, _: list[AssessmentRequirement]) -> list[Requirement]:
    if not programme.requires_portfolio_sign_off:
        return []
    return [Requirement("Have every competence in the portfolio signed off")]


def _portfolio(enrolment: Enrolment) -> list[RuleResult]:
    if not enrolment.cohort.programme.requires_portfolio_sign_off:
        return []
    services.portfolio.portfolio_sync(enrolment)
    counts = enrolment.portfolio.aggregate(
        total=Count("pk"), signed=Count("pk", filter=Q(status=PortfolioStatus.SIGNED_OFF))
    )
    if not counts["total"]:
        detail = (
            "The programme's modules are not mapped to the framework yet, so there is "
            "nothing to sign off."
        )
        return [RuleResult("Competence portfolio", False, detail)]
    return [
        RuleResult(
            "Competence portfolio",
            counts["signed"] == counts["total"],
            f"{counts['signed']} of {counts['total']} competences signed off.",
        )
    ]


# The graduation rules, in the order the programme page and the graduation check list them.
GRADUATION_RULES: tuple[GraduationRule, ...] = (
    GraduationRule(asks=_attendance_asks, check=_attendance),
    GraduationRule(asks=_assessments_asks, check=_assessments),
    GraduationRule(asks=_work_experience_asks, check=_work_experience),
    GraduationRule(asks=_portfolio_asks, check=_portfolio),
)


def requirements(
    programme: Programme, assessments: list[AssessmentRequirement]
) -> list[Requirement]:
    """What the programme asks of a trainee to graduate, from the rules the graduation
    check applies (`assessments`: the programme's, as the page already holds them)."""
    return [line for rule in GRADUATION_RULES for line in rule.asks(programme, assessments)]


def eligibility(enrolment: Enrolment) -> list[RuleResult]:
    """Each graduation rule of the programme, met or not, and exactly what is missing."""
    return [result for rule in GRADUATION_RULES for result in rule.check(enrolment)]


def is_eligible(results: list[RuleResult]) -> bool:
    return all(r.met for r in results)


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


def awards_of(*, actor: Actor) -> QuerySet[Award]:
    """The awards of the actor's organisation, with their trainee and cohort."""
    return Award.objects.filter(organisation=actor.organisation).select_related(
        "enrolment", "enrolment__trainee", "enrolment__cohort"
    )


def awards_without_outcome(*, actor: Actor) -> QuerySet[Award]:
    """Graduates of the actor's organisation with nothing recorded yet about what they went
    on to do, oldest first."""
    return (
        Award.objects.filter(organisation=actor.organisation, outcomes__isnull=True)
        .select_related("enrolment__trainee")
        .order_by("awarded_on", "pk")
    )


def external_certificates(award: Award) -> list[Any]:
    """Certificates of the programme that an awarding body (not PeerPath) issues."""
    return list(
        award.enrolment.cohort.programme.certificates.filter(issuer=CertificateIssuer.AWARDING_BODY)
    )
