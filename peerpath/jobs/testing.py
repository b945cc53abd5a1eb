"""For tests: run the worker here, in the test's own process, as production would.

`run_jobs()` is one pass of the real worker. With the database backend (the default) it
is `run_worker`'s own loop (worker.work_once): django-tasks-db's Worker claims each ready
job from the queue table and runs it. With the RQ backend (PEERPATH_TASKS_BACKEND=rq, as
`scripts/test` runs the task tests a second time) it is RQ's own worker in burst mode,
with its scheduler, so jobs whose retry time has come are queued first. Either way
failures are recorded and retried exactly as in production. Jobs whose retry time has not
come stay queued; move the clock (time-machine) and call it again.
"""

import signal
from typing import Any
from unittest import mock

from django.db import connection
from django_tasks_db.management.commands import db_worker

from .schedule import schedule_due_jobs
from .worker import new_worker, runs_jobs_here, work_once


def run_jobs(*, schedule: bool = False) -> int:
    """Run every queued job that is due (and, with `schedule`, first queue the periodic
    jobs whose time has come). Returns how many jobs ran."""
    if not runs_jobs_here():
        if schedule:
            schedule_due_jobs()
        return _run_rq_jobs()
    worker = new_worker("test-worker")
    if connection.in_atomic_block:
        # Inside a test's transaction, the worker must not close the connection between
        # jobs (Django's test client keeps it open across requests the same way).
        with mock.patch.object(db_worker, "close_old_connections", lambda: None):
            return work_once(worker, schedule=schedule)
    return work_once(worker, schedule=schedule)


def _run_rq_jobs() -> int:
    """RQ's worker, without forking (the jobs run here, on this test's database), until
    the queue is empty."""
    import django_rq
    from django_tasks_rq.backend import Job
    from rq import SimpleWorker

    class CountingWorker(SimpleWorker):
        ran = 0

        def execute_job(self, job: Any, queue: Any) -> Any:
            CountingWorker.ran += 1
            return super().execute_job(job, queue)

        # RQ listens for commands (kill a job …) on a thread that takes a minute to stop;
        # a burst in a test takes none.
        def subscribe(self) -> None:
            pass

        def unsubscribe(self) -> None:
            pass

    # django-tasks-rq's own job class, as `manage.py rqworker --job-class` is given (README).
    queue = django_rq.get_queue("default", job_class=Job)
    worker = CountingWorker([queue], connection=queue.connection, job_class=Job)
    handlers = {s: signal.getsignal(s) for s in (signal.SIGINT, signal.SIGTERM)}
    try:
        worker.work(burst=True, with_scheduler=True)
    finally:
        for number, handler in handlers.items():
            signal.signal(number, handler)
    return CountingWorker.ran


def flush_rq() -> None:
    """Empty the RQ test database between tests (RQ backend only)."""
    if not runs_jobs_here():
        import django_rq

        django_rq.get_connection("default").flushdb()
