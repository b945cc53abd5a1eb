"""Display text for the background jobs page."""

from dataclasses import dataclass
from datetime import datetime

from django.utils import timezone

from .mail import EmailKind
from .models import JobRun, Outcome
from .selectors import PeriodicStatus, WorkerStatus

WHEN = "%-d %b %Y, %H:%M"

# What an error class means, for an admin; anything else is "something went wrong".
ERRORS = {
    "SMTPServerDisconnected": "the mail server closed the connection",
    "SMTPConnectError": "the mail server could not be reached",
    "ConnectionRefusedError": "the mail server could not be reached",
    "TimeoutError": "the mail server did not answer in time",
    "socket.timeout": "the mail server did not answer in time",
    "SMTPAuthenticationError": "the mail server refused PeerPath's user name or password",
    "SMTPRecipientsRefused": "the mail server refused the address",
    "SMTPSenderRefused": "the mail server refused the sender's address",
    "NobodyToTell": "an overdue concern's organisation has no one to tell",
    "JobFailed": "some of the work could not be done; the next run tries again",
}


def when(value: datetime | None) -> str:
    return timezone.localtime(value).strftime(WHEN) if value else ""


def error_text(error: str) -> str:
    if not error:
        return ""
    return ERRORS.get(error, "something went wrong") + f" ({error})"


@dataclass(frozen=True)
class PeriodicRow:
    title: str
    description: str
    last_run: str
    outcome: str
    overdue: bool
    error: str


def periodic_rows(statuses: list[PeriodicStatus]) -> list[PeriodicRow]:
    rows = []
    for status in statuses:
        run = status.last_run
        rows.append(
            PeriodicRow(
                title=status.job.title,
                description=status.job.description,
                last_run=when(run.last_attempt_at) if run else "Not run yet",
                outcome=run.get_outcome_display() if run else "",
                overdue=status.overdue,
                error=error_text(run.error) if run and run.outcome != Outcome.SUCCEEDED else "",
            )
        )
    return rows


def worker_sentence(worker: WorkerStatus) -> str:
    if worker.running:
        workers = "A worker is" if worker.alive == 1 else f"{worker.alive} workers are"
        return f"{workers} running (last heard from {when(worker.last_seen_at)})."
    if worker.last_seen_at:
        return (
            f"No worker is running: the last one was heard from at {when(worker.last_seen_at)}. "
            "Emails and reminders wait until one starts. Ask whoever runs PeerPath for you."
        )
    return (
        "No worker has run yet. Emails and reminders wait until one starts. Ask whoever "
        "runs PeerPath for you."
    )


@dataclass(frozen=True)
class EmailRow:
    kind: str
    first_tried: str
    attempts: int
    status: str
    error: str


def email_rows(runs: list[JobRun]) -> list[EmailRow]:
    return [
        EmailRow(
            kind=EmailKind.LABELS.get(run.kind, run.kind.capitalize() or "Email"),
            first_tried=when(run.started_at),
            attempts=run.attempts,
            status=(
                f"Will try again at {when(run.next_attempt_at)}"
                if run.outcome == Outcome.RETRYING
                else "Not sent: PeerPath has stopped trying"
            ),
            error=error_text(run.error),
        )
        for run in runs
    ]
