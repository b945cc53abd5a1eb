"""Regressions found in review: an id too large for the database is a clear error, not a 500."""

from typing import Any

import pytest

from peerpath.core.roles import Role
from peerpath.groups.models import PeerGroup

from .helpers import error_next_to, group_data, supported

pytestmark = pytest.mark.django_db

# Larger than any id the database can hold (a signed 64-bit integer).
TOO_BIG = "9" * 25


def test_adding_a_member_by_an_id_too_large_is_refused(
    caseload_world: Any, client_for: Any
) -> None:
    world = caseload_world
    supported(world, "Robin Hale")  # someone who could be added, so the form is shown
    members = set(world.group.members.values_list("pk", flat=True))
    response = client_for(Role.PSW).post(
        f"/groups/{world.group.pk}/members/add/", {"people": [TOO_BIG]}
    )
    assert response.status_code == 400
    assert error_next_to(response, "id_people") == (
        "Error: You can add only people you support who are not in the group yet."
    )
    assert set(world.group.members.values_list("pk", flat=True)) == members


@pytest.mark.parametrize("facilitator", [TOO_BIG, "\u0661"])  # an Arabic-Indic one
def test_a_facilitator_id_the_database_cannot_hold_is_refused(
    caseload_world: Any, client_for: Any, facilitator: str
) -> None:
    world = caseload_world
    before = PeerGroup.objects.count()
    response = client_for(Role.PSW).post(
        "/groups/new/", group_data(world, facilitators=[facilitator])
    )
    assert response.status_code == 400
    assert error_next_to(response, "id_facilitators") == (
        "Error: Choose facilitators from the peer support workers of the group's team."
    )
    assert PeerGroup.objects.count() == before
