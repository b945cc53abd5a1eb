"""Issue 10: each job's last run and outcome shows on /healthz and to organisation admins;
an overdue job makes /healthz say so (and /healthz/jobs answer 503); a failed email shows
its kind of error, never an address."""

from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
import time_machine
from django.test import Client
from django.utils import timezone

from peerpath.core.roles import Role
from peerpath.governance.tests.helpers import concern_data
from peerpath.jobs.models import JobRun, Outcome
from peerpath.jobs.periodic import escalate_overdue_concerns
from peerpath.jobs.schedule import schedule_due_jobs
from peerpath.jobs.services import worker_heartbeat
from peerpath.jobs.testing import run_jobs
from peerpath.jobs.tests.mail_outage import mail_outage

pytestmark = pytest.mark.django_db
__all__ = ["mail_outage"]  # a fixture

NOW = datetime(2030, 1, 14, 9, 0, tzinfo=UTC)
ESCALATION = escalate_overdue_concerns.name
QUERIES = 10  # the jobs page, however many emails


def worker_alive(now: datetime) -> None:
    worker_heartbeat(worker_id="w1", started_at=now, now=now)


def healthz(path: str = "/healthz") -> Any:
    return Client().get(path)


def test_with_no_worker_healthz_stays_200_and_says_so() -> None:
    response = healthz()
    assert response.status_code == 200
    assert response.json()["database"] == "ok"
    assert response.json()["jobs"]["status"] == "no worker"
    assert healthz("/healthz/jobs").status_code == 503


def test_each_periodic_jobs_last_run_and_outcome_is_on_healthz() -> None:
    with time_machine.travel(NOW, tick=False):
        worker_alive(NOW)
        run_jobs(schedule=True)
        response = healthz()
        jobs = response.json()["jobs"]
        assert jobs["status"] == "ok"
        assert jobs["worker"]["running"] == 1
        assert jobs["periodic"][ESCALATION] == {
            "last_run": "2030-01-14T09:00:00+00:00",
            "outcome": "succeeded",
            "last_success": "2030-01-14T09:00:00+00:00",
            "overdue": False,
        }
        assert set(jobs["periodic"]) == {
            ESCALATION,
            "send_reminders",
            "prune_job_records",
            "rights_daily",
        }
        assert healthz("/healthz/jobs").status_code == 200


def test_a_job_with_no_success_within_its_lateness_is_overdue_on_healthz() -> None:
    with time_machine.travel(NOW, tick=False) as clock:
        worker_alive(NOW)
        run_jobs(schedule=True)
        # The worker keeps beating but the escalation's runs stop succeeding.
        later = NOW + timedelta(minutes=21)
        clock.move_to(later)
        worker_alive(later)
        JobRun.objects.create(
            job=ESCALATION,
            task_id="x",
            started_at=later,
            last_attempt_at=later,
            finished_at=later,
            outcome=Outcome.FAILED,
            error="OperationalError",
        )
        jobs = healthz().json()["jobs"]
        assert jobs["status"] == "overdue"
        assert jobs["overdue"] == [ESCALATION]
        assert jobs["periodic"][ESCALATION]["outcome"] == "failed"
        response = healthz("/healthz/jobs")
        assert response.status_code == 503
        assert response.json()["overdue"] == [ESCALATION]
        # The web server still serves pages: /healthz stays 200 for the load balancer.
        assert healthz().status_code == 200


def test_the_admin_sees_each_job_and_each_email_not_sent_without_addresses(
    caseload_world: Any, client_for: Any, mail_outage: Any
) -> None:
    world = caseload_world
    client_for(Role.PSW).post(f"/people/{world.person.pk}/concerns/new/", concern_data())
    now = timezone.now()
    worker_alive(now)
    schedule_due_jobs(now)
    run_jobs()  # the periodic jobs succeed; the concern's and a reminder's emails fail

    page = client_for(Role.ORG_ADMIN).get("/manage/jobs/")
    assert page.status_code == 200
    text = page.content.decode()
    assert "A worker is running" in text
    assert "Escalate overdue safeguarding concerns" in text
    assert "Send reminders" in text
    assert "New safeguarding concerns" in text
    assert "the mail server closed the connection (SMTPServerDisconnected)" in text
    assert "Will try again at" in text
    assert world.user(Role.SAFEGUARDING_LEAD).email not in text
    assert world.person.full_name not in text
    assert "Reminders" in text
    assert "0 sent, 2 waiting to be tried again, 0 not sent." in text


def test_the_admins_home_page_links_to_background_jobs(world: Any, client_for: Any) -> None:
    assert 'href="/manage/jobs/"' in client_for(Role.ORG_ADMIN).get("/").content.decode()


@pytest.mark.parametrize("emails", [1, 6])
def test_the_jobs_page_makes_the_same_number_of_queries_however_many_emails(
    world: Any, client_for: Any, django_assert_num_queries: Any, emails: int
) -> None:
    admin = client_for(Role.ORG_ADMIN)
    now = timezone.now()
    for _ in range(emails):
        JobRun.objects.create(
            job="send_email",
            kind="invitation",
            task_id="x",
            organisation_id=world.organisation.pk,
            started_at=now,
            last_attempt_at=now,
            outcome=Outcome.RETRYING,
            error="SMTPConnectError",
            next_attempt_at=now + timedelta(minutes=1),
        )
    admin.get("/manage/jobs/")
    with django_assert_num_queries(QUERIES):
        admin.get("/manage/jobs/")
