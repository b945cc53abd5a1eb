"""Writes of rights: subject access requests, their review and release; corrections;
retention reviews. Each write is audited in its own transaction."""

import hashlib
import json
from datetime import date
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import HttpRequest
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from peerpath.caseload.models import Person
from peerpath.core.actor import Actor
from peerpath.core.audit import audit
from peerpath.core.models import AuditAction, AuditEvent
from peerpath.core.versioning import update_if_unchanged
from peerpath.jobs.mail import EmailKind, email_enqueue
from peerpath.jobs.runner import enqueue

from . import clock
from .models import (
    OPEN_REQUEST_STATUSES,
    About,
    AccessPackFile,
    AccessPackItem,
    AccessRequest,
    CorrectionStatus,
    Decision,
    FileKind,
    OnBehalf,
    Rectification,
    RequestStatus,
)
from .sar_registry import FLAG_LABELS, sources

if TYPE_CHECKING:
    from peerpath.accounts.models import User

REMOVED = "[Removed: {reason}]"


# --- asking ------------------------------------------------------------------------------


def access_request_create(
    *,
    person: Person,
    by: "User",
    received_on: date | None = None,
    on_behalf: str = OnBehalf.PERSON,
    identity_checked: bool = False,
    request: HttpRequest | None = None,
) -> AccessRequest:
    """Record a request for a copy of the person's record and queue its gathering. The
    clock starts on the day it was received (today, unless staff say otherwise)."""
    from .tasks import assemble_access_pack

    received = received_on or timezone.localdate()
    if received > timezone.localdate():
        raise ValidationError({"received_on": "The date received cannot be in the future."})
    with transaction.atomic():
        access_request = AccessRequest.objects.create(
            organisation_id=person.organisation_id,
            person=person,
            received_on=received,
            requested_by=by,
            on_behalf=on_behalf,
            identity_checked=identity_checked or on_behalf == OnBehalf.PERSON,
            due_on=clock.due_on(received),
        )
        audit(
            request,
            action=AuditAction.CREATE,
            obj=access_request,
            person_id=person.pk,
            actor=by,
            reason="a copy of the record was asked for",
        )
        enqueue(assemble_access_pack, access_request_id=access_request.pk)
    return access_request


def access_request_extend(
    *,
    access_request: AccessRequest,
    extend_to: date,
    reason: str,
    expected_version: int | None,
    by: "User",
    today: date | None = None,
    request: HttpRequest | None = None,
) -> AccessRequest:
    """Extend the clock by up to two more months; only before it has run out, with a
    reason the person is told."""
    today = today or timezone.localdate()
    if today > access_request.due_on:
        raise ValidationError(
            {"extend_to": "The due date has passed: an extension had to be made before it."}
        )
    if access_request.extended_to is not None:
        raise ValidationError({"extend_to": "This request has been extended already."})
    if not access_request.due_on < extend_to <= clock.latest_extension(access_request.due_on):
        raise ValidationError(
            {
                "extend_to": "Enter a date after the due date and no more than two months "
                f"after it ({clock.latest_extension(access_request.due_on):%-d %B %Y} at "
                "the latest)."
            }
        )
    if not reason.strip():
        raise ValidationError({"reason": "Say why more time is needed."})
    with transaction.atomic():
        update_if_unchanged(
            AccessRequest.objects.filter(pk=access_request.pk),
            expected_version=expected_version,
            changes={"extended_to": extend_to, "extension_reason": reason.strip()},
        )
        audit(
            request,
            action=AuditAction.UPDATE,
            obj=access_request,
            person_id=access_request.person_id,
            actor=by,
            reason=f"copy of the record: due date extended to {extend_to:%-d %B %Y}",
        )
    access_request.refresh_from_db()
    return access_request


def access_request_refuse(
    *,
    access_request: AccessRequest,
    reason: str,
    expected_version: int | None,
    by: "User",
    request: HttpRequest | None = None,
) -> AccessRequest:
    if not reason.strip():
        raise ValidationError({"reason": "Say why the copy is not being provided."})
    if not access_request.is_open:
        raise ValidationError("This request has been answered already.")
    with transaction.atomic():
        update_if_unchanged(
            AccessRequest.objects.filter(pk=access_request.pk),
            expected_version=expected_version,
            changes={"status": RequestStatus.REFUSED, "refused_reason": reason.strip()},
        )
        audit(
            request,
            action=AuditAction.UPDATE,
            obj=access_request,
            person_id=access_request.person_id,
            actor=by,
            reason="copy of the record refused",
        )
    access_request.refresh_from_db()
    return access_request


# --- gathering ---------------------------------------------------------------------------


