"""The person supported's own contact records, appointments and signposts (issue 13).

The person reads the signed notes about them (never drafts, never a note held back from
them), adds their view (kept as written, shown to staff too), asks to change or cancel an
appointment (their PSW answers), and says whether they went where they were signposted.
Everything is fetched through the signed-in person: another person's ids are 404.
"""

from datetime import timedelta
from typing import Any

import pytest
from django.db import DatabaseError, IntegrityError, connection, transaction
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from peerpath.caseload.models import Person
from peerpath.contacts import selectors, services
from peerpath.contacts.home import psw_section
from peerpath.contacts.models import (
    Appointment,
    AppointmentRequest,
    NoteResponse,
    NoteResponseKept,
    NoteWithholding,
    RequestStatus,
    Signpost,
)
from peerpath.contacts.tests.factories import (
    AppointmentFactory,
    AppointmentRequestFactory,
    ContactNoteFactory,
    NoteResponseFactory,
    NoteWithholdingFactory,
    SignpostFactory,
)
from peerpath.core.models import AuditAction, AuditEvent
from peerpath.core.roles import Role
from peerpath.organisations.selectors import actor_for
from peerpath.tests.pages import text, words

from .helpers import another_person, url

pytestmark = pytest.mark.django_db

SECRET = "Alex's neighbour told us something in confidence."


def my(name: str, **kwargs: Any) -> str:
    return reverse(f"contacts:{name}", kwargs=kwargs or None)


@pytest.fixture
def alex(caseload_world: Any) -> Any:
    """The walk's person, linked to the person persona's account, with a note held back."""
    world = caseload_world
    Person.objects.filter(pk=world.person.pk).update(user=world.user(Role.PERSON))
    world.person.refresh_from_db()
    world.withheld_note = ContactNoteFactory(
        person=world.person, author=world.user(Role.PSW), note=SECRET, signed=True
    )
    world.withholding = NoteWithholdingFactory(
        note=world.withheld_note, by=world.user(Role.PSW), reason="It is about the neighbour."
    )
    return world


# Notes about me: the one read


def test_notes_for_person_are_signed_and_not_held_back(alex: Any) -> None:
    notes = list(selectors.notes_for_person(alex.person))
    assert [n.pk for n in notes] == [alex.note.pk]
    assert alex.draft_note.pk not in [n.pk for n in notes]
    assert alex.withheld_note.pk not in [n.pk for n in notes]
    assert [n.pk for n in selectors.notes_withheld_from(alex.person)] == [alex.withheld_note.pk]


def test_a_lifted_withholding_shows_the_note_again_and_keeps_its_record(alex: Any) -> None:
    services.note_withholding_lift(
        withholding=alex.withholding, reason="The neighbour agreed.", by=alex.user(Role.PSW)
    )
    assert alex.withheld_note.pk in [n.pk for n in selectors.notes_for_person(alex.person)]
    assert list(selectors.notes_withheld_from(alex.person)) == []
    kept = NoteWithholding.objects.get(pk=alex.withholding.pk)
    assert kept.lifted_by == alex.user(Role.PSW)
    assert kept.lift_reason == "The neighbour agreed."
    with pytest.raises(services.AlreadyDone):
        services.note_withholding_lift(
            withholding=alex.withholding, reason="Again", by=alex.user(Role.PSW)
        )


def test_at_most_one_withholding_is_in_force_per_note(alex: Any) -> None:
    with pytest.raises(IntegrityError), transaction.atomic():
        NoteWithholdingFactory(note=alex.withheld_note, by=alex.user(Role.PSW))
    with pytest.raises(Exception, match="already held back"):
        services.note_withhold(
            note=alex.withheld_note,
            reason_kind="other",
            reason="Twice",
            by=alex.user(Role.PSW),
        )


