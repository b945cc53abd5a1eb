"""Reads about the background jobs: how each periodic job last ran and whether it is
late, whether a worker is alive, and how the emails are going. /healthz and the
organisation admin's "Background jobs" page read the same functions, so they agree."""

import logging
from collections import Counter
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from django.db.models import Max, QuerySet

from .models import JobRun, Outcome, ScheduleSlot, WorkerHeartbeat
from .periodic import SCHEDULE, PeriodicJob
from .runner import backend_name, writes_to_database

logger = logging.getLogger(__name__)

# A worker says it is alive every few seconds; after this long without a word it is
# counted as gone.
WORKER_SILENT_AFTER = timedelta(minutes=2)
RECENT = timedelta(days=7)


@dataclass(frozen=True)
class PeriodicStatus:
    job: PeriodicJob
    last_run: JobRun | None
    last_success_at: datetime | None
    since: datetime | None  # last success, else when the scheduler first saw the job
    overdue: bool

    @property
    def name(self) -> str:
        return self.job.name


def periodic_statuses(now: datetime) -> list[PeriodicStatus]:
    """Each periodic job's latest run and whether it is overdue: no successful run within
    its `late_after` (counted from when the scheduler first saw it, for a new install).
    Three queries, however many runs there are."""
    names = [j.name for j in SCHEDULE]
    latest_ids = (
        JobRun.objects.filter(job__in=names)
        .values("job")
        .annotate(latest=Max("id"))
        .values_list("latest", flat=True)
    )
    latest = {r.job: r for r in JobRun.objects.filter(id__in=list(latest_ids))}
    successes = dict(
        JobRun.objects.filter(job__in=names, outcome=Outcome.SUCCEEDED)
        .values("job")
        .annotate(at=Max("finished_at"))
        .values_list("job", "at")
    )
    first_seen = dict(ScheduleSlot.objects.values_list("job", "first_seen_at"))
    statuses = []
    for job in SCHEDULE:
        success = successes.get(job.name)
        since = success or first_seen.get(job.name)
        statuses.append(
            PeriodicStatus(
                job=job,
                last_run=latest.get(job.name),
                last_success_at=success,
                since=since,
                overdue=since is not None and now - since > job.late_after,
            )
        )
    return statuses


@dataclass(frozen=True)
class WorkerStatus:
    last_seen_at: datetime | None
    alive: int  # workers heard from lately

    @property
    def running(self) -> bool:
        return self.alive > 0


def worker_status(now: datetime) -> WorkerStatus:
    seen = WorkerHeartbeat.objects.aggregate(last=Max("seen_at"))["last"]
    alive = WorkerHeartbeat.objects.filter(seen_at__gte=now - WORKER_SILENT_AFTER).count()
    return WorkerStatus(last_seen_at=seen, alive=alive)


def queued_count(now: datetime) -> tuple[int, datetime | None]:
    """Jobs waiting for the worker now (database backend only), and the oldest one's
    queueing time: a stopped worker shows as a queue that grows and ages."""
    from .mail import send_email

    if not writes_to_database(send_email):
        return 0, None
    from django_tasks_db.models import DBTaskResult

    ready = DBTaskResult.objects.ready()
    return ready.count(), ready.order_by("enqueued_at").values_list(
        "enqueued_at", flat=True
    ).first()


def emails_for(organisation_id: int | None) -> QuerySet[JobRun]:
    runs = JobRun.objects.filter(job="send_email")
    if organisation_id is not None:
        runs = runs.filter(organisation_id=organisation_id)
    return runs


def email_counts(now: datetime, organisation_id: int | None = None) -> dict[str, int]:
    """Emails of the last week by how they stand: sent, waiting to try again, failed."""
    counts = Counter(
        emails_for(organisation_id)
        .filter(started_at__gte=now - RECENT)
        .values_list("outcome", flat=True)
    )
    return {
        "sent": counts[Outcome.SUCCEEDED],
        "retrying": counts[Outcome.RETRYING] + counts[Outcome.RUNNING],
        "failed": counts[Outcome.FAILED],
    }


def emails_not_sent(now: datetime, organisation_id: int) -> QuerySet[JobRun]:
    """This organisation's emails of the last week that have not gone yet, or never will,
    latest first."""
    return (
        emails_for(organisation_id)
        .filter(
            started_at__gte=now - RECENT,
            outcome__in=[Outcome.RETRYING, Outcome.FAILED],
        )
        .order_by("-started_at", "-id")
    )


def jobs_health(now: datetime) -> dict[str, Any]:
    """The `jobs` part of /healthz (and all of /healthz/jobs)."""
    statuses = periodic_statuses(now)
    worker = worker_status(now)
    queued, oldest = queued_count(now)
    overdue = [s.name for s in statuses if s.overdue]
    emails = email_counts(now)
    if not worker.running:
        status = "no worker"
    elif overdue:
        status = "overdue"
    else:
        status = "ok"
    return {
        "status": status,
        "backend": backend_name(),
        "worker": {
            "running": worker.alive,
            "last_seen": _iso(worker.last_seen_at),
        },
        "queued": queued,
        "oldest_queued": _iso(oldest),
        "overdue": overdue,
        "periodic": {
            s.name: {
                "last_run": _iso(s.last_run.last_attempt_at) if s.last_run else None,
                "outcome": s.last_run.outcome if s.last_run else None,
                "last_success": _iso(s.last_success_at),
                "overdue": s.overdue,
            }
            for s in statuses
        },
        "emails_last_7_days": emails,
    }


def _iso(value: datetime | None) -> str | None:
    return value.isoformat(timespec="seconds") if value else None


def jobs_health_or_error(now: datetime) -> dict[str, Any]:
    """`jobs_health`, or a plain "unknown" if it cannot be read (never a traceback)."""
    try:
        return jobs_health(now)
    except Exception:
        logger.exception("Could not read the state of the background jobs")
        return {"status": "unknown"}
