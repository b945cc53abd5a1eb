"""What a programme requires: its assessments, eligibility criteria, certificates and
coursework. Only on an organisation's own programme; atomic and audited."""

from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import QuerySet
from django.http import HttpRequest

from peerpath.core.audit import audit
from peerpath.core.models import AuditAction
from peerpath.core.records import create_audited, delete_audited
from peerpath.core.versioning import save_if_unchanged
from peerpath.training.models import (
    AssessmentRequirement,
    Coursework,
    EligibilityCriterion,
    Programme,
    ProgrammeCertificate,
)

if TYPE_CHECKING:
    from peerpath.accounts.models import User

from .programmes import check_editable

Requirement = AssessmentRequirement | EligibilityCriterion | ProgrammeCertificate | Coursework


def _next_order(items: "QuerySet[Any]") -> int:
    """The place after the programme's last item of this kind (1 for the first)."""
    last = items.order_by("-order").first()
    return (last.order if last else 0) + 1


def _remove(
    item: Requirement,
    *,
    in_use: "QuerySet[Any] | None" = None,
    stays: str = "",
    by: "User | None",
    request: HttpRequest | None,
    versioned: bool = False,
    expected_version: int | None = None,
) -> None:
    """Remove one of what the programme requires, while the programme may be edited; not
    if `in_use` has rows (what people wrote for it is never lost: `stays` says why).
    Audited; with `versioned`, only if unchanged since `expected_version`."""
    check_editable(item.programme)
    if in_use is not None and in_use.exists():
        raise ValidationError(stays)
    delete_audited(
        item, by=by, request=request, versioned=versioned, expected_version=expected_version
    )


def assessment_add(
    *,
    programme: Programme,
    kind: str,
    title: str,
    description: str,
    required: bool,
    by: "User | None",
    request: HttpRequest | None = None,
) -> AssessmentRequirement:
    check_editable(programme)
    item = AssessmentRequirement(
        programme=programme,
        organisation=programme.organisation,
        order=_next_order(programme.assessments.all()),
        kind=kind,
        title=title.strip(),
        description=description.strip(),
        required_for_graduation=required,
    )
    return create_audited(item, by=by, request=request)


def assessment_set_required(
    *,
    item: AssessmentRequirement,
    required: bool,
    expected_version: int | None,
    by: "User | None",
    request: HttpRequest | None = None,
) -> None:
    """Make the assessment required to graduate, or optional, unless it changed since
    `expected_version` (EditConflict)."""
    check_editable(item.programme)
    with transaction.atomic():
        save_if_unchanged(
            item,
            expected_version=expected_version,
            changes={"required_for_graduation": required},
        )
        audit(
            request,
            action=AuditAction.UPDATE,
            obj=item,
            actor=by,
            organisation_id=item.organisation_id,
            reason="required to graduate" if required else "optional",
        )


def assessment_remove(
    *,
    item: AssessmentRequirement,
    expected_version: int | None,
    by: "User | None",
    request: HttpRequest | None = None,
) -> None:
    """Remove an assessment nobody has submitted work for (work is never lost), unless it
    changed since `expected_version` (EditConflict): the remover saw it as it was."""
    _remove(
        item,
        in_use=item.submissions.all(),
        stays="Work has been submitted for this assessment, so it stays. Make it optional instead.",
        by=by,
        request=request,
        versioned=True,
        expected_version=expected_version,
    )


def eligibility_add(
    *, programme: Programme, text: str, by: "User | None", request: HttpRequest | None = None
) -> EligibilityCriterion:
    check_editable(programme)
    with transaction.atomic():
        criterion = EligibilityCriterion.objects.create(
            programme=programme,
            organisation=programme.organisation,
            order=_next_order(programme.criteria.all()),
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
    *, criterion: EligibilityCriterion, by: "User | None", request: HttpRequest | None = None
) -> None:
    """Remove a criterion no applicant has answered yet (their answers are never lost)."""
    _remove(
        criterion,
        in_use=criterion.answers.all(),
        stays="Applicants have answered this criterion, so it stays.",
        by=by,
        request=request,
    )


def certificate_add(
    *,
    programme: Programme,
    title: str,
    issuer: str,
    awarding_body: str,
    by: "User | None",
    request: HttpRequest | None = None,
) -> ProgrammeCertificate:
    """A certificate the programme awards: issued by the organisation, or only named."""
    check_editable(programme)
    if issuer == "awarding_body" and not awarding_body.strip():
        raise ValidationError({"awarding_body": "Name the awarding body."})
    certificate = ProgrammeCertificate(
        programme=programme,
        organisation=programme.organisation,
        order=_next_order(programme.certificates.all()),
        title=title.strip(),
        issuer=issuer,
        awarding_body=awarding_body.strip() if issuer == "awarding_body" else "",
    )
    return create_audited(certificate, by=by, request=request)


def certificate_remove(
    *, certificate: ProgrammeCertificate, by: "User | None", request: HttpRequest | None = None
) -> None:
    """Stop awarding a certificate; awards already made keep what they said on the day."""
    _remove(certificate, by=by, request=request)


def coursework_add(
    *,
    programme: Programme,
    title: str,
    description: str,
    by: "User | None",
    request: HttpRequest | None = None,
) -> Coursework:
    check_editable(programme)
    work = Coursework(
        programme=programme,
        organisation=programme.organisation,
        order=_next_order(programme.coursework.all()),
        title=title.strip(),
        description=description.strip(),
    )
    return create_audited(work, by=by, request=request)


def coursework_remove(
    *, work: Coursework, by: "User | None", request: HttpRequest | None = None
) -> None:
    _remove(work, by=by, request=request)