def pack_assemble(access_request_id: int) -> int:
    """Snapshot every record about the person into the request's items (the worker runs
    this). Unflagged items are released as they are; flagged ones wait for a reviewer.
    Returns how many items were written. Running it again changes nothing."""
    with transaction.atomic():
        access_request = (
            AccessRequest.objects.select_for_update(of=("self",))
            .select_related("person")
            .get(pk=access_request_id)
        )
        if access_request.status != RequestStatus.RECEIVED:
            return 0
        person = access_request.person
        items: list[AccessPackItem] = []
        for source in sources():
            for obj in source.rows(person):
                flags = sorted(source.flags_of(obj))
                items.append(
                    AccessPackItem(
                        organisation_id=access_request.organisation_id,
                        request=access_request,
                        source=source.model,
                        object_type=source.model,
                        object_id=str(obj.pk),
                        label=f"{source.title}: {source.label(obj)}"[:300],
                        content=source.serialise(obj),
                        flags=flags,
                        flagged=bool(flags),
                        decision=Decision.PENDING if flags else Decision.RELEASE,
                        position=len(items),
                    )
                )
        AccessPackItem.objects.bulk_create(items)
        AccessRequest.objects.filter(pk=access_request.pk).update(
            status=RequestStatus.ASSEMBLED, assembled_at=timezone.now()
        )
        audit(
            None,
            action=AuditAction.EXPORT,
            obj=access_request,
            person_id=person.pk,
            organisation_id=access_request.organisation_id,
            reason=f"copy of the record gathered for review: {len(items)} records",
        )
    return len(items)


# --- review ------------------------------------------------------------------------------


def item_decide(
    *,
    item: AccessPackItem,
    decision: str,
    reason: str,
    fields: list[str] | None = None,
    expected_version: int | None,
    actor: Actor,
    request: HttpRequest | None = None,
) -> AccessPackItem:
    """A reviewer's decision about one item: release it, release it with fields removed
    (with a reason, keeping the original), or withhold it (with a reason). Only if nobody
    decided about it since the reviewer's page was opened (`EditConflict` otherwise)."""
    if not actor.may("rights.decide_item", item):
        raise ValidationError("You cannot decide about this item.")
    reason = reason.strip()
    changes: dict[str, Any] = {"decision": decision, "decision_reason": reason}
    if decision in (Decision.REDACT, Decision.WITHHOLD) and not reason:
        raise ValidationError({"reason": "Give the reason, for the record."})
    if decision == Decision.REDACT:
        chosen = [name for name in fields or [] if name in item.content]
        if not chosen:
            raise ValidationError({"fields": "Choose the part to remove."})
        redacted = dict(item.content)
        for name in chosen:
            redacted[name] = REMOVED.format(reason=reason)
        changes["redacted_content"] = redacted
    elif decision in (Decision.RELEASE, Decision.WITHHOLD):
        changes["redacted_content"] = None
    else:
        raise ValidationError({"decision": "Choose what to do with this record."})
    with transaction.atomic():
        update_if_unchanged(
            AccessPackItem.objects.filter(pk=item.pk),
            expected_version=expected_version,
            changes={**changes, "decided_by": actor.user, "decided_at": timezone.now()},
        )
        AccessRequest.objects.filter(pk=item.request_id, status=RequestStatus.ASSEMBLED).update(
            status=RequestStatus.IN_REVIEW
        )
        audit(
            request,
            action=AuditAction.UPDATE,
            obj=item,
            person_id=item.request.person_id,
            actor=actor.user,
            reason=f"subject access request {item.request_id}: "
            f"{Decision(decision).label.lower()}" + (f" ({reason})" if reason else ""),
        )
    item.refresh_from_db()
    return item


def pending_count(access_request: AccessRequest) -> int:
    return access_request.items.filter(decision=Decision.PENDING).count()


def access_release(
    *,
    access_request: AccessRequest,
    expected_version: int | None,
    actor: Actor,
    request: HttpRequest | None = None,
) -> AccessRequest:
    """Release the copy once nothing waits for a decision; the worker then writes the PDF
    and the JSON file and tells the person (with no personal data in the email)."""
    from .tasks import render_access_pack

    if not actor.may("rights.review_request", access_request):
        raise ValidationError("You cannot release this copy.")
    if access_request.status not in (RequestStatus.ASSEMBLED, RequestStatus.IN_REVIEW):
        raise ValidationError("This copy is not ready to release.")
    waiting = pending_count(access_request)
    if waiting:
        raise ValidationError(
            f"{waiting} record{'s' if waiting != 1 else ''} still "
            f"need{'s' if waiting == 1 else ''} a decision before the copy can be released."
        )
    with transaction.atomic():
        update_if_unchanged(
            AccessRequest.objects.filter(pk=access_request.pk),
            expected_version=expected_version,
            changes={
                "status": RequestStatus.RELEASED,
                "released_at": timezone.now(),
                "released_by": actor.user,
            },
        )
        audit(
            request,
            action=AuditAction.EXPORT,
            obj=access_request,
            person_id=access_request.person_id,
            actor=actor.user,
            reason=f"subject access request {access_request.pk}: copy released",
        )
        enqueue(render_access_pack, access_request_id=access_request.pk)
    access_request.refresh_from_db()
    return access_request


