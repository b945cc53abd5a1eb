"""For tests: run the worker here, in the test's own process, as `run_worker` would.

`run_jobs()` is one pass of the real worker loop (worker.work_once): django-tasks-db's
Worker claims each ready job from the queue table and runs it, failures are recorded and
retried exactly as in production. Jobs whose retry time has not come stay queued; move
the clock (time-machine) and call it again.
"""

from unittest import mock

from django.db import connection
from django_tasks_db.management.commands import db_worker

from .worker import new_worker, work_once


def run_jobs(*, schedule: bool = False) -> int:
    """Run every queued job that is due (and, with `schedule`, first queue the periodic
    jobs whose time has come). Returns how many jobs ran."""
    worker = new_worker("test-worker")
    if connection.in_atomic_block:
        # Inside a test's transaction, the worker must not close the connection between
        # jobs (Django's test client keeps it open across requests the same way).
        with mock.patch.object(db_worker, "close_old_connections", lambda: None):
            return work_once(worker, schedule=schedule)
    return work_once(worker, schedule=schedule)
