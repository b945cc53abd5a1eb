"""Writes about the worker itself: its heartbeat, and tidying finished jobs away."""

import socket
from datetime import datetime, timedelta

from django.db.models import Q

from .models import JobRun, Outcome, WorkerHeartbeat
from .runner import writes_to_database

KEEP_SENT = timedelta(days=7)  # the queue's copy of a sent email (it holds the text)
KEEP_FAILED = timedelta(days=30)
KEEP_RUNS = timedelta(days=365)  # what the jobs page and /healthz read; no personal data


def worker_heartbeat(*, worker_id: str, started_at: datetime, now: datetime) -> None:
    """The worker is alive (called every few seconds by `run_worker`)."""
    WorkerHeartbeat.objects.update_or_create(
        worker_id=worker_id,
        defaults={"seen_at": now, "started_at": started_at, "hostname": socket.gethostname()},
    )


def worker_stopped(*, worker_id: str) -> None:
    """A worker that stops cleanly says so, so it is not counted as missing."""
    WorkerHeartbeat.objects.filter(worker_id=worker_id).delete()


def job_records_prune(*, now: datetime) -> dict[str, int]:
    """Remove finished jobs from the queue's table (the database backend keeps each job's
    arguments, such as an email's text, until then), and old run records."""
    pruned_queue = 0
    from .mail import send_email

    if writes_to_database(send_email):
        from django_tasks_db.models import DBTaskResult

        pruned_queue, _ = (
            DBTaskResult.objects.finished()
            .filter(
                Q(status="SUCCESSFUL", finished_at__lte=now - KEEP_SENT)
                | Q(status="FAILED", finished_at__lte=now - KEEP_FAILED)
            )
            .delete()
        )
    pruned_runs, _ = (
        JobRun.objects.exclude(outcome__in=[Outcome.RUNNING, Outcome.RETRYING])
        .filter(started_at__lte=now - KEEP_RUNS)
        .delete()
    )
    stale = now - timedelta(days=1)
    WorkerHeartbeat.objects.filter(seen_at__lt=stale).delete()
    return {"queue_rows": pruned_queue, "runs": pruned_runs}
