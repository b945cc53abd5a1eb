"""Writes of supervision: agreements, sessions, actions, sign-off and addenda.

Every write is audited here. A changed agreement clears both agreements, so it is agreed
again. A session record is locked once both have signed; after that only dated addenda
are added (as signed contact notes are amended).
"""

from dataclasses import dataclass
from datetime import date, time
from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone

from peerpath.core.audit import audit
from peerpath.core.models import AuditAction
from peerpath.core.records import create_audited, update_audited
from peerpath.core.versioning import EditConflict, update_if_unchanged
from peerpath.organisations.models import Organisation

from . import selectors
from .models import (
    SessionAddendum,
    SessionState,
    SupervisionAction,
    SupervisionAgreement,
    SupervisionSession,
)

if TYPE_CHECKING:
    from peerpath.accounts.models import User


@dataclass(frozen=True)
class AgreementTerms:
    """What the worker and supervisor agree (unit 4.2, "the parameters of supervision")."""

    kind: str
    supervisor: "User"
    every_weeks: int
    where: str
    what_is_recorded: str
    confidentiality_limits: str
    starts_on: date
    ends_on: date | None

    def as_changes(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "supervisor": self.supervisor,
            "every_weeks": self.every_weeks,
            "where": self.where,
            "what_is_recorded": self.what_is_recorded,
            "confidentiality_limits": self.confidentiality_limits,
            "starts_on": self.starts_on,
            "ends_on": self.ends_on,
        }


def _audit_update(request: HttpRequest | None, obj: Any, by: "User", reason: str) -> None:
    audit(
        request,
        action=AuditAction.UPDATE,
        obj=obj,
        actor=by,
        organisation_id=obj.organisation_id,
        reason=reason,
    )


def agreement_create(
    *,
    organisation: Organisation,
    worker: "User",
    terms: AgreementTerms,
    by: "User",
    request: HttpRequest | None = None,
) -> SupervisionAgreement:
    """Set up an agreement. If the one setting it up is its supervisor, their agreement is
    recorded with it; the worker agrees it themselves."""
    agreement = SupervisionAgreement(
        organisation=organisation, worker=worker, created_by=by, **terms.as_changes()
    )
    if terms.supervisor.pk == by.pk:
        agreement.supervisor_agreed_at = timezone.now()
    return create_audited(agreement, by=by, request=request, reason="supervision agreement set up")


def agreement_update(
    *,
    agreement: SupervisionAgreement,
    terms: AgreementTerms,
    expected_version: int | None,
    by: "User",
    request: HttpRequest | None = None,
) -> SupervisionAgreement:
    """Change the terms (version checked). A changed agreement needs agreeing again by
    both; the one changing it, if they are its supervisor, agrees it as they save."""
    changes = terms.as_changes()
    check = SupervisionAgreement(
        pk=agreement.pk,
        organisation_id=agreement.organisation_id,
        worker_id=agreement.worker_id,
        **changes,
    )
    check.full_clean(exclude=["created_by"], validate_unique=False)
    changed = any(getattr(agreement, k) != v for k, v in changes.items())
    if changed:
        changes["worker_agreed_at"] = None
        changes["supervisor_agreed_at"] = timezone.now() if terms.supervisor.pk == by.pk else None
    return update_audited(
        agreement,
        SupervisionAgreement.objects.filter(pk=agreement.pk),
        expected_version=expected_version,
        changes=changes,
        by=by,
        request=request,
        reason="supervision agreement changed",
    )


def agreement_agree(
    *,
    agreement: SupervisionAgreement,
    expected_version: int | None,
    by: "User",
    request: HttpRequest | None = None,
) -> SupervisionAgreement:
    """The worker or the supervisor records their agreement to the version they read."""
    if by.pk == agreement.worker_id:
        field = "worker_agreed_at"
    elif by.pk == agreement.supervisor_id:
        field = "supervisor_agreed_at"
    else:
        raise ValidationError("Only the worker and the supervisor agree an agreement.")
    return update_audited(
        agreement,
        SupervisionAgreement.objects.filter(pk=agreement.pk, **{f"{field}__isnull": True}),
        expected_version=expected_version,
        changes={field: timezone.now()},
        by=by,
        request=request,
        reason="supervision agreement agreed",
    )


# --- sessions ---------------------------------------------------------------------------------


def session_schedule(
    *,
    agreement: SupervisionAgreement,
    held_on: date,
    starts_at: time | None,
    by: "User",
    request: HttpRequest | None = None,
) -> SupervisionSession:
    if not agreement.is_agreed:
        raise ValidationError("Both of you agree the agreement before sessions are booked.")
    session = SupervisionSession(
        organisation_id=agreement.organisation_id,
        agreement=agreement,
        held_on=held_on,
        starts_at=starts_at,
        created_by=by,
    )
    return create_audited(session, by=by, request=request, reason="supervision session scheduled")


