"""Issue 10: the periodic jobs run on the project's own schedule, with no cron. The real
worker (one pass of `run_worker`'s loop, in this process) queues each job when its slot
comes and runs it; time-machine moves the clock."""

from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
import time_machine
from django.core import mail

from peerpath.core.roles import Role
from peerpath.governance.models import SafeguardingConcern
from peerpath.governance.services import ESCALATION_EMAIL_SUBJECT
from peerpath.governance.tests.helpers import raise_concern
from peerpath.jobs.models import JobRun, Outcome, ScheduleSlot
from peerpath.jobs.periodic import SCHEDULE, escalate_overdue_concerns
from peerpath.jobs.schedule import current_slot, schedule_due_jobs
from peerpath.jobs.testing import run_jobs

pytestmark = pytest.mark.django_db

# A winter Monday morning, UTC.
RAISED = datetime(2030, 1, 14, 9, 1, tzinfo=UTC)
ESCALATION = escalate_overdue_concerns.name


def escalations() -> list[Any]:
    return [m for m in mail.outbox if m.subject == ESCALATION_EMAIL_SUBJECT]


def escalation_runs() -> list[JobRun]:
    return list(JobRun.objects.filter(job=ESCALATION).order_by("id"))


@pytest.mark.hazard("H2")
def test_the_worker_escalates_an_overdue_concern_on_schedule_with_no_cron(
    caseload_world: Any,
) -> None:
    world = caseload_world
    # The world's own concern was escalated long ago: only the one raised below counts.
    SafeguardingConcern.objects.filter(pk=world.concern.pk).update(escalated_at=RAISED)
    with time_machine.travel(RAISED, tick=False) as clock:
        raise_concern(world, world.person, world.user(Role.PSW), immediacy="today")
        concern = SafeguardingConcern.objects.exclude(pk=world.concern.pk).get()
        run_jobs()  # the new-concern email
        mail.outbox.clear()

        # The worker's first pass queues the escalation job and runs it: nothing is due.
        run_jobs(schedule=True)
        [first] = escalation_runs()
        assert first.outcome == Outcome.SUCCEEDED
        assert escalations() == []

        # A minute later, the same 5-minute slot: the job is not queued again.
        clock.move_to(RAISED + timedelta(minutes=1))
        assert run_jobs(schedule=True) == 0
        assert len(escalation_runs()) == 1

        # Past the concern's due time, the next slot's run escalates it, once.
        clock.move_to(concern.due_at + timedelta(minutes=5))
        assert run_jobs(schedule=True) == 2  # the escalation, then the email it queued
        concern.refresh_from_db()
        assert concern.escalated_at is not None
        [email] = escalations()
        assert email.to == [world.user(Role.ORG_ADMIN).email]  # no other lead: the admins
        assert "Alex" not in email.body and "Morgan" not in email.body

        # Five minutes on, the job runs again and escalates nothing twice.
        clock.move_to(concern.due_at + timedelta(minutes=10))
        assert run_jobs(schedule=True) == 1
        assert len(escalations()) == 1
        assert [r.outcome for r in escalation_runs()][-1] == Outcome.SUCCEEDED


def test_each_slot_is_queued_once_however_many_workers_look() -> None:
    now = datetime(2030, 1, 14, 7, 0, 30, tzinfo=UTC)
    assert sorted(schedule_due_jobs(now)) == sorted(j.name for j in SCHEDULE)
    assert schedule_due_jobs(now) == []  # a second worker, the same moment
    assert schedule_due_jobs(now + timedelta(minutes=4)) == []
    assert schedule_due_jobs(now + timedelta(minutes=5)) == [ESCALATION]
    slots = dict(ScheduleSlot.objects.values_list("job", "last_slot"))
    assert slots[ESCALATION] == datetime(2030, 1, 14, 7, 5, tzinfo=UTC)


def test_a_worker_back_after_a_day_runs_each_job_once_not_once_per_missed_slot() -> None:
    now = datetime(2030, 1, 14, 7, 0, tzinfo=UTC)
    schedule_due_jobs(now)
    assert sorted(schedule_due_jobs(now + timedelta(days=1, minutes=1))) == sorted(
        j.name for j in SCHEDULE
    )


def test_daily_jobs_come_at_their_hour() -> None:
    [reminders] = [j for j in SCHEDULE if j.name == "send_reminders"]
    assert current_slot(reminders, datetime(2030, 1, 14, 6, 59, tzinfo=UTC)) == datetime(
        2030, 1, 13, 7, 0, tzinfo=UTC
    )
    assert current_slot(reminders, datetime(2030, 1, 14, 7, 0, tzinfo=UTC)) == datetime(
        2030, 1, 14, 7, 0, tzinfo=UTC
    )
