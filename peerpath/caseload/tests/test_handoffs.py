"""Hand-offs between roles (issue 9, item 7): a "yes" before matching, the summary after
ending, and a second identifier wherever a person is chosen or acted on."""

from datetime import date, timedelta
from typing import Any

import pytest
import time_machine
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from peerpath.caseload.models import PeerRelationship, Person, Status
from peerpath.caseload.presenters import second_identifier
from peerpath.caseload.scoping import ENDED_SUMMARY_READABLE_FOR
from peerpath.core.models import AuditEvent, AuditOutcome
from peerpath.core.roles import Role

pytestmark = pytest.mark.django_db


def waiting(world: Any, **person: Any) -> PeerRelationship:
    """Someone referred to the home team with nobody allocated yet."""
    found = Person.objects.create(
        organisation=world.organisation,
        team=world.team,
        full_name=person.pop("full_name", "Kim Adeyemi"),
        **person,
    )
    return PeerRelationship.objects.create(
        organisation=world.organisation,
        person=found,
        team=world.team,
        source="team",
        reason="Asked for peer support",
        referred_on=timezone.localdate() - timedelta(days=9),
    )


def rel_url(name: str, rel: PeerRelationship) -> str:
    return reverse(f"caseload:{name}", kwargs={"person": rel.person_id, "pk": rel.pk})


# --- "yes" before matching ------------------------------------------------------------------


def test_yes_before_matching_keeps_the_person_waiting_and_matchable(
    caseload_world: Any, client_for: Any
) -> None:
    world = caseload_world
    rel = waiting(world)
    supervisor = client_for(Role.SUPERVISOR)
    response = supervisor.post(
        rel_url("relationship-choice", rel),
        {"version": rel.version, "wants_peer_support": "yes", "on": timezone.localdate()},
    )
    assert response.status_code == 302
    rel.refresh_from_db()
    assert rel.status == Status.OFFERED and rel.worker is None

    waiting_list = supervisor.get(reverse("caseload:referral-list")).content.decode()
    assert rel_url("relationship-match", rel) in waiting_list
    assert "said yes" in waiting_list.lower()
    page = supervisor.get(rel_url("relationship", rel)).content.decode()
    assert "Match with a peer support worker" in page
    assert "Record the first meeting" not in page  # nobody to meet them yet

    match = supervisor.get(rel_url("relationship-match", rel))
    assert match.status_code == 200 and 'name="worker"' in match.content.decode()
    psw = world.user(Role.PSW)
    response = supervisor.post(
        rel_url("relationship-match", rel), {"version": rel.version, "worker": psw.pk}
    )
    assert response.status_code == 302
    rel.refresh_from_db()
    assert rel.status == Status.OFFERED and rel.worker == psw
    # Matched: off the waiting list, and the worker can record the first meeting.
    assert (
        rel_url("relationship-match", rel)
        not in supervisor.get(reverse("caseload:referral-list")).content.decode()
    )
    assert (
        "Record the first meeting"
        in client_for(Role.PSW).get(rel_url("relationship", rel)).content.decode()
    )


def test_someone_who_already_has_a_worker_is_not_matched_again_once_they_said_yes(
    caseload_world: Any, client_for: Any
) -> None:
    world = caseload_world
    rel = waiting(world)
    PeerRelationship.objects.filter(pk=rel.pk).update(
        status=Status.OFFERED, worker=world.user(Role.PSW)
    )
    supervisor = client_for(Role.SUPERVISOR)
    response = supervisor.post(
        rel_url("relationship-match", rel),
        {"version": rel.version, "worker": world.peers["psw in the same team"].pk},
    )
    assert response.status_code == 409
    rel.refresh_from_db()
    assert rel.worker == world.user(Role.PSW)


# --- the summary after ending ---------------------------------------------------------------


def end(client: Client, rel: PeerRelationship, summary: str) -> Any:
    return client.post(
        rel_url("relationship-end", rel),
        {"version": rel.version, "ended_on": timezone.localdate(), "ending_summary": summary},
    )


