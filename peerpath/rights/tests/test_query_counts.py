"""Rights' lists run the same number of queries whatever their length: the reviewers'
list and a request's items, the person's requests, and the records due for review."""

from datetime import timedelta
from typing import Any

import pytest
from django.urls import reverse
from django.utils import timezone

from peerpath.caseload.models import Status
from peerpath.caseload.tests.factories import PeerRelationshipFactory, PersonFactory
from peerpath.caseload.tests.growth import count
from peerpath.core.roles import Role
from peerpath.rights.tests.factories import (
    AccessPackFileFactory,
    AccessPackItemFactory,
    AccessRequestFactory,
)

pytestmark = pytest.mark.django_db


def requests(w: Any, n: int) -> Any:
    made = None
    for _ in range(n):
        made = AccessRequestFactory(person=w.person, requested_by=w.user(Role.PSW))
        AccessPackItemFactory(request=made, flags=["third_party"], flagged=True)
        AccessPackItemFactory(request=made)
        AccessPackFileFactory(request=made, kind="pdf")
    return made


def test_the_reviewers_pages_do_not_grow(caseload_world: Any, client_for: Any) -> None:
    w = caseload_world
    client = client_for(Role.ORG_ADMIN)
    one = requests(w, 1)
    small = count(client, reverse("rights:review-list"))
    detail_small = count(client, reverse("rights:review-detail", kwargs={"pk": one.pk}))
    home_small = count(client, reverse("workspace:home"))
    many = requests(w, 8)
    for _ in range(8):
        AccessPackItemFactory(request=many, flags=["third_party"], flagged=True)
    assert count(client, reverse("rights:review-list")) == small
    assert count(client, reverse("rights:review-detail", kwargs={"pk": many.pk})) == detail_small
    assert count(client, reverse("workspace:home")) == home_small


def test_the_persons_copies_page_does_not_grow(caseload_world: Any, client_for: Any) -> None:
    w = caseload_world
    w.person.user = w.user(Role.PERSON)
    w.person.save()
    client = client_for(Role.PERSON)
    requests(w, 1)
    small = count(client, reverse("rights:my-copy"))
    for made in [requests(w, 1) for _ in range(6)]:
        made.status = "released"
        made.save()
    assert count(client, reverse("rights:my-copy")) == small


def ended_long_ago(w: Any, n: int) -> None:
    long_ago = timezone.localdate() - timedelta(days=365 * 21)
    for _ in range(n):
        person: Any = PersonFactory(organisation=w.organisation, team=w.team)
        PeerRelationshipFactory(
            person=person,
            worker=w.user(Role.PSW),
            status=Status.ENDED,
            referred_on=long_ago - timedelta(days=100),
            ended_on=long_ago,
        )


def test_the_retention_list_does_not_grow(world: Any, client_for: Any) -> None:
    client = client_for(Role.ORG_ADMIN)
    ended_long_ago(world, 1)
    small = count(client, reverse("rights:retention-list"))
    ended_long_ago(world, 10)
    assert count(client, reverse("rights:retention-list")) == small
