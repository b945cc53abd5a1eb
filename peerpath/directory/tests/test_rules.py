"""The directory's object rule: who may change an entry."""

from typing import Any

from conftest import OUTSIDER
from peerpath.core.actor import Actor
from peerpath.core.roles import Role
from peerpath.directory.tests.factories import ServiceFactory
from peerpath.organisations.selectors import actor_for


def test_edit_service_yes_for_an_admin_or_a_psw_of_its_organisation(world: Any) -> None:
    service = ServiceFactory(organisation=world.organisation)
    for role in (Role.ORG_ADMIN, Role.PSW):
        actor = actor_for(world.user(role), world.organisation)
        assert actor.may("directory.edit_service", service), role


def test_edit_service_no_for_other_roles_another_organisation_or_nobody(world: Any) -> None:
    service = ServiceFactory(organisation=world.organisation)
    for role in (Role.SUPERVISOR, Role.TRAINER, Role.SAFEGUARDING_LEAD, Role.CARER):
        actor = actor_for(world.user(role), world.organisation)
        assert not actor.may("directory.edit_service", service), role
    # The outsider is an admin and a PSW, but of their own organisation.
    outsider = actor_for(world.user(OUTSIDER), world.other_organisation)
    assert not outsider.may("directory.edit_service", service)
    assert not Actor.anonymous().may("directory.edit_service", service)
