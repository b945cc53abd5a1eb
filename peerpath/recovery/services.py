"""Writes to a person's goals, co-produced documents and tools.

Every write is atomic and audited with the person's id. Edits carry the version the
editor started from; if someone else saved in between, the write is refused with
`EditConflict` and nothing is overwritten. A document is never changed in place: each save
adds a `DocumentVersion`.
"""

from datetime import date
from typing import Any, TypeVar

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.http import HttpRequest
from django.template.loader import render_to_string
from django.utils import timezone

from peerpath.accounts.models import User
from peerpath.caseload.models import Person
from peerpath.core.audit import audit
from peerpath.core.models import AuditAction
from peerpath.core.versioning import create_first, save_if_unchanged, update_if_unchanged

from .documents import EMERGENCY, SAMARITANS, Kind
from .models import (
    CopingWorksheet,
    DigitalIntervention,
    Document,
    DocumentProposal,
    DocumentVersion,
    Goal,
    GoalStep,
    GoalUpdate,
    MeaningfulActivity,
    ProposalStatus,
)

M = TypeVar("M", bound=models.Model)


def _audit(
    request: HttpRequest | None,
    *,
    action: AuditAction,
    obj: models.Model,
    by: "User",
    person_id: int,
    reason: str = "",
) -> None:
    # The label names the kind of record, never its words: what a person wrote about their
    # recovery stays in their record, not in the audit log.
    audit(
        request,
        action=action,
        obj=obj,
        object_label=str(obj._meta.verbose_name),
        actor=by,
        person_id=person_id,
        reason=reason,
    )


def _changed(data: dict[str, Any]) -> str:
    return "changed: " + ", ".join(sorted(data))


# --- goals --------------------------------------------------------------------------------


def goal_create(
    *, person: Person, data: dict[str, Any], by: "User", request: HttpRequest | None = None
) -> Goal:
    """A new goal, in the person's own words."""
    with transaction.atomic():
        goal = Goal(organisation_id=person.organisation_id, person=person, created_by=by, **data)
        goal.full_clean()
        goal.save()
        _audit(request, action=AuditAction.CREATE, obj=goal, by=by, person_id=person.pk)
    return goal


def goal_update(
    *,
    goal: Goal,
    data: dict[str, Any],
    expected_version: int | None,
    by: "User",
    request: HttpRequest | None = None,
) -> Goal:
    """Change the goal's words or status, if nobody else has since `expected_version`."""
    with transaction.atomic():
        goal = save_if_unchanged(goal, expected_version=expected_version, changes=data)
        _audit(
            request,
            action=AuditAction.UPDATE,
            obj=goal,
            by=by,
            person_id=goal.person_id,
            reason=_changed(data),
        )
    return goal


def goal_step_add(
    *, goal: Goal, text: str, due_on: date | None, by: "User", request: HttpRequest | None = None
) -> GoalStep:
    """A step towards the goal, with an optional date."""
    with transaction.atomic():
        step = GoalStep(organisation_id=goal.organisation_id, goal=goal, text=text, due_on=due_on)
        step.full_clean()
        step.save()
        _audit(request, action=AuditAction.CREATE, obj=step, by=by, person_id=goal.person_id)
    return step


def goal_step_done(*, step: GoalStep, by: "User", request: HttpRequest | None = None) -> GoalStep:
    """Mark the step done today; a step already done keeps the day it was done."""
    with transaction.atomic():
        today = timezone.localdate()
        if GoalStep.objects.filter(pk=step.pk, done_on__isnull=True).update(done_on=today):
            step.done_on = today
            _audit(
                request,
                action=AuditAction.UPDATE,
                obj=step,
                by=by,
                person_id=step.goal.person_id,
                reason="step done",
            )
        else:
            step.refresh_from_db()
    return step


def goal_progress_record(
    *,
    goal: Goal,
    on: date,
    text: str,
    is_success: bool,
    by: "User",
    request: HttpRequest | None = None,
) -> GoalUpdate:
    """Progress on the goal; a success is celebrated on the timeline."""
    if on > timezone.localdate():
        raise ValidationError({"on": "The date cannot be in the future."})
    with transaction.atomic():
        update = GoalUpdate(
            organisation_id=goal.organisation_id,
            goal=goal,
            on=on,
            text=text,
            is_success=is_success,
            by=by,
        )
        update.full_clean()
        update.save()
        _audit(
            request,
            action=AuditAction.CREATE,
            obj=update,
            by=by,
            person_id=goal.person_id,
            reason="a success to celebrate" if is_success else "",
        )
    return update


# --- co-produced documents ----------------------------------------------------------------


