"""Reads of the audit log, always for one organisation."""

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.db.models import Q
from django.utils import timezone

from .actor import Actor
from .models import AuditEvent, AuditEventQuerySet


@dataclass(frozen=True)
class AuditFilter:
    text: str = ""
    action: str = ""
    outcome: str = ""
    date_from: date | None = None
    date_to: date | None = None


def _day_start(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time.min))


def audit_search(criteria: AuditFilter, *, actor: Actor) -> AuditEventQuerySet:
    """The audit rows of the actor's organisation matching the criteria, newest first."""
    if actor.organisation_id is None:
        return AuditEvent.objects.none()
    events = AuditEvent.objects.for_organisation(actor.organisation_id)
    if criteria.text:
        events = events.filter(
            Q(actor_label__icontains=criteria.text)
            | Q(object_label__icontains=criteria.text)
            | Q(object_type__icontains=criteria.text)
            | Q(object_id=criteria.text)
            | Q(path__icontains=criteria.text)
            | Q(reason__icontains=criteria.text)
        )
    if criteria.action:
        events = events.filter(action=criteria.action)
    if criteria.outcome:
        events = events.filter(outcome=criteria.outcome)
    if criteria.date_from:
        events = events.filter(at__gte=_day_start(criteria.date_from))
    if criteria.date_to:
        events = events.filter(at__lt=_day_start(criteria.date_to + timedelta(days=1)))
    return events.order_by("-at", "-id")
