"""Observation's object rules (peerpath/observation/rules.py): each says yes and no."""

from typing import Any

import pytest

from peerpath.accounts.tests.factories import UserFactory
from peerpath.core.actor import Actor
from peerpath.core.roles import Role
from peerpath.observation.tests.walk_examples import observe, supervise
from peerpath.training.tests.factories import CohortFactory, EnrolmentFactory

pytestmark = pytest.mark.django_db


def actor(world: Any, persona: Any, *roles: Role, organisation: Any = None) -> Actor:
    user = world.user(persona) if isinstance(persona, (Role, str)) else persona
    return Actor(user=user, organisation=organisation or world.organisation, roles=frozenset(roles))


def test_who_may_read_an_observation(world: Any, framework: Any) -> None:
    supervise(world)
    observation = observe(world, final=True)
    rule = "observation.view_observation"
    assert actor(world, Role.SUPERVISOR, Role.SUPERVISOR).may(rule, observation)
    assert actor(world, Role.PSW, Role.PSW).may(rule, observation)
    assert actor(world, Role.COORDINATOR, Role.COORDINATOR).may(rule, observation)
    # A trainer of a cohort the worker trained in may; another trainer may not.
    cohort: Any = CohortFactory(
        organisation=world.organisation, programme__organisation=world.organisation
    )
    cohort.facilitators.add(world.user(Role.TRAINER))
    assert not actor(world, Role.TRAINER, Role.TRAINER).may(rule, observation)
    EnrolmentFactory(cohort=cohort, trainee=world.user(Role.PSW))
    assert actor(world, Role.TRAINER, Role.TRAINER).may(rule, observation)
    # Nobody else: another supervisor, another PSW, the admin, safeguarding, elsewhere.
    assert not actor(world, UserFactory(), Role.SUPERVISOR).may(rule, observation)
    assert not actor(world, UserFactory(), Role.PSW).may(rule, observation)
    assert not actor(world, Role.ORG_ADMIN, Role.ORG_ADMIN).may(rule, observation)
    assert not actor(world, Role.SAFEGUARDING_LEAD, Role.SAFEGUARDING_LEAD).may(rule, observation)
    assert not actor(
        world, Role.COORDINATOR, Role.COORDINATOR, organisation=world.other_organisation
    ).may(rule, observation)


def test_only_the_observer_changes_a_draft(world: Any, framework: Any) -> None:
    supervise(world)
    draft = observe(world, final=False)
    final = observe(world, final=True)
    rule = "observation.change_observation"
    assert actor(world, Role.SUPERVISOR, Role.SUPERVISOR).may(rule, draft)
    assert not actor(world, Role.SUPERVISOR, Role.SUPERVISOR).may(rule, final)
    assert not actor(world, Role.PSW, Role.PSW).may(rule, draft)
    assert not actor(world, Role.COORDINATOR, Role.COORDINATOR).may(rule, draft)


def test_the_worker_reflects_on_a_draft_and_adds_to_a_final_one(world: Any, framework: Any) -> None:
    supervise(world)
    draft = observe(world, final=False)
    final = observe(world, final=True)
    assert actor(world, Role.PSW, Role.PSW).may("observation.reflect_on_observation", draft)
    assert not actor(world, Role.PSW, Role.PSW).may("observation.reflect_on_observation", final)
    assert not actor(world, Role.SUPERVISOR, Role.SUPERVISOR).may(
        "observation.reflect_on_observation", draft
    )
    for persona in (Role.PSW, Role.SUPERVISOR):
        assert actor(world, persona, persona).may("observation.add_addendum", final)
        assert not actor(world, persona, persona).may("observation.add_addendum", draft)
    assert not actor(world, Role.COORDINATOR, Role.COORDINATOR).may(
        "observation.add_addendum", final
    )
