"""Writes to contact records, appointments and signposts: atomic, audited with the person.

A contact note is a draft until its author signs it. A signed note is never changed: the
services only touch rows with `signed_at IS NULL`, `ContactNote.save()` refuses, and on
PostgreSQL a trigger refuses too. Corrections are amendments, which add a row.
Edits use the version check (peerpath/core/versioning.py): a stale form changes nothing
and raises `EditConflict`.
"""

from collections.abc import Iterable
from datetime import date, datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone

from peerpath.accounts.models import User
from peerpath.caseload.models import Person
from peerpath.core.audit import audit
from peerpath.core.models import AuditAction
from peerpath.core.versioning import EditConflict, update_if_unchanged
from peerpath.directory.models import Service
from peerpath.recovery.models import Goal

from .models import (
    Appointment,
    AppointmentRequest,
    ContactNote,
    NoteAmendment,
    NoteResponse,
    NoteWithholding,
    RequestKind,
    RequestStatus,
    SignedNoteError,
    Signpost,
    SignpostOutcome,
    WithholdingReason,
)
from .selectors import notes_for_person


class NotTheAuthor(Exception):
    """Only the person who wrote a draft may change or sign it."""


class AlreadyDone(Exception):
    """The step was already taken (an outcome recorded, an appointment cancelled)."""


NOTE_FIELDS = ("contact_on", "kind", "place", "duration_minutes", "note")


def _check_contact_on(data: dict[str, Any]) -> None:
    if data["contact_on"] > timezone.localdate():
        raise ValidationError({"contact_on": "The date of the contact cannot be in the future."})


def _check_goals(person: Person, goals: Iterable[Goal], field: str) -> list[Goal]:
    chosen = list(goals)
    if any(g.person_id != person.pk for g in chosen):
        raise ValidationError({field: "Choose from this person's own goals."})
    return chosen


def note_create(
    *,
    person: Person,
    data: dict[str, Any],
    goals: Iterable[Goal],
    by: "User",
    request: HttpRequest | None = None,
) -> ContactNote:
    """Write a draft contact note for the person; audited."""
    _check_contact_on(data)
    chosen = _check_goals(person, goals, "goals")
    with transaction.atomic():
        note = ContactNote(
            organisation_id=person.organisation_id,
            person=person,
            author=by,
            **{name: data[name] for name in NOTE_FIELDS},
        )
        note.full_clean()
        note.save()
        note.goals.set(chosen)
        audit(
            request,
            action=AuditAction.CREATE,
            obj=note,
            actor=by,
            person_id=person.pk,
            organisation_id=person.organisation_id,
            reason="draft contact note",
        )
    return note


def _require_author(note: ContactNote, by: "User") -> None:
    if note.author_id != by.pk:
        raise NotTheAuthor


def note_update_draft(
    *,
    note: ContactNote,
    data: dict[str, Any],
    goals: Iterable[Goal],
    expected_version: int | None,
    by: "User",
    request: HttpRequest | None = None,
) -> ContactNote:
    """Change a draft, if the author is `by` and nobody saved it since `expected_version`.

    Raises SignedNoteError if it was signed meanwhile, EditConflict if it changed.
    """
    _require_author(note, by)
    _check_contact_on(data)
    chosen = _check_goals(note.person, goals, "goals")
    fields = {name: data[name] for name in NOTE_FIELDS}
    with transaction.atomic():
        try:
            update_if_unchanged(
                ContactNote.objects.filter(pk=note.pk, signed_at__isnull=True),
                expected_version=expected_version,
                changes=fields,
            )
        except EditConflict:
            if ContactNote.objects.filter(pk=note.pk, signed_at__isnull=False).exists():
                raise SignedNoteError(
                    "A signed note cannot be changed; add an amendment."
                ) from None
            raise
        note.refresh_from_db()
        note.goals.set(chosen)
        audit(
            request,
            action=AuditAction.UPDATE,
            obj=note,
            actor=by,
            person_id=note.person_id,
            organisation_id=note.organisation_id,
            reason="draft changed: " + ", ".join(sorted([*fields, "goals"])),
        )
    return note


