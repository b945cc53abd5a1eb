"""The contact records' object rules (contacts/rules.py): each says yes and no."""

import pytest

from conftest import OUTSIDER, World
from peerpath.caseload.tests.factories import person_on_caseload
from peerpath.contacts.tests.factories import ContactNoteFactory
from peerpath.core.actor import Actor
from peerpath.core.roles import Role
from peerpath.organisations.selectors import actor_for

pytestmark = pytest.mark.django_db


def test_only_the_author_changes_a_draft_and_nobody_a_signed_note(world: World) -> None:
    psw = actor_for(world.user(Role.PSW), world.organisation)
    supervisor = actor_for(world.user(Role.SUPERVISOR), world.organisation)
    person = person_on_caseload(world)
    draft = ContactNoteFactory(person=person, author=world.user(Role.PSW))
    assert psw.may("contacts.change_draft", draft)
    assert not supervisor.may("contacts.change_draft", draft)
    signed = ContactNoteFactory(person=person, author=world.user(Role.PSW), signed=True)
    assert not psw.may("contacts.change_draft", signed)


def test_an_author_in_another_organisation_changes_nothing_here(world: World) -> None:
    outsider = world.user(OUTSIDER)
    draft = ContactNoteFactory(person=person_on_caseload(world), author=outsider)
    assert not actor_for(outsider, world.other_organisation).may("contacts.change_draft", draft)
    assert not Actor.anonymous().may("contacts.change_draft", draft)


def test_the_author_or_a_supervisor_of_the_team_holds_a_signed_note_back(world: World) -> None:
    psw = actor_for(world.user(Role.PSW), world.organisation)
    supervisor = actor_for(world.user(Role.SUPERVISOR), world.organisation)
    lead = actor_for(world.user(Role.SAFEGUARDING_LEAD), world.organisation)
    person = person_on_caseload(world)
    signed = ContactNoteFactory(person=person, author=world.user(Role.PSW), signed=True)
    assert psw.may("contacts.withhold_note", signed)
    assert supervisor.may("contacts.withhold_note", signed)
    assert not lead.may("contacts.withhold_note", signed)
    draft = ContactNoteFactory(person=person, author=world.user(Role.PSW))
    assert not psw.may("contacts.withhold_note", draft)
    outsider = world.user(OUTSIDER)
    assert not actor_for(outsider, world.other_organisation).may("contacts.withhold_note", signed)
    assert not Actor.anonymous().may("contacts.withhold_note", signed)
