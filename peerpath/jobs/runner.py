"""How PeerPath runs work in the background, whatever the Tasks backend.

- `enqueue(task, ...)` queues a task so that it runs only if the caller's transaction
  commits. With the database backend (the default) the job's row is written in the
  caller's transaction, so the record and its email commit together or not at all; with
  another backend (RQ, Celery) the job is queued once the transaction has committed.
- `@job(retries=N)` under `@task(takes_context=True)` records each run in a `JobRun` (its
  attempts, how the latest ended, when the next is due) and, when an attempt fails,
  queues the next one with back-off (1, 2, 4 … minutes, at most 6 hours apart) until
  `retries` more attempts have failed.

Only this module and the worker command know which backend is in use; tasks and the code
that queues them speak the Tasks API.
"""

import logging
from collections.abc import Callable
from datetime import datetime, timedelta
from functools import partial
from typing import Any, Concatenate, ParamSpec, TypeVar, cast

from django.db import transaction
from django.utils import timezone
from django_tasks import TaskContext, task_backends
from django_tasks.base import Task

from .models import JobRun, Outcome

logger = logging.getLogger(__name__)

FIRST_RETRY_AFTER = timedelta(minutes=1)
LONGEST_WAIT = timedelta(hours=6)

P = ParamSpec("P")
T = TypeVar("T")


def retry_delay(attempt: int) -> timedelta:
    """How long to wait after failed attempt number `attempt` (1 = the first)."""
    return min(FIRST_RETRY_AFTER * 2 ** (attempt - 1), LONGEST_WAIT)


def writes_to_database(task: Task[Any, Any]) -> bool:
    """True when the task's backend keeps its queue in PeerPath's own database."""
    from django_tasks_db import DatabaseBackend

    return isinstance(task.get_backend(), DatabaseBackend)


def _enqueue_now(task: Task[Any, Any], args: tuple[Any, ...], kwargs: dict[str, Any]) -> None:
    try:
        task.enqueue(*args, **kwargs)
    except Exception:
        # After the commit the record is saved: say loudly that its job was not queued,
        # but never turn the saved record into an error page.
        logger.exception("Could not queue %s after the commit", task.name)


def enqueue(task: Task[Any, Any], *args: Any, **kwargs: Any) -> None:
    """Queue `task` to run only if the current transaction (if any) commits."""
    if writes_to_database(task):
        # The queue is a table in our database: the job's row commits with the record,
        # or disappears with it. Nothing can happen between the two.
        task.enqueue(*args, **kwargs)
    else:
        transaction.on_commit(partial(_enqueue_now, task, args, kwargs), robust=True)


def _short(error: BaseException) -> str:
    """The kind of error, for people to read: its class only. Messages from a mail server
    can carry email addresses, so they go to the log, not to the page."""
    return type(error).__qualname__[:200]


def job(
    *, retries: int = 0
) -> Callable[[Callable[P, T]], Callable[Concatenate[TaskContext, P], T]]:
    """Record each attempt of the task and retry it with back-off. Put it under
    `@task(takes_context=True)`; the decorated function does not take the context."""

    def decorate(func: Callable[P, T]) -> Callable[Concatenate[TaskContext, P], T]:
        def run(
            context: TaskContext,
            *args: Any,
            attempt: int = 1,
            run_id: int | None = None,
            **kwargs: Any,
        ) -> Any:
            now = timezone.now()
            task_id = str(context.task_result.id)[:64]
            record = JobRun.objects.filter(pk=run_id).first() if run_id else None
            if record is None:
                record = JobRun.objects.create(
                    job=func.__name__,
                    kind=str(kwargs.get("kind", ""))[:100],
                    task_id=task_id,
                    attempts=attempt,
                    organisation_id=kwargs.get("organisation_id"),
                    started_at=now,
                    last_attempt_at=now,
                )
            else:
                record.task_id = task_id
                record.attempts = attempt
                record.last_attempt_at = now
                record.outcome = Outcome.RUNNING
                record.next_attempt_at = None
                record.save(
                    update_fields=[
                        "task_id",
                        "attempts",
                        "last_attempt_at",
                        "outcome",
                        "next_attempt_at",
                    ]
                )
            try:
                value = func(*args, **kwargs)
            except Exception as error:
                _failed(record, error, context, args, kwargs, attempt=attempt, retries=retries)
                raise
            record.outcome = Outcome.SUCCEEDED
            record.finished_at = timezone.now()
            record.error = ""
            record.save(update_fields=["outcome", "finished_at", "error"])
            return value

        # Not functools.wraps: the Tasks API reads the signature (it must start with
        # `context`), and wraps would show it the undecorated function's.
        run.__name__ = func.__name__
        run.__qualname__ = func.__qualname__
        run.__module__ = func.__module__
        run.__doc__ = func.__doc__
        return cast(Callable[Concatenate[TaskContext, P], T], run)

    return decorate


def _failed(
    record: JobRun,
    error: BaseException,
    context: TaskContext,
    args: tuple[Any, ...],
    kwargs: dict[str, Any],
    *,
    attempt: int,
    retries: int,
) -> None:
    now = timezone.now()
    task = context.task_result.task
    retry_at: datetime | None = None
    if attempt <= retries and task.get_backend().supports_defer:
        retry_at = now + retry_delay(attempt)
    logger.warning(
        "Job %s attempt %d failed (%r)%s",
        record.job,
        attempt,
        error,
        f"; next attempt at {retry_at:%Y-%m-%d %H:%M:%S}" if retry_at else "; no more attempts",
    )
    with transaction.atomic():
        record.outcome = Outcome.RETRYING if retry_at else Outcome.FAILED
        record.finished_at = now
        record.error = _short(error)
        record.next_attempt_at = retry_at
        record.save(update_fields=["outcome", "finished_at", "error", "next_attempt_at"])
        if retry_at is not None:
            enqueue(
                task.using(run_after=retry_at),
                *args,
                attempt=attempt + 1,
                run_id=record.pk,
                **kwargs,
            )


def backend_name() -> str:
    """The default backend's class path, as configured (for /healthz and the README)."""
    return str(task_backends.settings["default"]["BACKEND"])
