"""A worker in post (the PSW persona) supervised by the supervisor persona."""

from typing import Any

import pytest

from peerpath.core.roles import Role

from .helpers import employ


@pytest.fixture
def employed(world: Any, framework: Any) -> Any:
    world.employment = employ(
        world.organisation,
        world.team,
        world.user(Role.PSW),
        line_manager=world.user(Role.SUPERVISOR),
        supervisor=world.user(Role.SUPERVISOR),
    )
    return world
