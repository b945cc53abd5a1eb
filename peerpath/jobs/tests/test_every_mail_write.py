"""Finding 1 of issue 10, for every write that sends mail: with the mail server down the
page answers as usual, the record is saved once, and the real worker (one pass of
`run_worker`'s loop in this process) delivers the email once mail works again, exactly
once. A task queued in a transaction that rolls back never runs.

To add a write that sends mail, add a case to CASES: the test fails for any email that is
sent during the request instead of queued."""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

import pytest
import time_machine
from django.core import mail
from django.db import transaction
from django.db.models import Max
from django.test import Client
from django.utils import timezone

from peerpath.caseload.models import FamilyMember
from peerpath.core.roles import Role
from peerpath.governance.tests.helpers import concern_data, consent, invite_url
from peerpath.jobs.mail import EmailKind, email_enqueue
from peerpath.jobs.models import JobRun, Outcome
from peerpath.jobs.testing import run_jobs
from peerpath.organisations.models import Invitation
from peerpath.organisations.services import user_invite
from peerpath.recruitment.models import Application, Stage
from peerpath.recruitment.tests.helpers import complete_application, express_interest, intake
from peerpath.training.tests.helpers import pep

from .mail_outage import mail_outage

__all__ = ["intake", "mail_outage", "pep"]  # fixtures

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.hazard("H2")]


@dataclass(frozen=True)
class Sent:
    response: Any
    to: str  # who the email is for
    location: str  # where the page sends the person, as it does when mail works


def mail_down(f: Any) -> None:
    """Set-up done: its emails go as usual, then the mail server goes down."""
    run_jobs()
    mail.outbox.clear()
    f("mail_outage").down = True


def _no_500(client: Client) -> Client:
    client.raise_request_exception = False  # the page a person would see, not a traceback
    return client


def raise_a_concern(f: Any) -> Sent:
    world = f("caseload_world")
    psw = _no_500(f("client_for")(Role.PSW))
    mail_down(f)
    response = psw.post(f"/people/{world.person.pk}/concerns/new/", concern_data())
    return Sent(response, world.user(Role.SAFEGUARDING_LEAD).email, "/safeguarding/")


def invite_someone(f: Any) -> Sent:
    admin = _no_500(f("client_for")(Role.ORG_ADMIN))
    mail_down(f)
    response = admin.post(
        "/manage/people/invite/",
        {"full_name": "Sam Newcomer", "email": "sam@riverside.example", "roles": [Role.PSW]},
    )
    return Sent(response, "sam@riverside.example", "/manage/people/")


def _waiting_invitation(f: Any) -> Invitation:
    world = f("world")
    user_invite(
        organisation=world.organisation,
        email="kim@riverside.example",
        full_name="Kim Waiting",
        roles={Role.PSW},
        team=None,
        by=world.user(Role.ORG_ADMIN),
    )
    invitation = Invitation.objects.get(user__email="kim@riverside.example")
    Invitation.objects.filter(pk=invitation.pk).update(sent_at=timezone.now() - timedelta(hours=1))
    return invitation


def resend_an_invitation(f: Any) -> Sent:
    invitation = _waiting_invitation(f)
    admin = _no_500(f("client_for")(Role.ORG_ADMIN))
    mail_down(f)
    response = admin.post(f"/manage/invitations/{invitation.pk}/resend/")
    return Sent(response, "kim@riverside.example", "/manage/")


def ask_for_a_new_invitation_link(f: Any) -> Sent:
    _waiting_invitation(f)
    mail_down(f)
    response = _no_500(Client()).post("/invitation/ask/", {"email": "kim@riverside.example"})
    return Sent(response, "kim@riverside.example", "/invitation/ask/sent/")


