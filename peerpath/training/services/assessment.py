"""Assessments: trainees submit work (text and files, every version kept), trainers mark it
against criteria tied to framework statements, give feedback, and may ask for resubmission."""

from typing import TYPE_CHECKING

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.http import HttpRequest

from peerpath.core.audit import audit
from peerpath.core.models import AuditAction
from peerpath.framework.models import Statement
from peerpath.training.models import (
    AssessmentCriterion,
    AssessmentRequirement,
    Enrolment,
    Mark,
    MarkOutcome,
    Submission,
    SubmissionFile,
)

if TYPE_CHECKING:
    from peerpath.accounts.models import User

# Extension → (content type, how the file must start). Text files must be UTF-8 instead.
ALLOWED_FILES = {
    ".pdf": ("application/pdf", (b"%PDF-",)),
    ".docx": (
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        (b"PK\x03\x04",),
    ),
    ".odt": ("application/vnd.oasis.opendocument.text", (b"PK\x03\x04",)),
    ".rtf": ("application/rtf", (b"{\\rtf",)),
    ".txt": ("text/plain", ()),
}
FILE_HELP = "PDF, Word (.docx), OpenDocument (.odt), RTF or plain text, up to 10 MB"


def check_upload(upload: UploadedFile) -> str:
    """The file's content type, or a ValidationError that says what is wrong."""
    name = (upload.name or "").lower()
    extension = name[name.rfind(".") :] if "." in name else ""
    if extension not in ALLOWED_FILES:
        raise ValidationError({"upload": f"The file must be a {FILE_HELP}."})
    if upload.size is None or upload.size > settings.PEERPATH_UPLOAD_MAX_BYTES:
        raise ValidationError({"upload": "The file must be smaller than 10 MB."})
    if upload.size == 0:
        raise ValidationError({"upload": "The file is empty."})
    content_type, signatures = ALLOWED_FILES[extension]
    head = upload.read(8)
    upload.seek(0)
    if signatures and not any(head.startswith(s) for s in signatures):
        raise ValidationError({"upload": f"The file is not really a {extension[1:].upper()} file."})
    if not signatures:
        try:
            upload.read().decode("utf-8")
        except UnicodeDecodeError as error:
            raise ValidationError(
                {"upload": "The text file must be plain text (UTF-8)."}
            ) from error
        finally:
            upload.seek(0)
    return content_type


def submission_create(
    *,
    enrolment: Enrolment,
    assessment: AssessmentRequirement,
    text: str,
    upload: UploadedFile | None,
    by: "User | None",
    request: HttpRequest | None = None,
) -> Submission:
    if assessment.programme_id != enrolment.cohort.programme_id:
        raise ValidationError("This assessment is not part of your programme.")
    if not text.strip() and upload is None:
        raise ValidationError({"text": "Write your work here, or attach a file."})
    content_type = check_upload(upload) if upload is not None else ""
    with transaction.atomic():
        latest = (
            Submission.objects.select_for_update(of=("self",))
            .filter(enrolment=enrolment, assessment=assessment)
            .select_related("mark")
            .order_by("-number")
            .first()
        )
        if (
            latest is not None
            and hasattr(latest, "mark")
            and latest.mark.outcome == MarkOutcome.PASSED
        ):
            raise ValidationError("You have already passed this assessment.")
        submission = Submission.objects.create(
            organisation=enrolment.organisation,
            enrolment=enrolment,
            assessment=assessment,
            number=(latest.number if latest else 0) + 1,
            text=text.strip(),
        )
        if upload is not None:
            SubmissionFile.objects.create(
                organisation=enrolment.organisation,
                submission=submission,
                upload=upload,
                original_name=(upload.name or "upload")[:200],
                content_type=content_type,
                size=upload.size or 0,
            )
        audit(
            request,
            action=AuditAction.CREATE,
            obj=submission,
            actor=by,
            organisation_id=enrolment.organisation_id,
            reason=f"{assessment.title}, version {submission.number}",
        )
    return submission


def mark_record(
    *,
    submission: Submission,
    outcome: str,
    feedback: str,
    criteria_met: dict[int, bool],
    by: "User | None",
    request: HttpRequest | None = None,
) -> Mark:
    if by is None:
        raise ValueError("Someone signed in must do this.")
    if not feedback.strip():
        raise ValidationError({"feedback": "Write feedback for the trainee."})
    if outcome not in MarkOutcome.values:
        raise ValidationError({"outcome": "Choose passed or resubmission requested."})
    with transaction.atomic():
        newest = (
            Submission.objects.filter(
                enrolment=submission.enrolment, assessment=submission.assessment
            )
            .order_by("-number")
            .values_list("pk", flat=True)
            .first()
        )
        if newest != submission.pk:
            raise ValidationError("A newer version has been submitted. Mark that one instead.")
        if Mark.objects.filter(submission=submission).exists():
            raise ValidationError("This version has already been marked.")
        mark = Mark.objects.create(
            organisation=submission.organisation,
            submission=submission,
            marker=by,
            outcome=outcome,
            feedback=feedback.strip(),
            criteria_met={str(k): v for k, v in criteria_met.items()},
        )
        audit(
            request,
            action=AuditAction.CREATE,
            obj=mark,
            actor=by,
            organisation_id=submission.organisation_id,
            reason=mark.get_outcome_display(),
        )
    return mark


def criterion_add(
    *,
    assessment: AssessmentRequirement,
    text: str,
    statement: Statement | None,
    by: "User | None",
    request: HttpRequest | None = None,
) -> AssessmentCriterion:
    if assessment.programme.is_template:
        raise ValidationError("Templates cannot be changed. Make a copy for your organisation.")
    with transaction.atomic():
        last = assessment.criteria.order_by("-order").first()
        criterion = AssessmentCriterion.objects.create(
            organisation=assessment.programme.organisation,
            assessment=assessment,
            order=(last.order if last else 0) + 1,
            text=text.strip(),
            statement=statement,
        )
        audit(
            request,
            action=AuditAction.CREATE,
            obj=criterion,
            actor=by,
            organisation_id=criterion.organisation_id,
        )
    return criterion