def test_after_ending_the_psw_lands_on_the_summary_they_wrote(
    caseload_world: Any, client_for: Any
) -> None:
    world = caseload_world
    rel = world.relationship
    psw = client_for(Role.PSW)
    response = end(psw, rel, "Alex went back to college and joined the choir.")
    assert response.status_code == 302
    assert response["Location"] == rel_url("relationship-summary", rel)
    page = psw.get(response["Location"])
    assert page.status_code == 200
    text = page.content.decode()
    assert "Alex went back to college and joined the choir." in text
    assert "Peer support with Alex has ended. The summary is saved." in text
    assert f'data-person-id="{rel.person_id}"' in text  # whose summary it is (H1)
    # Read only: no step of the relationship is offered, nor a link into the record.
    for name in ("relationship-ending", "relationship-end", "relationship-transfer"):
        assert rel_url(name, rel) not in text
    assert reverse("workspace:person-detail", kwargs={"person": rel.person_id}) not in text


@pytest.mark.hazard("H7")
def test_the_ended_summary_is_readable_to_its_worker_for_a_set_time_audited_never_editable(
    caseload_world: Any, client_for: Any
) -> None:
    world = caseload_world
    rel = world.relationship
    psw = client_for(Role.PSW)
    end(psw, rel, "Alex went back to college.")
    summary = rel_url("relationship-summary", rel)
    before = AuditEvent.objects.filter(person_id=rel.person_id).count()
    assert psw.get(summary).status_code == 200
    read = AuditEvent.objects.filter(person_id=rel.person_id).order_by("-pk").first()
    assert AuditEvent.objects.filter(person_id=rel.person_id).count() == before + 1
    assert read is not None and read.outcome == AuditOutcome.ALLOWED
    assert "ended peer support" in read.reason

    # Nothing else of the person's record, and no edit, is open to them now.
    for name in ("relationship", "relationship-end", "relationship-ending"):
        assert psw.get(rel_url(name, rel)).status_code == 404
    assert psw.post(rel_url("relationship-end", rel), {}).status_code == 404
    assert (
        psw.get(reverse("workspace:person-detail", kwargs={"person": rel.person_id})).status_code
        == 404
    )
    # Another worker of the team never could read it.
    other = Client()
    other.force_login(world.peers["psw in the same team"])
    assert other.get(summary).status_code == 404

    # The summary is on the PSW's home page while it can be read.
    home = psw.get(reverse("workspace:home")).content.decode()
    assert summary in home

    later = timezone.now() + ENDED_SUMMARY_READABLE_FOR + timedelta(days=1)
    with time_machine.travel(later, tick=False):
        psw = Client()  # a new session: the old one has long expired
        psw.force_login(world.user(Role.PSW))
        assert psw.get(summary).status_code == 404
        assert summary not in psw.get(reverse("workspace:home")).content.decode()
        # The supervisor still reads it (the team's record), with the whole record.
        supervisor = Client()
        supervisor.force_login(world.user(Role.SUPERVISOR))
        assert supervisor.get(summary).status_code == 200


def test_the_supervisor_opens_an_ended_relationship_on_its_summary_from_the_record(
    caseload_world: Any, client_for: Any
) -> None:
    world = caseload_world
    rel = world.relationship
    end(client_for(Role.PSW), rel, "Alex went back to college.")
    supervisor = client_for(Role.SUPERVISOR)
    record = reverse("workspace:person-detail", kwargs={"person": rel.person_id})
    summary = rel_url("relationship-summary", rel)
    assert summary in supervisor.get(record).content.decode()
    page = supervisor.get(summary)
    assert page.status_code == 200
    text = page.content.decode()
    assert "Alex went back to college." in text and 'data-read-only="summary"' in text
    # The supervisor reads the whole record: the way back to it is in the breadcrumbs.
    assert f'href="{record}"' in text


# --- a second identifier --------------------------------------------------------------------


