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


def match_query(world: Any) -> str:
    """The query of the grant form, as the search page links to it for the on-call persona
    (test_create_once.py opens the form with it)."""
    from django.core import signing

    from peerpath.oversight.views import MATCH_SALT

    person, on_call = world.person.pk, world.user(Role.ON_CALL).pk
    return f"person={person}&match={signing.dumps({'p': person, 'u': on_call}, salt=MATCH_SALT)}"
