"""Reads for the home pages, and the person-page panels' fixed query counts."""

from datetime import datetime, timedelta
from typing import Any

import pytest
from django.db import connection
from django.template.loader import render_to_string
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from peerpath.caseload.models import PeerRelationship, Person, Status
from peerpath.caseload.panels import read_panels
from peerpath.contacts import panels as contacts_panels
from peerpath.contacts import selectors, services
from peerpath.contacts.models import Appointment, ContactNote, NoteAmendment, Signpost
from peerpath.core.actor import Actor
from peerpath.core.roles import Role
from peerpath.organisations.selectors import actor_for

from .helpers import another_person

pytestmark = pytest.mark.django_db


def note_for(world: Any, person: Person, days_ago: int, signed: bool = True) -> ContactNote:
    return ContactNote.objects.create(
        organisation=world.organisation,
        person=person,
        author=world.user(Role.PSW),
        contact_on=timezone.localdate() - timedelta(days=days_ago),
        kind="phone",
        duration_minutes=20,
        note=f"Talked {days_ago} days ago",
        signed_at=timezone.now() if signed else None,
    )


def signpost_for(world: Any, person: Person, follow_up_in: int, **extra: Any) -> Signpost:
    return Signpost.objects.create(
        organisation=world.organisation,
        person=person,
        service=world.signpost_service,
        by=world.user(Role.PSW),
        willing_and_able=True,
        follow_up_on=timezone.localdate() + timedelta(days=follow_up_in),
        **extra,
    )


def appointment_for(world: Any, person: Person, at: datetime, **extra: Any) -> Appointment:
    return Appointment.objects.create(
        organisation=world.organisation,
        person=person,
        worker=extra.pop("worker", world.user(Role.PSW)),
        starts_at=at,
        what=extra.pop("what", "Art class"),
        place="Community centre",
        **extra,
    )


def today_at(hour: int, days: int = 0) -> datetime:
    day = timezone.localdate() + timedelta(days=days)
    return timezone.make_aware(datetime.combine(day, datetime.min.time()) + timedelta(hours=hour))


def test_last_contact_on_is_one_aggregate_query(
    caseload_world: Any, django_assert_num_queries: Any
) -> None:
    world = caseload_world
    other = another_person(world)
    note_for(world, other, 12)
    note_for(world, other, 5, signed=False)  # a draft still records that they met
    silent = another_person(world, "Jo Silent")
    with django_assert_num_queries(1):
        last = selectors.last_contact_on([world.person.pk, other.pk, silent.pk])
    assert last == {
        world.person.pk: timezone.localdate(),
        other.pk: timezone.localdate() - timedelta(days=5),
    }
    assert selectors.last_contact_on([]) == {}


def test_people_without_contact_since(caseload_world: Any, django_assert_num_queries: Any) -> None:
    world = caseload_world
    quiet = another_person(world)
    note_for(world, quiet, 40)
    never = another_person(world, "Jo Silent")
    since = timezone.localdate() - timedelta(days=30)
    with django_assert_num_queries(1):
        found = selectors.people_without_contact_since([world.person.pk, quiet.pk, never.pk], since)
    assert found == {quiet.pk, never.pk}