@pytest.mark.hazard("H20")
def test_the_person_reads_their_signed_notes_and_not_a_withheld_one(
    alex: Any, client_for: Any
) -> None:
    staff = client_for(Role.PSW).get(
        url("note-detail", person=alex.person.pk, pk=alex.withheld_note.pk)
    )
    assert SECRET in words(staff)  # staff read it, so the checks below can find it
    client = client_for(Role.PERSON)
    page = words(client.get(my("my-note-list")))
    assert "Notes about me" in page
    assert "Written by Peer support worker Riverside" in page
    assert SECRET not in page
    assert (
        f'href="{my("my-note-detail", pk=alex.note.pk)}"'
        in client.get(my("my-note-list")).content.decode()
    )
    assert (
        str(my("my-note-detail", pk=alex.withheld_note.pk))
        not in client.get(my("my-note-list")).content.decode()
    )
    detail = words(client.get(my("my-note-detail", pk=alex.note.pk)))
    assert "We talked about college." in detail
    assert "We talked about college and work." in detail  # the amendment
    assert "Why: Missed a topic" in detail


@pytest.mark.hazard("H20")
def test_a_withheld_a_draft_and_another_persons_note_are_404_for_the_person(
    alex: Any, client_for: Any
) -> None:
    client = client_for(Role.PERSON)
    other = another_person(alex)
    theirs: Any = ContactNoteFactory(person=other, author=alex.user(Role.PSW), signed=True)
    for pk in (alex.withheld_note.pk, alex.draft_note.pk, theirs.pk, 999_999):
        response = client.get(my("my-note-detail", pk=pk))
        assert response.status_code == 404, pk
        assert SECRET not in text(response)
        posted = client.post(my("my-note-detail", pk=pk), {"text": "Mine"})
        assert posted.status_code == 404
    assert NoteResponse.objects.count() == 0


def test_a_person_without_a_linked_record_sees_nothing_of_anyone(
    caseload_world: Any, client_for: Any
) -> None:
    page = client_for(Role.PERSON).get(my("my-note-detail", pk=caseload_world.note.pk))
    assert page.status_code == 200
    assert "There is nothing to show here yet" in words(page)
    assert "We talked about college." not in words(page)


def test_the_person_adds_their_view_and_staff_see_it_but_cannot_change_it(
    alex: Any, client_for: Any
) -> None:
    client = client_for(Role.PERSON)
    page = my("my-note-detail", pk=alex.note.pk)
    empty = client.post(page, {"text": "  "})
    assert empty.status_code == 400
    assert "Write your view." in words(empty)
    response = client.post(page, {"text": "I chose college myself."})
    assert response.status_code == 302
    view = NoteResponse.objects.get()
    assert (view.note, view.person, view.written_by) == (
        alex.note,
        alex.person,
        alex.user(Role.PERSON),
    )
    client.post(page, {"text": "And I start in September."})
    assert NoteResponse.objects.count() == 2  # more than one, each kept
    mine = words(client.get(page))
    assert "Your view, written on" in mine
    assert "I chose college myself." in mine
    assert "And I start in September." in mine

    staff = client_for(Role.PSW).get(url("note-detail", person=alex.person.pk, pk=alex.note.pk))
    text = words(staff)
    assert "Alex's view, written on" in text
    assert "I chose college myself." in text
    # Staff have no form on the page that posts the view's text anywhere.
    assert 'name="text"' not in staff.content.decode()
    created = AuditEvent.objects.filter(
        action=AuditAction.CREATE, object_type="contacts.noteresponse"
    )
    assert created.count() == 2
    assert all(e.by_subject for e in created)


def test_a_view_cannot_be_added_to_a_withheld_note_by_the_service(alex: Any) -> None:
    with pytest.raises(Exception, match="notes you can read"):
        services.note_response_add(
            note=alex.withheld_note, person=alex.person, text="x", by=alex.user(Role.PERSON)
        )
    with pytest.raises(Exception, match="notes you can read"):
        services.note_response_add(
            note=alex.draft_note, person=alex.person, text="x", by=alex.user(Role.PERSON)
        )


def test_a_view_is_never_changed_or_removed_by_the_model(alex: Any) -> None:
    view: Any = NoteResponseFactory(
        note=alex.note, person=alex.person, written_by=alex.user(Role.PERSON)
    )
    view.text = "Rewritten"
    with pytest.raises(NoteResponseKept):
        view.save()
    with pytest.raises(NoteResponseKept):
        view.delete()
    assert NoteResponse.objects.get(pk=view.pk).text.startswith("I remember it")


@pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="the trigger is PostgreSQL's; SQLite has no such trigger (runs in the PostgreSQL pass)",
)
def test_postgresql_refuses_to_change_or_delete_a_view(alex: Any) -> None:
    view: Any = NoteResponseFactory(
        note=alex.note, person=alex.person, written_by=alex.user(Role.PERSON)
    )
    for sql in (
        "UPDATE contacts_noteresponse SET text = 'Rewritten' WHERE id = %s",
        "DELETE FROM contacts_noteresponse WHERE id = %s",
    ):
        with (
            pytest.raises(DatabaseError, match=r"append-only: (UPDATE|DELETE)"),
            transaction.atomic(),
            connection.cursor() as cursor,
        ):
            cursor.execute(sql, [view.pk])
    assert NoteResponse.objects.get(pk=view.pk).text.startswith("I remember it")


def test_the_persons_reads_are_audited_as_their_own(alex: Any, client_for: Any) -> None:
    client = client_for(Role.PERSON)
    client.get(my("my-note-list"))
    client.get(my("my-note-detail", pk=alex.note.pk))
    client.get(my("my-appointment-list"))
    client.get(my("my-signpost-list"))
    reads = AuditEvent.objects.filter(action=AuditAction.VIEW, person_id=alex.person.pk)
    assert reads.count() == 4
    assert all(e.by_subject and e.actor_role == Role.PERSON for e in reads)
    assert {e.reason for e in reads} == {
        "their own contact records",
        f"their own contact record {alex.note.pk}",
        "their own appointments",
        "their own signposting",
    }


def test_my_notes_list_takes_the_same_queries_however_many_notes(
    alex: Any, client_for: Any
) -> None:
    client = client_for(Role.PERSON)
    client.get(my("my-note-list"))  # warm the session and the caches

    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            assert client.get(my("my-note-list")).status_code == 200
        return len(queries)

    before = count()
    for n in range(4):
        note: Any = ContactNoteFactory(person=alex.person, author=alex.user(Role.PSW), signed=True)
        NoteResponseFactory(note=note, person=alex.person, written_by=alex.user("person"))
        services.note_amend(note=note, text=f"Amended {n}", reason="r", by=alex.user(Role.PSW))
    assert count() == before


# Held back: set and lifted on the staff note page


def test_the_author_holds_a_note_back_with_a_reason_and_staff_see_why(
    alex: Any, client_for: Any
) -> None:
    psw = client_for(Role.PSW)
    page = url("note-withhold", person=alex.person.pk, pk=alex.note.pk)
    assert psw.get(page).status_code == 200
    missing = psw.post(page, {"reason_kind": "third_party", "reason": ""})
    assert missing.status_code == 400
    assert "Give the reason the note is held back." in words(missing)
    response = psw.post(page, {"reason_kind": "third_party", "reason": "It names her sister."})
    assert response.status_code == 302
    detail = words(psw.get(url("note-detail", person=alex.person.pk, pk=alex.note.pk)))
    assert "Held back from Alex: It names her sister." in detail
    assert AuditEvent.objects.filter(
        object_type="contacts.notewithholding", action=AuditAction.CREATE
    ).exists()
    assert client_for(Role.PERSON).get(my("my-note-detail", pk=alex.note.pk)).status_code == 404

    lift = url("note-withhold-lift", person=alex.person.pk, pk=alex.note.pk)
    assert psw.post(lift, {"lift_reason": ""}).status_code == 400
    assert psw.post(lift, {"lift_reason": "Her sister agreed."}).status_code == 302
    assert client_for(Role.PERSON).get(my("my-note-detail", pk=alex.note.pk)).status_code == 200


def test_only_the_author_or_a_supervisor_of_the_team_holds_a_note_back(alex: Any) -> None:
    psw = actor_for(alex.user(Role.PSW), alex.organisation)
    supervisor = actor_for(alex.user(Role.SUPERVISOR), alex.organisation)
    elsewhere = actor_for(alex.peers["supervisor of another team"], alex.organisation)
    colleague = actor_for(alex.peers["psw in the same team"], alex.organisation)
    assert psw.may("contacts.withhold_note", alex.note)
    assert supervisor.may("contacts.withhold_note", alex.note)
    assert not elsewhere.may("contacts.withhold_note", alex.note)
    assert not colleague.may("contacts.withhold_note", alex.note)
    assert not psw.may("contacts.withhold_note", alex.draft_note)  # a draft is never shown


