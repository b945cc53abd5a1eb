"""Writes of learning: each in one transaction, audited, with the version check on edits."""

from datetime import date
from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.http import HttpRequest
from django.utils import timezone

from peerpath.core.audit import audit
from peerpath.core.models import AuditAction
from peerpath.core.versioning import EditConflict, update_if_unchanged
from peerpath.workforce.models import EmploymentRecord

from .models import (
    INDUCTION_ITEMS,
    BookletAddendum,
    BookletEntry,
    BookletReview,
    EntryStatus,
    Induction,
    InductionItem,
    LearningRecord,
    PlanUnit,
    Refresher,
    RefresherCompletion,
)

if TYPE_CHECKING:
    from peerpath.accounts.models import User


# --- induction --------------------------------------------------------------------------------


def induction_for(*, employment: EmploymentRecord) -> Induction:
    """The new starter's induction, made with the five items of the package the first time
    anyone opens it (a second opening at the same moment finds the first's)."""
    found = Induction.objects.filter(employment=employment).first()
    if found is not None:
        return found
    try:
        with transaction.atomic():
            induction = Induction.objects.create(
                organisation_id=employment.organisation_id,
                worker_id=employment.worker_id,
                employment=employment,
            )
            InductionItem.objects.bulk_create(
                InductionItem(
                    organisation_id=employment.organisation_id,
                    induction=induction,
                    number=number,
                    text=text,
                )
                for number, text in enumerate(INDUCTION_ITEMS, start=1)
            )
            return induction
    except IntegrityError:
        return Induction.objects.get(employment=employment)


def induction_item_update(
    *,
    item: InductionItem,
    planned_on: date | None,
    completed_on: date | None,
    expected_version: int | None,
    by: "User",
    request: HttpRequest | None = None,
    today: date | None = None,
) -> InductionItem:
    today = today or timezone.localdate()
    if completed_on is not None and completed_on > today:
        raise ValidationError(
            {"completed_on": "The date it was completed must be today or in the past."}
        )
    with transaction.atomic():
        update_if_unchanged(
            InductionItem.objects.filter(pk=item.pk),
            expected_version=expected_version,
            changes={
                "planned_on": planned_on,
                "completed_on": completed_on,
                "recorded_by": by,
                "recorded_at": timezone.now(),
            },
        )
        item.refresh_from_db()
        audit(
            request,
            action=AuditAction.UPDATE,
            obj=item,
            actor=by,
            organisation_id=item.organisation_id,
            reason="induction item",
        )
    return item


# --- the booklet ------------------------------------------------------------------------------


def _check_entry(happened_on: date, statements: Any, today: date) -> None:
    errors = {}
    if happened_on > today:
        errors["happened_on"] = "The date must be today or in the past."
    if not list(statements):
        errors["statements"] = "Choose at least one competence this entry shows."
    if errors:
        raise ValidationError(errors)


def booklet_entry_create(
    *,
    worker: "User",
    organisation_id: int,
    happened_on: date,
    what_i_did: str,
    reflection: str,
    what_i_learnt: str,
    statements: Any,
    request: HttpRequest | None = None,
    today: date | None = None,
) -> BookletEntry:
    statements = list(statements)
    _check_entry(happened_on, statements, today or timezone.localdate())
    with transaction.atomic():
        entry = BookletEntry(
            organisation_id=organisation_id,
            worker=worker,
            happened_on=happened_on,
            what_i_did=what_i_did,
            reflection=reflection,
            what_i_learnt=what_i_learnt,
        )
        entry.full_clean()
        entry.save()
        entry.statements.set(statements)
        audit(
            request,
            action=AuditAction.CREATE,
            obj=entry,
            actor=worker,
            organisation_id=organisation_id,
        )
    return entry


def booklet_entry_update(
    *,
    entry: BookletEntry,
    happened_on: date,
    what_i_did: str,
    reflection: str,
    what_i_learnt: str,
    statements: Any,
    expected_version: int | None,
    by: "User",
    request: HttpRequest | None = None,
    today: date | None = None,
) -> BookletEntry:
    statements = list(statements)
    _check_entry(happened_on, statements, today or timezone.localdate())
    with transaction.atomic():
        # A signed entry is never changed: only an entry not yet signed matches.
        update_if_unchanged(
            BookletEntry.objects.filter(pk=entry.pk).exclude(status=EntryStatus.SIGNED),
            expected_version=expected_version,
            changes={
                "happened_on": happened_on,
                "what_i_did": what_i_did,
                "reflection": reflection,
                "what_i_learnt": what_i_learnt,
            },
        )
        entry.refresh_from_db()
        entry.statements.set(statements)
        audit(
            request,
            action=AuditAction.UPDATE,
            obj=entry,
            actor=by,
            organisation_id=entry.organisation_id,
        )
    return entry