# --- the copy ----------------------------------------------------------------------------


def released_records(access_request: AccessRequest) -> dict[str, list[dict[str, Any]]]:
    """The records as the person receives them: every source (empty when they have none),
    the released and redacted items only."""
    records: dict[str, list[dict[str, Any]]] = {source.model: [] for source in sources()}
    for item in access_request.items.filter(
        decision__in=(Decision.RELEASE, Decision.REDACT)
    ).order_by("position", "pk"):
        records.setdefault(item.source, []).append({"id": item.object_id, **item.released_content})
    return records


def withheld_summary(access_request: AccessRequest) -> list[dict[str, Any]]:
    """What was withheld, with the general reason: never what it said."""
    return [
        {
            "kind": item.source,
            "reason": item.decision_reason,
            "about": [FLAG_LABELS.get(flag, flag) for flag in item.flags],
        }
        for item in access_request.items.filter(decision=Decision.WITHHOLD).order_by("position")
    ]


def access_log(person: Person) -> list[dict[str, Any]]:
    """The audit rows about the person: when, who (name and role), what and why."""
    from peerpath.accounts.models import User

    rows = list(
        AuditEvent.objects.filter(
            person_id=person.pk, organisation_id=person.organisation_id
        ).order_by("at", "pk")
    )
    names = {
        user.pk: user.display_name
        for user in User.objects.filter(pk__in={r.actor_id for r in rows if r.actor_id})
    }
    return [
        {
            "at": timezone.localtime(row.at).strftime("%-d %B %Y %H:%M"),
            "who": "You" if row.by_subject else names.get(row.actor_id or 0, "PeerPath"),
            "role": row.actor_role,
            "action": row.action,
            "what": row.object_type,
            "why": row.reason,
        }
        for row in rows
    ]


def pack_json(access_request: AccessRequest, *, generated_at: Any = None) -> dict[str, Any]:
    person = access_request.person
    return {
        "request": {
            "id": access_request.pk,
            "received_on": access_request.received_on.isoformat(),
            "due_on": access_request.answer_by.isoformat(),
            "assembled_at": access_request.assembled_at.isoformat()
            if access_request.assembled_at
            else None,
        },
        "person": {"id": person.pk, "name": person.full_name},
        "records": released_records(access_request),
        "access_log": access_log(person),
        "withheld": withheld_summary(access_request),
        "generated_at": (generated_at or timezone.now()).isoformat(),
    }


def pack_pdf(access_request: AccessRequest, data: dict[str, Any]) -> bytes:
    from weasyprint import HTML  # imported here: it is slow to load and only PDFs need it

    titles = {source.model: source.title for source in sources()}
    html = render_to_string(
        "rights/sar_pack.pdf.jinja",
        {
            "access_request": access_request,
            "person": access_request.person,
            "sections": [
                (titles.get(key, key), rows) for key, rows in data["records"].items() if rows
            ],
            "access_log": data["access_log"],
            "withheld": data["withheld"],
        },
    )
    return bytes(HTML(string=html).write_pdf())


def pack_render(access_request_id: int) -> int:
    """Write the released copy's PDF and JSON files and tell the person it is ready (the
    worker runs this). Running it again changes nothing. Returns files written."""
    with transaction.atomic():
        access_request = (
            AccessRequest.objects.select_for_update(of=("self",))
            .select_related("person", "person__user")
            .get(pk=access_request_id)
        )
        if access_request.status != RequestStatus.RELEASED or access_request.files.exists():
            return 0
        data = pack_json(access_request)
        as_json = json.dumps(data, indent=2, ensure_ascii=False).encode()
        as_pdf = pack_pdf(access_request, data)
        for kind, blob in ((FileKind.JSON, as_json), (FileKind.PDF, as_pdf)):
            AccessPackFile.objects.create(
                organisation_id=access_request.organisation_id,
                request=access_request,
                kind=kind,
                data=blob,
                sha256=hashlib.sha256(blob).hexdigest(),
            )
        user = access_request.person.user
        if user is not None and user.email:
            link = str(settings.PEERPATH_BASE_URL).rstrip("/") + reverse("rights:my-copy")
            email_enqueue(
                subject="PeerPath: the copy you asked for is ready",
                body=(
                    "Hello,\n\nThe copy of your record you asked for is ready. Sign in to "
                    f"PeerPath to download it:\n{link}\n"
                ),
                to=[user.email],
                kind=EmailKind.ACCOUNT,
                organisation_id=access_request.organisation_id,
            )
    return 2