# Appointments


def test_the_person_sees_coming_and_recent_appointments_with_cancelled_marked(
    alex: Any, client_for: Any
) -> None:
    soon: Any = AppointmentFactory(person=alex.person, worker=alex.user(Role.PSW), what="Housing")
    called_off: Any = AppointmentFactory(
        person=alex.person,
        worker=alex.user(Role.PSW),
        what="Art class",
        starts_at=timezone.now() - timedelta(days=3),
        cancelled=True,
    )
    response = client_for(Role.PERSON).get(my("my-appointment-list"))
    page = words(response)
    assert "Housing" in page
    assert "Art class Cancelled" in page
    # Only a coming appointment that is not cancelled can be asked about.
    html = response.content.decode()
    assert my("my-appointment-ask", pk=soon.pk) in html
    assert my("my-appointment-ask", pk=called_off.pk) not in html


def test_the_person_asks_to_change_and_the_psw_answers(alex: Any, client_for: Any) -> None:
    person = client_for(Role.PERSON)
    appointment: Any = AppointmentFactory(person=alex.person, worker=alex.user(Role.PSW))
    ask = my("my-appointment-ask", pk=appointment.pk)
    assert person.post(ask, {"kind": ""}).status_code == 400
    assert person.post(ask, {"kind": "change", "message": "Later, please"}).status_code == 302
    made = AppointmentRequest.objects.get(appointment=appointment)
    assert (made.kind, made.status, made.person) == ("change", "waiting", alex.person)
    # One question at a time.
    again = person.get(ask)
    assert "will answer you here" in words(again)
    with pytest.raises(Exception, match="already asked"):
        services.appointment_request_create(
            appointment=appointment,
            person=alex.person,
            kind="cancel",
            message="",
            by=alex.user(Role.PERSON),
        )

    psw = client_for(Role.PSW)
    detail = url("appointment-detail", person=alex.person.pk, pk=appointment.pk)
    assert "Later, please" in words(psw.get(detail))
    answer = url(
        "appointment-request-answer", person=alex.person.pk, pk=appointment.pk, request_pk=made.pk
    )
    no_reason = psw.post(answer, {"decision": "not_done", "answer": "", "version": made.version})
    assert no_reason.status_code == 400
    assert "Say why" in words(no_reason)
    done = psw.post(
        answer, {"decision": "done", "answer": "Moved to 4 pm.", "version": made.version}
    )
    assert done.status_code == 302
    made.refresh_from_db()
    assert (made.status, made.answer, made.answered_by) == (
        RequestStatus.DONE,
        "Moved to 4 pm.",
        alex.user(Role.PSW),
    )
    stale = psw.post(answer, {"decision": "done", "answer": "Again", "version": 1})
    assert stale.status_code == 400
    made.refresh_from_db()
    assert made.answer == "Moved to 4 pm."
    assert "Moved to 4 pm." in words(person.get(my("my-appointment-list")))


def test_a_cancel_request_done_cancels_the_appointment(alex: Any, client_for: Any) -> None:
    made: Any = AppointmentRequestFactory(appointment=alex.appointment, kind="cancel")
    services.appointment_request_answer(
        made=made, done=True, answer="", expected_version=made.version, by=alex.user(Role.PSW)
    )
    assert Appointment.objects.get(pk=alex.appointment.pk).cancelled
    declined: Any = AppointmentFactory(person=alex.person, worker=alex.user(Role.PSW))
    other: Any = AppointmentRequestFactory(appointment=declined, kind="cancel")
    services.appointment_request_answer(
        made=other,
        done=False,
        answer="We need it for your benefits form.",
        expected_version=other.version,
        by=alex.user(Role.PSW),
    )
    assert not Appointment.objects.get(pk=declined.pk).cancelled


