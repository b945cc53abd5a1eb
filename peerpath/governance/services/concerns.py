"""Writes of safeguarding concerns and disclosures: atomic and audited.

- A concern goes, in the same transaction that saves it, to a safeguarding lead and a
  supervisor, who are emailed once it commits; the email names nobody (hazard H2).
- An open concern past its due time is escalated once, in its own transaction: the other
  safeguarding leads (else the organisation admins) are emailed and it is audited (H2).
  The worker runs the escalation every five minutes (peerpath/jobs/periodic.py).
- Every email is queued in the transaction that saves what it is about and sent by the
  worker (peerpath/jobs/mail.py), so a mail server that is down never turns a saved
  concern into an error page: the email is retried until it goes.
- A disclosure without consent needs a justification, which is also the audit reason,
  and marks the person's record (hazard H7).
"""

from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import HttpRequest
from django.urls import reverse
from django.utils import timezone

from peerpath.caseload.models import Person
from peerpath.core.audit import audit
from peerpath.core.models import AuditAction
from peerpath.jobs.mail import EmailKind, email_enqueue

from .. import selectors
from ..models import (
    ConcernAction,
    ConcernStatus,
    Disclosure,
    SafeguardingConcern,
    concern_due_at,
)

if TYPE_CHECKING:
    from peerpath.accounts.models import User

CONCERN_EMAIL_SUBJECT = "PeerPath: a safeguarding concern needs your attention"
ESCALATION_EMAIL_SUBJECT = "PeerPath: an overdue safeguarding concern needs your attention"


class AlreadyClosed(Exception):
    """Someone else closed the concern while this outcome was being written."""


class NobodyToTell(Exception):
    """An overdue concern's organisation has no safeguarding lead or admin to tell."""


def _concern_link(request: HttpRequest | None, concern: SafeguardingConcern) -> str:
    path = reverse("governance:concern-detail", kwargs={"pk": concern.pk})
    if request is not None:
        return request.build_absolute_uri(path)
    return settings.PEERPATH_BASE_URL.rstrip("/") + path


