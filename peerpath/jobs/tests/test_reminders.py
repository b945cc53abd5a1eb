"""Issue 10: the daily reminders go by email (through the worker) to the staff member who
acts, once per thing and due date, and name the page, never the person or the content."""

from datetime import timedelta
from typing import Any

import pytest
import time_machine
from django.core import mail
from django.utils import timezone

from peerpath.contacts.models import Signpost
from peerpath.core.roles import Role
from peerpath.jobs.models import ReminderSent
from peerpath.jobs.periodic import send_reminders
from peerpath.jobs.reminders import SUBJECT, reminders_send
from peerpath.jobs.runner import enqueue
from peerpath.jobs.testing import run_jobs
from peerpath.organisations.models import Invitation
from peerpath.organisations.services import user_invite
from peerpath.recovery.models import Document

pytestmark = pytest.mark.django_db


def reminders() -> list[Any]:
    return [m for m in mail.outbox if m.subject == SUBJECT]


def remind() -> list[Any]:
    """The daily job, queued and run by the worker; returns the reminders delivered."""
    mail.outbox.clear()
    enqueue(send_reminders)
    run_jobs()
    return reminders()


def clinical_words(world: Any) -> list[str]:
    person = world.person
    return [person.full_name, person.preferred_name, "Walkers", "hearing voices", "college"]


def test_a_follow_up_due_today_is_reminded_once_to_the_psw_naming_nobody(
    caseload_world: Any, settings: Any
) -> None:
    settings.PEERPATH_BASE_URL = "https://peerpath.example.org"
    world = caseload_world  # its signpost's follow-up is due today; its plans in 90 days
    [email] = remind()
    assert email.to == [world.user(Role.PSW).email]
    assert "1 signposting follow-up is due." in email.body
    assert "plan" not in email.body
    assert "Open PeerPath to see them: https://peerpath.example.org/" in email.body
    for word in clinical_words(world):
        assert word not in email.body
    assert ReminderSent.objects.filter(kind="signposting follow-up").count() == 1
    assert remind() == []  # the next day's run: no second email about the same follow-up


def test_a_new_due_date_is_reminded_again(caseload_world: Any) -> None:
    world = caseload_world
    remind()
    Signpost.objects.filter(pk=world.signpost.pk).update(
        follow_up_on=timezone.localdate() - timedelta(days=1)
    )
    [email] = remind()
    assert "1 signposting follow-up is due." in email.body


def test_plan_reviews_within_two_weeks_are_reminded_to_the_psw(caseload_world: Any) -> None:
    world = caseload_world
    remind()  # the follow-up
    soon = timezone.localdate() + timedelta(days=10)
    Document.objects.filter(person=world.person).update(review_on=soon)
    [email] = remind()
    assert email.to == [world.user(Role.PSW).email]
    assert f"{len(world.documents)} plans are due for review within two weeks" in email.body
    for word in clinical_words(world):
        assert word not in email.body
    assert remind() == []


def test_nobody_is_reminded_about_a_person_with_no_psw(caseload_world: Any) -> None:
    world = caseload_world
    world.relationship.worker = None
    world.relationship.save(update_fields=["worker"])
    assert remind() == []
    assert ReminderSent.objects.count() == 0  # remembered only when told


def test_an_invitation_not_accepted_after_three_days_is_reminded_to_whoever_sent_it(
    world: Any,
) -> None:
    admin = world.user(Role.ORG_ADMIN)
    user_invite(
        organisation=world.organisation,
        email="new@riverside.example",
        full_name="New Person",
        roles={Role.PSW},
        team=world.team,
        by=admin,
    )
    run_jobs()  # the invitation itself
    invitation = Invitation.objects.get(user__email="new@riverside.example")
    with time_machine.travel(invitation.sent_at + timedelta(days=2)):
        assert remind() == []
    with time_machine.travel(invitation.sent_at + timedelta(days=3, hours=1)):
        [email] = remind()
        assert remind() == []
    assert email.to == [admin.email]
    assert "1 invitation you sent has not been accepted after 3 days" in email.body
    assert "new@riverside.example" not in email.body and "New Person" not in email.body


def test_one_email_per_person_however_many_things_are_due(caseload_world: Any) -> None:
    world = caseload_world
    Document.objects.filter(person=world.person).update(review_on=timezone.localdate())
    counts = reminders_send(now=timezone.now())
    assert counts == {"emails": 1, "things": 1 + len(world.documents)}
