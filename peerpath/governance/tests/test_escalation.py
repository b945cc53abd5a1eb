"""A safeguarding concern has a due time from its immediacy; an open concern past it is
overdue, goes to the top of the queue, and is escalated once to the organisation's other
safeguarding leads, else its admins (hazard H2)."""

from datetime import UTC, datetime, timedelta
from io import StringIO
from typing import Any

import pytest
import time_machine
from django.core import mail
from django.core.management import call_command
from django.test import Client

from peerpath.core.models import AuditAction, AuditEvent
from peerpath.core.roles import Role
from peerpath.governance import selectors, services
from peerpath.governance.models import (
    CONCERN_RESPONSE_TIMES,
    SafeguardingConcern,
    concern_due_at,
)
from peerpath.jobs.models import JobRun, Outcome
from peerpath.jobs.testing import run_jobs
from peerpath.jobs.tests.mail_outage import mail_outage
from peerpath.organisations.models import Membership
from peerpath.organisations.selectors import actor_for
from peerpath.organisations.tests.factories import MembershipFactory
from peerpath.tests.pages import words

from .helpers import WHAT_WAS_SAID, raise_concern

pytestmark = pytest.mark.django_db
__all__ = ["mail_outage"]  # a fixture

# A winter Monday, so UK local time is UTC and the times on the pages read as written here.
RAISED = datetime(2030, 1, 14, 9, 0, tzinfo=UTC)
BASE_URL = "https://peerpath.example.org"
OVERDUE_TAG = '<strong class="nhsuk-tag nhsuk-tag--red">Overdue</strong>'


def signed_in(world: Any, persona: Any) -> Client:
    """A client signed in now (inside a time travel, so its session is not already old)."""
    client = Client()
    client.force_login(world.user(persona))
    return client


def new_member(world: Any, role: Role, team: Any = None) -> Any:
    """Another user holding `role` in Riverside."""
    return MembershipFactory(organisation=world.organisation, role=role, team=team).user


def escalate() -> str:
    """The command, run by hand; then the worker sends the emails it queued."""
    out = StringIO()
    call_command("escalate_safeguarding_concerns", base_url=BASE_URL, stdout=out)
    run_jobs()
    return out.getvalue().strip()


def raise_at(world: Any, when: datetime, immediacy: str = "today") -> SafeguardingConcern:
    """A concern raised at `when`; the worker sends its first email then."""
    with time_machine.travel(when, tick=False):
        concern = raise_concern(world, world.person, world.user(Role.PSW), immediacy=immediacy)
        run_jobs()
    return concern


def close_world_concern(world: Any) -> None:
    """The world's own concern was raised today; closed, it stays out of these tests."""
    services.concern_close(
        concern=world.concern, outcome="Resolved with Alex.", by=world.user(Role.SUPERVISOR)
    )


def escalations(concern: SafeguardingConcern) -> Any:
    return AuditEvent.objects.filter(
        object_type="governance.safeguardingconcern",
        object_id=str(concern.pk),
        action=AuditAction.UPDATE,
        reason__startswith="overdue:",
    )


def test_the_due_time_comes_from_how_soon_action_is_needed(caseload_world: Any) -> None:
    world = caseload_world
    times = dict(CONCERN_RESPONSE_TIMES)
    assert times == {
        "immediate": timedelta(hours=1),
        "today": timedelta(hours=8),
        "soon": timedelta(days=3),
    }
    due = {
        immediacy: raise_at(world, RAISED, immediacy).due_at
        for immediacy in ("immediate", "today", "soon")
    }
    assert due == {
        "immediate": datetime(2030, 1, 14, 10, 0, tzinfo=UTC),
        "today": datetime(2030, 1, 14, 17, 0, tzinfo=UTC),
        "soon": datetime(2030, 1, 17, 9, 0, tzinfo=UTC),
    }
    # An unknown immediacy never gets longer than the shortest time.
    assert concern_due_at(RAISED, "whenever") == RAISED + timedelta(hours=1)
    # A concern saved without a due time (as test data is) still gets one from its immediacy.
    world.concern.refresh_from_db()
    assert world.concern.due_at == world.concern.raised_at + timedelta(days=3)