def concern_raise(
    *,
    person: Person,
    data: dict[str, Any],
    raised_from: str = "",
    by: "User",
    request: HttpRequest | None = None,
) -> SafeguardingConcern:
    """Save the concern, send it to a lead and a supervisor at once, and audit it.

    With no safeguarding lead in the organisation the concern is still saved (nothing is
    lost); `concern.lead` is None and the pages say to phone the safeguarding team.
    """
    with transaction.atomic():
        lead = selectors.safeguarding_lead_for(person)
        supervisor = selectors.supervisor_for(by, person)
        raised_at = timezone.now()
        concern = SafeguardingConcern(
            organisation_id=person.organisation_id,
            person=person,
            raised_by=by,
            raised_at=raised_at,
            due_at=concern_due_at(raised_at, str(data.get("immediacy", ""))),
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
        email_enqueue(
            subject=CONCERN_EMAIL_SUBJECT,
            body=body,
            to=[u.email for u in sent_to],
            kind=EmailKind.SAFEGUARDING,
            organisation_id=person.organisation_id,
        )
    return concern


def _escalation_body(due: str, link: str, *, to_admins: bool) -> str:
    if to_admins:
        # Admins cannot open a concern: they make sure the safeguarding team acts on it.
        return (
            f"A safeguarding concern in PeerPath was due for action by {due} and is still "
            "open, and there is no other safeguarding lead in PeerPath to pass it to.\n\n"
            "Please contact your organisation's safeguarding team now so that someone acts "
            "on it, and think about giving a second person the safeguarding lead role.\n\n"
            f"Safeguarding leads can open it here: {link}\n"
        )
    return (
        f"A safeguarding concern in PeerPath was due for action by {due} and is still open. "
        "Please make sure someone acts on it now.\n\n"
        f"Open it in PeerPath: {link}\n"
    )


@dataclass(frozen=True)
class Escalation:
    concern: SafeguardingConcern
    recipients: list[str]  # email addresses
    description: str  # "2 other safeguarding leads"


def concern_escalate(
    concern_id: int, *, now: datetime | None = None, base_url: str = ""
) -> Escalation | None:
    """Escalate one overdue concern, once: stamp `escalated_at`, audit it and queue the
    email to the other safeguarding leads (else the organisation admins), all in one
    transaction.

    Returns None, changing nothing, if the concern is not (or no longer) open, overdue and
    unescalated: closed a moment ago, or escalated by another run. The email is queued in
    the same transaction as the stamp, and the worker retries it until the mail server
    takes it; so `escalated_at` always means the email is on its way, and a mail outage
    delays it rather than losing it. An organisation with no safeguarding lead and no
    admin at all has nobody to tell: `NobodyToTell` is raised and nothing is stamped, so
    the concern is escalated as soon as someone is given a role.
    """
    now = now or timezone.now()
    with transaction.atomic():
        stamped = SafeguardingConcern.objects.filter(
            pk=concern_id,
            status=ConcernStatus.OPEN,
            escalated_at__isnull=True,
            due_at__lt=now,
        ).update(escalated_at=now)
        if not stamped:
            return None
        concern = SafeguardingConcern.objects.select_related("lead").get(pk=concern_id)
        to = selectors.escalation_recipients(concern)
        recipients = list(dict.fromkeys(u.email for u in to.users))
        if not recipients:
            raise NobodyToTell  # leaving the transaction undoes the stamp
        audit(
            None,
            action=AuditAction.UPDATE,
            obj=concern,
            organisation_id=concern.organisation_id,
            person_id=concern.person_id,
            reason=f"overdue: escalated to {to.description}: {', '.join(recipients)}",
        )
        link = (base_url or settings.PEERPATH_BASE_URL).rstrip("/") + reverse(
            "governance:concern-detail", kwargs={"pk": concern.pk}
        )
        due = timezone.localtime(concern.due_at).strftime("%-d %B %Y, %H:%M")
        # As with a new concern, nothing about the person or the concern goes by email.
        email_enqueue(
            subject=ESCALATION_EMAIL_SUBJECT,
            body=_escalation_body(due, link, to_admins=to.admins),
            to=recipients,
            kind=EmailKind.ESCALATION,
            organisation_id=concern.organisation_id,
        )
    return Escalation(concern=concern, recipients=recipients, description=to.description)


@dataclass
class EscalationRun:
    escalated: int = 0
    nobody_to_tell: list[int] = field(default_factory=list)  # concern ids
    failed: list[tuple[int, str]] = field(default_factory=list)  # concern id, what went wrong


def concerns_escalate_overdue(*, now: datetime | None = None, base_url: str = "") -> EscalationRun:
    """Escalate every open concern past its due time, each once, in its own transaction.
    One concern that cannot be escalated never stops the others; the next run tries it
    again. The worker runs this every five minutes; so can the management command."""
    now = now or timezone.now()
    run = EscalationRun()
    for concern_id in selectors.concerns_to_escalate(now):
        try:
            done = concern_escalate(concern_id, now=now, base_url=base_url)
        except NobodyToTell:
            # Not marked escalated: it will be as soon as someone is given the role.
            run.nobody_to_tell.append(concern_id)
            continue
        except Exception as error:  # one failure must not stop the rest
            run.failed.append((concern_id, repr(error)))
            continue
        if done is not None:  # None: closed or escalated by someone else meanwhile
            run.escalated += 1
    return run


def concern_close(
    *, concern: SafeguardingConcern, outcome: str, by: "User", request: HttpRequest | None = None
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
    by: "User",
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
        Person.objects.filter(pk=person.pk).update(disclosure_recorded=True)
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


def concern_action_record(
    *,
    concern: SafeguardingConcern,
    data: dict[str, Any],
    by: "User",
    request: HttpRequest | None = None,
) -> ConcernAction:
    """Add a dated entry to an open concern's timeline (append-only) and audit it.

    `data` holds kind, happened_at, with_whom and what. A closed concern takes no more
    entries: `AlreadyClosed` (its outcome says what was done in the end).
    """
    with transaction.atomic():
        still_open = (
            SafeguardingConcern.objects.select_for_update()
            .filter(pk=concern.pk, status=ConcernStatus.OPEN)
            .exists()
        )
        if not still_open:
            raise AlreadyClosed
        entry = ConcernAction(
            organisation_id=concern.organisation_id,
            concern=concern,
            person_id=concern.person_id,
            recorded_by=by,
            **data,
        )
        entry.full_clean()
        entry.save()
        audit(
            request,
            action=AuditAction.CREATE,
            obj=entry,
            actor=by,
            organisation_id=concern.organisation_id,
            person_id=concern.person_id,
            reason=f"safeguarding concern {concern.pk} timeline: {entry.get_kind_display()}",
        )
    return entry
