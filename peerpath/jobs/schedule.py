"""The periodic schedule: each job's time comes in slots (every 5 minutes, every day at
07:00 UTC …); the worker calls `schedule_due_jobs` every few seconds, and each slot is
queued once, however many workers there are (a conditional update claims it). A worker
that was stopped for a day queues one run when it comes back, not one per missed slot.
"""

from datetime import UTC, datetime

from django.db import IntegrityError, transaction
from django.utils import timezone

from .models import ScheduleSlot
from .periodic import SCHEDULE, PeriodicJob
from .runner import enqueue

EPOCH = datetime(2000, 1, 1, tzinfo=UTC)


def current_slot(job: PeriodicJob, now: datetime) -> datetime:
    """The start of the latest slot of `job` at or before `now`."""
    start = EPOCH + job.at
    periods = (now - start) // job.every
    return start + periods * job.every


def _claim(job: PeriodicJob, slot: datetime, now: datetime) -> bool:
    """Record that `slot` is queued; False if someone else already queued it (or later)."""
    claimed = ScheduleSlot.objects.filter(job=job.name, last_slot__lt=slot).update(
        last_slot=slot, queued_at=now
    )
    if claimed:
        return True
    if ScheduleSlot.objects.filter(job=job.name).exists():
        return False
    try:
        with transaction.atomic():
            ScheduleSlot.objects.create(
                job=job.name, first_seen_at=now, last_slot=slot, queued_at=now
            )
    except IntegrityError:  # another worker created it a moment ago
        return False
    return True


def schedule_due_jobs(now: datetime | None = None) -> list[str]:
    """Queue every periodic job whose slot has come and is not queued yet. Returns their
    names."""
    now = now or timezone.now()
    queued = []
    for job in SCHEDULE:
        slot = current_slot(job, now)
        with transaction.atomic():
            if _claim(job, slot, now):
                # Queued in the claim's transaction: with the database backend, both or
                # neither happen.
                enqueue(job.task)
                queued.append(job.name)
    return queued
