"""Contact records: draft → sign, signed notes never change, amendments keep both texts,
recovery-focused wording suggestions that never block, and every write audited."""

from datetime import timedelta
from typing import Any

import pytest
from django.db import DatabaseError, connection, transaction
from django.utils import timezone

from peerpath.contacts.models import ContactNote, NoteAmendment, SignedNoteError
from peerpath.core.models import AuditAction, AuditEvent
from peerpath.core.roles import Role
from peerpath.tests.dates import date_boxes
from peerpath.tests.pages import text, words

from .helpers import another_person, note_data, url

pytestmark = pytest.mark.django_db


def field_error(page: str, field: str, message: str) -> bool:
    """The message is shown next to the field (the NHS error message the field points at)."""
    marker = f'id="id_{field}-error"'
    start = page.find(marker)
    return start != -1 and message in page[start : start + 300]


def test_psw_writes_a_draft_then_signs_it_after_a_confirmation(
    caseload_world: Any, client_for: Any
) -> None:
    world = caseload_world
    client = client_for(Role.PSW)
    assert client.get(url("note-create", person=world.person.pk)).status_code == 200
    response = client.post(
        url("note-create", person=world.person.pk), note_data(goals=[world.goal.pk])
    )
    note = ContactNote.objects.exclude(pk__in=[world.note.pk, world.draft_note.pk]).get()
    assert response.status_code == 302
    assert response["Location"] == url("note-detail", person=world.person.pk, pk=note.pk)
    assert note.signed_at is None
    assert note.author == world.user(Role.PSW)
    assert note.duration_minutes == 45
    assert list(note.goals.all()) == [world.goal]

    confirm = client.get(url("note-sign", person=world.person.pk, pk=note.pk))
    assert confirm.status_code == 200
    assert "Sign this contact record?" in words(confirm)
    assert "A signed note cannot be changed" in words(confirm)
    note.refresh_from_db()
    assert note.signed_at is None  # looking at the confirmation signs nothing

    signed = client.post(
        url("note-sign", person=world.person.pk, pk=note.pk), {"version": note.version}
    )
    assert signed.status_code == 302
    note.refresh_from_db()
    assert note.is_signed
    detail = words(client.get(signed["Location"]))
    assert "Signed by Peer support worker Riverside" in detail
    assert "Add an amendment" in detail


def test_save_and_sign_goes_straight_to_the_confirmation(
    caseload_world: Any, client_for: Any
) -> None:
    world = caseload_world
    response = client_for(Role.PSW).post(
        url("note-create", person=world.person.pk), note_data(save="", sign="1")
    )
    note = ContactNote.objects.order_by("-pk").first()
    assert note is not None and note.signed_at is None
    assert response["Location"] == url("note-sign", person=world.person.pk, pk=note.pk)


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        (
            date_boxes("contact_on", timezone.localdate() + timedelta(days=1)),
            "contact_on",
            "Date of contact must be today or in the past",
        ),
        ({"contact_on": "31/02/2026"}, "contact_on", "Date of contact must be a real date"),
        (date_boxes("contact_on", "5//2026"), "contact_on", "Date of contact must include a month"),
        ({"duration_minutes": "0"}, "duration_minutes", "The duration must be at least 1 minute."),
        ({"duration_minutes": "721"}, "duration_minutes", "720 minutes (12 hours) or less"),
        ({"duration_minutes": ""}, "duration_minutes", "Enter how long the contact lasted"),
        ({"kind": ""}, "kind", "Choose the type of contact."),
        ({"note": ""}, "note", "Write the note."),
    ],
)
def test_bad_input_is_explained_next_to_the_field_and_saves_nothing(
    caseload_world: Any, client_for: Any, overrides: dict[str, str], field: str, message: str
) -> None:
    world = caseload_world
    before = ContactNote.objects.count()
    response = client_for(Role.PSW).post(
        url("note-create", person=world.person.pk), note_data(**overrides)
    )
    page = text(response)
    assert response.status_code == 400
    assert "There is a problem" in page
    error_id = {"kind": "id_kind_0", "contact_on": "id_contact_on_day"}.get(field, f"id_{field}")
    if message.endswith("must include a month"):
        error_id = "id_contact_on_month"  # the box at fault, not the day box
    if field == "kind":
        assert message in words(response)
    else:
        assert field_error(page, field, message), page[:200]
    assert f'href="#{error_id}"' in page
    assert ContactNote.objects.count() == before


