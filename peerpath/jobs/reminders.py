"""The daily reminders (periodic.send_reminders): what has come due, told once to the
staff who act on it, in one email per person and organisation that names nobody.

- A plan review (recovery plan, crisis plan, advance statement) within the two weeks the
  PSW's home page shows: to the PSW of each open peer relationship with the person.
- A signposting follow-up whose date has come with no outcome yet: to the same PSWs.
- An invitation not accepted 3 days after it was sent: to the admin who sent it, if they
  are still an admin, else to the organisation's admins.

Each thing is reminded about once per due date (or per invitation link): `ReminderSent`.
"""

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from peerpath.caseload.models import OPEN_STATUSES, PeerRelationship
from peerpath.contacts.models import Signpost
from peerpath.core.roles import Role
from peerpath.organisations.models import Invitation, Membership, Organisation
from peerpath.recovery.models import Document
from peerpath.recovery.selectors import REVIEW_WARNING

from .mail import EmailKind, email_enqueue
from .models import ReminderSent

INVITATION_REMINDER_AFTER = timedelta(days=3)
SUBJECT = "PeerPath: reminders of what has come due"

PLAN_REVIEW = "plan review"
FOLLOW_UP = "signposting follow-up"
INVITATION = "invitation not accepted"


@dataclass(frozen=True)
class Due:
    kind: str
    object_id: int
    due: str
    organisation_id: int
    recipient_id: int


def _workers_of(person_ids: set[int]) -> dict[int, set[int]]:
    """The PSWs of each person's open peer relationships (active accounts only)."""
    workers: dict[int, set[int]] = defaultdict(set)
    pairs = PeerRelationship.objects.filter(
        person_id__in=person_ids,
        status__in=OPEN_STATUSES,
        worker__isnull=False,
        worker__is_active=True,
    ).values_list("person_id", "worker_id")
    for person_id, worker_id in pairs:
        workers[person_id].add(worker_id)
    return workers


def plan_reviews_due(today: date) -> list[Due]:
    documents = list(
        Document.objects.filter(current_version__gt=0, review_on__lte=today + REVIEW_WARNING)
        .values_list("pk", "person_id", "organisation_id", "review_on")
        .order_by("pk")
    )
    workers = _workers_of({person_id for _, person_id, _, _ in documents})
    return [
        Due(PLAN_REVIEW, pk, str(review_on), organisation_id, worker_id)
        for pk, person_id, organisation_id, review_on in documents
        for worker_id in sorted(workers.get(person_id, ()))
    ]


def follow_ups_due(today: date) -> list[Due]:
    signposts = list(
        Signpost.objects.filter(outcome="", follow_up_on__lte=today)
        .values_list("pk", "person_id", "organisation_id", "follow_up_on")
        .order_by("pk")
    )
    workers = _workers_of({person_id for _, person_id, _, _ in signposts})
    return [
        Due(FOLLOW_UP, pk, follow_up_on.isoformat(), organisation_id, worker_id)
        for pk, person_id, organisation_id, follow_up_on in signposts
        for worker_id in sorted(workers.get(person_id, ()))
    ]


def invitations_not_accepted(now: datetime) -> list[Due]:
    invitations = list(
        Invitation.objects.waiting()
        .filter(sent_at__lte=now - INVITATION_REMINDER_AFTER)
        .values_list("pk", "organisation_id", "invited_by_id", "link_version")
        .order_by("pk")
    )
    admins: dict[int, set[int]] = defaultdict(set)
    for organisation_id, user_id in Membership.objects.filter(
        organisation_id__in={o for _, o, _, _ in invitations},
        role=Role.ORG_ADMIN,
        user__is_active=True,
    ).values_list("organisation_id", "user_id"):
        admins[organisation_id].add(user_id)
    due = []
    for pk, organisation_id, invited_by, link_version in invitations:
        here = admins.get(organisation_id, set())
        to = {invited_by} if invited_by in here else here
        due += [Due(INVITATION, pk, str(link_version), organisation_id, u) for u in sorted(to)]
    return due


def _sentence(kind: str, count: int) -> str:
    if kind == PLAN_REVIEW:
        plans = "plan is" if count == 1 else "plans are"
        return (
            f"{count} {plans} due for review within two weeks (recovery plans, crisis "
            "plans and advance statements of people you support)."
        )
    if kind == FOLLOW_UP:
        return f"{count} signposting follow-up{' is' if count == 1 else 's are'} due."
    return (
        f"{count} invitation{' you sent has' if count == 1 else 's you sent have'} not "
        "been accepted after 3 days. You can send a new link from “Invitations not "
        "accepted”."
    )


def _body(organisation: Organisation, items: list[Due]) -> str:
    counts: dict[str, int] = defaultdict(int)
    for item in items:
        counts[item.kind] += 1
    lines = [
        f"- {_sentence(kind, counts[kind])}"
        for kind in (PLAN_REVIEW, FOLLOW_UP, INVITATION)
        if counts[kind]
    ]
    base = settings.PEERPATH_BASE_URL.rstrip("/")
    return (
        f"Here is what has come due in PeerPath for {organisation.name}:\n\n"
        + "\n".join(lines)
        + f"\n\nOpen PeerPath to see them: {base}{reverse('workspace:home')}\n\n"
        "PeerPath reminds you once about each thing that comes due.\n"
    )


def reminders_send(*, now: datetime) -> dict[str, int]:
    """Queue one email per person and organisation about everything newly due. Returns
    how many emails were queued and how many things they told of."""
    today = timezone.localdate(now)
    items = plan_reviews_due(today) + follow_ups_due(today) + invitations_not_accepted(now)
    already = set(
        ReminderSent.objects.filter(
            kind__in={i.kind for i in items}, object_id__in={i.object_id for i in items}
        ).values_list("kind", "object_id", "due")
    )
    fresh = [i for i in items if (i.kind, i.object_id, i.due) not in already]
    by_recipient: dict[tuple[int, int], list[Due]] = defaultdict(list)
    for item in fresh:
        by_recipient[(item.recipient_id, item.organisation_id)].append(item)
    from django.contrib.auth import get_user_model

    users: dict[int, Any] = get_user_model().objects.in_bulk({r for r, _ in by_recipient})
    organisations = Organisation.objects.in_bulk({o for _, o in by_recipient})
    sent_at = timezone.now()
    emails = 0
    for (recipient_id, organisation_id), group in sorted(by_recipient.items()):
        user = users.get(recipient_id)
        if user is None or not user.email:
            continue
        with transaction.atomic():
            ReminderSent.objects.bulk_create(
                [
                    ReminderSent(
                        kind=i.kind,
                        object_id=i.object_id,
                        due=i.due,
                        organisation_id=organisation_id,
                        sent_at=sent_at,
                    )
                    for i in group
                ],
                ignore_conflicts=True,
            )
            email_enqueue(
                subject=SUBJECT,
                body=_body(organisations[organisation_id], group),
                to=[user.email],
                kind=EmailKind.REMINDER,
                organisation_id=organisation_id,
            )
        emails += 1
    return {"emails": emails, "things": len({(i.kind, i.object_id) for i in fresh})}
