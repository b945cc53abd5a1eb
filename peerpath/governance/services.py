"""Writes of consent, safeguarding concerns and disclosures: atomic and audited.

- A consent is granted per scope and withdrawn by stamping `withdrawn_at`/`withdrawn_by`;
  rows are never deleted, so the history stays whole (hazard H4).
- A concern goes, in the same transaction that saves it, to a safeguarding lead and a
  supervisor, who are emailed once it commits; the email names nobody (hazard H2).
- A disclosure without consent needs a justification, which is also the audit reason,
  and marks the person's record (hazard H7).
"""

from collections.abc import Iterable
from typing import Any

from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.http import HttpRequest
from django.urls import reverse
from django.utils import timezone

from peerpath.caseload.models import FamilyMember, Person
from peerpath.caseload.scoping import person_lookup
from peerpath.core.audit import audit
from peerpath.core.models import AuditAction

from . import selectors
from .models import ConcernStatus, Disclosure, SafeguardingConcern, ShareScope, SharingConsent
from .sharing import in_force

CONCERN_EMAIL_SUBJECT = "PeerPath: a safeguarding concern needs your attention"


class AlreadyWithdrawn(Exception):
    """The consent was withdrawn already (perhaps by someone else a moment ago)."""


class AlreadyClosed(Exception):
    """Someone else closed the concern while this outcome was being written."""


def consent_grant(
    *,
    person: Person,
    recipient: FamilyMember,
    scopes: Iterable[str],
    by: Any,
    request: HttpRequest | None = None,
) -> tuple[list[SharingConsent], list[str]]:
    """Record the person's consent to share each scope with the recipient.

    Returns the new consents and the scopes that were already shared (left as they were).
    """
    if recipient.person_id != person.pk or recipient.organisation_id != person.organisation_id:
        raise ValidationError("Choose one of this person's family members or carers.")
    wanted = [s for s in dict.fromkeys(scopes) if s in ShareScope.values]
    with transaction.atomic():
        already = set(
            SharingConsent.objects.select_for_update()
            .filter(in_force(), person=person, recipient=recipient, scope__in=wanted)
            .values_list("scope", flat=True)
        )
        now = timezone.now()
        created = []
        for scope in wanted:
            if scope in already:
                continue
            consent = SharingConsent(
                organisation_id=person.organisation_id,
                person=person,
                recipient=recipient,
                scope=scope,
                granted_at=now,
                granted_by=by,
            )
            consent.full_clean()
            consent.save()
            audit(
                request,
                action=AuditAction.CREATE,
                obj=consent,
                actor=by,
                organisation_id=person.organisation_id,
                person_id=person.pk,
                reason=f"consent to share {consent.get_scope_display()} with {recipient.name}",
            )
            created.append(consent)
    return created, [s for s in wanted if s in already]


def consent_withdraw(
    *, consent: SharingConsent, by: Any, request: HttpRequest | None = None
) -> SharingConsent:
    """Withdraw at once; the next read by the recipient no longer sees this scope."""
    with transaction.atomic():
        now = timezone.now()
        changed = SharingConsent.objects.filter(pk=consent.pk, withdrawn_at__isnull=True).update(
            withdrawn_at=now, withdrawn_by=by
        )
        if not changed:
            raise AlreadyWithdrawn
        consent.refresh_from_db()
        audit(
            request,
            action=AuditAction.UPDATE,
            obj=consent,
            actor=by,
            organisation_id=consent.organisation_id,
            person_id=consent.person_id,
            reason=(
                f"consent withdrawn: {consent.get_scope_display()} "
                f"no longer shared with {consent.recipient.name}"
            ),
        )
    return consent


def _concern_link(request: HttpRequest | None, concern: SafeguardingConcern) -> str:
    path = reverse("governance:concern-detail", kwargs={"pk": concern.pk})
    return request.build_absolute_uri(path) if request is not None else path


def concern_raise(
    *,
    person: Person,
    data: dict[str, Any],
    raised_from: str = "",
    by: Any,
    request: HttpRequest | None = None,
) -> SafeguardingConcern:
    """Save the concern, send it to a lead and a supervisor at once, and audit it.

    With no safeguarding lead in the organisation the concern is still saved (nothing is
    lost); `concern.lead` is None and the pages say to phone the safeguarding team.
    """
    with transaction.atomic():
        lead = selectors.safeguarding_lead_for(person)
        supervisor = selectors.supervisor_for(by, person)
        concern = SafeguardingConcern(
            organisation_id=person.organisation_id,
            person=person,
            raised_by=by,
            raised_at=timezone.now(),
            raised_from=raised_from[:100],
            lead=lead,
            supervisor=supervisor,
            status=ConcernStatus.OPEN,
            **data,
        )
        concern.full_clean()
        concern.save()
        sent_to = [u for u in (lead, supervisor) if u is not None]
        audit(
            request,
            action=AuditAction.CREATE,
            obj=concern,
            actor=by,
            organisation_id=person.organisation_id,
            person_id=person.pk,
            reason="; ".join(
                [
                    f"lead: {lead.email}" if lead else "no safeguarding lead set up",
                    f"supervisor: {supervisor.email}" if supervisor else "no supervisor found",
                ]
            ),
        )
        # Nothing about the person or the concern goes by email: only that one is waiting.
        body = (
            "A safeguarding concern needs your attention.\n\n"
            f"Open it in PeerPath: {_concern_link(request, concern)}\n"
        )
        recipients = list(dict.fromkeys(u.email for u in sent_to if u.email))
        if recipients:
            transaction.on_commit(
                lambda: send_mail(
                    subject=CONCERN_EMAIL_SUBJECT,
                    message=body,
                    from_email=None,
                    recipient_list=recipients,
                )
            )
    return concern


def concern_close(
    *, concern: SafeguardingConcern, outcome: str, by: Any, request: HttpRequest | None = None
) -> SafeguardingConcern:
    """Record the outcome and close. An empty outcome is refused here and by the database."""
    outcome = outcome.strip()
    if not outcome:
        raise ValidationError({"outcome": "Enter the outcome before closing the concern"})
    with transaction.atomic():
        changed = SafeguardingConcern.objects.filter(
            pk=concern.pk, status=ConcernStatus.OPEN
        ).update(
            status=ConcernStatus.CLOSED,
            outcome=outcome,
            closed_at=timezone.now(),
            closed_by=by,
        )
        if not changed:
            raise AlreadyClosed
        concern.refresh_from_db()
        audit(
            request,
            action=AuditAction.UPDATE,
            obj=concern,
            actor=by,
            organisation_id=concern.organisation_id,
            person_id=concern.person_id,
            reason="concern closed with an outcome",
        )
    return concern


def disclosure_record(
    *,
    person: Person,
    data: dict[str, Any],
    by: Any,
    request: HttpRequest | None = None,
) -> Disclosure:
    """Record information shared without consent, with its justification; mark the record."""
    concern = data.get("concern")
    if concern is not None and concern.person_id != person.pk:
        raise ValidationError({"concern": "Choose one of this person's concerns."})
    with transaction.atomic():
        disclosure = Disclosure(
            organisation_id=person.organisation_id,
            person=person,
            by=by,
            at=timezone.now(),
            **data,
        )
        disclosure.full_clean()
        disclosure.save()
        person_lookup().filter(pk=person.pk).update(disclosure_recorded=True)
        person.disclosure_recorded = True
        audit(
            request,
            action=AuditAction.CREATE,
            obj=disclosure,
            actor=by,
            organisation_id=person.organisation_id,
            person_id=person.pk,
            reason=disclosure.justification,
        )
    return disclosure
