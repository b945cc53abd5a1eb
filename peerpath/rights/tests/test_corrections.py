"""Corrections (rectification): the person says what is wrong in their own words; the
worker corrects it (a signed note gets an amendment naming the request, the note itself is
unchanged) or says why it stays. Both are kept and shown to the person."""

import re
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from peerpath.caseload.tests.factories import PersonFactory
from peerpath.contacts.models import ContactNote, NoteAmendment
from peerpath.core.models import AuditAction, AuditEvent
from peerpath.core.roles import Role
from peerpath.rights import services
from peerpath.rights.models import Rectification
from peerpath.rights.tests.factories import RectificationFactory


@pytest.fixture
def w(caseload_world: Any) -> Any:
    caseload_world.person.user = caseload_world.user(Role.PERSON)
    caseload_world.person.save()
    return caseload_world


def _token(client: Any, url: str) -> str:
    match = re.search(r'name="form_token" value="([^"]+)"', client.get(url).content.decode())
    assert match
    return match.group(1)


def test_the_person_says_a_signed_note_is_wrong_and_the_worker_amends_it(
    w: Any, client_for: Any
) -> None:
    person_client = client_for(Role.PERSON)
    new = reverse("rights:my-correction-create")
    page = person_client.get(new).content.decode()
    assert "Note of" in page  # their signed note can be chosen
    missing = person_client.post(new, {"about": "note", "what_is_wrong": "", "should_say": ""})
    assert missing.status_code == 400
    response = person_client.post(
        new,
        {
            "form_token": _token(person_client, new),
            "about": "note",
            "note": str(w.note.pk),
            "what_is_wrong": "It says I missed the bus. I walked.",
            "should_say": "Alex walked to the meeting.",
        },
    )
    assert response.status_code == 302
    rectification = Rectification.objects.get(person=w.person)
    assert rectification.object_id == str(w.note.pk)
    assert "I walked" in person_client.get(reverse("rights:my-corrections")).content.decode()

    psw = client_for(Role.PSW)
    home = psw.get(reverse("workspace:home")).content.decode()
    url = reverse(
        "rights:correction-answer", kwargs={"person": w.person.pk, "pk": rectification.pk}
    )
    assert url in home
    assert (
        url
        in psw.get(
            reverse("workspace:person-detail", kwargs={"person": w.person.pk})
        ).content.decode()
    )
    original = ContactNote.objects.get(pk=w.note.pk).note
    needs_text = psw.post(
        url, {"version": 1, "status": "amended", "answer": "Corrected", "amend_note": ""}
    )
    assert needs_text.status_code == 400
    response = psw.post(
        url,
        {
            "version": 1,
            "status": "amended",
            "answer": "I added an amendment to the note.",
            "amend_note": "Alex walked to the meeting.",
        },
    )
    assert response.status_code == 302
    amendment = NoteAmendment.objects.filter(note=w.note).latest("pk")
    assert amendment.text == "Alex walked to the meeting."
    assert f"request {rectification.pk}" in amendment.reason
    assert ContactNote.objects.get(pk=w.note.pk).note == original  # unchanged
    rectification.refresh_from_db()
    assert rectification.status == "amended"
    assert rectification.amendment_ref == f"contacts.noteamendment:{amendment.pk}"
    mine = person_client.get(reverse("rights:my-corrections")).content.decode()
    assert "I added an amendment" in mine and "I walked" in mine
    # Answered: no second answer.
    assert psw.post(url, {"version": 2, "status": "not_changed", "answer": "x"}).status_code == 404


def test_not_changed_needs_a_reason(w: Any) -> None:
    rectification: Any = RectificationFactory(person=w.person, raised_by=w.user(Role.PERSON))
    with pytest.raises(ValidationError):
        services.rectification_answer(
            rectification=rectification,
            status="not_changed",
            answer=" ",
            expected_version=1,
            by=w.user(Role.PSW),
        )
    services.rectification_answer(
        rectification=rectification,
        status="not_changed",
        answer="This was the clinical view at the time; your words are kept beside it.",
        expected_version=1,
        by=w.user(Role.PSW),
    )
    rectification.refresh_from_db()
    assert rectification.status == "not_changed"
    assert rectification.what_is_wrong  # the person's words stay
    assert AuditEvent.objects.filter(
        action=AuditAction.UPDATE, object_id=str(rectification.pk)
    ).exists()


def test_another_persons_correction_is_a_404(w: Any, client_for: Any) -> None:
    other: Any = PersonFactory(organisation=w.organisation, team=w.team)
    theirs: Any = RectificationFactory(person=other)
    url = reverse("rights:correction-answer", kwargs={"person": w.person.pk, "pk": theirs.pk})
    assert client_for(Role.PSW).get(url).status_code == 404
    off_caseload = reverse("rights:correction-answer", kwargs={"person": other.pk, "pk": theirs.pk})
    assert client_for(Role.PSW).get(off_caseload).status_code == 404
    assert (
        "My pronouns"
        not in client_for(Role.PERSON).get(reverse("rights:my-corrections")).content.decode()
    )


@pytest.mark.parametrize(
    ("about", "where"),
    [("details", "/edit/"), ("plan", "/plans/"), ("goals", "/goals/")],
)
def test_the_answer_page_links_to_where_the_change_is_made(
    w: Any, client_for: Any, about: str, where: str
) -> None:
    rectification: Any = RectificationFactory(
        person=w.person, raised_by=w.user(Role.PERSON), about=about
    )
    url = reverse(
        "rights:correction-answer", kwargs={"person": w.person.pk, "pk": rectification.pk}
    )
    page = client_for(Role.PSW).get(url).content.decode()
    link = f'href="/people/{w.person.pk}{where}"'
    assert link in page
    assert client_for(Role.PSW).get(f"/people/{w.person.pk}{where}").status_code == 200


def test_a_note_held_back_from_the_person_is_not_offered_to_correct(
    w: Any, client_for: Any
) -> None:
    """The note picker lists the notes the person can read, and no other: a note held
    back from them does not show, not even its date."""
    from datetime import timedelta

    from django.utils import timezone

    from peerpath.contacts.services import note_withhold
    from peerpath.contacts.tests.factories import ContactNoteFactory

    held_back: Any = ContactNoteFactory(
        person=w.person,
        organisation=w.organisation,
        author=w.user(Role.PSW),
        contact_on=w.note.contact_on - timedelta(days=5),
        signed_at=timezone.now(),
    )
    note_withhold(
        note=held_back,
        reason_kind="third_party",
        reason="It repeats what a neighbour told us in confidence.",
        by=w.user(Role.PSW),
    )
    person_client = client_for(Role.PERSON)
    new = reverse("rights:my-correction-create")
    page = person_client.get(new).content.decode()
    assert f'value="{w.note.pk}"' in page
    assert f"Note of {held_back.contact_on:%-d %B %Y}" not in page
    assert f'value="{held_back.pk}"' not in page
    response = person_client.post(
        new,
        {
            "form_token": _token(person_client, new),
            "about": "note",
            "note": str(held_back.pk),
            "what_is_wrong": "It is wrong.",
            "should_say": "Something else.",
        },
    )
    assert response.status_code == 400
    assert not Rectification.objects.filter(object_id=str(held_back.pk)).exists()
