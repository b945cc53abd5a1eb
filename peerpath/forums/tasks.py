"""Forums' background work: telling invitees by email that a session they are invited to
has moved or is cancelled, or that they are invited. The page that saved the change only
queues this task; the worker writes one email per invitee (each through
`peerpath.jobs.mail`, so an address is never shown to the other invitees)."""

from django.conf import settings
from django.urls import reverse
from django.utils import timezone
from django_tasks import task

from peerpath.jobs.mail import EMAIL_RETRIES, EmailKind, email_enqueue
from peerpath.jobs.runner import job

from .models import Forum

# What changed, as the email says it.
MOVED = "moved"
CANCELLED = "cancelled"
INVITED = "invited"


def _when(forum: Forum) -> str:
    return timezone.localtime(forum.starts_at).strftime("%-d %B %Y at %H:%M")


def _body(forum: Forum, change: str, name: str) -> tuple[str, str]:
    link = str(settings.PEERPATH_BASE_URL).rstrip("/") + reverse(
        "forums:detail", kwargs={"pk": forum.pk}
    )
    kind = forum.get_kind_display()
    if change == CANCELLED:
        subject = f"PeerPath: {forum.theme} is cancelled"
        lines = [
            f"Hello {name},",
            "",
            f'The {kind} "{forum.theme}" on {_when(forum)} is cancelled.',
            "",
            f"Why: {forum.cancelled_reason}",
        ]
    elif change == INVITED:
        subject = f"PeerPath: you are invited to {forum.theme}"
        lines = [
            f"Hello {name},",
            "",
            f'You are invited to the {kind} "{forum.theme}".',
            "",
            f"When: {_when(forum)}",
            f"Where: {forum.place}",
        ]
    else:
        subject = f"PeerPath: {forum.theme} has changed"
        lines = [
            f"Hello {name},",
            "",
            f'The {kind} "{forum.theme}" you are invited to has a new date, time or place.',
            "",
            f"When: {_when(forum)}",
            f"Where: {forum.place}",
        ]
    lines += ["", f"See it on PeerPath: {link}", ""]
    return subject, "\n".join(lines)


@task(takes_context=True)
@job(retries=EMAIL_RETRIES)
def tell_invitees(*, forum_id: int, change: str, invitee_id: int | None = None) -> int:
    """Queue one email per invitee of the forum (or to one invitee) about `change`.
    Returns how many were queued."""
    forum = Forum.objects.get(pk=forum_id)
    invitations = forum.invitations.select_related("invitee").order_by("pk")
    if invitee_id is not None:
        invitations = invitations.filter(invitee_id=invitee_id)
    queued = 0
    for invitation in invitations:
        invitee = invitation.invitee
        subject, body = _body(forum, change, invitee.display_name)
        email_enqueue(
            subject=subject,
            body=body,
            to=[invitee.email],
            kind=EmailKind.INVITATION,
            organisation_id=forum.organisation_id,
        )
        queued += 1
    return queued
