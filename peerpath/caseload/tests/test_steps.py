"""The relationship's steps, declared once (caseload/steps.py), mean the same everywhere:
the links the relationship page offers, the step pages that open, and the filter the
services move a relationship with."""

import html
import re
from datetime import date, timedelta
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from peerpath.caseload import services, steps
from peerpath.caseload.models import PeerRelationship, Person, Status
from peerpath.core.roles import Role

pytestmark = pytest.mark.django_db

# Where peer support is (its status; whether a worker is matched), and the steps offered
# there to the supervisor, in the page's order. The worker is offered the same, except
# matching. Written out by hand: this is what the page offered before the table existed.
OPEN_TO_ALL = ["transfer", "share", "withdraw"]
OFFERED_TO_SUPERVISOR: dict[tuple[Status, bool], list[str]] = {
    (Status.REFERRED, False): ["match", "choice", *OPEN_TO_ALL],
    (Status.REFERRED, True): ["match", "choice", *OPEN_TO_ALL],
    (Status.OFFERED, False): ["match", *OPEN_TO_ALL],
    (Status.OFFERED, True): ["first-meeting", *OPEN_TO_ALL],
    (Status.ACTIVE, True): ["ending", "end", *OPEN_TO_ALL],
    (Status.ENDING, True): ["ending", "end", *OPEN_TO_ALL],
    (Status.ENDED, True): [],
    (Status.DECLINED, False): [],
}
CLOSED = "This step does not apply now"


def _text(response: Any) -> str:
    return html.unescape(re.sub(r"\s+", " ", response.content.decode()))


def _relationship(world: Any, status: Status, matched: bool) -> PeerRelationship:
    today = timezone.localdate()
    person = Person.objects.create(
        organisation=world.organisation,
        team=world.team,
        full_name="Sam Okafor",
        date_of_birth=date(1988, 2, 3),
        created_by=world.user(Role.SUPERVISOR),
    )
    return PeerRelationship.objects.create(
        organisation=world.organisation,
        person=person,
        team=world.team,
        worker=world.user(Role.PSW) if matched else None,
        status=status,
        source="self",
        reason="Would like to meet people.",
        referred_on=today - timedelta(days=10),
    )


def _offered_links(client: Client, rel: PeerRelationship) -> list[str]:
    prefix = reverse("caseload:relationship", kwargs={"person": rel.person_id, "pk": rel.pk})
    page = client.get(prefix)
    assert page.status_code == 200
    found = re.findall(rf'href="{re.escape(prefix)}([a-z-]+)/"', page.content.decode())
    return [name for name in found if name != "summary"]


def _login(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.mark.parametrize(("status", "matched"), list(OFFERED_TO_SUPERVISOR))
def test_each_step_opens_exactly_where_the_page_offers_it(
    world: Any, status: Status, matched: bool
) -> None:
    rel = _relationship(world, status, matched)
    expected = OFFERED_TO_SUPERVISOR[(status, matched)]
    supervisor = _login(world.user(Role.SUPERVISOR))
    assert _offered_links(supervisor, rel) == expected
    for step in steps.STEPS:
        if step is steps.SHARE:
            continue  # its own page: adds or removes one worker
        url = reverse(step.url_name, kwargs={"person": rel.person_id, "pk": rel.pk})
        page = _text(supervisor.get(url))
        assert (CLOSED not in page) == (step.name in expected), (step.name, page[:300])
    if matched and rel.is_open:
        worker = _login(world.user(Role.PSW))
        assert _offered_links(worker, rel) == [n for n in expected if n != "match"]


@pytest.mark.parametrize(("status", "matched"), list(OFFERED_TO_SUPERVISOR))
def test_where_a_step_starts_reads_the_same_in_hand_and_in_the_database(
    world: Any, status: Status, matched: bool
) -> None:
    rel = _relationship(world, status, matched)
    rows = PeerRelationship.objects.filter(pk=rel.pk)
    for step in steps.STEPS:
        assert step.applies_to(rel) == rows.filter(step.condition()).exists(), step.name


def test_a_step_cannot_set_a_status_it_does_not_lead_to(world: Any) -> None:
    rel = _relationship(world, Status.ACTIVE, True)
    with pytest.raises(ValueError, match="does not lead to"):
        services._move(
            rel,
            steps.ENDING,
            expected_version=rel.version,
            changes={"status": Status.ENDED},
            by=world.user(Role.PSW),
            event="Ended",
            request=None,
        )
    rel.refresh_from_db()
    assert rel.status == Status.ACTIVE
