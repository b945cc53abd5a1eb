"""Forums' object rules (peerpath/forums/rules.py): each says yes and no."""

from datetime import timedelta

import pytest
from django.utils import timezone

from conftest import OUTSIDER, World
from peerpath.core.roles import Role
from peerpath.forums import services
from peerpath.organisations.selectors import actor_for

pytestmark = pytest.mark.django_db


def test_the_coordinator_runs_forums_and_invitees_view_theirs(world: World) -> None:
    forum = services.forum_schedule(
        organisation=world.organisation,
        kind="reflective_practice",
        starts_at=timezone.now() + timedelta(days=7),
        place="Team base",
        theme="Hope",
        by=world.user(Role.COORDINATOR),
    )
    coordinator = actor_for(world.user(Role.COORDINATOR), world.organisation)
    psw = actor_for(world.user(Role.PSW), world.organisation)
    outsider = actor_for(world.user(OUTSIDER), world.other_organisation)
    assert coordinator.may("forums.run_forum", forum)
    assert coordinator.may("forums.view_forum", forum)
    assert not psw.may("forums.run_forum", forum)
    assert not psw.may("forums.view_forum", forum)
    services.forum_invite(
        forum=forum, invitees=[world.user(Role.PSW)], by=world.user(Role.COORDINATOR)
    )
    assert psw.may("forums.view_forum", forum)
    assert not psw.may("forums.run_forum", forum)
    assert not outsider.may("forums.run_forum", forum)
    assert not outsider.may("forums.view_forum", forum)