def test_goals_offered_are_only_this_persons_and_another_persons_goal_is_refused(
    caseload_world: Any, client_for: Any
) -> None:
    world = caseload_world
    other = another_person(world)
    client = client_for(Role.PSW)
    page = words(client.get(url("note-create", person=world.person.pk)))
    assert "Go back to college" in page
    assert "Learn to swim" not in page
    before = ContactNote.objects.count()
    response = client.post(
        url("note-create", person=world.person.pk), note_data(goals=[other.goal.pk])
    )
    assert response.status_code == 400
    assert field_error(text(response), "goals", "Choose from this person's own goals.")
    assert ContactNote.objects.count() == before


@pytest.mark.hazard("H5")
def test_a_signed_note_cannot_be_edited_through_the_view(
    caseload_world: Any, client_for: Any
) -> None:
    world = caseload_world
    client = client_for(Role.PSW)
    edit = url("note-edit", person=world.person.pk, pk=world.note.pk)
    shown = client.get(edit)
    assert shown.status_code == 403
    assert "This note is signed" in words(shown)
    assert "add an amendment" in words(shown)
    posted = client.post(edit, note_data(note="Rewritten history.", version=world.note.version))
    assert posted.status_code == 403
    world.note.refresh_from_db()
    assert world.note.note == "We talked about college."


@pytest.mark.hazard("H5")
def test_a_signed_note_cannot_be_changed_by_save(caseload_world: Any) -> None:
    note = ContactNote.objects.get(pk=caseload_world.note.pk)
    note.note = "Rewritten history."
    with pytest.raises(SignedNoteError):
        note.save()
    assert ContactNote.objects.get(pk=note.pk).note == "We talked about college."


@pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="the trigger is PostgreSQL's; SQLite has no such trigger (runs in the PostgreSQL pass)",
)
@pytest.mark.parametrize(
    ("column", "value"),
    [
        ("note", "'Rewritten history.'"),
        ("contact_on", "contact_on - 1"),
        ("kind", "'phone'"),
        ("duration_minutes", "5"),
        ("place", "'Somewhere else'"),
        ("signed_at", "NULL"),
    ],
)
@pytest.mark.hazard("H5")
def test_postgresql_refuses_a_raw_update_of_a_signed_note(
    caseload_world: Any, column: str, value: str
) -> None:
    note = caseload_world.note
    with (
        pytest.raises(DatabaseError, match="is signed"),
        transaction.atomic(),
        connection.cursor() as cursor,
    ):
        cursor.execute(
            f"UPDATE contacts_contactnote SET {column} = {value} WHERE id = %s",  # noqa: S608
            [note.pk],
        )
    assert ContactNote.objects.get(pk=note.pk).note == "We talked about college."


@pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="the trigger is PostgreSQL's; SQLite has no such trigger (runs in the PostgreSQL pass)",
)
def test_postgresql_still_lets_a_draft_change_and_be_signed(caseload_world: Any) -> None:
    draft = caseload_world.draft_note
    ContactNote.objects.filter(pk=draft.pk).update(note="Changed while a draft.")
    ContactNote.objects.filter(pk=draft.pk).update(signed_at=timezone.now())
    assert ContactNote.objects.get(pk=draft.pk).is_signed


@pytest.mark.hazard("H5")
def test_an_amendment_keeps_the_signed_text_and_both_are_shown_with_who_and_when(
    caseload_world: Any, client_for: Any
) -> None:
    world = caseload_world
    client = client_for(Role.SUPERVISOR)
    amend = url("note-amend", person=world.person.pk, pk=world.note.pk)
    form = words(client.get(amend))
    assert "We talked about college." in form
    missing = client.post(amend, {"text": "Corrected.", "reason": ""})
    assert missing.status_code == 400
    assert "Give the reason for the amendment." in words(missing)
    response = client.post(
        amend, {"text": "We talked about college, work and the allotment.", "reason": "Missed it"}
    )
    assert response.status_code == 302
    world.note.refresh_from_db()
    assert world.note.note == "We talked about college."
    assert [a.text for a in NoteAmendment.objects.filter(note=world.note).order_by("pk")] == [
        "We talked about college and work.",
        "We talked about college, work and the allotment.",
    ]
    page = words(client.get(url("note-detail", person=world.person.pk, pk=world.note.pk)))
    assert "The note as signed" in page
    assert "We talked about college." in page
    assert "Amendment 1: by Peer support worker Riverside" in page
    assert "Amendment 2: by Peer supervisor Riverside" in page
    assert "Reason: Missed it" in page
    assert "We talked about college, work and the allotment." in page


