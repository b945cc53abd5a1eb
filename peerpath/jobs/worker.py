"""The worker process: one loop that says it is alive, queues the periodic jobs whose time
has come (schedule.py), and runs every queued job that is due, with django-tasks-db's own
`Worker` (the code behind `manage.py db_worker`). `manage.py run_worker` runs this loop;
tests run one pass of it in their own process (testing.py)."""

import logging
import time
from datetime import datetime, timedelta

from django.db import close_old_connections
from django.utils import timezone
from django.utils.crypto import get_random_string
from django_tasks import DEFAULT_TASK_BACKEND_ALIAS
from django_tasks_db.management.commands.db_worker import Worker

from .mail import send_email
from .runner import writes_to_database
from .schedule import schedule_due_jobs
from .services import worker_heartbeat, worker_stopped

logger = logging.getLogger(__name__)

HEARTBEAT_EVERY = timedelta(seconds=10)


def new_worker(worker_id: str = "") -> Worker:
    """django-tasks-db's worker, set to run every ready job of every queue, then return."""
    return Worker(
        queue_names=["*"],
        interval=0,
        batch=True,
        backend_name=DEFAULT_TASK_BACKEND_ALIAS,
        startup_delay=False,
        max_tasks=None,
        worker_id=worker_id or get_random_string(32),
        excluded_queue_names=[],
    )


def runs_jobs_here() -> bool:
    """With the database backend this process runs the jobs; with another backend (RQ,
    Celery) that backend's own workers do, and this process only keeps the schedule."""
    return writes_to_database(send_email)


def work_once(worker: Worker, *, schedule: bool = True) -> int:
    """Queue what the schedule says is due, then run every job that is ready. Returns the
    number of jobs run."""
    if schedule:
        schedule_due_jobs(timezone.now())
    if not runs_jobs_here():
        return 0
    before = worker._run_tasks
    worker.run()
    return worker._run_tasks - before


def work_forever(worker: Worker, *, interval: float, once: bool = False) -> None:
    started_at = timezone.now()
    last_beat: datetime | None = None
    try:
        while worker.running:
            close_old_connections()
            try:
                now = timezone.now()
                if last_beat is None or now - last_beat >= HEARTBEAT_EVERY:
                    worker_heartbeat(worker_id=worker.worker_id, started_at=started_at, now=now)
                    last_beat = now
                work_once(worker)
            except Exception:
                # The database may be restarting: say so and try again, never stop.
                logger.exception("The worker's pass failed; trying again in %ss", interval)
            if once:
                return
            time.sleep(interval)
    finally:
        try:
            worker_stopped(worker_id=worker.worker_id)
        except Exception:
            logger.exception("Could not record that the worker stopped")