def note_sign(
    *,
    note: ContactNote,
    expected_version: int | None,
    by: "User",
    request: HttpRequest | None = None,
) -> ContactNote:
    """The author signs the draft they read (`expected_version`); from now on it is fixed."""
    _require_author(note, by)
    with transaction.atomic():
        try:
            update_if_unchanged(
                ContactNote.objects.filter(pk=note.pk, signed_at__isnull=True, author=by),
                expected_version=expected_version,
                changes={"signed_at": timezone.now()},
            )
        except EditConflict:
            if ContactNote.objects.filter(pk=note.pk, signed_at__isnull=False).exists():
                raise SignedNoteError("This note is already signed.") from None
            raise
        note.refresh_from_db()
        audit(
            request,
            action=AuditAction.UPDATE,
            obj=note,
            actor=by,
            person_id=note.person_id,
            organisation_id=note.organisation_id,
            reason="contact note signed",
        )
    return note


def note_amend(
    *, note: ContactNote, text: str, reason: str, by: "User", request: HttpRequest | None = None
) -> NoteAmendment:
    """Add a correction to a signed note; the original and every amendment stay."""
    if not note.is_signed:
        raise ValidationError("Only a signed note is amended; edit the draft instead.")
    with transaction.atomic():
        amendment = NoteAmendment(
            organisation_id=note.organisation_id, note=note, text=text, reason=reason, by=by
        )
        amendment.full_clean()
        amendment.save()
        audit(
            request,
            action=AuditAction.CREATE,
            obj=amendment,
            actor=by,
            person_id=note.person_id,
            organisation_id=note.organisation_id,
            reason=f"amendment to contact note {note.pk}: {reason}",
        )
    return amendment


# Held back from the person, and the person's own view


def note_withhold(
    *,
    note: ContactNote,
    reason_kind: str,
    reason: str,
    by: "User",
    request: HttpRequest | None = None,
) -> NoteWithholding:
    """Hold a signed note back from the person it is about, with the reason; audited.
    Who may is the rule `contacts.withhold_note` (asked by the view). Refused with a
    ValidationError if it is held back already or still a draft."""
    if not note.is_signed:
        raise ValidationError("Only a signed note can be held back; a draft is never shown.")
    if reason_kind not in WithholdingReason.values:
        raise ValidationError({"reason_kind": "Choose why the note is held back."})
    if not reason.strip():
        raise ValidationError({"reason": "Give the reason the note is held back."})
    with transaction.atomic():
        # Lock the note, so two people holding it back at once make one withholding.
        ContactNote.objects.select_for_update().filter(pk=note.pk).first()
        if NoteWithholding.objects.filter(note=note, lifted_at__isnull=True).exists():
            raise ValidationError("This note is already held back.")
        withholding = NoteWithholding(
            organisation_id=note.organisation_id,
            note=note,
            reason_kind=reason_kind,
            reason=reason.strip(),
            by=by,
        )
        withholding.full_clean()
        withholding.save()
        audit(
            request,
            action=AuditAction.CREATE,
            obj=withholding,
            actor=by,
            person_id=note.person_id,
            organisation_id=note.organisation_id,
            reason=f"contact note {note.pk} held back from the person: "
            f"{withholding.get_reason_kind_display()}",
        )
    return withholding


def note_withholding_lift(
    *,
    withholding: NoteWithholding,
    reason: str,
    by: "User",
    request: HttpRequest | None = None,
) -> NoteWithholding:
    """Show the note to the person again, saying why; the withholding row stays. Refused
    (AlreadyDone) if it was lifted meanwhile."""
    if not reason.strip():
        raise ValidationError({"lift_reason": "Give the reason the note can be shown now."})
    with transaction.atomic():
        changed = NoteWithholding.objects.filter(pk=withholding.pk, lifted_at__isnull=True).update(
            lifted_at=timezone.now(), lifted_by=by, lift_reason=reason.strip()
        )
        if not changed:
            raise AlreadyDone
        withholding.refresh_from_db()
        audit(
            request,
            action=AuditAction.UPDATE,
            obj=withholding,
            actor=by,
            person_id=withholding.note.person_id,
            organisation_id=withholding.organisation_id,
            reason=f"contact note {withholding.note_id} shown to the person again",
        )
    return withholding