def invite_a_carer(f: Any) -> Sent:
    world = f("caseload_world")
    member = FamilyMember.objects.create(
        organisation=world.organisation,
        person=world.person,
        name="Chris Morgan",
        relationship="brother",
        is_carer=True,
        email="chris.morgan@example.org",
    )
    consent(world, member)
    supervisor = _no_500(f("client_for")(Role.SUPERVISOR))
    mail_down(f)
    response = supervisor.post(invite_url(member), {"email": "chris.morgan@example.org"})
    return Sent(response, "chris.morgan@example.org", f"/people/{world.person.pk}/")


def express_interest_in_training(f: Any) -> Sent:
    training = f("intake")
    mail_down(f)
    response = express_interest(training)
    return Sent(response, "sam@example.org", "/application/")


def _application(f: Any) -> Application:
    express_interest(f("intake"))
    return Application.objects.get()


def submit_an_application(f: Any) -> Sent:
    application = _application(f)
    mail_down(f)
    response = complete_application(application)
    return Sent(response, "sam@example.org", f"/application/{application.access_token}/")


def move_an_application(f: Any) -> Sent:
    application = _application(f)
    complete_application(application)
    coordinator = _no_500(f("client_for")(Role.COORDINATOR))
    mail_down(f)
    application.refresh_from_db()
    response = coordinator.post(
        f"/training/applications/{application.pk}/move/",
        {"to_stage": Stage.INFORMATION_SESSION, "reason": "ready", "version": application.version},
    )
    return Sent(response, "sam@example.org", f"/training/applications/{application.pk}/")


def reset_a_password(f: Any) -> Sent:
    email = f("world").user(Role.PSW).email
    mail_down(f)
    response = _no_500(Client()).post("/accounts/password/reset/", {"email": email})
    return Sent(response, email, "/accounts/password/reset/done/")


CASES: dict[str, Callable[[Any], Sent]] = {
    "raise a safeguarding concern": raise_a_concern,
    "invite someone": invite_someone,
    "send an invitation again": resend_an_invitation,
    "ask for a new invitation link": ask_for_a_new_invitation_link,
    "invite a carer": invite_a_carer,
    "express interest in training": express_interest_in_training,
    "submit an application": submit_an_application,
    "move an application on": move_an_application,
    "reset a password": reset_a_password,
}


@pytest.mark.parametrize("case", CASES)
def test_with_mail_down_the_page_answers_and_the_worker_delivers_the_email_once_later(
    case: str, request: pytest.FixtureRequest, mail_outage: Any
) -> None:
    mail_outage.down = False  # emails of the set-up go as usual
    sent = CASES[case](request.getfixturevalue)
    assert mail_outage.down, "the case must switch the mail server off before its write"
    assert sent.response.status_code == 302, sent.response.content[:300]
    assert sent.response["Location"].startswith(sent.location)

    mail.outbox.clear()
    run_jobs()  # the worker tries while mail is down: refused, to be tried again
    assert [m for m in mail.outbox if m.to == [sent.to]] == []
    retrying = JobRun.objects.filter(job="send_email", outcome=Outcome.RETRYING)
    assert retrying.exists()
    assert set(retrying.values_list("error", flat=True)) == {"SMTPServerDisconnected"}

    mail_outage.down = False
    retry_at = retrying.aggregate(at=Max("next_attempt_at"))["at"]
    with time_machine.travel(retry_at + timedelta(seconds=1)):
        run_jobs()
        run_jobs()  # a second pass sends nothing again
    delivered = [m for m in mail.outbox if sent.to in m.to]
    assert len(delivered) == 1, [m.subject for m in mail.outbox]
    assert not JobRun.objects.filter(job="send_email").exclude(outcome=Outcome.SUCCEEDED).exists()


def test_an_email_queued_in_a_transaction_that_rolls_back_is_never_sent(world: Any) -> None:
    class Undo(Exception):
        pass

    with pytest.raises(Undo), transaction.atomic():
        email_enqueue(subject="Never", body="x", to=["a@example.org"], kind=EmailKind.ACCOUNT)
        raise Undo
    assert run_jobs() == 0
    assert mail.outbox == []