@pytest.mark.hazard("H2")
def test_a_concern_is_not_overdue_before_its_due_time_and_is_after(caseload_world: Any) -> None:
    world = caseload_world
    close_world_concern(world)
    concern = raise_at(world, RAISED, "today")  # due 17:00

    for when in (RAISED + timedelta(hours=7, minutes=59), RAISED + timedelta(hours=8)):
        with time_machine.travel(when, tick=False):
            concern.refresh_from_db()
            assert not concern.is_overdue
            lead = signed_in(world, Role.SAFEGUARDING_LEAD)
            queue_html = lead.get("/safeguarding/").content.decode()
            detail_html = lead.get(f"/safeguarding/{concern.pk}/").content.decode()
            assert OVERDUE_TAG not in queue_html and OVERDUE_TAG not in detail_html
            assert "Due by 14 Jan 2030, 17:00" in words(lead.get("/safeguarding/"))
            assert "Due by 14 Jan 2030, 17:00." in words(lead.get(f"/safeguarding/{concern.pk}/"))

    with time_machine.travel(RAISED + timedelta(hours=8, minutes=1), tick=False):
        concern.refresh_from_db()
        assert concern.is_overdue
        lead = signed_in(world, Role.SAFEGUARDING_LEAD)
        queue = lead.get("/safeguarding/")
        assert OVERDUE_TAG in queue.content.decode()
        assert "Overdue Was due by 14 Jan 2030, 17:00" in words(queue)
        detail = lead.get(f"/safeguarding/{concern.pk}/")
        assert OVERDUE_TAG in detail.content.decode()
        assert "Was due by 14 Jan 2030, 17:00." in words(detail)
        # The PSW who raised it sees it too, on the person's record as well.
        psw = signed_in(world, Role.PSW)
        assert OVERDUE_TAG in psw.get(f"/safeguarding/{concern.pk}/").content.decode()
        assert "Overdue Was due by 14 Jan 2030, 17:00" in words(
            psw.get(f"/people/{world.person.pk}/")
        )

        # Closed, it is never overdue, however late.
        services.concern_close(concern=concern, outcome="Done", by=world.user(Role.SUPERVISOR))
        concern.refresh_from_db()
        assert not concern.is_overdue
        assert OVERDUE_TAG not in lead.get(f"/safeguarding/{concern.pk}/").content.decode()


def test_the_queue_puts_overdue_concerns_first(caseload_world: Any) -> None:
    world = caseload_world
    close_world_concern(world)
    soon = raise_at(world, RAISED, "soon")  # due 17 Jan 09:00
    immediate = raise_at(world, RAISED + timedelta(days=2), "immediate")  # due 16 Jan 10:00
    not_yet = raise_at(world, RAISED + timedelta(days=3), "immediate")  # due 17 Jan 10:00
    lead = world.user(Role.SAFEGUARDING_LEAD)
    with time_machine.travel(RAISED + timedelta(days=3, minutes=1), tick=False):
        queue = selectors.concern_queue(actor=actor_for(lead, world.organisation))
        # Both overdue ones (the most urgent first), then the open one that is not yet due;
        # an urgent concern not yet due comes after an overdue one. The closed one is read
        # on its own, below them (issue 14).
        assert [c.pk for c in queue] == [immediate.pk, soon.pk, not_yet.pk]
        page = words(signed_in(world, Role.SAFEGUARDING_LEAD).get("/safeguarding/"))
        assert "the most overdue at the top" in page
        assert page.count("Overdue Was due by") == 2


