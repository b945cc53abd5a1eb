"""A worker's caseload capacity, agreed with their supervisor; matching never goes past it
(issue 12 point 5)."""

from typing import Any

import pytest
from django.utils import timezone

from conftest import OUTSIDER, World
from peerpath.accounts.tests.factories import UserFactory
from peerpath.caseload.models import PeerRelationship, Person, Status, WorkerProfile
from peerpath.caseload.tests.factories import PeerRelationshipFactory, PersonFactory
from peerpath.core.models import AuditEvent
from peerpath.core.roles import Role
from peerpath.organisations.tests.factories import MembershipFactory
from peerpath.tests.pages import text

pytestmark = pytest.mark.django_db


def give_caseload(world: World, worker: Any, n: int) -> None:
    for i in range(n):
        person = PersonFactory(organisation=world.organisation, team=world.team, full_name=f"P{i}")
        PeerRelationshipFactory(person=person, team=world.team, worker=worker, status=Status.ACTIVE)


def referral_data(world: World, **overrides: str) -> dict[str, str]:
    data = {
        "team": str(world.team.pk),
        "full_name": "Robin Hale",
        "date_of_birth": "1985-03-02",
        "source": "professional",
        "referrer": "Dr Shah, Riverside CMHT",
        "reason": "Would like support with getting out more.",
        "referred_on": timezone.localdate().isoformat(),
        "allocate_to_me": "on",
    }
    data.update(overrides)
    return data


def capacity_url(worker: Any) -> str:
    return f"/team-workers/{worker.pk}/capacity/"


@pytest.mark.hazard("H17")
def test_the_supervisor_records_the_capacity_agreed_with_the_worker(
    world: World, client_for: Any
) -> None:
    psw = world.user(Role.PSW)
    give_caseload(world, psw, 6)
    supervisor = client_for(Role.SUPERVISOR)
    listing = text(supervisor.get("/team-workers/"))
    assert "6 of 8" in listing and "Not agreed yet" in listing
    page = text(supervisor.get(capacity_url(psw)))
    assert "Peer support worker Riverside and I agreed this number together" in page
    # Not confirmed as agreed together: refused, next to the box.
    refused = supervisor.post(capacity_url(psw), {"version": "0", "capacity": "7"})
    assert refused.status_code == 400
    assert "Confirm that you agreed this number together." in text(refused)
    bad = supervisor.post(capacity_url(psw), {"version": "0", "capacity": "99", "agreed": "on"})
    assert "Enter a whole number from 0 to 40." in text(bad)
    saved = supervisor.post(capacity_url(psw), {"version": "0", "capacity": "7", "agreed": "on"})
    assert saved.status_code == 302
    profile = WorkerProfile.objects.get(user=psw)
    assert profile.capacity == 7 and profile.capacity_agreed_by == world.user(Role.SUPERVISOR)
    assert profile.capacity_agreed_on == timezone.localdate()
    assert "6 of 7" in text(supervisor.get("/team-workers/"))
    # The worker sees what was agreed, and cannot change it alone.
    mine = text(client_for(Role.PSW).get("/my-matching-profile/"))
    assert "You support up to 7 people at once, agreed with Peer supervisor Riverside" in mine
    assert 'name="capacity"' not in mine
    event = AuditEvent.objects.filter(object_type="caseload.workerprofile").latest("pk")
    assert event.reason == "caseload capacity agreed: 7"


def test_a_stale_capacity_is_refused(world: World, client_for: Any) -> None:
    psw = world.user(Role.PSW)
    WorkerProfile.objects.create(organisation=world.organisation, user=psw, capacity=8)
    supervisor = client_for(Role.SUPERVISOR)
    first = supervisor.post(capacity_url(psw), {"version": "1", "capacity": "6", "agreed": "on"})
    assert first.status_code == 302
    stale = supervisor.post(capacity_url(psw), {"version": "1", "capacity": "9", "agreed": "on"})
    assert stale.status_code == 400
    assert "Nothing has been overwritten" in text(stale)
    assert WorkerProfile.objects.get(user=psw).capacity == 6


