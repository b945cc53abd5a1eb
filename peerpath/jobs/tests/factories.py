"""Factories for the background jobs' records: runs, schedule slots, heartbeats, reminders."""

import factory
from django.utils import timezone

from peerpath.jobs.models import JobRun, Outcome, ReminderSent, ScheduleSlot, WorkerHeartbeat
from peerpath.organisations.tests.factories import OrganisationFactory


class JobRunFactory(factory.django.DjangoModelFactory):
    """A run of a job that started now and is still running."""

    class Meta:
        model = JobRun

    job = "send_email"
    task_id = factory.Sequence(lambda n: f"task-{n}")
    started_at = factory.LazyFunction(timezone.now)
    last_attempt_at = factory.SelfAttribute("started_at")
    outcome = Outcome.RUNNING


class ScheduleSlotFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ScheduleSlot

    job = factory.Sequence(lambda n: f"periodic_job_{n}")
    first_seen_at = factory.LazyFunction(timezone.now)
    last_slot = factory.SelfAttribute("first_seen_at")
    queued_at = factory.SelfAttribute("first_seen_at")


class WorkerHeartbeatFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = WorkerHeartbeat

    worker_id = factory.Sequence(lambda n: f"worker-{n}")
    hostname = "worker.example"
    started_at = factory.LazyFunction(timezone.now)
    seen_at = factory.SelfAttribute("started_at")


class ReminderSentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ReminderSent

    kind = "plan_review"
    object_id = factory.Sequence(lambda n: n + 1)
    due = factory.LazyFunction(lambda: timezone.localdate().isoformat())
    organisation_id = factory.LazyFunction(lambda: OrganisationFactory.create().pk)
    sent_at = factory.LazyFunction(timezone.now)