def note_response_add(
    *,
    note: ContactNote,
    person: Person,
    text: str,
    by: "User",
    request: HttpRequest | None = None,
) -> NoteResponse:
    """The person adds their view beside a note about them; kept as written, audited.
    Only on a note they may read: signed, theirs and not held back (else Http404 is not
    ours to raise: a ValidationError says so)."""
    if note.person_id != person.pk or not notes_for_person(person).filter(pk=note.pk).exists():
        raise ValidationError("You can add your view to the notes you can read.")
    if not text.strip():
        raise ValidationError({"text": "Write your view."})
    with transaction.atomic():
        response = NoteResponse(
            organisation_id=note.organisation_id,
            note=note,
            person=person,
            text=text.strip(),
            written_by=by,
        )
        response.full_clean()
        response.save()
        audit(
            request,
            action=AuditAction.CREATE,
            obj=response,
            actor=by,
            person_id=person.pk,
            organisation_id=person.organisation_id,
            reason=f"the person's view of contact note {note.pk}",
        )
    return response


# Accompanying


def appointment_create(
    *,
    person: Person,
    starts_at: datetime,
    what: str,
    place: str,
    goal: Goal | None,
    by: "User",
    request: HttpRequest | None = None,
) -> Appointment:
    """An appointment, meeting or activity `by` will accompany the person to; audited."""
    if goal is not None:
        _check_goals(person, [goal], "goal")
    with transaction.atomic():
        appointment = Appointment(
            organisation_id=person.organisation_id,
            person=person,
            worker=by,
            starts_at=starts_at,
            what=what,
            place=place,
            goal=goal,
        )
        appointment.full_clean()
        appointment.save()
        audit(
            request,
            action=AuditAction.CREATE,
            obj=appointment,
            actor=by,
            person_id=person.pk,
            organisation_id=person.organisation_id,
            reason="appointment to accompany",
        )
    return appointment


def _appointment_once(
    appointment: Appointment,
    changes: dict[str, Any],
    *,
    expected_version: int | None,
    by: "User",
    request: HttpRequest | None,
    reason: str,
) -> Appointment:
    """Change an appointment only while it is neither cancelled nor written up, and only
    if nobody saved it since `expected_version` (EditConflict)."""
    with transaction.atomic():
        try:
            update_if_unchanged(
                Appointment.objects.filter(pk=appointment.pk, cancelled=False, how_it_went=""),
                expected_version=expected_version,
                changes=changes,
            )
        except EditConflict:
            appointment.refresh_from_db()
            if appointment.cancelled or appointment.how_it_went:
                raise AlreadyDone from None
            raise
        appointment.refresh_from_db()
        audit(
            request,
            action=AuditAction.UPDATE,
            obj=appointment,
            actor=by,
            person_id=appointment.person_id,
            organisation_id=appointment.organisation_id,
            reason=reason,
        )
    return appointment


def appointment_record_how_it_went(
    *,
    appointment: Appointment,
    text: str,
    expected_version: int | None,
    by: "User",
    request: HttpRequest | None = None,
) -> Appointment:
    """Say how it went, once; a cancelled appointment has nothing to record."""
    return _appointment_once(
        appointment,
        {"how_it_went": text},
        expected_version=expected_version,
        by=by,
        request=request,
        reason="how it went recorded",
    )


def appointment_cancel(
    *,
    appointment: Appointment,
    expected_version: int | None,
    by: "User",
    request: HttpRequest | None = None,
) -> Appointment:
    return _appointment_once(
        appointment,
        {"cancelled": True},
        expected_version=expected_version,
        by=by,
        request=request,
        reason="appointment cancelled",
    )


# The person asks to change or cancel an appointment; the PSW answers


def appointment_request_create(
    *,
    appointment: Appointment,
    person: Person,
    kind: str,
    message: str,
    by: "User",
    request: HttpRequest | None = None,
) -> AppointmentRequest:
    """The person asks to change or cancel one of their coming appointments; audited.
    One question at a time per appointment (a ValidationError says it is waiting)."""
    if appointment.person_id != person.pk:
        raise ValidationError("You can ask about your own appointments.")
    if kind not in RequestKind.values:
        raise ValidationError({"kind": "Choose whether to change or cancel it."})
    if appointment.cancelled:
        raise ValidationError("This appointment is already cancelled.")
    if appointment.starts_at < timezone.now():
        raise ValidationError("This appointment has already happened.")
    with transaction.atomic():
        Appointment.objects.select_for_update().filter(pk=appointment.pk).first()
        if AppointmentRequest.objects.filter(
            appointment=appointment, status=RequestStatus.WAITING
        ).exists():
            raise ValidationError(
                "You have already asked about this appointment. "
                "Your peer support worker will answer soon."
            )
        made = AppointmentRequest(
            organisation_id=appointment.organisation_id,
            appointment=appointment,
            person=person,
            kind=kind,
            message=message.strip(),
        )
        made.full_clean()
        made.save()
        audit(
            request,
            action=AuditAction.CREATE,
            obj=made,
            actor=by,
            person_id=person.pk,
            organisation_id=person.organisation_id,
            reason=f"asked to {kind} appointment {appointment.pk}",
        )
    return made