def document_save(
    *,
    person: Person,
    kind: Kind,
    content: dict[str, str],
    review_on: date | None,
    change_note: str,
    written_together: bool,
    expected_version: int | None,
    by: "User",
    request: HttpRequest | None = None,
    co_author: "User | None" = None,
    proposal: DocumentProposal | None = None,
) -> DocumentVersion:
    """Save a new version of the person's document of this kind.

    `expected_version` is the version the editor started from (0 for the first). If the
    document has moved on since, raises `EditConflict` (peerpath/core/versioning.py) and
    writes nothing. `co_author` and `proposal` name the person whose suggested change this
    version is (`proposal_accept`); they are written with the row, never added later.
    """
    if kind.review_required and review_on is None:
        raise ValidationError({"review_on": f"Enter a date to review the {kind.title}."})
    if review_on is not None and review_on < timezone.localdate():
        raise ValidationError({"review_on": "The review date must be today or later."})
    content = {s.key: content.get(s.key, "").strip() for s in kind.sections}
    if not any(content.values()):
        raise ValidationError(f"Write something in at least one section of the {kind.title}.")
    rows = Document.objects.filter(person=person, kind=kind.value)
    with transaction.atomic():
        if expected_version == 0 and not rows.exists():
            # The first version; if someone else wrote one meanwhile, this one conflicts.
            number = 1
            document = create_first(
                lambda: Document.objects.create(
                    organisation_id=person.organisation_id,
                    person=person,
                    kind=kind.value,
                    current_version=number,
                    review_on=review_on,
                ),
                rows=rows,
                field="current_version",
            )
        else:
            number = update_if_unchanged(
                rows,
                expected_version=expected_version,
                changes={"review_on": review_on, "updated_at": timezone.now()},
                field="current_version",
            )
            document = rows.get()
        version = DocumentVersion(
            organisation_id=person.organisation_id,
            document=document,
            number=number,
            content=content,
            review_on=review_on,
            change_note=change_note.strip(),
            written_together=written_together,
            changed_by=by,
            co_author=co_author,
            proposal=proposal,
        )
        version.full_clean()
        version.save()
        _audit(
            request,
            action=AuditAction.CREATE if number == 1 else AuditAction.UPDATE,
            obj=version,
            by=by,
            person_id=person.pk,
            reason=f"{kind.title}, version {number}",
        )
    return version


# --- changes the person suggests ----------------------------------------------------------


def proposal_create(
    *,
    person: Person,
    kind: Kind,
    based_on: int,
    content: dict[str, str],
    note: str,
    by: "User",
    request: HttpRequest | None = None,
) -> DocumentProposal:
    """The person suggests a change to their document of this kind, starting from version
    `based_on` (0: they have none yet). Their worker reviews it."""
    content = {s.key: content.get(s.key, "").strip() for s in kind.sections}
    if not any(content.values()):
        raise ValidationError(f"Write something in at least one part of your {kind.title}.")
    with transaction.atomic():
        proposal = DocumentProposal(
            organisation_id=person.organisation_id,
            person=person,
            kind=kind.value,
            based_on=based_on,
            content=content,
            note=note.strip(),
            proposed_by=by,
        )
        proposal.full_clean()
        proposal.save()
        _audit(
            request,
            action=AuditAction.CREATE,
            obj=proposal,
            by=by,
            person_id=person.pk,
            reason=f"a change to the {kind.title} suggested, based on version {based_on}",
        )
    return proposal


def _decide(
    proposal: DocumentProposal,
    *,
    status: ProposalStatus,
    expected_version: int | None,
    by: "User",
    note: str = "",
    request: HttpRequest | None,
) -> DocumentProposal:
    """Move a waiting proposal on; one already decided (or changed since the page was
    opened) is an `EditConflict`."""
    rows = DocumentProposal.objects.filter(pk=proposal.pk, status=ProposalStatus.WAITING)
    update_if_unchanged(
        rows,
        expected_version=expected_version,
        changes={
            "status": status,
            "decided_by": by,
            "decided_at": timezone.now(),
            "decision_note": note.strip(),
        },
    )
    proposal.refresh_from_db()
    _audit(
        request,
        action=AuditAction.UPDATE,
        obj=proposal,
        by=by,
        person_id=proposal.person_id,
        reason=f"suggested change {status.label.lower()}",
    )
    return proposal


def proposal_withdraw(
    *,
    proposal: DocumentProposal,
    expected_version: int | None,
    by: "User",
    request: HttpRequest | None = None,
) -> DocumentProposal:
    """The person takes back a suggestion their worker has not yet decided on."""
    with transaction.atomic():
        return _decide(
            proposal,
            status=ProposalStatus.WITHDRAWN,
            expected_version=expected_version,
            by=by,
            request=request,
        )


def proposal_decline(
    *,
    proposal: DocumentProposal,
    reason: str,
    expected_version: int | None,
    by: "User",
    request: HttpRequest | None = None,
) -> DocumentProposal:
    """The worker does not take the change on, and says why: the person reads the reason."""
    if not reason.strip():
        raise ValidationError({"reason": "Say why, so they know what to do next."})
    with transaction.atomic():
        return _decide(
            proposal,
            status=ProposalStatus.DECLINED,
            expected_version=expected_version,
            by=by,
            note=reason,
            request=request,
        )


