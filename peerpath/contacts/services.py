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
    ContactNote,
    NoteAmendment,
    SignedNoteError,
    Signpost,
    SignpostOutcome,
)


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
