"""URL arguments for this app's routes in the URL-by-role walk (peerpath/tests/test_url_access.py).

Objects come from the caseload world (peerpath/caseload/tests/world.py). Person-scoped
routes (`people/<int:person>/...`) are also walked by the caseload-scoping test.
"""

from typing import Any

from django.utils import timezone

from conftest import OUTSIDER
from peerpath.caseload.models import Person
from peerpath.caseload.tests.factories import PersonFactory
from peerpath.contacts.tests.factories import (
    AppointmentRequestFactory,
    ContactNoteFactory,
    NoteWithholdingFactory,
)
from peerpath.core.roles import Role
from peerpath.tests.access_walk import Example


def _person(w):
    return {"person": w.person.pk}


EXAMPLES: dict[str, Example] = {
    "contacts:note-list": Example(_person),
    "contacts:note-create": Example(_person),
    "contacts:note-detail": Example(lambda w: {"person": w.person.pk, "pk": w.note.pk}),
    # A draft: its author may edit and sign it; others are told who can.
    "contacts:note-edit": Example(lambda w: {"person": w.person.pk, "pk": w.draft_note.pk}),
    "contacts:note-sign": Example(lambda w: {"person": w.person.pk, "pk": w.draft_note.pk}),
    "contacts:note-amend": Example(lambda w: {"person": w.person.pk, "pk": w.note.pk}),
    "contacts:appointment-list": Example(_person),
    "contacts:appointment-create": Example(_person),
    "contacts:appointment-detail": Example(
        lambda w: {"person": w.person.pk, "pk": w.appointment.pk}
    ),
    "contacts:appointment-how-it-went": Example(
        lambda w: {"person": w.person.pk, "pk": w.appointment.pk}
    ),
    "contacts:appointment-cancel": Example(
        lambda w: {"person": w.person.pk, "pk": w.appointment.pk}
    ),
    "contacts:signpost-list": Example(_person),
    "contacts:signpost-create": Example(_person),
    "contacts:signpost-detail": Example(lambda w: {"person": w.person.pk, "pk": w.signpost.pk}),
    "contacts:signpost-outcome": Example(lambda w: {"person": w.person.pk, "pk": w.signpost.pk}),
}


# Issue 13 (lane "contacts"): holding a note back, the person's requests, the person's own pages.
def _note(w):
    return {"person": w.person.pk, "pk": w.note.pk}


EXAMPLES.update(
    {
        "contacts:note-withhold": Example(_note),
        "contacts:note-withhold-lift": Example(
            lambda w: {"person": w.person.pk, "pk": w.withheld_note.pk}
        ),
        "contacts:appointment-request-answer": Example(
            lambda w: {
                "person": w.person.pk,
                "pk": w.appointment.pk,
                "request_pk": w.appointment_request.pk,
            }
        ),
        # The person's own pages: the id is looked up among the signed-in person's own
        # records, so the outsider (a person supported elsewhere) gets 404.
        "contacts:my-note-detail": Example(lambda w: {"pk": w.note.pk}),
        "contacts:my-appointment-ask": Example(lambda w: {"pk": w.appointment.pk}),
        "contacts:my-signpost-detail": Example(lambda w: {"pk": w.signpost.pk}),
    }
)


def build(world: Any) -> None:
    """A withheld note, a request waiting, and the person persona linked to the walk's
    person (the outsider to a person record of their own organisation), so the person's
    own pages answer 200 at home and 404 to the outsider."""
    psw = world.user(Role.PSW)
    world.withheld_note = ContactNoteFactory(
        person=world.person,
        author=psw,
        note="What Alex's neighbour told us in confidence.",
        signed_at=timezone.now(),
    )
    world.withholding = NoteWithholdingFactory(note=world.withheld_note, by=psw)
    # The walk's appointment is at 2 pm today; a request needs no particular time.
    world.appointment_request = AppointmentRequestFactory(appointment=world.appointment)
    person_user = world.user(Role.PERSON)
    if world.person.user_id is None and not Person.objects.filter(user=person_user).exists():
        Person.objects.filter(pk=world.person.pk).update(user=person_user)
        world.person.user = person_user
    outsider = world.user(OUTSIDER)
    if not Person.objects.filter(user=outsider).exists():
        PersonFactory(
            organisation=world.other_organisation,
            team=world.other_team,
            full_name="Olu Outsider",
            user=outsider,
        )
