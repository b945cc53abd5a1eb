"""A person's record is reached only from their caseload: every person-scoped URL.

Person-scoped routes carry the person as `<int:person>`. Each is requested by staff who
hold a caseload role but are not on this person's caseload (a PSW in the same team, a PSW
in another team, a supervisor of another team) and by the outsider (every role, another
organisation): all must get 404, on GET or, for POST-only actions, on POST. The PSW and
their team's supervisor must get through. A second person on the same caseload swapped
into the URL must not unlock the first person's objects.

A safeguarding lead reads the pages that only read the record while a concern about the
person is open, and none once it is closed (hazard H7).
"""

import re
from typing import Any

import pytest
from django.test import Client
from django.urls import Resolver404, resolve, reverse
from django.utils import timezone

from conftest import OUTSIDER
from peerpath.caseload.tests.factories import person_on_caseload
from peerpath.core.models import AuditEvent, AuditOutcome
from peerpath.core.roles import Role
from peerpath.governance.models import SafeguardingConcern
from peerpath.tests.access_walk import iter_routes, route_policy
from peerpath.tests.walk_world import EXAMPLES

from .world import NOT_ON_CASELOAD

pytestmark = pytest.mark.django_db


def person_routes() -> list[Any]:
    return [route for route in iter_routes() if "person" in route.kwarg_names]


def answer(client: Client, url: str) -> int:
    status: int = client.get(url).status_code
    if status == 405:
        status = client.post(url).status_code
    return status


def test_there_are_person_scoped_routes_and_each_has_an_example() -> None:
    routes = person_routes()
    assert len(routes) >= 1
    missing = [route.name for route in routes if route.name not in EXAMPLES]
    assert missing == []


@pytest.mark.hazard("H7")
def test_nobody_off_the_caseload_reaches_any_person_scoped_url(walk_world: Any) -> None:
    world = walk_world
    outsiders = {key: world.peers[key] for key in NOT_ON_CASELOAD}
    outsiders[OUTSIDER] = world.user(OUTSIDER)
    clients, roles = {}, {}
    for key, user in outsiders.items():
        clients[key] = Client()
        clients[key].force_login(user)
        roles[key] = set(Role) if key == OUTSIDER else {Role(key.split()[0])}
    problems = []
    for route in person_routes():
        policy = route_policy(route)
        url = reverse(route.name, kwargs=EXAMPLES[route.name].kwargs(world))
        for key, client in clients.items():
            if policy is not None and policy.kind == "roles" and not policy.roles & roles[key]:
                continue  # refused by role (403): the URL walk checks that
            status = answer(client, url)
            if status != 404:
                problems.append(f"{route.name} as {key}: {status}, not 404")
    assert problems == []


@pytest.mark.hazard("H1")
def test_the_worker_and_their_supervisor_reach_every_person_scoped_url_their_role_may_use(
    walk_world: Any,
) -> None:
    world = walk_world
    problems = []
    for role in (Role.PSW, Role.SUPERVISOR):
        client = Client()
        client.force_login(world.user(role))
        for route in person_routes():
            policy = route_policy(route)
            if policy is None or (policy.kind == "roles" and role not in policy.roles):
                continue  # the URL walk checks that the role is refused
            url = reverse(route.name, kwargs=EXAMPLES[route.name].kwargs(world))
            response = client.get(url)
            status = response.status_code
            if status in (403, 404) or status >= 500:
                problems.append(f"{route.name} as {role}: {status}")
            elif (
                status == 200
                and response["Content-Type"].startswith("text/html")
                and f'data-person-id="{world.person.pk}"' not in response.content.decode()
            ):
                # Whose record this is, on every page of it (hazard H1).
                problems.append(f"{route.name} as {role}: no person banner")
    assert problems == []


