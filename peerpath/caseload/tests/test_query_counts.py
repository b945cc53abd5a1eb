"""The caseload list and the waiting list run the same number of queries whatever the size
of the caseload (issue 5, acceptance 6). The home pages and the person record are counted
in peerpath/workspace/tests/test_query_counts.py."""

from typing import Any

import pytest
from django.urls import reverse
from django.utils import timezone

from peerpath.caseload.models import Status
from peerpath.caseload.tests.factories import PeerRelationshipFactory
from peerpath.caseload.tests.growth import count, grow
from peerpath.core.roles import Role

pytestmark = pytest.mark.django_db


def test_the_caseload_list_does_not_grow_with_the_caseload(
    caseload_world: Any, client_for: Any
) -> None:
    client = client_for(Role.PSW)
    grow(caseload_world, people=1, contacts_each=1)
    small = count(client, reverse("caseload:caseload"))
    grow(caseload_world, people=12, contacts_each=2)
    assert count(client, reverse("caseload:caseload")) == small


def waiting(world: Any, n: int) -> None:
    """n people waiting for a worker, and n allocated to one but not met yet."""
    for k in range(2 * n):
        PeerRelationshipFactory(
            person__organisation=world.organisation,
            person__team=world.team,
            person__full_name=f"Waiting {k}",
            worker=world.user(Role.PSW) if k >= n else None,
            status=Status.OFFERED if k % 2 else Status.REFERRED,
            reason="Support",
            referred_on=timezone.localdate(),
        )


def test_the_waiting_list_does_not_grow_with_people_waiting(
    caseload_world: Any, client_for: Any
) -> None:
    client = client_for(Role.SUPERVISOR)
    waiting(caseload_world, 1)
    small = count(client, reverse("caseload:referral-list"))
    waiting(caseload_world, 12)
    assert count(client, reverse("caseload:referral-list")) == small
