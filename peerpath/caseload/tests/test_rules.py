"""The caseload's object rules (caseload/rules.py): each says yes and no."""

from typing import Any

import pytest

from conftest import OUTSIDER, World
from peerpath.caseload.models import PeerRelationship, Status
from peerpath.caseload.tests.factories import person_on_caseload
from peerpath.core.actor import Actor
from peerpath.core.roles import Role
from peerpath.governance.tests.factories import SafeguardingConcernFactory
from peerpath.organisations.selectors import actor_for
from peerpath.organisations.tests.factories import MembershipFactory, TeamFactory

pytestmark = pytest.mark.django_db


def actor(world: World, persona: "Role | str") -> Actor:
    organisation = world.other_organisation if persona == OUTSIDER else world.organisation
    return actor_for(world.user(persona), organisation)


def relationship_of(person: Any) -> PeerRelationship:
    return PeerRelationship.objects.get(person=person)


def test_change_record_is_for_the_worker_and_the_team_supervisor(world: World) -> None:
    person = person_on_caseload(world)
    assert actor(world, Role.PSW).may("caseload.change_record", person)
    assert actor(world, Role.SUPERVISOR).may("caseload.change_record", person)
    # Not another worker, a safeguarding lead (read only), or anyone of another organisation.
    other_psw: Any = MembershipFactory(organisation=world.organisation, role=Role.PSW).user
    assert not actor_for(other_psw, world.organisation).may("caseload.change_record", person)
    SafeguardingConcernFactory(person=person)
    assert not actor(world, Role.SAFEGUARDING_LEAD).may("caseload.change_record", person)
    assert not actor(world, OUTSIDER).may("caseload.change_record", person)
    assert not Actor.anonymous().may("caseload.change_record", person)


def test_read_record_adds_the_safeguarding_lead_only_while_a_concern_is_open(
    world: World,
) -> None:
    person = person_on_caseload(world)
    lead = actor(world, Role.SAFEGUARDING_LEAD)
    assert actor(world, Role.PSW).may("caseload.read_record", person)
    assert not lead.may("caseload.read_record", person)
    concern: Any = SafeguardingConcernFactory(person=person)
    assert actor(world, Role.SAFEGUARDING_LEAD).may("caseload.read_record", person)
    concern.status, concern.outcome = "closed", "Alex is safe; the tenancy team followed it up."
    concern.save()
    assert not actor(world, Role.SAFEGUARDING_LEAD).may("caseload.read_record", person)
    assert not actor(world, OUTSIDER).may("caseload.read_record", person)


def test_work_on_relationship_is_for_its_worker_and_whom_it_is_shared_with(
    world: World,
) -> None:
    rel = relationship_of(person_on_caseload(world))
    assert actor(world, Role.PSW).may("caseload.work_on_relationship", rel)
    other_psw: Any = MembershipFactory(organisation=world.organisation, role=Role.PSW).user
    assert not actor_for(other_psw, world.organisation).may("caseload.work_on_relationship", rel)
    rel.shared_with.add(other_psw)
    assert actor_for(other_psw, world.organisation).may("caseload.work_on_relationship", rel)
    # The supervisor supervises it, but does not work on it; nobody works on it once ended.
    assert not actor(world, Role.SUPERVISOR).may("caseload.work_on_relationship", rel)
    rel.status = Status.ENDED
    assert not actor(world, Role.PSW).may("caseload.work_on_relationship", rel)


def test_supervise_is_for_the_supervisor_of_the_team(world: World) -> None:
    person = person_on_caseload(world)
    rel = relationship_of(person)
    assert actor(world, Role.SUPERVISOR).may("caseload.supervise", person)
    assert actor(world, Role.SUPERVISOR).may("caseload.supervise", rel)
    assert not actor(world, Role.PSW).may("caseload.supervise", person)
    elsewhere: Any = person_on_caseload(
        world, "Sam Lee", team=TeamFactory(organisation=world.organisation)
    )
    assert not actor(world, Role.SUPERVISOR).may("caseload.supervise", elsewhere)
    assert not actor(world, OUTSIDER).may("caseload.supervise", person)


def test_agree_capacity_is_for_the_supervisor_of_the_workers_team(world: World) -> None:
    psw = world.user(Role.PSW)
    assert actor(world, Role.SUPERVISOR).may("caseload.agree_capacity", psw)
    assert not actor(world, Role.PSW).may("caseload.agree_capacity", psw)
    assert not actor(world, Role.COORDINATOR).may("caseload.agree_capacity", psw)
    assert not actor(world, OUTSIDER).may("caseload.agree_capacity", psw)
    elsewhere: Any = TeamFactory(organisation=world.organisation)
    other_worker = MembershipFactory(
        organisation=world.organisation, team=elsewhere, role=Role.PSW
    ).user
    assert not actor(world, Role.SUPERVISOR).may("caseload.agree_capacity", other_worker)