def proposal_accept(
    *,
    proposal: DocumentProposal,
    kind: Kind,
    review_on: date | None,
    note: str,
    expected_version: int | None,
    expected_document_version: int | None,
    by: "User",
    request: HttpRequest | None = None,
) -> DocumentVersion:
    """The worker accepts the change: it becomes the document's next version, naming the
    person as co-author. `expected_document_version` is the version the worker compared
    it with; if the document has moved on since, `EditConflict` and nothing is written."""
    person = proposal.person
    with transaction.atomic():
        proposal = _decide(
            proposal,
            status=ProposalStatus.ACCEPTED,
            expected_version=expected_version,
            by=by,
            note=note,
            request=request,
        )
        return document_save(
            person=person,
            kind=kind,
            content=proposal.content,
            review_on=review_on,
            change_note=f"Suggested by {person.display_name}",
            written_together=True,
            expected_version=expected_document_version,
            by=by,
            request=request,
            co_author=proposal.proposed_by,
            proposal=proposal,
        )


def document_pdf(
    *,
    person: Person,
    kind: Kind,
    document: Document,
    version: DocumentVersion,
    by: "User",
    request: HttpRequest | None = None,
) -> bytes:
    """The version as a printable PDF; the export is audited."""
    from weasyprint import HTML  # imported here: it is slow to load and only PDFs need it

    today = timezone.localdate()
    html = render_to_string(
        "recovery/document.pdf.jinja",
        {
            "person": person,
            "kind": kind,
            "document": document,
            "version": version,
            "overdue": version.review_on is not None and version.review_on < today,
            "today": today,
            "samaritans": SAMARITANS,
            "emergency": EMERGENCY,
        },
    )
    pdf = bytes(HTML(string=html).write_pdf())
    _audit(
        request,
        action=AuditAction.EXPORT,
        obj=version,
        by=by,
        person_id=person.pk,
        reason=f"{kind.title} PDF, version {version.number}",
    )
    return pdf


# --- tools --------------------------------------------------------------------------------


def _create(
    model: type[M], *, person: Person, data: dict[str, Any], by: "User", request: HttpRequest | None
) -> M:
    with transaction.atomic():
        obj = model(organisation_id=person.organisation_id, person=person, **data)
        obj.full_clean()
        obj.save()
        _audit(request, action=AuditAction.CREATE, obj=obj, by=by, person_id=person.pk)
    return obj


def _update(
    obj: M,
    *,
    person_id: int,
    data: dict[str, Any],
    expected_version: int | None,
    by: "User",
    request: HttpRequest | None,
) -> M:
    with transaction.atomic():
        obj = save_if_unchanged(obj, expected_version=expected_version, changes=data)
        _audit(
            request,
            action=AuditAction.UPDATE,
            obj=obj,
            by=by,
            person_id=person_id,
            reason=_changed(data),
        )
    return obj


def worksheet_create(
    *, person: Person, data: dict[str, Any], by: "User", request: HttpRequest | None = None
) -> CopingWorksheet:
    """A coping and problem-solving worksheet (unit 3.3)."""
    return _create(CopingWorksheet, person=person, data=data, by=by, request=request)


def worksheet_update(
    *,
    worksheet: CopingWorksheet,
    data: dict[str, Any],
    expected_version: int | None,
    by: "User",
    request: HttpRequest | None = None,
) -> CopingWorksheet:
    """Change the worksheet, if nobody else has since `expected_version`."""
    data = {**data, "updated_at": timezone.now()}
    return _update(
        worksheet,
        person_id=worksheet.person_id,
        data=data,
        expected_version=expected_version,
        by=by,
        request=request,
    )


def activity_create(
    *, person: Person, data: dict[str, Any], by: "User", request: HttpRequest | None = None
) -> MeaningfulActivity:
    """A meaningful activity (unit 3.2)."""
    return _create(MeaningfulActivity, person=person, data=data, by=by, request=request)


def activity_update(
    *,
    activity: MeaningfulActivity,
    data: dict[str, Any],
    expected_version: int | None,
    by: "User",
    request: HttpRequest | None = None,
) -> MeaningfulActivity:
    """Change the activity, if nobody else has since `expected_version`."""
    return _update(
        activity,
        person_id=activity.person_id,
        data=data,
        expected_version=expected_version,
        by=by,
        request=request,
    )


def digital_create(
    *, person: Person, data: dict[str, Any], by: "User", request: HttpRequest | None = None
) -> DigitalIntervention:
    """A digital intervention the person used, and how helpful it was (unit 5.3)."""
    return _create(DigitalIntervention, person=person, data=data, by=by, request=request)


def digital_update(
    *,
    digital: DigitalIntervention,
    data: dict[str, Any],
    expected_version: int | None,
    by: "User",
    request: HttpRequest | None = None,
) -> DigitalIntervention:
    """Change the record, if nobody else has since `expected_version`."""
    return _update(
        digital,
        person_id=digital.person_id,
        data=data,
        expected_version=expected_version,
        by=by,
        request=request,
    )
