"""The demo's forums: idempotent, as the rest of `seed_demo_data`.

An upcoming quarterly Peer Worker Professional Forum, with the organisation's peer workers
and its graduates not yet employed invited, a past reflective practice session with its
attendance and shared learning notes, and a reflective practice session that was cancelled,
kept with its reason.
"""

from datetime import datetime, time, timedelta

from django.utils import timezone

from peerpath.accounts.models import User
from peerpath.core.actor import Actor
from peerpath.core.roles import Role
from peerpath.forums import selectors, services
from peerpath.forums.models import Forum, ForumInvitation
from peerpath.organisations.models import Organisation

COORDINATOR_EMAIL = "coordinator@peerpath.example"
FORUM_THEME = "Using our own story safely"
SESSION_THEME = "Hope when progress is slow"
CANCELLED_THEME = "Working alongside families and carers"
CANCELLED_REASON = (
    "The facilitator is unwell. We will set a new date at the next professional forum."
)
NOTES = (
    "We talked about keeping hope alive when someone's progress feels slow, for them and "
    "for us.\n"
    "Themes: small steps count; naming what has not changed is honest, not hopeless; our "
    "own stories help when we share what helped, not every detail.\n"
    "Take-away: bring a stuck moment to supervision early rather than carrying it alone."
)


def _at(days: int, hour: int) -> datetime:
    return timezone.make_aware(
        datetime.combine(timezone.localdate() + timedelta(days=days), time(hour, 0))
    )


def seed_forums(organisation: Organisation) -> int:
    """Create what is missing; return how many records were new."""
    coordinator = User.objects.filter(email=COORDINATOR_EMAIL).first()
    if coordinator is None:
        return 0
    actor = Actor(user=coordinator, organisation=organisation, roles=frozenset({Role.COORDINATOR}))
    created = 0
    forums = Forum.objects.filter(organisation=organisation)
    upcoming = forums.filter(theme=FORUM_THEME).first()
    if upcoming is None:
        upcoming = services.forum_schedule(
            organisation=organisation,
            kind="professional_forum",
            starts_at=_at(18, 14),
            place="Recovery College, room 2",
            theme=FORUM_THEME,
            by=coordinator,
        )
        invitees = [
            *selectors.peer_workers(actor=actor),
            *selectors.graduates_not_employed(actor=actor),
        ]
        created += 1 + services.forum_invite(forum=upcoming, invitees=invitees, by=coordinator)
    past = forums.filter(theme=SESSION_THEME).first()
    if past is None:
        past = services.forum_schedule(
            organisation=organisation,
            kind="reflective_practice",
            starts_at=_at(-12, 10),
            place="Community Peer Support Team base",
            theme=SESSION_THEME,
            by=coordinator,
        )
        created += 1 + services.forum_invite(
            forum=past, invitees=list(selectors.peer_workers(actor=actor)), by=coordinator
        )
        ForumInvitation.objects.filter(forum=past).update(attendance="attended")
        services.notes_save(
            forum=past,
            data={
                "theme": SESSION_THEME,
                "learning_notes": NOTES,
                "notes_have_no_personal_details": True,
            },
            expected_version=past.version,
            by=coordinator,
        )
    if not forums.filter(theme=CANCELLED_THEME).exists():
        cancelled = services.forum_schedule(
            organisation=organisation,
            kind="reflective_practice",
            starts_at=_at(9, 10),
            place="Community Peer Support Team base",
            theme=CANCELLED_THEME,
            description=(
                "Bring one moment from your work with a family you would like to think about."
            ),
            by=coordinator,
        )
        created += 1 + services.forum_invite(
            forum=cancelled, invitees=list(selectors.peer_workers(actor=actor)), by=coordinator
        )
        services.forum_cancel(
            forum=cancelled,
            reason=CANCELLED_REASON,
            expected_version=cancelled.version,
            by=coordinator,
        )
    return created
