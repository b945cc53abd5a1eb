"""Observation's object rules (peerpath/observation/rules.py): each says yes and no."""

from typing import Any

import pytest

from peerpath.accounts.tests.factories import UserFactory
from peerpath.core.actor import Actor
from peerpath.core.roles import Role
from peerpath.observation.tests.walk_examples import observe, open_plan, supervise
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


@pytest.mark.hazard("H16")
def test_a_development_plan_is_seen_only_by_the_worker_their_supervisor_and_the_lead(
    world: Any, framework: Any
) -> None:
    supervise(world)
    plan = open_plan(world, observe(world, final=True))
    rule = "observation.view_development_plan"
    assert actor(world, Role.PSW, Role.PSW).may(rule, plan)
    assert actor(world, Role.SUPERVISOR, Role.SUPERVISOR).may(rule, plan)
    assert actor(world, Role.COORDINATOR, Role.COORDINATOR).may(rule, plan)
    # A trainer (even of a cohort the worker trained in), a safeguarding lead, another
    # PSW, another supervisor and the organisation admin may not.
    cohort: Any = CohortFactory(
        organisation=world.organisation, programme__organisation=world.organisation
    )
    cohort.facilitators.add(world.user(Role.TRAINER))
    EnrolmentFactory(cohort=cohort, trainee=world.user(Role.PSW))
    assert not actor(world, Role.TRAINER, Role.TRAINER).may(rule, plan)
    assert not actor(world, Role.SAFEGUARDING_LEAD, Role.SAFEGUARDING_LEAD).may(rule, plan)
    assert not actor(world, UserFactory(), Role.PSW).may(rule, plan)
    assert not actor(world, UserFactory(), Role.SUPERVISOR).may(rule, plan)
    assert not actor(world, Role.ORG_ADMIN, Role.ORG_ADMIN).may(rule, plan)
    assert not actor(
        world, Role.COORDINATOR, Role.COORDINATOR, organisation=world.other_organisation
    ).may(rule, plan)


def test_the_supervisor_and_the_lead_open_review_and_close_plans_never_the_worker(
    world: Any, framework: Any
) -> None:
    supervise(world)
    observation = observe(world, final=True)
    plan = open_plan(world, observation)
    for rule, obj in (
        ("observation.open_development_plan", observation),
        ("observation.review_development_plan", plan),
    ):
        assert actor(world, Role.SUPERVISOR, Role.SUPERVISOR).may(rule, obj)
        assert actor(world, Role.COORDINATOR, Role.COORDINATOR).may(rule, obj)
        assert not actor(world, Role.PSW, Role.PSW).may(rule, obj)
        assert not actor(world, Role.TRAINER, Role.TRAINER).may(rule, obj)
        assert not actor(world, UserFactory(), Role.SUPERVISOR).may(rule, obj)
    plan.status, plan.outcome = "closed", "Sessions now end well."
    assert not actor(world, Role.SUPERVISOR, Role.SUPERVISOR).may(
        "observation.review_development_plan", plan
    )