def appointment_request_answer(
    *,
    made: AppointmentRequest,
    done: bool,
    answer: str,
    expected_version: int | None,
    by: "User",
    request: HttpRequest | None = None,
) -> AppointmentRequest:
    """The PSW answers the person's request, once, if nobody answered since
    `expected_version` (EditConflict). Doing a cancel request cancels the appointment
    (`appointment_cancel`, in the same transaction); a change is made on the appointment
    first, then answered here. Not doing it needs an answer saying why."""
    if not done and not answer.strip():
        raise ValidationError({"answer": "Say why, so they know where things stand."})
    with transaction.atomic():
        update_if_unchanged(
            AppointmentRequest.objects.filter(pk=made.pk, status=RequestStatus.WAITING),
            expected_version=expected_version,
            changes={
                "status": RequestStatus.DONE if done else RequestStatus.DECLINED,
                "answer": answer.strip(),
                "answered_by": by,
                "answered_at": timezone.now(),
            },
        )
        made.refresh_from_db()
        if done and made.kind == RequestKind.CANCEL:
            appointment = made.appointment
            if not appointment.cancelled:
                appointment_cancel(
                    appointment=appointment,
                    expected_version=appointment.version,
                    by=by,
                    request=request,
                )
        audit(
            request,
            action=AuditAction.UPDATE,
            obj=made,
            actor=by,
            person_id=made.person_id,
            organisation_id=made.organisation_id,
            reason=f"request to {made.kind} appointment {made.appointment_id} answered: "
            f"{made.get_status_display()}",
        )
    return made


# Signposting


def signpost_create(
    *,
    person: Person,
    service: Service,
    willing_and_able: bool,
    note: str,
    follow_up_on: date,
    by: "User",
    request: HttpRequest | None = None,
) -> Signpost:
    """Signpost the person to a service of their organisation's directory, with a follow-up.

    Only when the person is willing and able to go, and the follow-up is today or later.
    """
    if service.organisation_id != person.organisation_id:
        raise ValidationError({"service": "Choose a service from your organisation's directory."})
    if not willing_and_able:
        raise ValidationError(
            {"willing_and_able": "Signpost only when the person is willing and able to go."}
        )
    if follow_up_on < timezone.localdate():
        raise ValidationError({"follow_up_on": "The follow-up date must be today or later."})
    with transaction.atomic():
        signpost = Signpost(
            organisation_id=person.organisation_id,
            person=person,
            service=service,
            by=by,
            willing_and_able=True,
            note=note,
            follow_up_on=follow_up_on,
        )
        signpost.full_clean()
        signpost.save()
        audit(
            request,
            action=AuditAction.CREATE,
            obj=signpost,
            actor=by,
            person_id=person.pk,
            organisation_id=person.organisation_id,
            reason=f"signposted to {service.name}",
        )
    return signpost


def signpost_record_outcome(
    *,
    signpost: Signpost,
    outcome: str,
    note: str,
    expected_version: int | None,
    by: "User",
    request: HttpRequest | None = None,
) -> Signpost:
    """Record whether the person went; once. The follow-up then leaves the home page.

    Refused if it was recorded meanwhile (AlreadyDone), or if the signpost was saved
    since `expected_version` (EditConflict)."""
    if outcome not in SignpostOutcome.values:
        raise ValidationError({"outcome": "Choose what happened."})
    with transaction.atomic():
        try:
            update_if_unchanged(
                Signpost.objects.filter(pk=signpost.pk, outcome=""),
                expected_version=expected_version,
                changes={
                    "outcome": outcome,
                    "outcome_note": note,
                    "outcome_recorded_on": timezone.localdate(),
                    "outcome_recorded_by": by,
                },
            )
        except EditConflict:
            signpost.refresh_from_db()
            if signpost.outcome:
                raise AlreadyDone from None
            raise
        signpost.refresh_from_db()
        audit(
            request,
            action=AuditAction.UPDATE,
            obj=signpost,
            actor=by,
            person_id=signpost.person_id,
            organisation_id=signpost.organisation_id,
            reason=f"follow-up outcome: {signpost.get_outcome_display()}",
        )
    return signpost