def booklet_entry_submit(
    *,
    entry: BookletEntry,
    expected_version: int | None,
    by: "User",
    request: HttpRequest | None = None,
) -> BookletEntry:
    with transaction.atomic():
        update_if_unchanged(
            BookletEntry.objects.filter(
                pk=entry.pk, status__in=(EntryStatus.DRAFT, EntryStatus.RETURNED)
            ),
            expected_version=expected_version,
            changes={"status": EntryStatus.SUBMITTED, "submitted_at": timezone.now()},
        )
        entry.refresh_from_db()
        audit(
            request,
            action=AuditAction.UPDATE,
            obj=entry,
            actor=by,
            organisation_id=entry.organisation_id,
            reason="sent for review",
        )
    return entry


def booklet_entry_review(
    *,
    entry: BookletEntry,
    comments: str,
    sign_off: bool,
    expected_version: int | None,
    by: "User",
    request: HttpRequest | None = None,
) -> BookletReview:
    """Comments on an entry sent for review; signing it off locks it, otherwise it goes
    back to the worker with the comments."""
    if not sign_off and not comments.strip():
        raise ValidationError(
            {"comments": "Write your comments for the worker, or sign the entry off."}
        )
    now = timezone.now()
    changes: dict[str, Any] = (
        {"status": EntryStatus.SIGNED, "signed_by": by, "signed_at": now}
        if sign_off
        else {"status": EntryStatus.RETURNED}
    )
    with transaction.atomic():
        update_if_unchanged(
            BookletEntry.objects.filter(pk=entry.pk, status=EntryStatus.SUBMITTED),
            expected_version=expected_version,
            changes=changes,
        )
        entry.refresh_from_db()
        review = BookletReview.objects.create(
            organisation_id=entry.organisation_id,
            entry=entry,
            by=by,
            comments=comments.strip(),
            signs_off=sign_off,
        )
        audit(
            request,
            action=AuditAction.UPDATE,
            obj=entry,
            actor=by,
            organisation_id=entry.organisation_id,
            reason="signed off" if sign_off else "reviewed",
        )
    return review


def booklet_addendum_add(
    *, entry: BookletEntry, text: str, by: "User", request: HttpRequest | None = None
) -> BookletAddendum:
    if not entry.is_signed:
        raise EditConflict(entry.version)
    with transaction.atomic():
        addendum = BookletAddendum.objects.create(
            organisation_id=entry.organisation_id, entry=entry, by=by, text=text.strip()
        )
        audit(
            request,
            action=AuditAction.CREATE,
            obj=addendum,
            actor=by,
            organisation_id=entry.organisation_id,
        )
    return addendum


# --- the continuing development plan ----------------------------------------------------------


def plan_unit_add(
    *,
    worker: "User",
    organisation_id: int,
    unit: Any,
    what_i_want_to_learn: str,
    review_by: date | None,
    by: "User",
    request: HttpRequest | None = None,
) -> PlanUnit:
    if PlanUnit.objects.filter(worker=worker, unit=unit).exists():
        raise ValidationError({"unit": f"Unit {unit.code} is already in the plan."})
    with transaction.atomic():
        added = PlanUnit(
            organisation_id=organisation_id,
            worker=worker,
            unit=unit,
            what_i_want_to_learn=what_i_want_to_learn.strip(),
            review_by=review_by,
            added_by=by,
        )
        added.full_clean()
        added.save()
        audit(
            request, action=AuditAction.CREATE, obj=added, actor=by, organisation_id=organisation_id
        )
    return added


def learning_record_add(
    *,
    plan_unit: PlanUnit,
    activity: str,
    happened_on: date,
    what_i_learnt: str,
    evidence: str,
    by: "User",
    request: HttpRequest | None = None,
    today: date | None = None,
) -> LearningRecord:
    if happened_on > (today or timezone.localdate()):
        raise ValidationError({"happened_on": "The date must be today or in the past."})
    with transaction.atomic():
        # Lock the unit: learning is not added to a unit once it is signed off.
        if (
            not PlanUnit.objects.select_for_update()
            .filter(pk=plan_unit.pk, signed_at__isnull=True)
            .exists()
        ):
            raise EditConflict(None)
        record = LearningRecord(
            organisation_id=plan_unit.organisation_id,
            plan_unit=plan_unit,
            activity=activity.strip(),
            happened_on=happened_on,
            what_i_learnt=what_i_learnt.strip(),
            evidence=evidence.strip(),
            recorded_by=by,
        )
        record.full_clean()
        record.save()
        audit(
            request,
            action=AuditAction.CREATE,
            obj=record,
            actor=by,
            organisation_id=plan_unit.organisation_id,
        )
    return record