def test_only_the_supervisor_of_the_workers_team_agrees_it(world: World, client_for: Any) -> None:
    psw = world.user(Role.PSW)
    for role in (Role.PSW, Role.COORDINATOR, Role.ORG_ADMIN):
        assert client_for(role).get(capacity_url(psw)).status_code == 403
    assert client_for(OUTSIDER).get(capacity_url(psw)).status_code == 404
    other_team_worker = MembershipFactory(
        organisation=world.organisation, role=Role.PSW, team__organisation=world.organisation
    ).user
    response = client_for(Role.SUPERVISOR).get(capacity_url(other_team_worker))
    assert response.status_code == 404


@pytest.mark.hazard("H17")
def test_transfer_to_a_full_worker_is_refused(world: World, client_for: Any) -> None:
    psw = world.user(Role.PSW)
    other: Any = UserFactory(full_name="Robin Full")
    MembershipFactory(organisation=world.organisation, team=world.team, role=Role.PSW, user=other)
    WorkerProfile.objects.create(organisation=world.organisation, user=other, capacity=1)
    give_caseload(world, other, 1)
    person: Any = PersonFactory(organisation=world.organisation, team=world.team)
    rel: Any = PeerRelationshipFactory(
        person=person, team=world.team, worker=psw, status=Status.ACTIVE
    )
    response = client_for(Role.SUPERVISOR).post(
        f"/people/{person.pk}/peer-support/{rel.pk}/transfer/",
        {
            "version": rel.version,
            "worker": other.pk,
            "team": world.team.pk,
            "transition_to": "Another team nearer home",
            "continuity_plan": "A joint visit first",
        },
    )
    assert response.status_code == 400
    assert "Robin Full's caseload is full: 1 of 1 agreed." in text(response)
    assert PeerRelationship.objects.get(pk=rel.pk).worker == psw


@pytest.mark.parametrize("workers", [2, 12])
def test_the_team_workers_page_has_flat_query_counts(
    world: World, client_for: Any, django_assert_num_queries: Any, workers: int
) -> None:
    for n in range(workers):
        worker: Any = UserFactory(full_name=f"Worker {n:02}")
        MembershipFactory(
            organisation=world.organisation, team=world.team, role=Role.PSW, user=worker
        )
        WorkerProfile.objects.create(
            organisation=world.organisation,
            user=worker,
            capacity=5,
            capacity_agreed_on=timezone.localdate(),
            capacity_agreed_by=world.user(Role.SUPERVISOR),
        )
        give_caseload(world, worker, 2)
    supervisor = client_for(Role.SUPERVISOR)
    supervisor.get("/team-workers/")
    # The request's own (session, user, memberships...), the supervised teams, the count
    # and a page of workers, their profiles (with who agreed) and their open caseloads.
    with django_assert_num_queries(EXPECTED):
        response = supervisor.get("/team-workers/")
    assert "2 of 5" in text(response)


EXPECTED = 7


@pytest.mark.hazard("H17")
def test_a_worker_at_capacity_cannot_take_a_referral_themselves(
    world: World, client_for: Any
) -> None:
    psw = world.user(Role.PSW)
    WorkerProfile.objects.create(organisation=world.organisation, user=psw, capacity=1)
    give_caseload(world, psw, 1)
    people = Person.objects.count()
    refused = client_for(Role.PSW).post("/referrals/new/", referral_data(world))
    assert refused.status_code == 400
    assert "Your caseload is full: 1 of 1 agreed." in text(refused)
    assert Person.objects.count() == people  # nothing saved, not even the person
    # Left for the team's supervisor to match, the same referral is recorded.
    kept = client_for(Role.PSW).post("/referrals/new/", referral_data(world, allocate_to_me=""))
    assert kept.status_code == 302
    assert Person.objects.count() == people + 1
