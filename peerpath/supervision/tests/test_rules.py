"""Supervision's object rules (supervision/rules.py): each says yes and no."""

from typing import Any

import pytest
from django.utils import timezone

from conftest import OUTSIDER, World
from peerpath.core.actor import Actor
from peerpath.core.roles import Role
from peerpath.organisations.selectors import actor_for

from . import factories

pytestmark = pytest.mark.django_db


def _actors(world: World) -> dict[str, Any]:
    org = world.organisation
    return {
        "worker": actor_for(world.user(Role.PSW), org),
        "supervisor": actor_for(world.user(Role.SUPERVISOR), org),
        "coordinator": actor_for(world.user(Role.COORDINATOR), org),
        "trainer": actor_for(world.user(Role.TRAINER), org),
        "lead": actor_for(world.user(Role.SAFEGUARDING_LEAD), org),
        "outsider": actor_for(world.user(OUTSIDER), world.other_organisation),
        "anonymous": Actor.anonymous(),
    }


def _agreement(world: World, **kwargs: Any) -> Any:
    return factories.agreement(
        world.user(Role.PSW), world.user(Role.SUPERVISOR), world.organisation, **kwargs
    )


def _who(actors: dict[str, Any], rule: str, obj: Any) -> set[str]:
    return {name for name, actor in actors.items() if actor.may(rule, obj)}


def test_agreement_is_seen_by_its_two_and_the_coordinator_changed_by_supervisor_or_coordinator(
    world: World,
) -> None:
    actors = _actors(world)
    agreement = _agreement(world)
    assert _who(actors, "supervision.view_agreement", agreement) == {
        "worker",
        "supervisor",
        "coordinator",
    }
    assert _who(actors, "supervision.change_agreement", agreement) == {"supervisor", "coordinator"}


def test_each_agrees_once_and_sessions_are_booked_only_once_both_have(world: World) -> None:
    actors = _actors(world)
    agreement = _agreement(world, agreed=False)
    assert _who(actors, "supervision.agree_agreement", agreement) == {"worker", "supervisor"}
    assert _who(actors, "supervision.schedule_session", agreement) == set()
    agreement.worker_agreed_at = timezone.now()
    assert _who(actors, "supervision.agree_agreement", agreement) == {"supervisor"}
    agreement.supervisor_agreed_at = timezone.now()
    assert _who(actors, "supervision.agree_agreement", agreement) == set()
    assert _who(actors, "supervision.schedule_session", agreement) == {"supervisor"}


def test_session_content_is_for_the_worker_and_supervisor_only(world: World) -> None:
    actors = _actors(world)
    session = factories.session(_agreement(world))
    assert _who(actors, "supervision.view_session", session) == {"worker", "supervisor"}
    assert _who(actors, "supervision.record_session", session) == {"supervisor"}
    assert _who(actors, "supervision.add_action", session) == {"supervisor"}
    assert _who(actors, "supervision.write_worker_part", session) == {"worker"}
    assert _who(actors, "supervision.sign_session", session) == {"worker", "supervisor"}
    assert _who(actors, "supervision.add_addendum", session) == set()


def test_signing_closes_each_side_and_both_signatures_lock_the_record(world: World) -> None:
    actors = _actors(world)
    session = factories.session(_agreement(world))
    session.supervisor_signed_at = timezone.now()
    assert _who(actors, "supervision.record_session", session) == set()
    assert _who(actors, "supervision.add_action", session) == set()
    assert _who(actors, "supervision.sign_session", session) == {"worker"}
    session.worker_signed_at = timezone.now()
    assert _who(actors, "supervision.write_worker_part", session) == set()
    assert _who(actors, "supervision.sign_session", session) == set()
    assert _who(actors, "supervision.add_addendum", session) == {"worker", "supervisor"}


def test_an_unrecorded_session_is_not_signed(world: World) -> None:
    session = factories.session(_agreement(world), recorded=False)
    assert _who(_actors(world), "supervision.sign_session", session) == set()


def test_an_action_is_marked_done_once_by_either_of_the_two(world: World) -> None:
    actors = _actors(world)
    action = factories.action(factories.session(_agreement(world)))
    assert _who(actors, "supervision.mark_action_done", action) == {"worker", "supervisor"}
    action.done_on = timezone.localdate()
    assert _who(actors, "supervision.mark_action_done", action) == set()


def test_another_psw_and_another_supervisor_are_no_party(world: World) -> None:
    someone = factories.another_user(world, Role.PSW, "Another Worker")
    boss = factories.another_user(world, Role.SUPERVISOR, "Another Supervisor")
    session = factories.session(_agreement(world))
    for user in (someone, boss):
        actor = actor_for(user, world.organisation)
        assert not actor.may("supervision.view_session", session)
        assert not actor.may("supervision.view_agreement", session.agreement)
