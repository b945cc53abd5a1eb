"""Writes for carers and for what the person is shown: a carer's message to the person's
peer support worker, its reading, the PDF of what is shared with a carer, and a
disclosure withheld from the person's own page. Atomic and audited."""

from typing import TYPE_CHECKING

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import HttpRequest
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from peerpath.caseload.models import FamilyMember
from peerpath.caseload.selectors import open_relationship_of
from peerpath.core.audit import audit
from peerpath.core.models import AuditAction
from peerpath.core.versioning import update_if_unchanged
from peerpath.jobs.mail import EmailKind, email_enqueue

from ..models import CarerMessage, Disclosure

if TYPE_CHECKING:
    from peerpath.accounts.models import User

    from ..selectors.sharing import SharedView

CARER_MESSAGE_SUBJECT = "A carer has sent you a message in PeerPath"
MESSAGE_MAX_LENGTH = 2000


def carer_message_send(
    *, member: FamilyMember, text: str, by: "User", request: HttpRequest | None = None
) -> CarerMessage:
    """Keep the carer's message on the person's record for their peer support worker (the
    worker of the open relationship, if any) and tell the worker by email, with no
    personal details in it."""
    text = text.strip()
    if not text:
        raise ValidationError({"text": "Write your message"})
    if len(text) > MESSAGE_MAX_LENGTH:
        raise ValidationError(
            {"text": f"Your message must be {MESSAGE_MAX_LENGTH} characters or fewer"}
        )
    person = member.person
    relationship = open_relationship_of(person)
    worker = relationship.worker if relationship is not None else None
    with transaction.atomic():
        message = CarerMessage.objects.create(
            organisation_id=person.organisation_id,
            person=person,
            sender=member,
            sender_user=by,
            text=text,
            sent_at=timezone.now(),
            to_worker=worker,
        )
        audit(
            request,
            action=AuditAction.CREATE,
            obj=message,
            actor=by,
            organisation_id=person.organisation_id,
            person_id=person.pk,
            reason="a carer's message to the peer support worker",
        )
        if worker is not None and worker.email:
            path = reverse("governance:carer-messages", kwargs={"person": person.pk})
            link = (
                request.build_absolute_uri(path)
                if request is not None
                else settings.PEERPATH_BASE_URL.rstrip("/") + path
            )
            email_enqueue(
                subject=CARER_MESSAGE_SUBJECT,
                body=(
                    f"A carer has sent you a message in PeerPath.\n\nSign in to read it: {link}\n"
                ),
                to=[worker.email],
                kind=EmailKind.CARER_MESSAGE,
                organisation_id=person.organisation_id,
            )
    return message


def carer_messages_mark_read(
    *, messages: list[CarerMessage], by: "User", request: HttpRequest | None = None
) -> int:
    """Stamp the unread ones as read by `by` (one UPDATE); returns how many."""
    unread = [m.pk for m in messages if m.read_at is None]
    if not unread:
        return 0
    now = timezone.now()
    changed = CarerMessage.objects.filter(pk__in=unread, read_at__isnull=True).update(
        read_at=now, read_by=by
    )
    for message in messages:
        if message.pk in unread:
            message.read_at, message.read_by = now, by
    return changed


def shared_pdf(*, shared: "SharedView", by: "User", request: HttpRequest | None = None) -> bytes:
    """What the person shares with this carer now, as a PDF; the export is audited."""
    from weasyprint import HTML  # imported here: it is slow to load and only PDFs need it

    today = timezone.localdate()
    html = render_to_string(
        "governance/shared.pdf.jinja",
        {"shared": shared, "person": shared.person, "today": today},
    )
    pdf = bytes(HTML(string=html).write_pdf())
    audit(
        request,
        action=AuditAction.EXPORT,
        obj=shared.recipient,
        actor=by,
        organisation_id=shared.person.organisation_id,
        person_id=shared.person.pk,
        reason="PDF shared with a carer: " + (", ".join(shared.scopes) or "nothing shared"),
    )
    return pdf


def disclosure_withhold(
    *,
    disclosure: Disclosure,
    reason: str,
    expected_version: int | None,
    by: "User",
    request: HttpRequest | None = None,
) -> Disclosure:
    """Leave the disclosure off the person's own page, for this reason (blank: show it to
    them again). Audited with the reason. Only if nobody changed it since the page was
    opened (`EditConflict` otherwise)."""
    reason = reason.strip()
    with transaction.atomic():
        disclosure.version = update_if_unchanged(
            Disclosure.objects.filter(pk=disclosure.pk),
            expected_version=expected_version,
            changes={"withheld_from_person": reason},
        )
        disclosure.withheld_from_person = reason
        audit(
            request,
            action=AuditAction.UPDATE,
            obj=disclosure,
            actor=by,
            organisation_id=disclosure.organisation_id,
            person_id=disclosure.person_id,
            reason=(
                f"disclosure withheld from the person: {reason}"
                if reason
                else "disclosure shown to the person again"
            ),
        )
    return disclosure