def pack_file_download(
    *, pack_file: AccessPackFile, by: "User", request: HttpRequest | None = None
) -> bytes:
    """The file's bytes; each download is audited."""
    audit(
        request,
        action=AuditAction.EXPORT,
        obj=pack_file.request,
        person_id=pack_file.request.person_id,
        actor=by,
        reason=f"subject access request {pack_file.request_id}: "
        f"{pack_file.get_kind_display()} downloaded",
    )
    return bytes(pack_file.data)


# --- corrections -------------------------------------------------------------------------


def rectification_create(
    *,
    person: Person,
    about: str,
    what_is_wrong: str,
    should_say: str,
    by: "User",
    note: Any = None,
    request: HttpRequest | None = None,
) -> Rectification:
    """The person says something in their record is wrong, in their own words."""
    if about == About.NOTE and note is None:
        raise ValidationError({"note": "Choose the note."})
    with transaction.atomic():
        rectification = Rectification.objects.create(
            organisation_id=person.organisation_id,
            person=person,
            raised_by=by,
            about=about,
            object_type="contacts.contactnote" if note is not None else "",
            object_id=str(note.pk) if note is not None else "",
            object_label=f"Note of {note.contact_on:%-d %B %Y}" if note is not None else "",
            what_is_wrong=what_is_wrong.strip(),
            should_say=should_say.strip(),
        )
        audit(
            request,
            action=AuditAction.CREATE,
            obj=rectification,
            person_id=person.pk,
            actor=by,
            reason="a correction was asked for",
        )
    return rectification


def rectification_answer(
    *,
    rectification: Rectification,
    status: str,
    answer: str,
    expected_version: int | None,
    by: "User",
    amend_note: str = "",
    request: HttpRequest | None = None,
) -> Rectification:
    """The worker's answer: corrected (a signed note gets an amendment naming the request;
    the note itself stays) or not changed, with a reason. The person's words stay."""
    from peerpath.contacts.models import ContactNote
    from peerpath.contacts.services import note_amend

    if rectification.status != CorrectionStatus.OPEN:
        raise ValidationError("This correction has been answered already.")
    if status not in (CorrectionStatus.AMENDED, CorrectionStatus.NOT_CHANGED):
        raise ValidationError({"status": "Choose your answer."})
    if not answer.strip():
        raise ValidationError({"answer": "Say what you changed, or why it stays as it is."})
    note = None
    if status == CorrectionStatus.AMENDED and rectification.object_type == "contacts.contactnote":
        note = ContactNote.objects.filter(
            person_id=rectification.person_id, pk=rectification.object_id
        ).first()
        if note is not None and note.is_signed and not amend_note.strip():
            raise ValidationError({"amend_note": "Write the amendment to add to the signed note."})
    with transaction.atomic():
        ref = ""
        if note is not None and note.is_signed:
            who = rectification.raised_by.display_name if rectification.raised_by else "the person"
            amendment = note_amend(
                note=note,
                text=amend_note.strip(),
                reason=f"correction asked for by {who}, request {rectification.pk}",
                by=by,
                request=request,
            )
            ref = f"contacts.noteamendment:{amendment.pk}"
        update_if_unchanged(
            Rectification.objects.filter(pk=rectification.pk),
            expected_version=expected_version,
            changes={
                "status": status,
                "answer": answer.strip(),
                "answered_by": by,
                "answered_at": timezone.now(),
                "amendment_ref": ref,
            },
        )
        audit(
            request,
            action=AuditAction.UPDATE,
            obj=rectification,
            person_id=rectification.person_id,
            actor=by,
            reason=f"correction {rectification.pk} answered: {CorrectionStatus(status).label}",
        )
    rectification.refresh_from_db()
    return rectification


# --- every day ---------------------------------------------------------------------------

KEEP_RELEASED_COPY_FOR_DAYS = 90


def rights_daily(*, now: Any) -> dict[str, int]:
    """Remove released copies' files and snapshots after 90 days; count requests due
    within a week or overdue (for the job's record)."""
    from datetime import timedelta

    cutoff = now - timedelta(days=KEEP_RELEASED_COPY_FOR_DAYS)
    old = AccessRequest.objects.filter(status=RequestStatus.RELEASED, released_at__lt=cutoff)
    files, _ = AccessPackFile.objects.filter(request__in=old).delete()
    items, _ = AccessPackItem.objects.filter(request__in=old).delete()
    today = timezone.localdate(now)
    open_requests = AccessRequest.objects.filter(status__in=OPEN_REQUEST_STATUSES)
    return {
        "files_removed": files,
        "items_removed": items,
        "due_within_a_week": open_requests.filter(due_on__lte=today + timedelta(days=7)).count(),
    }
