"""The carer's print view, PDF, message to the person's peer support worker and "What I can
see and why"; the worker sees messages on the person's record and on their home page."""

from typing import Any

from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from peerpath.core.models import AuditAction, AuditEvent
from peerpath.core.roles import Role
from peerpath.governance.models import CarerMessage
from peerpath.governance.services import CARER_MESSAGE_SUBJECT
from peerpath.governance.tests.factories import CarerMessageFactory
from peerpath.governance.tests.helpers import CANARY, pdf_text, write_version
from peerpath.jobs.testing import run_jobs
from peerpath.tests.pages import text, words


def test_print_and_pdf_show_what_is_shared_now_and_are_audited(
    caseload_world: Any, client_for: Any
) -> None:
    world = caseload_world
    write_version(world, "crisis_plan", {"warning_signs": f"Stops answering {CANARY}"})
    write_version(world, "recovery_plan", {"keeps_me_well": "CANARY-not-shared"})
    carer = client_for(Role.CARER)
    printed = text(carer.get(f"/shared-with-me/{world.family_member.pk}/print/"))
    assert CANARY in printed and "CANARY-not-shared" not in printed
    response = carer.get(f"/shared-with-me/{world.family_member.pk}/pdf/")
    assert response["Content-Type"] == "application/pdf"
    words_in_pdf = pdf_text(response.content)
    assert CANARY in words_in_pdf and "CANARY-not-shared" not in words_in_pdf
    export = AuditEvent.objects.get(action=AuditAction.EXPORT, person_id=world.person.pk)
    assert export.reason == "PDF shared with a carer: crisis_plan"
    assert export.actor_role == Role.CARER


def test_print_and_pdf_of_another_carers_link_are_not_found(
    caseload_world: Any, client_for: Any
) -> None:
    from peerpath.caseload.tests.factories import FamilyMemberFactory

    theirs: Any = FamilyMemberFactory(
        person__organisation=caseload_world.organisation, person__team=caseload_world.team
    )
    carer = client_for(Role.CARER)
    for tail in ("print/", "pdf/", "message/"):
        assert carer.get(f"/shared-with-me/{theirs.pk}/{tail}").status_code == 404
    assert (
        client_for(Role.PSW)
        .get(f"/shared-with-me/{caseload_world.family_member.pk}/pdf/")
        .status_code
        == 403
    )


def test_a_carers_message_reaches_the_worker_without_personal_details_by_email(
    caseload_world: Any, client_for: Any
) -> None:
    world = caseload_world
    carer = client_for(Role.CARER)
    url = f"/shared-with-me/{world.family_member.pk}/message/"
    empty = carer.post(url, {"text": "  "})
    assert empty.status_code == 400 and "Write your message" in text(empty)
    sent = carer.post(url, {"text": "Alex has not slept for two nights."})
    assert sent.status_code == 302
    message = CarerMessage.objects.get()
    assert message.to_worker == world.user(Role.PSW)
    assert message.sender == world.family_member
    assert message.sender_user == world.user(Role.CARER)
    run_jobs()
    assert [m.subject for m in mail.outbox] == [CARER_MESSAGE_SUBJECT]
    body = mail.outbox[0].body
    assert "Alex" not in body and "slept" not in body and "Jo" not in body
    assert mail.outbox[0].to == [world.user(Role.PSW).email]
    assert "Alex has not slept for two nights." in text(carer.get(url))

    psw = client_for(Role.PSW)
    home = words(psw.get("/"))
    assert "1 new message from a carer of Alex" in home
    page = text(psw.get(f"/people/{world.person.pk}/carer-messages/"))
    assert "Alex has not slept for two nights." in page and "From Jo Morgan (sister)" in page
    message.refresh_from_db()
    assert message.read_by == world.user(Role.PSW) and message.read_at is not None
    assert "new message from a carer" not in words(psw.get("/"))


def test_the_worker_home_has_no_carer_messages_section_when_there_are_none(
    caseload_world: Any, client_for: Any
) -> None:
    assert "Messages from carers" not in text(client_for(Role.PSW).get("/"))


def test_a_carer_cannot_read_the_workers_messages_page(
    caseload_world: Any, client_for: Any
) -> None:
    url = f"/people/{caseload_world.person.pk}/carer-messages/"
    assert client_for(Role.CARER).get(url).status_code == 403
    assert client_for(Role.PERSON).get(url).status_code == 403


def test_what_i_can_see_and_why_names_each_part_and_since_when(
    caseload_world: Any, client_for: Any
) -> None:
    world = caseload_world
    carer = client_for(Role.CARER)
    page = words(carer.get("/shared-with-me/about/"))
    since = world.consent.granted_at.strftime("%-d %B %Y")
    assert f"Crisis plan: shared with you since {since}." in page
    assert "Alex chose to share this; Alex can change this at any time." in page
    assert "What I can see and why" in words(carer.get("/"))
    world.consent.withdrawn_at = world.consent.granted_at
    world.consent.save()
    assert "Alex is not sharing anything with you in PeerPath at the moment" in words(
        carer.get("/shared-with-me/about/")
    )


def test_the_workers_messages_page_runs_the_same_queries_as_messages_grow(
    caseload_world: Any, client_for: Any, django_assert_num_queries: Any
) -> None:
    world = caseload_world
    CarerMessageFactory(person=world.person, sender=world.family_member)
    psw = client_for(Role.PSW)
    url = f"/people/{world.person.pk}/carer-messages/"
    psw.get(url)  # the first read stamps it as read
    with CaptureQueriesContext(connection) as few:
        psw.get(url)
    for _ in range(5):
        CarerMessageFactory(person=world.person, sender=world.family_member, read_at=timezone.now())
    with django_assert_num_queries(len(few.captured_queries)):
        assert psw.get(url).status_code == 200
