"""Finding 1 of issue 10: with the mail server down, a write that sends email answers with
its normal page, the record is saved once, and the worker delivers the email once mail
works again. These tests commit for real (transaction=True), as a web request does, and
run the real worker in this process."""

from datetime import timedelta
from typing import Any

import pytest
import time_machine
from django.core import mail
from django.test import Client
from django.utils import timezone

from conftest import World
from peerpath.accounts.models import User
from peerpath.core.roles import Role
from peerpath.governance.models import SafeguardingConcern
from peerpath.governance.tests.helpers import concern_data
from peerpath.jobs.models import JobRun, Outcome
from peerpath.jobs.testing import run_jobs
from peerpath.organisations.models import Invitation
from peerpath.recruitment.models import Application
from peerpath.recruitment.tests.helpers import express_interest, intake
from peerpath.training.tests.helpers import pep

from .mail_outage import mail_outage

__all__ = ["intake", "mail_outage", "pep"]  # fixtures used below

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.hazard("H2")]


def no_exceptions(client: Client) -> Client:
    """Show the page a person would see (a 500), instead of raising in the test."""
    client.raise_request_exception = False
    return client


def delivered_after_outage(outage: Any) -> list[Any]:
    """The worker tries while mail is down (and fails), mail comes back, the retry's time
    comes: the worker sends it. Returns what was delivered."""
    assert run_jobs() >= 1
    assert mail.outbox == []
    failed = JobRun.objects.get(job="send_email")
    assert failed.outcome == Outcome.RETRYING and failed.attempts == 1
    assert failed.error == "SMTPServerDisconnected" and failed.next_attempt_at is not None
    outage.down = False
    assert run_jobs() == 0  # the retry waits for its time
    with time_machine.travel(failed.next_attempt_at + timedelta(seconds=1)):
        assert run_jobs() == 1
    sent = JobRun.objects.get(job="send_email")
    assert sent.outcome == Outcome.SUCCEEDED and sent.attempts == 2
    return list(mail.outbox)


def test_a_concern_raised_while_mail_is_down_is_saved_once_and_told_later(
    caseload_world: Any, client_for: Any, mail_outage: Any
) -> None:
    world = caseload_world
    psw = no_exceptions(client_for(Role.PSW))
    before = SafeguardingConcern.objects.count()
    response = psw.post(f"/people/{world.person.pk}/concerns/new/", concern_data())
    concern = SafeguardingConcern.objects.exclude(pk=world.concern.pk).get()
    assert response.status_code == 302
    assert response["Location"] == f"/safeguarding/{concern.pk}/"
    assert SafeguardingConcern.objects.count() == before + 1
    assert psw.get(response["Location"]).status_code == 200

    [email] = delivered_after_outage(mail_outage)
    assert sorted(email.to) == sorted(
        [world.user(Role.SAFEGUARDING_LEAD).email, world.user(Role.SUPERVISOR).email]
    )
    assert f"http://testserver/safeguarding/{concern.pk}/" in email.body
    assert mail_outage.refused == 1
    run_jobs()
    assert len(mail.outbox) == 1  # sent once, not again


def test_an_invitation_sent_while_mail_is_down_is_saved_and_sent_later(
    world: World, client_for: Any, mail_outage: Any
) -> None:
    admin = no_exceptions(client_for(Role.ORG_ADMIN))
    response = admin.post(
        "/manage/people/invite/",
        {"full_name": "Sam Newcomer", "email": "sam@riverside.example", "roles": [Role.PSW]},
    )
    user = User.objects.get(email="sam@riverside.example")
    assert response.status_code == 302
    assert response["Location"] == f"/manage/people/{user.public_id}/"
    assert Invitation.objects.filter(user=user).count() == 1

    [email] = delivered_after_outage(mail_outage)
    assert email.to == ["sam@riverside.example"]
    assert "http://testserver/invitation/" in email.body


def test_an_expression_of_interest_while_mail_is_down_is_saved_and_answered_later(
    intake: Any, mail_outage: Any
) -> None:
    response = express_interest(intake)
    assert response.status_code == 302
    application = Application.objects.get()
    [email] = delivered_after_outage(mail_outage)
    assert email.to == ["sam@example.org"]
    assert f"/application/{application.access_token}/" in email.body


def test_an_email_that_never_goes_is_retried_with_back_off_then_shown_as_failed(
    caseload_world: Any, client_for: Any, mail_outage: Any
) -> None:
    world = caseload_world
    client_for(Role.PSW).post(f"/people/{world.person.pk}/concerns/new/", concern_data())
    waits = []
    now = timezone.now()
    with time_machine.travel(now, tick=False) as clock:
        run_jobs()
        while (run := JobRun.objects.get(job="send_email")).outcome == Outcome.RETRYING:
            assert run.next_attempt_at is not None
            waits.append(round((run.next_attempt_at - timezone.now()).total_seconds() / 60))
            clock.move_to(run.next_attempt_at + timedelta(seconds=1))
            assert run_jobs() == 1
    # 1, 2, 4 … minutes, then every 6 hours: twelve attempts in about 20 hours.
    assert waits == [1, 2, 4, 8, 16, 32, 64, 128, 256, 360, 360]
    assert run.outcome == Outcome.FAILED and run.attempts == 12
    assert run.error == "SMTPServerDisconnected" and run.next_attempt_at is None
    assert mail.outbox == []
