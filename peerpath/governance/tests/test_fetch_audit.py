"""A concern is fetched, scoped and audited by one mechanism (core.access
get_in_organisation_or_404 over the actor's concerns): the read names the person it is
about, and each refusal says why, with the same 404."""

from typing import Any

from django.test import Client

from conftest import OUTSIDER
from peerpath.core.models import AuditAction, AuditEvent, AuditOutcome
from peerpath.core.roles import Role


def test_reading_a_concern_is_audited_at_the_fetch_with_its_person(
    caseload_world: Any, client_for: Any
) -> None:
    world = caseload_world
    response = client_for(Role.SAFEGUARDING_LEAD).get(f"/safeguarding/{world.concern.pk}/")
    assert response.status_code == 200
    read = AuditEvent.objects.get(
        action=AuditAction.VIEW,
        outcome=AuditOutcome.ALLOWED,
        object_type="governance.safeguardingconcern",
    )
    assert read.object_id == str(world.concern.pk)
    assert read.person_id == world.person.pk
    assert read.actor_id == world.user(Role.SAFEGUARDING_LEAD).pk


def refusal(client: Client, url: str) -> str:
    assert client.get(url).status_code == 404
    event = AuditEvent.objects.filter(outcome=AuditOutcome.NOT_FOUND).latest("pk")
    assert event.object_type == "governance.safeguardingconcern"
    return event.reason


def test_each_refusal_of_a_concern_is_a_404_audited_with_why(
    caseload_world: Any, client_for: Any
) -> None:
    world = caseload_world
    url = f"/safeguarding/{world.concern.pk}/"
    colleague = Client()
    colleague.force_login(world.peers["psw in the same team"])  # did not raise it
    assert refusal(colleague, url) == "not theirs to open"
    assert refusal(client_for(OUTSIDER), url) == "another organisation's record"
    assert refusal(client_for(Role.SAFEGUARDING_LEAD), "/safeguarding/999999/") == (
        "no such record"
    )
    # Closing is for a lead or a supervisor: the PSW who raised it reads it, may not close.
    raiser = client_for(Role.PSW)
    assert raiser.get(url).status_code == 200
    assert raiser.post(f"{url}close/", {"outcome": "x"}).status_code == 403
