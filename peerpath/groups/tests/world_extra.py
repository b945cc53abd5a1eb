"""This app's additions to the caseload world (peerpath/caseload/tests/world.py).

`build(world)` runs at the end of `build_caseload`; set attributes on `world` for the
walk examples and tests of this app.
"""

from typing import Any

from peerpath.core.roles import Role
from peerpath.groups.models import PeerGroup
from peerpath.organisations.models import Membership


def build(world: Any) -> None:
    # A group of another team in the same organisation: the home PSW and supervisor must
    # not reach it.
    worker = world.peers["psw in another team"]
    membership = Membership.objects.get(user=worker, organisation=world.organisation, role=Role.PSW)
    team = membership.team
    assert team is not None
    world.other_team_group = PeerGroup.objects.create(
        organisation=world.organisation,
        team=team,
        name="Northfield Walk and Talk",
        purpose="Walking and talking together",
    )
    world.other_team_group.facilitators.add(worker)
