"""Wellbeing's object rules (peerpath/wellbeing/rules.py): each says yes and no."""

from datetime import date
from typing import Any

import pytest

from conftest import World
from peerpath.core.actor import Actor
from peerpath.core.roles import Role
from peerpath.wellbeing import services

pytestmark = pytest.mark.django_db


def actor(user: Any, organisation: Any, role: Role) -> Actor:
    return Actor(user=user, organisation=organisation, roles=frozenset({role}))


def test_only_the_worker_changes_their_own_wellbeing_records(world: World) -> None:
    psw = world.user(Role.PSW)
    check_in = services.check_in_add(
        organisation=world.organisation, data={"on": date(2026, 12, 1), "how_i_am": "OK"}, by=psw
    )
    assert actor(psw, world.organisation, Role.PSW).may("wellbeing.change_own", check_in)
    for role in (Role.SUPERVISOR, Role.COORDINATOR, Role.ORG_ADMIN, Role.TRAINEE):
        other = actor(world.user(role), world.organisation, role)
        assert not other.may("wellbeing.change_own", check_in)
    # Their own record, but asked from another organisation, is not theirs to change there.
    assert not actor(psw, world.other_organisation, Role.PSW).may("wellbeing.change_own", check_in)
    assert not Actor.anonymous().may("wellbeing.change_own", check_in)
