"""Accompanying the person: appointments linked to their goals, how it went, cancelling."""

from datetime import timedelta
from typing import Any

import pytest
from django.utils import timezone

from peerpath.contacts.models import Appointment
from peerpath.core.models import AuditAction, AuditEvent
from peerpath.core.roles import Role
from peerpath.tests.pages import text, words

from .helpers import another_person, url

pytestmark = pytest.mark.django_db


def appointment_data(**overrides: Any) -> dict[str, Any]:
    data = {
        "what": "Housing meeting",
        "on": (timezone.localdate() + timedelta(days=3)).isoformat(),
        "at": "10:30",
        "place": "Civic Centre",
        "goal": "",
    }
    data.update(overrides)
    return data


def test_psw_adds_an_appointment_linked_to_a_goal(caseload_world: Any, client_for: Any) -> None:
    world = caseload_world
    client = client_for(Role.PSW)
    form = words(client.get(url("appointment-create", person=world.person.pk)))
    assert "Go back to college" in form
    response = client.post(
        url("appointment-create", person=world.person.pk), appointment_data(goal=world.goal.pk)
    )
    added = Appointment.objects.get(what="Housing meeting")
    assert response["Location"] == url("appointment-detail", person=world.person.pk, pk=added.pk)
    assert added.goal == world.goal
    assert added.worker == world.user(Role.PSW)
    assert timezone.localtime(added.starts_at).strftime("%H:%M") == "10:30"
    listing = words(client.get(url("appointment-list", person=world.person.pk)))
    listing = listing[listing.index("Add an appointment to accompany") :]  # after the message
    assert listing.index("Coming up") < listing.index("Housing meeting") < listing.index("Past")
    event = AuditEvent.objects.get(action=AuditAction.CREATE, object_id=str(added.pk))
    assert event.person_id == world.person.pk


def test_bad_appointment_input_is_explained_and_another_persons_goal_refused(
    caseload_world: Any, client_for: Any
) -> None:
    world = caseload_world
    other = another_person(world)
    response = client_for(Role.PSW).post(
        url("appointment-create", person=world.person.pk),
        appointment_data(what="", at="25:99", place="", goal=other.goal.pk),
    )
    page = text(response)
    assert response.status_code == 400
    for message in (
        "Say what the appointment, meeting or activity is.",
        "Enter a time on the 24-hour clock, like 14:30",
        "Enter where it is.",
        "Choose one of this person's own goals.",
    ):
        assert message in page
    assert (
        not Appointment.objects.filter(person=world.person)
        .exclude(pk=world.appointment.pk)
        .exists()
    )


def test_how_it_went_is_recorded_once(caseload_world: Any, client_for: Any) -> None:
    world = caseload_world
    client = client_for(Role.PSW)
    page = url("appointment-how-it-went", person=world.person.pk, pk=world.appointment.pk)
    version = world.appointment.version
    empty = client.post(page, {"how_it_went": "", "version": version})
    assert empty.status_code == 400
    assert "Say how it went." in words(empty)
    client.post(
        page, {"how_it_went": "Alex asked lots of questions and enrolled.", "version": version}
    )
    world.appointment.refresh_from_db()
    assert world.appointment.how_it_went == "Alex asked lots of questions and enrolled."
    detail = words(
        client.get(url("appointment-detail", person=world.person.pk, pk=world.appointment.pk))
    )
    assert "How it went" in detail and "enrolled" in detail
    assert "How it went is already recorded." in words(client.get(page, follow=True))
    again = client.post(page, {"how_it_went": "Overwritten.", "version": version})
    assert again.status_code == 400
    assert "Someone else saved how this appointment went" in words(again)
    assert "Overwritten." in words(again)
    world.appointment.refresh_from_db()
    assert world.appointment.how_it_went.endswith("enrolled.")
    event = AuditEvent.objects.get(reason="how it went recorded")
    assert event.person_id == world.person.pk


def test_cancelling_asks_first_and_keeps_the_appointment(
    caseload_world: Any, client_for: Any
) -> None:
    world = caseload_world
    client = client_for(Role.PSW)
    cancel = url("appointment-cancel", person=world.person.pk, pk=world.appointment.pk)
    confirm = client.get(cancel)
    assert "Cancel this appointment?" in words(confirm)
    world.appointment.refresh_from_db()
    assert not world.appointment.cancelled
    client.post(cancel, {"version": world.appointment.version})
    world.appointment.refresh_from_db()
    assert world.appointment.cancelled
    listing = words(client.get(url("appointment-list", person=world.person.pk)))
    assert "College open day" in listing and "Cancelled" in listing
    after = client.post(
        url("appointment-how-it-went", person=world.person.pk, pk=world.appointment.pk),
        {"how_it_went": "x", "version": 1},
    )
    assert after.status_code == 400
    assert "Someone else saved a cancellation" in words(after)
    world.appointment.refresh_from_db()
    assert world.appointment.how_it_went == ""
    assert AuditEvent.objects.get(reason="appointment cancelled").person_id == world.person.pk
