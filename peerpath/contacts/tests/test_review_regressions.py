"""Regressions found in review: bad input gets a clear answer, never a server error."""

from typing import Any

import pytest

from peerpath.contacts.models import ContactNote
from peerpath.core.roles import Role
from peerpath.tests.pages import words

from .helpers import note_data, url

pytestmark = pytest.mark.django_db

# Larger than any id the database can hold (a signed 64-bit integer).
TOO_BIG = "9" * 25


def test_signing_a_draft_changed_in_another_window_asks_to_read_it_again(
    caseload_world: Any, client_for: Any
) -> None:
    world = caseload_world
    client = client_for(Role.PSW)
    draft = world.draft_note
    opened_at = draft.version
    # The author saves the draft in another window after opening the sign page.
    edited = client.post(
        url("note-edit", person=world.person.pk, pk=draft.pk),
        note_data(note="A newer text, saved in the other window.", version=str(opened_at)),
    )
    assert edited.status_code == 302

    response = client.post(
        url("note-sign", person=world.person.pk, pk=draft.pk), {"version": str(opened_at)}
    )

    assert response.status_code == 400
    page = words(response)
    assert "This draft was saved in another window while this page was open." in page
    assert "A newer text, saved in the other window." in page
    draft.refresh_from_db()
    assert draft.signed_at is None
    # The page now carries the version shown, so signing it again signs what was read.
    assert f'name="version" value="{draft.version}"' in response.content.decode()
    signed = client.post(
        url("note-sign", person=world.person.pk, pk=draft.pk), {"version": str(draft.version)}
    )
    assert signed.status_code == 302
    draft.refresh_from_db()
    assert draft.signed_at is not None
    assert draft.note == "A newer text, saved in the other window."


@pytest.mark.parametrize("goal", [TOO_BIG, "²", "-1"])
def test_a_goal_id_the_database_cannot_hold_is_refused_next_to_the_field(
    caseload_world: Any, client_for: Any, goal: str
) -> None:
    world = caseload_world
    before = ContactNote.objects.count()
    response = client_for(Role.PSW).post(
        url("note-create", person=world.person.pk), note_data(goals=[str(world.goal.pk), goal])
    )
    assert response.status_code == 400
    assert "Choose from this person's own goals." in words(response)
    assert ContactNote.objects.count() == before