def test_a_draft_is_edited_not_amended(caseload_world: Any, client_for: Any) -> None:
    world = caseload_world
    response = client_for(Role.PSW).post(
        url("note-amend", person=world.person.pk, pk=world.draft_note.pk),
        {"text": "x", "reason": "y"},
    )
    assert response.status_code == 302
    assert not NoteAmendment.objects.filter(note=world.draft_note).exists()


def test_wording_is_flagged_with_suggestions_and_saving_and_signing_still_work(
    caseload_world: Any, client_for: Any
) -> None:
    world = caseload_world
    client = client_for(Role.PSW)
    written = "Alex refused the referral and said the patient leaflet was confusing."
    response = client.post(url("note-create", person=world.person.pk), note_data(note=written))
    assert response.status_code == 302
    note = ContactNote.objects.get(note=written)  # saved exactly as written
    detail = words(client.get(response["Location"]))
    assert "You might consider recovery-focused words here." in detail
    assert "Instead of “refused”, you might consider “decided not to…”" in detail
    assert "Instead of “patient”" in detail
    sign_page = words(client.get(url("note-sign", person=world.person.pk, pk=note.pk)))
    assert "Instead of “refused”" in sign_page
    client.post(url("note-sign", person=world.person.pk, pk=note.pk), {"version": note.version})
    note.refresh_from_db()
    assert note.is_signed and note.note == written


def test_without_javascript_the_check_button_shows_suggestions_and_saves_nothing(
    caseload_world: Any, client_for: Any
) -> None:
    world = caseload_world
    before = ContactNote.objects.count()
    response = client_for(Role.PSW).post(
        url("note-create", person=world.person.pk),
        note_data(note="He was non-compliant.", duration_minutes="", save="", check="1"),
    )
    page = words(response)
    assert response.status_code == 200
    assert "Instead of “non-compliant”, you might consider “chose not to take…”" in page
    assert "He was non-compliant." in page  # the writer's text is kept in the box
    assert "There is a problem" not in page  # checking is not submitting
    assert ContactNote.objects.count() == before


def test_the_htmx_check_answers_with_a_small_partial(caseload_world: Any, client_for: Any) -> None:
    client = client_for(Role.PSW)
    found = client.post(
        url("wording-check") + "?field=note",
        {"note": "She was attention-seeking and kicked off."},
        headers={"HX-Request": "true"},
    )
    assert found.status_code == 200
    body = words(found)
    assert "<html" not in text(found)
    assert "Instead of “attention-seeking”, you might consider “seeking connection”" in body
    assert "Instead of “kicked off”" in body
    amended = client.post(url("wording-check") + "?field=text", {"text": "He refused."})
    assert "Instead of “refused”" in words(amended)
    clear = client.post(url("wording-check"), {"note": "We planned the week together."})
    assert "No wording suggestions so far." in words(clear)
    assert client.get(url("wording-check")).status_code == 405


def test_the_form_wires_the_live_check_and_works_without_it(
    caseload_world: Any, client_for: Any
) -> None:
    page = client_for(Role.PSW).get(url("note-create", person=caseload_world.person.pk))
    body = page.content.decode()
    assert f'hx-post="{url("wording-check")}?field=note"' in body
    assert 'hx-trigger="keyup changed delay:800ms"' in body
    assert 'hx-target="#wording-check"' in body
    assert 'name="check"' in body  # the same check as a plain button


@pytest.mark.hazard("H6")
def test_the_author_edits_a_draft_and_a_stale_form_overwrites_nothing(
    caseload_world: Any, client_for: Any
) -> None:
    world = caseload_world
    client = client_for(Role.PSW)
    draft = world.draft_note
    edit = url("note-edit", person=world.person.pk, pk=draft.pk)
    assert "A short call." in words(client.get(edit))
    first = client.post(
        edit, note_data(kind="phone", note="First window's text.", version=draft.version)
    )
    assert first.status_code == 302
    stale = client.post(
        edit, note_data(kind="phone", note="Second window's text.", version=draft.version)
    )
    page = words(stale)
    assert stale.status_code == 400
    assert "This draft was saved in another window while this page was open." in page
    assert "Second window's text." in page  # the writer's words are not lost
    draft.refresh_from_db()
    assert draft.note == "First window's text."
    assert draft.version == 2


