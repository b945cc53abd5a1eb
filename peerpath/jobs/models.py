"""What the worker did, for people to see: one row per run of a job, the periodic
schedule's last slot per job, the worker's heartbeat, and the reminders already sent.

None of these rows hold personal details: a job's arguments stay in the queue (and are
pruned), an attempt keeps only the job's name, its outcome and the kind of error.
"""

from django.db import models


class Outcome(models.TextChoices):
    RUNNING = "running", "Running"
    SUCCEEDED = "succeeded", "Done"
    RETRYING = "retrying", "Failed, will try again"
    FAILED = "failed", "Failed"


class JobRun(models.Model):
    """One run of one job, across its attempts: a retried email keeps one row, which says
    how many attempts were made, how the last one ended and when the next one is due."""

    job = models.CharField(max_length=100)
    kind = models.CharField(max_length=100, blank=True)  # e.g. "invitation" for an email
    task_id = models.CharField(max_length=64)  # the queue's id of the latest attempt
    attempts = models.PositiveIntegerField(default=1)
    # The organisation's id, kept as audit rows keep it (no foreign key): the job queue
    # sits below the organisations app, and a run's record outlives what it was about.
    organisation_id = models.BigIntegerField(null=True, blank=True, db_index=True)
    started_at = models.DateTimeField()  # the first attempt
    last_attempt_at = models.DateTimeField()
    finished_at = models.DateTimeField(null=True, blank=True)  # the latest attempt's end
    outcome = models.CharField(max_length=20, choices=Outcome.choices, default=Outcome.RUNNING)
    # The error's class and a short, plain description; never a traceback or an address.
    error = models.CharField(max_length=200, blank=True)
    next_attempt_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ("-started_at", "-id")
        indexes = (
            models.Index(fields=("job", "-started_at"), name="jobrun_job_started"),
            models.Index(fields=("organisation_id", "-started_at"), name="jobrun_org_started"),
            models.Index(fields=("outcome", "job"), name="jobrun_outcome_job"),
        )

    def __str__(self) -> str:
        return f"{self.job} ({self.attempts} attempts) {self.outcome}"


class ScheduleSlot(models.Model):
    """The periodic schedule's memory: the last slot each job was queued for, so that two
    workers (or a restarted one) queue each slot once."""

    job = models.CharField(max_length=100, primary_key=True)
    first_seen_at = models.DateTimeField()
    last_slot = models.DateTimeField()
    queued_at = models.DateTimeField()

    def __str__(self) -> str:
        return f"{self.job} @ {self.last_slot:%Y-%m-%d %H:%M}"


class WorkerHeartbeat(models.Model):
    """Each worker process says it is alive every few seconds."""

    worker_id = models.CharField(max_length=64, primary_key=True)
    hostname = models.CharField(max_length=255, blank=True)
    started_at = models.DateTimeField()
    seen_at = models.DateTimeField(db_index=True)

    def __str__(self) -> str:
        return f"{self.worker_id} seen {self.seen_at:%Y-%m-%d %H:%M:%S}"


class ReminderSent(models.Model):
    """A reminder is sent once per thing and due date (a plan review, a follow-up, an
    invitation link), however often the daily job runs."""

    kind = models.CharField(max_length=40)
    object_id = models.BigIntegerField()
    due = models.CharField(max_length=40)  # the due date (or link version) reminded about
    organisation_id = models.BigIntegerField(db_index=True)  # a plain id, as in JobRun
    sent_at = models.DateTimeField()

    class Meta:
        constraints = (
            models.UniqueConstraint(fields=("kind", "object_id", "due"), name="reminder_sent_once"),
        )

    def __str__(self) -> str:
        return f"{self.kind} {self.object_id} ({self.due})"