def session_record(
    *,
    session: SupervisionSession,
    brought: str,
    reflection: str,
    caseload_review: str,
    expected_version: int | None,
    by: "User",
    request: HttpRequest | None = None,
) -> SupervisionSession:
    """The supervisor records the session held (version checked), with the people on the
    worker's open caseload at the time; not once they have signed it."""
    people = list(
        selectors.open_caseload_of(session.agreement.organisation, session.agreement.worker_id)
    )
    with transaction.atomic():
        update_if_unchanged(
            SupervisionSession.objects.filter(pk=session.pk, supervisor_signed_at__isnull=True),
            expected_version=expected_version,
            changes={
                "brought": brought,
                "reflection": reflection,
                "caseload_review": caseload_review,
                "state": SessionState.HELD,
                "recorded_at": timezone.now(),
            },
        )
        session.caseload_people.set(people)
        session.refresh_from_db()
        _audit_update(request, session, by, "supervision session recorded")
    return session


def worker_part_save(
    *,
    session: SupervisionSession,
    wellbeing: str,
    comment: str,
    expected_version: int | None,
    by: "User",
    request: HttpRequest | None = None,
) -> SupervisionSession:
    """The worker's own part: what of the wellbeing check is recorded, and their comment.
    Only the worker writes it, until they sign."""
    if by.pk != session.agreement.worker_id:
        raise ValidationError("Only the worker writes their part of the record.")
    return update_audited(
        session,
        SupervisionSession.objects.filter(pk=session.pk, worker_signed_at__isnull=True),
        expected_version=expected_version,
        changes={
            "wellbeing": wellbeing,
            "worker_comment": comment,
            "worker_part_at": timezone.now(),
        },
        by=by,
        request=request,
        reason="worker's part of a supervision record",
    )


class AlreadySigned(Exception):
    pass


def session_sign(
    *,
    session: SupervisionSession,
    expected_version: int | None,
    by: "User",
    request: HttpRequest | None = None,
) -> SupervisionSession:
    """The worker or the supervisor signs the record they read. Once both have, it is
    locked."""
    if by.pk == session.agreement.worker_id:
        field = "worker_signed_at"
    elif by.pk == session.agreement.supervisor_id:
        field = "supervisor_signed_at"
    else:
        raise ValidationError("Only the worker and the supervisor sign the record.")
    if session.recorded_at is None:
        raise ValidationError("The session is recorded before it is signed.")
    try:
        return update_audited(
            session,
            SupervisionSession.objects.filter(pk=session.pk, **{f"{field}__isnull": True}),
            expected_version=expected_version,
            changes={field: timezone.now()},
            by=by,
            request=request,
            reason="supervision record signed",
        )
    except EditConflict:
        if SupervisionSession.objects.filter(pk=session.pk, **{f"{field}__isnull": False}):
            raise AlreadySigned from None
        raise


def addendum_add(
    *,
    session: SupervisionSession,
    text: str,
    reason: str,
    by: "User",
    request: HttpRequest | None = None,
) -> SessionAddendum:
    if not session.is_locked:
        raise ValidationError("Addenda are added once both have signed; change the record now.")
    addendum = SessionAddendum(
        organisation_id=session.organisation_id, session=session, text=text, reason=reason, by=by
    )
    return create_audited(
        addendum, by=by, request=request, reason=f"addendum to supervision record {session.pk}"
    )


# --- actions ----------------------------------------------------------------------------------


def action_add(
    *,
    session: SupervisionSession,
    text: str,
    owner: str,
    due_on: date,
    by: "User",
    request: HttpRequest | None = None,
) -> SupervisionAction:
    if session.supervisor_signed_at is not None:
        raise ValidationError("The record is signed: actions are added before signing.")
    action = SupervisionAction(
        organisation_id=session.organisation_id,
        session=session,
        text=text,
        owner=owner,
        due_on=due_on,
    )
    return create_audited(action, by=by, request=request, reason="supervision action agreed")


def action_done(
    *,
    action: SupervisionAction,
    today: date,
    by: "User",
    request: HttpRequest | None = None,
) -> SupervisionAction:
    """Mark an action done: it is no longer carried forward. Done once."""
    with transaction.atomic():
        updated = SupervisionAction.objects.filter(pk=action.pk, done_on__isnull=True).update(
            done_on=today, done_by=by
        )
        action.refresh_from_db()
        if updated:
            _audit_update(request, action, by, "supervision action done")
    return action