def test_only_the_author_may_change_or_sign_a_draft(caseload_world: Any, client_for: Any) -> None:
    world = caseload_world
    supervisor = client_for(Role.SUPERVISOR)
    draft = world.draft_note
    edit = supervisor.get(url("note-edit", person=world.person.pk, pk=draft.pk), follow=True)
    assert "Only Peer support worker Riverside, who wrote this draft, can change or sign it." in (
        words(edit)
    )
    supervisor.post(
        url("note-edit", person=world.person.pk, pk=draft.pk),
        note_data(note="Changed by someone else.", version=draft.version),
    )
    supervisor.post(url("note-sign", person=world.person.pk, pk=draft.pk), {"version": 1})
    draft.refresh_from_db()
    assert draft.note == "A short call."
    assert draft.signed_at is None


def test_the_list_is_newest_first_and_paginated(caseload_world: Any, client_for: Any) -> None:
    world = caseload_world
    today = timezone.localdate()
    for n in range(1, 24):
        ContactNote.objects.create(
            organisation=world.organisation,
            person=world.person,
            author=world.user(Role.PSW),
            contact_on=today - timedelta(days=n),
            kind="video",
            duration_minutes=n,
            note=f"Note {n}",
        )
    client = client_for(Role.PSW)
    first = text(client.get(url("note-list", person=world.person.pk)))
    second = text(client.get(url("note-list", person=world.person.pk) + "?page=2"))
    assert first.count("minutes</td>") == 20
    assert first.index("60 minutes") < first.index("1 minutes")  # today's before yesterday's
    assert "Page 1 of 2" in first
    assert second.count("minutes</td>") == 5
    assert "23 minutes" in second


def test_another_persons_note_is_not_found_through_this_persons_record(
    caseload_world: Any, client_for: Any
) -> None:
    world = caseload_world
    other = another_person(world)
    response = client_for(Role.PSW).get(url("note-detail", person=other.pk, pk=world.note.pk))
    assert response.status_code == 404


def test_every_write_is_audited_with_the_person(caseload_world: Any, client_for: Any) -> None:
    world = caseload_world
    client = client_for(Role.PSW)
    client.post(url("note-create", person=world.person.pk), note_data())
    note = ContactNote.objects.order_by("-pk").first()
    assert note is not None
    client.post(
        url("note-edit", person=world.person.pk, pk=note.pk),
        note_data(note="Edited.", version=note.version),
    )
    client.post(url("note-sign", person=world.person.pk, pk=note.pk), {"version": 2})
    client.post(
        url("note-amend", person=world.person.pk, pk=note.pk), {"text": "Fixed.", "reason": "typo"}
    )
    writes = AuditEvent.objects.filter(
        person_id=world.person.pk, action__in=[AuditAction.CREATE, AuditAction.UPDATE]
    ).order_by("pk")
    assert [(e.action, e.object_type, e.reason) for e in writes] == [
        (AuditAction.CREATE, "contacts.contactnote", "draft contact note"),
        (
            AuditAction.UPDATE,
            "contacts.contactnote",
            "draft changed: contact_on, duration_minutes, goals, kind, note, place",
        ),
        (AuditAction.UPDATE, "contacts.contactnote", "contact note signed"),
        (
            AuditAction.CREATE,
            "contacts.noteamendment",
            f"amendment to contact note {note.pk}: typo",
        ),
    ]
    assert all(e.actor_id == world.user(Role.PSW).pk for e in writes)
    reads = AuditEvent.objects.filter(person_id=world.person.pk, action=AuditAction.VIEW)
    assert reads.count() >= 4  # each page fetched the person through the audited lookup


def test_a_contact_record_after_an_appointment_starts_filled_in(
    caseload_world: Any, client_for: Any
) -> None:
    world = caseload_world
    detail = client_for(Role.PSW).get(
        url("appointment-detail", person=world.person.pk, pk=world.appointment.pk)
    )
    link = text(detail).split('href="')[1:]
    write = next(h.split('"')[0] for h in link if "/contacts/new/?" in h)
    page = text(client_for(Role.PSW).get(write))
    assert 'value="accompanying" checked' in page
    assert f'value="{world.goal.pk}" checked' in page
    assert 'value="Riverside College"' in page