def test_the_second_identifier_is_the_full_name_and_date_of_birth_where_known() -> None:
    jo = Person(full_name="Jo Bloggs", preferred_name="Jo", date_of_birth=date(1990, 5, 3))
    assert second_identifier(jo) == "Jo Bloggs, born 3 May 1990"
    assert second_identifier(Person(full_name="Jo Bloggs", preferred_name="Jo")) == "Jo Bloggs"
    assert (
        second_identifier(Person(full_name="Sam Taylor", date_of_birth=date(1980, 1, 9)))
        == "born 9 January 1980"
    )
    # The full name is itself the second identifier when there is no preferred name.
    assert second_identifier(Person(full_name="Sam Taylor")) == ""


@pytest.mark.hazard("H1")
def test_every_list_where_a_person_is_chosen_or_acted_on_shows_the_second_identifier(
    caseload_world: Any, client_for: Any
) -> None:
    world = caseload_world
    identifier = "Alex Morgan, born 17 May 1990"
    assert second_identifier(world.person) == identifier
    kim = waiting(
        world, full_name="Kim Adeyemi", preferred_name="Kim", date_of_birth=date(1985, 2, 1)
    )
    mine = waiting(world, full_name="Sam Taylor", preferred_name="Sam")
    PeerRelationship.objects.filter(pk=mine.pk).update(worker=world.user(Role.PSW))
    pages = {
        Role.PSW: [
            reverse("workspace:home"),
            reverse("caseload:caseload"),
            reverse("governance:concern-queue"),
            reverse("groups:group-detail", kwargs={"pk": world.group.pk}),
        ],
        Role.SUPERVISOR: [
            reverse("workspace:home"),
            reverse("caseload:caseload"),
            reverse("governance:concern-queue"),
        ],
        Role.SAFEGUARDING_LEAD: [reverse("workspace:home"), reverse("governance:concern-queue")],
    }
    problems = []
    for role, urls in pages.items():
        client = client_for(role)
        for url in urls:
            if identifier not in client.get(url).content.decode():
                problems.append(f"{url} as {role}")
    referrals_psw = client_for(Role.PSW).get(reverse("caseload:referral-list")).content.decode()
    if "Sam Taylor" not in referrals_psw:
        problems.append("referrals as PSW")
    referrals = client_for(Role.SUPERVISOR).get(reverse("caseload:referral-list")).content.decode()
    if "Kim Adeyemi, born 1 February 1985" not in referrals:
        problems.append("waiting list")
    add = client_for(Role.PSW).get(
        reverse("groups:member-search", kwargs={"pk": world.group.pk}), {"people_q": "Sam"}
    )
    if "Sam Taylor" not in add.content.decode():
        problems.append("adding a group member")
    assert kim.person.display_name == "Kim"
    assert problems == []


def test_the_referrals_list_reads_naturally(caseload_world: Any, client_for: Any) -> None:
    world = caseload_world
    rel = waiting(world, full_name="Sam Taylor")
    PeerRelationship.objects.filter(pk=rel.pk).update(
        worker=world.user(Role.PSW), referred_on=date(2026, 11, 29)
    )
    page = client_for(Role.PSW).get(reverse("caseload:referral-list")).content.decode()
    assert "referred, referred" not in page
    assert "Sam Taylor" in page and "referred on 29 November 2026" in page


def test_the_supervisor_sees_referrals_allocated_in_their_teams_not_yet_met(
    caseload_world: Any, client_for: Any
) -> None:
    """Someone allocated to a worker whose choice is not recorded yet was on nobody's list
    but the worker's: the supervisor's referrals page now names them, with their worker."""
    world = caseload_world
    rel = waiting(world, full_name="Sam Taylor")
    PeerRelationship.objects.filter(pk=rel.pk).update(worker=world.user(Role.PSW))
    page = client_for(Role.SUPERVISOR).get(reverse("caseload:referral-list")).content.decode()
    allocated = page[page.index('id="team-referrals"') :]
    assert "Sam Taylor" in allocated
    assert f"with {world.user(Role.PSW).display_name}" in allocated
    assert rel_url("relationship", rel) in allocated
    PeerRelationship.objects.filter(pk=rel.pk).update(status=Status.ACTIVE)
    page = client_for(Role.SUPERVISOR).get(reverse("caseload:referral-list")).content.decode()
    assert "Every referral allocated in your teams has had a first meeting." in page