def test_follow_ups_due_lists_due_ones_only_until_the_outcome_is_recorded(
    caseload_world: Any, django_assert_num_queries: Any
) -> None:
    world = caseload_world
    psw = world.user(Role.PSW)
    psw_here = actor_for(psw, world.organisation)
    today = timezone.localdate()
    overdue = signpost_for(world, world.person, -3)
    signpost_for(world, world.person, 1)  # not due yet
    signpost_for(
        world, world.person, -1, outcome="went", outcome_recorded_on=today
    )  # already followed up
    # Someone whose peer support has ended is no longer on the caseload.
    ended = another_person(world, "Jo Ended")
    PeerRelationship.objects.filter(person=ended).update(status=Status.ENDED)
    signpost_for(world, ended, 0)
    # Someone supported by a colleague and shared with this PSW is on their caseload.
    colleague = world.peers["psw in the same team"]
    shared = Person.objects.create(
        organisation=world.organisation, team=world.team, full_name="Kim Shared"
    )
    relationship = PeerRelationship.objects.create(
        organisation=world.organisation,
        person=shared,
        team=world.team,
        worker=colleague,
        status=Status.ACTIVE,
        source="self",
        reason="Support",
        referred_on=today,
    )
    relationship.shared_with.add(psw)
    shared_due = signpost_for(world, shared, 0)

    with django_assert_num_queries(1):
        due = selectors.follow_ups_due(psw_here, today)
        names = [(s.person.display_name, s.service.name) for s in due]
    assert [s.pk for s in due] == [overdue.pk, world.signpost.pk, shared_due.pk]
    assert names[0] == ("Alex", "Riverside Hearing Voices Group")
    colleague_here = actor_for(colleague, world.organisation)
    assert selectors.follow_ups_due(colleague_here, today) == [shared_due]
    # Working in another organisation, they see nothing of this one's people.
    elsewhere = Actor(user=psw, organisation=world.other_organisation, roles=frozenset({Role.PSW}))
    assert selectors.follow_ups_due(elsewhere, today) == []

    services.signpost_record_outcome(
        signpost=overdue, outcome="did_not_go", note="", expected_version=overdue.version, by=psw
    )
    assert overdue not in selectors.follow_ups_due(psw_here, today)
    assert selectors.follow_up_counts([world.person.pk, shared.pk, ended.pk], today) == {
        world.person.pk: 1,
        shared.pk: 1,
        ended.pk: 1,
    }


def test_appointments_on_a_day_for_the_worker(
    caseload_world: Any, django_assert_num_queries: Any
) -> None:
    world = caseload_world
    psw = world.user(Role.PSW)
    early = appointment_for(world, world.person, today_at(9), what="Breakfast club")
    appointment_for(world, world.person, today_at(11), cancelled=True)
    appointment_for(world, world.person, today_at(10, days=1), what="Tomorrow")
    appointment_for(world, world.person, today_at(12), worker=world.peers["psw in the same team"])
    ended = another_person(world, "Jo Ended")
    appointment_for(world, ended, today_at(15))
    PeerRelationship.objects.filter(person=ended).update(status=Status.ENDED)
    psw_here = actor_for(psw, world.organisation)
    with django_assert_num_queries(1):
        found = selectors.appointments_on(psw_here, timezone.localdate())
        labels = [(a.what, a.person.display_name) for a in found]
    assert [a.pk for a in found] == [early.pk, world.appointment.pk]
    assert labels == [("Breakfast club", "Alex"), ("College open day", "Alex")]


def render_panels(person: Person, user: Any) -> list[str]:
    request = RequestFactory().get("/")
    request.user = user
    return [
        render_to_string(
            panel.template, {"person": person, "panel": panel, "context": panel.context}
        )
        for panel in read_panels(contacts_panels, request, person)
    ]


def test_panels_make_the_same_number_of_queries_with_1_or_15_notes(caseload_world: Any) -> None:
    world = caseload_world
    person = another_person(world, "Robin New")
    psw = world.user(Role.PSW)
    note_for(world, person, 0)
    with CaptureQueriesContext(connection) as one:
        render_panels(person, psw)
    for n in range(1, 15):
        note = note_for(world, person, n, signed=n % 3 != 0)
        if note.is_signed and n % 2:
            NoteAmendment.objects.create(
                organisation=world.organisation, note=note, text="Fixed", reason="typo", by=psw
            )
        appointment_for(world, person, today_at(10, days=n - 7), goal=person.goal)
        signpost_for(world, person, n - 7)
    with CaptureQueriesContext(connection) as fifteen:
        contacts, appointments, signposting = render_panels(person, psw)
    # One statement for the three panels (issue 14: the record page's statements; was 6, two
    # a panel, then 3): the notes carry their total, appointments and signposting read both
    # lists at once, and the three lists are read together (peerpath.core.together).
    assert len(one.captured_queries) == len(fifteen.captured_queries) == 1
    assert contacts.count("<li") == 5
    assert "All contact records" in contacts and "(15)" in contacts
    assert "Signed and amended" in contacts and "Draft" in contacts
    assert appointments.count("<li") == 6  # three coming up and three recent
    assert "Follow-up due" in signposting


def test_panels_on_an_empty_record_say_so(caseload_world: Any) -> None:
    person = another_person(caseload_world, "Robin New")
    contacts, appointments, signposting = render_panels(person, caseload_world.user(Role.PSW))
    assert "No contact records yet." in contacts
    assert "Nothing coming up." in appointments
    assert "No signposting yet." in signposting
