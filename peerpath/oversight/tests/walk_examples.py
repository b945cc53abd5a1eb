"""URL arguments for oversight's routes in the URL-by-role walk, and its objects.

The walk's on-call persona holds urgent access in force to the walk's person (so its pages
answer them), which the team's supervisor and the safeguarding lead may review.
"""

from typing import Any

from peerpath.core.roles import Role
from peerpath.tests.access_walk import Example

from . import factories


def build(world: Any) -> None:
    world.urgent_access = factories.grant(world.person, world.user(Role.ON_CALL))


def _grant(w: Any) -> dict[str, Any]:
    return {"pk": w.urgent_access.pk}


EXAMPLES: dict[str, Example] = {
    "oversight:urgent-detail": Example(_grant),
    "oversight:urgent-pdf": Example(_grant),
    "oversight:urgent-end": Example(_grant),
    "oversight:urgent-review": Example(_grant),
}