def test_another_persons_appointment_and_signpost_are_404(alex: Any, client_for: Any) -> None:
    other = another_person(alex)
    theirs: Any = AppointmentFactory(person=other, worker=alex.user(Role.PSW))
    signpost: Any = SignpostFactory(person=other, by=alex.user(Role.PSW))
    client = client_for(Role.PERSON)
    assert client.get(my("my-appointment-ask", pk=theirs.pk)).status_code == 404
    assert (
        client.post(my("my-appointment-ask", pk=theirs.pk), {"kind": "cancel"}).status_code == 404
    )
    assert client.get(my("my-signpost-detail", pk=signpost.pk)).status_code == 404
    assert (
        client.post(
            my("my-signpost-detail", pk=signpost.pk), {"outcome": "went", "version": 1}
        ).status_code
        == 404
    )
    assert AppointmentRequest.objects.count() == 0
    assert Signpost.objects.get(pk=signpost.pk).outcome == ""


# Signposts


def test_the_person_says_i_went_and_staff_read_it_in_their_words(
    alex: Any, client_for: Any
) -> None:
    client = client_for(Role.PERSON)
    page = my("my-signpost-detail", pk=alex.signpost.pk)
    shown = words(client.get(page))
    assert "Riverside Hearing Voices Group" in shown
    assert "Drop in" in shown  # how to get there
    response = client.post(page, {"outcome": "went", "version": alex.signpost.version})
    assert response.status_code == 302
    alex.signpost.refresh_from_db()
    assert alex.signpost.outcome == "went"
    assert alex.signpost.outcome_recorded_by == alex.user(Role.PERSON)
    assert "You said: I went" in words(client.get(page))
    staff = words(
        client_for(Role.PSW).get(url("signpost-detail", person=alex.person.pk, pk=alex.signpost.pk))
    )
    assert "Alex said: I went" in staff
    # Said once: a second answer is refused and changes nothing.
    again = client.post(page, {"outcome": "needs_different", "version": alex.signpost.version})
    assert again.status_code == 400
    alex.signpost.refresh_from_db()
    assert alex.signpost.outcome == "went"


def test_a_psws_outcome_names_them_not_the_person(alex: Any, client_for: Any) -> None:
    services.signpost_record_outcome(
        signpost=alex.signpost,
        outcome="did_not_go",
        note="",
        expected_version=alex.signpost.version,
        by=alex.user(Role.PSW),
    )
    alex.signpost.refresh_from_db()
    assert alex.signpost.outcome_recorded_by == alex.user(Role.PSW)
    staff = words(
        client_for(Role.PSW).get(url("signpost-detail", person=alex.person.pk, pk=alex.signpost.pk))
    )
    assert "Alex said" not in staff
    assert "Did not go, recorded on" in staff


# The PSW's home


def test_the_psw_home_shows_new_views_and_waiting_requests_and_nothing_when_none(
    alex: Any, client_for: Any
) -> None:
    home = client_for(Role.PSW).get(reverse("workspace:home"))
    assert "From the people you support" not in words(home)
    NoteResponseFactory(note=alex.note, person=alex.person, written_by=alex.user("person"))
    AppointmentRequestFactory(appointment=alex.appointment)
    text = words(client_for(Role.PSW).get(reverse("workspace:home")))
    assert "From the people you support" in text
    assert "Alex added their view to the note of" in text
    assert "Alex asked to change “College open day”" in text
    # Someone not on this caseload sees none of it.
    other = words(client_for(Role.SAFEGUARDING_LEAD).get(reverse("workspace:home")))
    assert "From the people you support" not in other


def test_the_psw_home_section_takes_two_queries(
    alex: Any, rf: Any, django_assert_num_queries: Any
) -> None:
    for _ in range(3):
        note: Any = ContactNoteFactory(person=alex.person, author=alex.user(Role.PSW), signed=True)
        NoteResponseFactory(note=note, person=alex.person, written_by=alex.user("person"))
    AppointmentRequestFactory(appointment=alex.appointment)
    request = rf.get("/")
    request.user = alex.user(Role.PSW)
    request.actor = actor_for(alex.user(Role.PSW), alex.organisation)
    # Each of the two selectors is one query, with the caseload as a subquery.
    with django_assert_num_queries(2):
        section = psw_section(request)
    assert section is not None
    assert len(section.data["views"]) == 3
    assert len(section.data["waiting"]) == 1