@pytest.mark.hazard("H2")
def test_the_command_escalates_an_overdue_concern_once_to_the_other_leads(
    caseload_world: Any,
) -> None:
    world = caseload_world
    close_world_concern(world)
    second_lead = new_member(world, Role.SAFEGUARDING_LEAD)
    third_lead = new_member(world, Role.SAFEGUARDING_LEAD, world.team)
    left = new_member(world, Role.SAFEGUARDING_LEAD)
    left.is_active = False
    left.save()
    concern = raise_at(world, RAISED, "today")
    assert concern.lead == world.user(Role.SAFEGUARDING_LEAD)  # the team's lead, as before
    mail.outbox.clear()

    with time_machine.travel(RAISED + timedelta(hours=7, minutes=59), tick=False):
        assert escalate() == "Escalated 0 overdue safeguarding concerns."
    assert mail.outbox == []

    escalated_at = RAISED + timedelta(hours=8, minutes=5)
    with time_machine.travel(escalated_at, tick=False):
        assert escalate() == "Escalated 1 overdue safeguarding concern."
    concern.refresh_from_db()
    assert concern.escalated_at == escalated_at and concern.status == "open"

    [email] = mail.outbox
    # Every other active lead of Riverside: not the lead it went to, not the one who left,
    # not Eastfield's (the outsider leads safeguarding there).
    assert sorted(email.to) == sorted([second_lead.email, third_lead.email])
    assert email.subject == "PeerPath: an overdue safeguarding concern needs your attention"
    assert "was due for action by 14 January 2030, 17:00 and is still open" in email.body
    assert f"{BASE_URL}/safeguarding/{concern.pk}/" in email.body
    # Nothing personal: not the person, what was said, who is at risk or who raised it.
    personal = (
        world.person.full_name,
        world.person.display_name,
        "Alex",
        WHAT_WAS_SAID,
        "bank card",
        "financial",
        world.user(Role.PSW).full_name,
        world.user(Role.SAFEGUARDING_LEAD).full_name,
    )
    for said in personal:
        assert said not in f"{email.subject} {email.body}"

    [row] = escalations(concern)
    assert row.person_id == world.person.pk
    assert row.organisation_id == world.organisation.pk
    assert row.actor_id is None  # the command, not a person
    assert row.reason == (
        "overdue: escalated to 2 other safeguarding leads: "
        + ", ".join(sorted([second_lead.email, third_lead.email]))
    )

    # Running it again, then or later, sends nothing more and audits nothing more.
    with time_machine.travel(escalated_at, tick=False):
        assert escalate() == "Escalated 0 overdue safeguarding concerns."
    with time_machine.travel(escalated_at + timedelta(days=2), tick=False):
        assert escalate() == "Escalated 0 overdue safeguarding concerns."
        page = words(signed_in(world, Role.SAFEGUARDING_LEAD).get(f"/safeguarding/{concern.pk}/"))
    assert len(mail.outbox) == 1 and escalations(concern).count() == 1
    concern.refresh_from_db()
    assert concern.escalated_at == escalated_at
    assert "Escalated on 14 Jan 2030, 17:05" in page
    assert "Escalated Escalated on 14 Jan 2030, 17:05, because it was still open" in page


def test_a_closed_concern_is_never_escalated(caseload_world: Any) -> None:
    world = caseload_world
    close_world_concern(world)
    concern = raise_at(world, RAISED, "immediate")
    with time_machine.travel(RAISED + timedelta(minutes=30), tick=False):
        services.concern_close(concern=concern, outcome="Done", by=world.user(Role.SUPERVISOR))
    mail.outbox.clear()
    with time_machine.travel(RAISED + timedelta(days=30), tick=False):
        assert escalate() == "Escalated 0 overdue safeguarding concerns."
    concern.refresh_from_db()
    world.concern.refresh_from_db()
    assert concern.escalated_at is None and world.concern.escalated_at is None
    assert mail.outbox == [] and not escalations(concern).exists()


def test_a_concern_closed_after_it_was_picked_up_is_left_alone(caseload_world: Any) -> None:
    world = caseload_world
    concern = raise_at(world, RAISED, "immediate")
    later = RAISED + timedelta(hours=2)
    with time_machine.travel(later, tick=False):
        assert concern.pk in selectors.concerns_to_escalate(later)
        services.concern_close(concern=concern, outcome="Done", by=world.user(Role.SUPERVISOR))
        assert services.concern_escalate(concern.pk, now=later, base_url=BASE_URL) is None
    concern.refresh_from_db()
    assert concern.escalated_at is None and not escalations(concern).exists()


