"""The request's Actor: made once by the middleware, and the same for commands."""

import pytest
import rules
from django.test import Client

from peerpath.accounts.models import User
from peerpath.accounts.tests.factories import UserFactory
from peerpath.core.actor import Actor
from peerpath.core.http import PeerPathRequest
from peerpath.core.roles import Role
from peerpath.core.rules import holds, in_actors_organisation
from peerpath.organisations.models import Organisation
from peerpath.organisations.selectors import actor_for
from peerpath.organisations.tests.factories import MembershipFactory, OrganisationFactory

pytestmark = pytest.mark.django_db


def test_anonymous_actor_has_nothing() -> None:
    actor = Actor.anonymous()
    assert not actor.is_signed_in
    assert actor.organisation is None
    assert actor.roles == frozenset()
    assert actor.supervised_team_ids == frozenset()
    assert not actor.has(Role.PSW)


def test_for_user_takes_the_roles_of_the_chosen_organisation() -> None:
    user: User = UserFactory.create()
    first: Organisation = OrganisationFactory.create(name="Ashfield")
    second: Organisation = OrganisationFactory.create(name="Bassetlaw")
    MembershipFactory(user=user, organisation=first, role=Role.PSW)
    MembershipFactory(user=user, organisation=second, role=Role.TRAINER)

    assert actor_for(user).organisation == first
    actor = actor_for(user, second)
    assert actor.organisation == second
    assert actor.roles == frozenset({Role.TRAINER})
    assert actor.all_roles == frozenset({Role.PSW, Role.TRAINER})
    assert [o.name for o in actor.organisations] == ["Ashfield", "Bassetlaw"]


def test_middleware_puts_the_actor_on_the_request(client: Client) -> None:
    user: User = UserFactory.create()
    organisation = OrganisationFactory.create()
    MembershipFactory(user=user, organisation=organisation, role=Role.COORDINATOR)
    client.force_login(user)
    request: PeerPathRequest = client.get("/").wsgi_request  # type: ignore[assignment]
    assert request.actor.user == user
    assert request.actor.organisation == organisation
    assert request.roles == request.actor.roles == frozenset({Role.COORDINATOR})


def test_rules_receive_the_actor_and_the_object() -> None:
    user: User = UserFactory.create()
    mine, theirs = OrganisationFactory(), OrganisationFactory()
    MembershipFactory(user=user, organisation=mine, role=Role.COORDINATOR)
    actor = actor_for(user)
    rules.add_rule("tests.coordinate_here", holds(Role.COORDINATOR) & in_actors_organisation)
    try:
        assert actor.may("tests.coordinate_here", MembershipFactory(organisation=mine))
        assert not actor.may("tests.coordinate_here", MembershipFactory(organisation=theirs))
        assert not Actor.anonymous().may("tests.coordinate_here", mine)
        assert not actor.may("tests.no_such_rule", mine)
    finally:
        rules.remove_rule("tests.coordinate_here")
