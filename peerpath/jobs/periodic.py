"""The jobs the worker runs on a schedule, with no cron to set up (ADR-012).

`SCHEDULE` names each periodic job, how often it runs and when it counts as late; the
worker (`manage.py run_worker`) queues each one when its time comes (schedule.py).
"""

from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from django.conf import settings
from django.utils import timezone
from django_tasks import task
from django_tasks.base import Task

from .runner import job


class JobFailed(Exception):
    """A periodic job finished its work but some of it could not be done; the next run
    tries again. Raised so that the run is recorded as failed and shows on /healthz."""


@task(takes_context=True)
@job()
def escalate_overdue_concerns() -> dict[str, Any]:
    """Escalate every open safeguarding concern past its due time (hazard H2)."""
    from peerpath.governance.services import concerns_escalate_overdue

    run = concerns_escalate_overdue(base_url=settings.PEERPATH_BASE_URL)
    if run.nobody_to_tell or run.failed:
        raise JobFailed(
            f"{len(run.nobody_to_tell)} overdue concerns have nobody to tell and "
            f"{len(run.failed)} could not be escalated; the next run tries again"
        )
    return {"escalated": run.escalated}


@task(takes_context=True)
@job()
def send_reminders() -> dict[str, int]:
    """Remind staff of what has come due: plan reviews, signposting follow-ups and
    invitations nobody has accepted. Each thing is reminded about once."""
    from .reminders import reminders_send

    return reminders_send(now=timezone.now())


@task(takes_context=True)
@job()
def prune_job_records() -> dict[str, int]:
    """Forget finished jobs' queue rows (they hold the emails' text) after a week, failed
    ones after a month, attempt records after a year, and create forms' one-time tokens
    once they can no longer be sent (peerpath/core/once.py)."""
    from peerpath.core.once import forget_old

    from .services import job_records_prune

    now = timezone.now()
    return {**job_records_prune(now=now), "form_tokens": forget_old(now)}


@task(takes_context=True)
@job()
def rights_daily() -> dict[str, int]:
    """Copies of records: remove released copies' files and snapshots 90 days after
    release (the request keeps its dates), and count requests due within a week."""
    from peerpath.rights.services import rights_daily as run

    return run(now=timezone.now())


@dataclass(frozen=True)
class PeriodicJob:
    task: Task[Any, Any]
    every: timedelta
    at: timedelta  # offset into each period, from midnight UTC: daily jobs at a set hour
    late_after: timedelta  # with no successful run for this long, the job is overdue
    title: str
    description: str

    @property
    def name(self) -> str:
        return self.task.name


SCHEDULE: tuple[PeriodicJob, ...] = (
    PeriodicJob(
        task=escalate_overdue_concerns,
        every=timedelta(minutes=5),
        at=timedelta(0),
        late_after=timedelta(minutes=20),
        title="Escalate overdue safeguarding concerns",
        description="Every 5 minutes: tells the other safeguarding leads (else the "
        "organisation admins) about each open concern past its due time, once.",
    ),
    PeriodicJob(
        task=send_reminders,
        every=timedelta(days=1),
        at=timedelta(hours=7),
        late_after=timedelta(hours=26),
        title="Send reminders",
        description="Every morning: reminds peer support workers of plan reviews and "
        "signposting follow-ups coming due, and admins of invitations not accepted after "
        "3 days. Emails name nobody.",
    ),
    PeriodicJob(
        task=prune_job_records,
        every=timedelta(days=1),
        at=timedelta(hours=3),
        late_after=timedelta(hours=26),
        title="Tidy finished jobs",
        description="Every night: removes the queue's copies of emails sent more than a "
        "week ago (a month if they failed), and create forms' used one-time tokens.",
    ),
    PeriodicJob(
        task=rights_daily,
        every=timedelta(days=1),
        at=timedelta(hours=4),
        late_after=timedelta(hours=26),
        title="Tidy copies of records",
        description="Every night: removes the files of copies of records released more "
        "than 90 days ago, and counts requests for a copy due within a week.",
    ),
)


def periodic_job(name: str) -> PeriodicJob:
    return next(j for j in SCHEDULE if j.name == name)
