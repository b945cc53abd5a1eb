"""Reads of the audit log, always for one organisation and a bounded date range.

Every search names the organisation and a date range (the form's default: the last 30
days), and each exact filter has an index that starts with it (core/models.py). Words are
looked for only in the two labels (who, and which record), over at most
`TEXT_SEARCH_MAX_DAYS`; on PostgreSQL through a trigram index. Pages are read by keyset on
(at, id), newest first, and never counted: at England's size a COUNT reads every row.
"""

from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta

from django.contrib.auth import get_user_model
from django.db.models import Q
from django.utils import timezone

from .actor import Actor
from .models import AuditEvent, AuditEventQuerySet

PAGE_SIZE = 50
DEFAULT_DAYS = 30
MAX_DAYS = 366
TEXT_SEARCH_MAX_DAYS = 31
TEXT_MIN_LENGTH = 3


@dataclass(frozen=True)
class AuditFilter:
    date_from: date
    date_to: date
    text: str = ""
    action: str = ""
    outcome: str = ""
    person_id: int | None = None
    actor_id: int | None = None
    actor_email: str = ""
    object_type: str = ""
    object_id: str = ""


def default_range(today: date | None = None) -> tuple[date, date]:
    """The last 30 days, today included."""
    today = today or timezone.localdate()
    return today - timedelta(days=DEFAULT_DAYS - 1), today


@dataclass(frozen=True)
class Cursor:
    """Where a page starts or ends: an event's time and id, written into a link."""

    at: datetime
    id: int

    _EPOCH = datetime(1970, 1, 1, tzinfo=UTC)

    def __str__(self) -> str:
        return f"{(self.at - self._EPOCH) // timedelta(microseconds=1)}.{self.id}"

    @classmethod
    def parse(cls, text: str | None) -> "Cursor | None":
        """The cursor in a link, or None if there is none or it is not one of ours."""
        try:
            micros, pk = (int(part) for part in (text or "").split("."))
            return cls(cls._EPOCH + timedelta(microseconds=micros), pk)
        except (ValueError, OverflowError):
            return None

    @classmethod
    def of(cls, event: AuditEvent) -> "Cursor":
        return cls(event.at, event.pk)


@dataclass(frozen=True)
class AuditPage:
    events: list[AuditEvent]
    older: Cursor | None  # the link to older events starts after this one
    newer: Cursor | None  # the link to newer events starts before this one


def _day_start(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time.min))


def audit_search(criteria: AuditFilter, *, actor: Actor) -> AuditEventQuerySet:
    """The audit rows of the actor's organisation matching the criteria, newest first."""
    if actor.organisation_id is None:
        return AuditEvent.objects.none()
    events = AuditEvent.objects.for_organisation(actor.organisation_id).filter(
        at__gte=_day_start(criteria.date_from),
        at__lt=_day_start(criteria.date_to + timedelta(days=1)),
    )
    if criteria.person_id is not None:
        events = events.filter(person_id=criteria.person_id)
    if criteria.actor_id is not None:
        events = events.filter(actor_id=criteria.actor_id)
    if criteria.actor_email:
        ids = list(
            get_user_model()
            .objects.filter(email__iexact=criteria.actor_email)
            .values_list("pk", flat=True)
        )
        events = events.filter(actor_id__in=ids)
    if criteria.object_type:
        events = events.filter(object_type=criteria.object_type)
        if criteria.object_id:
            events = events.filter(object_id=criteria.object_id)
    if criteria.action:
        events = events.filter(action=criteria.action)
    if criteria.outcome:
        events = events.filter(outcome=criteria.outcome)
    if criteria.text:
        # On PostgreSQL `UPPER(label) LIKE UPPER('%words%')` reads the trigram index
        # audit_labels_trgm (core.0006); the date range keeps it to a month's partitions.
        events = events.filter(
            Q(actor_label__icontains=criteria.text) | Q(object_label__icontains=criteria.text)
        )
    return events.order_by("-at", "-id")


def audit_page(
    criteria: AuditFilter,
    *,
    actor: Actor,
    older_than: Cursor | None = None,
    newer_than: Cursor | None = None,
    size: int = PAGE_SIZE,
) -> AuditPage:
    """One page of `audit_search`, by keyset: the newest page, the page of events just
    older than `older_than`, or the page just newer than `newer_than`. One query, no COUNT."""
    events = audit_search(criteria, actor=actor)
    if newer_than is not None:
        after = events.filter(
            Q(at__gt=newer_than.at) | Q(at=newer_than.at, id__gt=newer_than.id),
            at__gte=newer_than.at,
        ).order_by("at", "id")
        rows = list(after[: size + 1])
        more_newer = len(rows) > size
        rows = rows[:size][::-1]
        return AuditPage(
            rows,
            older=Cursor.of(rows[-1]) if rows else newer_than,
            newer=Cursor.of(rows[0]) if rows and more_newer else None,
        )
    if older_than is not None:
        events = events.filter(
            Q(at__lt=older_than.at) | Q(at=older_than.at, id__lt=older_than.id),
            at__lte=older_than.at,
        )
    rows = list(events[: size + 1])
    more_older = len(rows) > size
    rows = rows[:size]
    return AuditPage(
        rows,
        older=Cursor.of(rows[-1]) if rows and more_older else None,
        newer=(Cursor.of(rows[0]) if rows else older_than) if older_than is not None else None,
    )