def plan_unit_sign_off(
    *,
    plan_unit: PlanUnit,
    comment: str,
    expected_version: int | None,
    by: "User",
    request: HttpRequest | None = None,
) -> PlanUnit:
    if not plan_unit.records.exists():
        raise ValidationError("Learning must be recorded against the unit before it is signed off.")
    with transaction.atomic():
        update_if_unchanged(
            PlanUnit.objects.filter(pk=plan_unit.pk, signed_at__isnull=True),
            expected_version=expected_version,
            changes={
                "signed_by": by,
                "signed_at": timezone.now(),
                "sign_off_comment": comment.strip(),
            },
        )
        plan_unit.refresh_from_db()
        audit(
            request,
            action=AuditAction.UPDATE,
            obj=plan_unit,
            actor=by,
            organisation_id=plan_unit.organisation_id,
            reason="signed off",
        )
    return plan_unit


# --- refreshers -------------------------------------------------------------------------------


def refresher_create(
    *,
    organisation_id: int,
    name: str,
    unit: Any,
    every_months: int,
    by: "User",
    description: str = "",
    request: HttpRequest | None = None,
) -> Refresher:
    name = name.strip()
    _refuse_taken_name(organisation_id, name)
    with transaction.atomic():
        made = Refresher(
            organisation_id=organisation_id,
            name=name,
            unit=unit,
            every_months=every_months,
            description=description.strip(),
            created_by=by,
        )
        made.full_clean()
        made.save()
        audit(
            request, action=AuditAction.CREATE, obj=made, actor=by, organisation_id=organisation_id
        )
    return made


def _refuse_taken_name(organisation_id: int, name: str, but: int | None = None) -> None:
    taken = Refresher.objects.filter(organisation_id=organisation_id, name__iexact=name)
    if but is not None:
        taken = taken.exclude(pk=but)
    other = taken.first()
    if other is not None:
        retired = " (retired)" if other.retired_on else ""
        raise ValidationError({"name": f"There is already a refresher called {name}{retired}."})


def refresher_edit(
    *,
    refresher: Refresher,
    name: str,
    unit: Any,
    every_months: int,
    description: str,
    expected_version: int | None,
    by: "User",
    request: HttpRequest | None = None,
) -> None:
    """Change a refresher that is still required: its name, unit, how often it is repeated
    and its description. Refused (EditConflict) if it was saved or retired since the form
    was opened. When each worker is next due follows from the new interval at once."""
    name = name.strip()
    _refuse_taken_name(refresher.organisation_id, name, but=refresher.pk)
    with transaction.atomic():
        update_if_unchanged(
            Refresher.objects.filter(pk=refresher.pk, retired_on__isnull=True),
            expected_version=expected_version,
            changes={
                "name": name,
                "unit": unit,
                "every_months": every_months,
                "description": description.strip(),
            },
        )
        audit(
            request,
            action=AuditAction.UPDATE,
            obj=refresher,
            actor=by,
            organisation_id=refresher.organisation_id,
        )


def refresher_retire(
    *,
    refresher: Refresher,
    expected_version: int | None,
    by: "User",
    request: HttpRequest | None = None,
    today: date | None = None,
) -> None:
    """Retire a refresher: it is due for nobody from now on, and it is kept, with the date
    it was retired and every completion recorded against it. Once only."""
    if refresher.retired_on is not None:
        raise ValidationError("This refresher is already retired.")
    with transaction.atomic():
        update_if_unchanged(
            Refresher.objects.filter(pk=refresher.pk, retired_on__isnull=True),
            expected_version=expected_version,
            changes={"retired_on": today or timezone.localdate(), "retired_by": by},
        )
        audit(
            request,
            action=AuditAction.UPDATE,
            obj=refresher,
            actor=by,
            organisation_id=refresher.organisation_id,
            reason="retired",
        )


def refresher_complete(
    *,
    refresher: Refresher,
    worker: "User",
    completed_on: date,
    note: str,
    by: "User",
    request: HttpRequest | None = None,
    today: date | None = None,
) -> RefresherCompletion:
    if completed_on > (today or timezone.localdate()):
        raise ValidationError({"completed_on": "The date must be today or in the past."})
    with transaction.atomic():
        done = RefresherCompletion(
            organisation_id=refresher.organisation_id,
            refresher=refresher,
            worker=worker,
            completed_on=completed_on,
            note=note.strip(),
            recorded_by=by,
        )
        done.full_clean()
        done.save()
        audit(
            request,
            action=AuditAction.CREATE,
            obj=done,
            actor=by,
            organisation_id=refresher.organisation_id,
        )
    return done