@pytest.mark.hazard("H1")
def test_another_persons_id_in_the_url_does_not_unlock_this_persons_objects(
    walk_world: Any,
) -> None:
    world = walk_world
    other = person_on_caseload(
        world, "Sam Other", reason="Support", referred_on=world.relationship.referred_on
    )
    problems = []
    for role in (Role.PSW, Role.SUPERVISOR):
        client = Client()
        client.force_login(world.user(role))
        for route in person_routes():
            policy = route_policy(route)
            if set(route.kwarg_names) == {"person"} or policy is None:
                continue
            if policy.kind == "roles" and role not in policy.roles:
                continue
            kwargs = dict(EXAMPLES[route.name].kwargs(world), person=other.pk)
            status = answer(client, reverse(route.name, kwargs=kwargs))
            if status != 404:
                problems.append(f"{route.name} as {role} with another person's id: {status}")
    assert problems == []


@pytest.mark.hazard("H7")
def test_a_refused_read_is_audited(caseload_world: Any) -> None:
    world = caseload_world
    client = Client()
    client.force_login(world.peers["psw in another team"])
    client.get(reverse("workspace:person-detail", kwargs={"person": world.person.pk}))
    refused = AuditEvent.objects.filter(person_id=world.person.pk, outcome=AuditOutcome.NOT_FOUND)
    assert refused.count() == 1


def test_an_id_too_large_for_the_database_is_simply_not_found(caseload_world: Any) -> None:
    client = Client()
    client.force_login(caseload_world.user(Role.PSW))
    response = client.get("/people/99999999999999999999999/")
    assert response.status_code == 404
    assert AuditEvent.objects.filter(outcome=AuditOutcome.NOT_FOUND, person_id=None).exists()


def lead_read_routes() -> list[Any]:
    """The person-scoped pages a safeguarding lead's role may open (the read-only ones)."""
    return [
        route
        for route in person_routes()
        if (policy := route_policy(route)) is not None
        and policy.kind == "roles"
        and Role.SAFEGUARDING_LEAD in policy.roles
    ]


@pytest.mark.hazard("H7")
def test_a_safeguarding_lead_reads_the_record_only_while_a_concern_is_open(
    walk_world: Any,
) -> None:
    world = walk_world
    lead = Client()
    lead.force_login(world.user(Role.SAFEGUARDING_LEAD))
    routes = lead_read_routes()
    assert {"workspace:person-detail", "recovery:document-detail", "contacts:note-detail"} <= {
        r.name for r in routes
    }
    problems = []
    for route in routes:
        url = reverse(route.name, kwargs=EXAMPLES[route.name].kwargs(world))
        response = lead.get(url)
        if response.status_code != 200:
            problems.append(f"{route.name}: {response.status_code} while the concern is open")
        elif response["Content-Type"].startswith("text/html"):
            page = response.content.decode()
            if 'data-read-only="safeguarding"' not in page:
                problems.append(f"{route.name}: does not say it is read only, and why")
            # No link or form on it leads where the lead's role is refused.
            for target in re.findall(r'(?:href|action)="(/[^"?#]*)', page):
                try:
                    match = resolve(target)
                except Resolver404:
                    continue
                policy = getattr(match.func, "access_policy", None)
                if (
                    policy is not None
                    and policy.kind == "roles"
                    and Role.SAFEGUARDING_LEAD not in policy.roles
                ):
                    problems.append(f"{route.name}: offers {target}, which the lead may not use")
    reads = AuditEvent.objects.filter(
        actor_id=world.user(Role.SAFEGUARDING_LEAD).pk,
        person_id=world.person.pk,
        reason__startswith=f"safeguarding lead: open safeguarding concern {world.concern.pk}",
    )
    assert reads.count() == len(routes)
    assert sorted(set(problems)) == []

    SafeguardingConcern.objects.filter(pk=world.concern.pk).update(
        status="closed", outcome="Resolved.", closed_at=timezone.now()
    )
    for route in routes:
        url = reverse(route.name, kwargs=EXAMPLES[route.name].kwargs(world))
        status = lead.get(url).status_code
        if status != 404:
            problems.append(f"{route.name}: {status} after the concern was closed")
    assert problems == []


@pytest.mark.hazard("H7")
def test_a_lead_of_another_organisation_reaches_no_record(caseload_world: Any) -> None:
    world = caseload_world
    outsider = Client()
    outsider.force_login(world.user(OUTSIDER))  # every role, including lead, elsewhere
    for route in lead_read_routes():
        url = reverse(route.name, kwargs=EXAMPLES[route.name].kwargs(world))
        assert answer(outsider, url) == 404, route.name
