"""URL arguments for wellbeing's routes in the URL-by-role walk, and its objects in the
walk's world: the PSW's and the trainee's own plans (one version) and check-ins."""

from typing import Any

from peerpath.core.roles import Role
from peerpath.tests.access_walk import Example
from peerpath.wellbeing import services

EXAMPLES: dict[str, Example] = {
    "wellbeing:plan-version": Example(lambda w: {"number": 1}),
    "wellbeing:check-in-share": Example(lambda w: {"pk": w.check_in.pk}),
}


def build(world: Any) -> None:
    """The PSW's plan and check-in (`world.wellbeing_version`, `world.check_in`); the
    trainee keeps their own too, so every page of theirs is reached by links."""
    for role in (Role.TRAINEE, Role.PSW):
        worker = world.user(role)
        world.wellbeing_version = services.plan_save(
            organisation=world.organisation,
            content={"keeps_me_well": "Walking the dog before work."},
            shared=[],
            expected_version=0,
            by=worker,
        )
        world.check_in = services.check_in_add(
            organisation=world.organisation,
            data={"on": world.relationship.first_met_on, "how_i_am": "Steady this week."},
            by=worker,
        )
