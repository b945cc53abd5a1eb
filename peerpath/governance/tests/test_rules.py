"""Governance's object rules: who may open a safeguarding concern and who may act on it."""

from typing import Any

from conftest import OUTSIDER
from peerpath.core.actor import Actor
from peerpath.core.roles import Role
from peerpath.governance import services
from peerpath.organisations.selectors import actor_for


def actor(world: Any, who: Any) -> Actor:
    user = world.user(who) if isinstance(who, (Role, str)) else who
    return actor_for(user, world.organisation)


def test_view_concern_yes_for_the_lead_the_supervisor_and_the_psw_who_raised_it(
    caseload_world: Any,
) -> None:
    world = caseload_world
    for role in (Role.SAFEGUARDING_LEAD, Role.SUPERVISOR, Role.PSW):
        assert actor(world, role).may("governance.view_concern", world.concern), role


def test_view_concern_no_for_another_psw_a_trainer_an_outsider_or_nobody(
    caseload_world: Any,
) -> None:
    world = caseload_world
    assert not actor(world, world.peers["psw in the same team"]).may(
        "governance.view_concern", world.concern
    )
    assert not actor(world, Role.TRAINER).may("governance.view_concern", world.concern)
    outsider = actor_for(world.user(OUTSIDER), world.other_organisation)
    assert not outsider.may("governance.view_concern", world.concern)
    assert not Actor.anonymous().may("governance.view_concern", world.concern)


def test_act_on_concern_yes_for_the_lead_and_the_supervisor_while_it_is_open(
    caseload_world: Any,
) -> None:
    world = caseload_world
    assert actor(world, Role.SAFEGUARDING_LEAD).may("governance.act_on_concern", world.concern)
    assert actor(world, Role.SUPERVISOR).may("governance.act_on_concern", world.concern)


def test_act_on_concern_no_for_the_psw_who_raised_it_nor_once_it_is_closed(
    caseload_world: Any,
) -> None:
    world = caseload_world
    assert not actor(world, Role.PSW).may("governance.act_on_concern", world.concern)
    assert not actor(world, world.peers["supervisor of another team"]).may(
        "governance.act_on_concern", world.concern
    )
    services.concern_close(
        concern=world.concern, outcome="Resolved.", by=world.user(Role.SAFEGUARDING_LEAD)
    )
    world.concern.refresh_from_db()
    assert not actor(world, Role.SAFEGUARDING_LEAD).may("governance.act_on_concern", world.concern)
    # Still readable once closed.
    assert actor(world, Role.SAFEGUARDING_LEAD).may("governance.view_concern", world.concern)
