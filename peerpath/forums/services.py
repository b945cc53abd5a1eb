"""Writes to forums: scheduling, invitations, attendance and shared learning notes.

Every write is atomic and audited. The register and the notes carry the forum's version:
a save from a page opened before someone else's is refused (EditConflict).
"""

from collections.abc import Iterable
from datetime import datetime
from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone

from peerpath.core.audit import audit
from peerpath.core.models import AuditAction
from peerpath.core.versioning import update_if_unchanged
from peerpath.jobs.runner import enqueue
from peerpath.organisations.models import Organisation

from .models import Attendance, Forum, ForumInvitation, ForumKind
from .tasks import CANCELLED, INVITED, MOVED, tell_invitees

if TYPE_CHECKING:
    from peerpath.accounts.models import User


def forum_schedule(
    *,
    organisation: Organisation,
    kind: ForumKind | str,
    starts_at: datetime,
    place: str,
    theme: str,
    by: "User",
    description: str = "",
    request: HttpRequest | None = None,
) -> Forum:
    with transaction.atomic():
        forum = Forum(
            organisation=organisation,
            kind=kind,
            starts_at=starts_at,
            place=place.strip(),
            theme=theme.strip(),
            description=description.strip(),
            created_by=by,
        )
        forum.full_clean()
        forum.save()
        audit(request, action=AuditAction.CREATE, obj=forum, actor=by)
    return forum


def forum_invite(
    *,
    forum: Forum,
    invitees: Iterable["User"],
    by: "User",
    request: HttpRequest | None = None,
) -> int:
    """Invite these people (those already invited are left as they are). Returns how many
    were new. One query for who is invited, one INSERT."""
    with transaction.atomic():
        already = set(forum.invitations.values_list("invitee_id", flat=True))
        new = [
            ForumInvitation(organisation_id=forum.organisation_id, forum=forum, invitee=user)
            for user in invitees
            if user.pk not in already
        ]
        ForumInvitation.objects.bulk_create(new)
        audit(
            request,
            action=AuditAction.UPDATE,
            obj=forum,
            actor=by,
            reason=f"invited {len(new)}",
        )
    return len(new)


def attendance_record(
    *,
    forum: Forum,
    entries: dict[int, str],
    expected_version: int | None,
    by: "User",
    request: HttpRequest | None = None,
) -> int:
    """Record who attended (invitation id -> attendance, "" for not recorded). Refused
    (EditConflict) if the forum was saved since the register was opened."""
    allowed = {"", *Attendance.values}
    if any(value not in allowed for value in entries.values()):
        raise ValidationError("Choose attended, sent apologies or not there this time.")
    with transaction.atomic():
        update_if_unchanged(Forum.objects.filter(pk=forum.pk), expected_version=expected_version)
        invitations = {i.pk: i for i in forum.invitations.filter(pk__in=entries)}
        changed = []
        for pk, value in entries.items():
            invitation = invitations.get(pk)
            if invitation is not None and invitation.attendance != value:
                invitation.attendance = value
                changed.append(invitation)
        ForumInvitation.objects.bulk_update(changed, ["attendance"])
        audit(
            request,
            action=AuditAction.UPDATE,
            obj=forum,
            actor=by,
            reason=f"attendance recorded for {len(changed)}",
        )
    return len(changed)


def notes_save(
    *,
    forum: Forum,
    data: dict[str, Any],
    expected_version: int | None,
    by: "User",
    request: HttpRequest | None = None,
) -> None:
    """Save the themes and shared learning notes; the coordinator has confirmed they hold
    no personal details of people supported."""
    if not data.get("notes_have_no_personal_details"):
        raise ValidationError(
            {
                "notes_have_no_personal_details": (
                    "Confirm that the notes include no personal details of people supported."
                )
            }
        )
    with transaction.atomic():
        update_if_unchanged(
            Forum.objects.filter(pk=forum.pk),
            expected_version=expected_version,
            changes={
                "theme": data["theme"].strip(),
                "learning_notes": data["learning_notes"].strip(),
                "notes_have_no_personal_details": True,
            },
        )
        audit(request, action=AuditAction.UPDATE, obj=forum, actor=by, reason="learning notes")


def _refuse_if_cancelled(forum: Forum) -> None:
    if forum.is_cancelled:
        raise ValidationError("This session is cancelled, so it can no longer be changed.")


def forum_edit(
    *,
    forum: Forum,
    starts_at: datetime,
    place: str,
    theme: str,
    description: str,
    expected_version: int | None,
    by: "User",
    request: HttpRequest | None = None,
) -> bool:
    """Change a session's date and time, place, title or description. Refused
    (EditConflict) if it was saved since the form was opened. If the date, time or place
    changed, the invitees are told by email, by the worker. Returns whether they are."""
    _refuse_if_cancelled(forum)
    place = place.strip()
    moved = starts_at != forum.starts_at or place != forum.place
    with transaction.atomic():
        update_if_unchanged(
            Forum.objects.filter(pk=forum.pk, cancelled_at__isnull=True),
            expected_version=expected_version,
            changes={
                "starts_at": starts_at,
                "place": place,
                "theme": theme.strip(),
                "description": description.strip(),
            },
        )
        audit(
            request,
            action=AuditAction.UPDATE,
            obj=forum,
            actor=by,
            reason="rescheduled" if moved else "details changed",
        )
        if moved:
            enqueue(tell_invitees, forum_id=forum.pk, change=MOVED)
    return moved


def forum_cancel(
    *,
    forum: Forum,
    reason: str,
    expected_version: int | None,
    by: "User",
    request: HttpRequest | None = None,
) -> None:
    """Cancel a session: it is kept, with the reason, who and when; the invitees are told
    by email, by the worker. A second cancel is refused."""
    _refuse_if_cancelled(forum)
    reason = reason.strip()
    if not reason:
        raise ValidationError({"reason": "Enter why the session is cancelled."})
    with transaction.atomic():
        update_if_unchanged(
            Forum.objects.filter(pk=forum.pk, cancelled_at__isnull=True),
            expected_version=expected_version,
            changes={
                "cancelled_at": timezone.now(),
                "cancelled_reason": reason,
                "cancelled_by": by,
            },
        )
        audit(request, action=AuditAction.UPDATE, obj=forum, actor=by, reason="cancelled")
        enqueue(tell_invitees, forum_id=forum.pk, change=CANCELLED)


def forum_invite_one(
    *,
    forum: Forum,
    invitee: "User",
    by: "User",
    request: HttpRequest | None = None,
) -> ForumInvitation:
    """Invite one named person; they are told by email, by the worker. Someone already
    invited is not invited twice (a ValidationError says so)."""
    _refuse_if_cancelled(forum)
    if forum.invitations.filter(invitee=invitee).exists():
        raise ValidationError(
            {"invitee": f"{invitee.display_name} is already invited to this session."}
        )
    with transaction.atomic():
        invitation = ForumInvitation.objects.create(
            organisation_id=forum.organisation_id, forum=forum, invitee=invitee
        )
        audit(
            request,
            action=AuditAction.UPDATE,
            obj=forum,
            actor=by,
            reason="invited 1",
        )
        enqueue(tell_invitees, forum_id=forum.pk, change=INVITED, invitee_id=invitee.pk)
    return invitation