def test_with_only_one_lead_the_organisation_admins_are_told(caseload_world: Any) -> None:
    world = caseload_world
    close_world_concern(world)
    second_admin = new_member(world, Role.ORG_ADMIN)
    concern = raise_at(world, RAISED, "immediate")
    mail.outbox.clear()
    with time_machine.travel(RAISED + timedelta(hours=1, minutes=1), tick=False):
        assert escalate() == "Escalated 1 overdue safeguarding concern."
    [email] = mail.outbox
    # Riverside's admins; not its only lead (whom it went to), not Eastfield's admin.
    assert sorted(email.to) == sorted([world.user(Role.ORG_ADMIN).email, second_admin.email])
    assert "no other safeguarding lead in PeerPath" in email.body
    assert "contact your organisation's safeguarding team now" in email.body
    for said in ("Alex", world.person.full_name, WHAT_WAS_SAID):
        assert said not in f"{email.subject} {email.body}"
    [row] = escalations(concern)
    assert row.person_id == world.person.pk
    assert row.reason.startswith(
        "overdue: escalated to 2 organisation admins (no other safeguarding lead): "
    )


def test_if_the_email_cannot_be_sent_it_is_marked_and_the_worker_sends_it_later(
    caseload_world: Any, mail_outage: Any
) -> None:
    """The escalation is stamped, audited and its email queued in one transaction; a mail
    server that is down delays the email (the worker retries it) but never loses it."""
    world = caseload_world
    close_world_concern(world)
    mail_outage.down = False
    concern = raise_at(world, RAISED, "immediate")
    mail.outbox.clear()
    mail_outage.down = True
    picked_up = RAISED + timedelta(hours=2)
    with time_machine.travel(picked_up, tick=False):
        assert escalate() == "Escalated 1 overdue safeguarding concern."
        concern.refresh_from_db()
        assert concern.escalated_at == picked_up and escalations(concern).count() == 1
        assert mail.outbox == [] and mail_outage.refused == 1
        run = JobRun.objects.get(job="send_email", kind="safeguarding escalation")
        assert run.outcome == Outcome.RETRYING and run.next_attempt_at is not None
        mail_outage.down = False
        assert escalate() == "Escalated 0 overdue safeguarding concerns."  # not twice
    with time_machine.travel(run.next_attempt_at + timedelta(seconds=1), tick=False):
        run_jobs()
    [email] = mail.outbox
    assert email.subject == "PeerPath: an overdue safeguarding concern needs your attention"
    assert escalations(concern).count() == 1


def test_with_no_one_else_the_lead_is_reminded_and_with_no_one_at_all_it_waits(
    caseload_world: Any,
) -> None:
    world = caseload_world
    close_world_concern(world)
    Membership.objects.filter(organisation=world.organisation, role=Role.ORG_ADMIN).delete()
    reminded = raise_at(world, RAISED, "immediate")
    mail.outbox.clear()
    with time_machine.travel(RAISED + timedelta(hours=2), tick=False):
        assert escalate() == "Escalated 1 overdue safeguarding concern."
    [email] = mail.outbox
    assert email.to == [world.user(Role.SAFEGUARDING_LEAD).email]
    [row] = escalations(reminded)
    assert row.reason == (
        "overdue: escalated to the safeguarding lead it went to (no other lead or "
        f"organisation admin): {world.user(Role.SAFEGUARDING_LEAD).email}"
    )

    # No lead and no admin at all: nobody can be told.
    Membership.objects.filter(organisation=world.organisation, role=Role.SAFEGUARDING_LEAD).delete()
    nobody = raise_at(world, RAISED + timedelta(days=1), "immediate")
    assert nobody.lead is None
    mail.outbox.clear()  # the new concern's email to the supervisor
    with time_machine.travel(RAISED + timedelta(days=1, hours=2), tick=False):
        out, err = StringIO(), StringIO()
        call_command("escalate_safeguarding_concerns", base_url=BASE_URL, stdout=out, stderr=err)
        assert out.getvalue().strip() == "Escalated 0 overdue safeguarding concerns."
        assert (
            f"Concern {nobody.pk} is overdue but its organisation has no safeguarding lead"
            in err.getvalue()
        )
        # Not marked escalated, since nobody was told...
        nobody.refresh_from_db()
        assert nobody.escalated_at is None and not escalations(nobody).exists()
        assert mail.outbox == []
        # ...so once someone is made an admin, the next run tells them.
        admin = new_member(world, Role.ORG_ADMIN)
        assert escalate() == "Escalated 1 overdue safeguarding concern."
    assert mail.outbox[-1].to == [admin.email]
    assert escalations(nobody).count() == 1
