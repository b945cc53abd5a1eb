"""A safeguarding concern reaches a lead and a supervisor at once, and closes only with an
outcome (acceptance 5, hazard H2)."""

import re
from typing import Any

import pytest
from django.core import mail
from django.db import IntegrityError, transaction
from django.utils import timezone

from conftest import OUTSIDER
from peerpath.caseload.models import PeerRelationship, Person, Status
from peerpath.core.actor import Actor
from peerpath.core.models import AuditAction, AuditEvent
from peerpath.core.roles import Role
from peerpath.governance import selectors, services
from peerpath.governance.models import SafeguardingConcern
from peerpath.governance.tests.helpers import WHAT_WAS_SAID, concern_data, raise_concern
from peerpath.jobs.testing import run_jobs
from peerpath.organisations.models import Membership
from peerpath.organisations.selectors import actor_for
from peerpath.organisations.tests.factories import MembershipFactory
from peerpath.tests.pages import text

pytestmark = pytest.mark.django_db


def person_with_worker(world: Any, name: str, worker: Any, team: Any) -> Person:
    person = Person.objects.create(organisation=world.organisation, team=team, full_name=name)
    PeerRelationship.objects.create(
        organisation=world.organisation,
        person=person,
        team=team,
        worker=worker,
        status=Status.ACTIVE,
        source="self",
        reason="Support",
        referred_on=timezone.localdate(),
    )
    return person


@pytest.mark.hazard("H2")
def test_a_concern_reaches_the_leads_and_supervisors_queues_and_mailboxes(
    caseload_world: Any, client_for: Any
) -> None:
    world = caseload_world
    psw = client_for(Role.PSW)
    response = psw.post(f"/people/{world.person.pk}/concerns/new/", concern_data())
    run_jobs()
    concern = SafeguardingConcern.objects.exclude(pk=world.concern.pk).get()
    assert response.status_code == 302
    assert response["Location"] == f"/safeguarding/{concern.pk}/"
    assert concern.lead == world.user(Role.SAFEGUARDING_LEAD)
    assert concern.supervisor == world.user(Role.SUPERVISOR)
    assert concern.raised_by == world.user(Role.PSW)
    assert concern.status == "open"

    [email] = mail.outbox
    assert sorted(email.to) == sorted(
        [world.user(Role.SAFEGUARDING_LEAD).email, world.user(Role.SUPERVISOR).email]
    )
    assert email.subject == "PeerPath: a safeguarding concern needs your attention"
    assert f"http://testserver/safeguarding/{concern.pk}/" in email.body
    # Nothing personal goes by email: not the person, not what was said, not who raised it.
    for personal in ("Alex", "Morgan", "bank card", "financial", "Peer support worker"):
        assert personal not in email.subject + email.body

    for role in (Role.SAFEGUARDING_LEAD, Role.SUPERVISOR):
        queue = client_for(role).get("/safeguarding/")
        assert f'href="/safeguarding/{concern.pk}/"' in queue.content.decode()
        detail = text(client_for(role).get(f"/safeguarding/{concern.pk}/"))
        assert WHAT_WAS_SAID in detail and "Record the outcome and close" in detail

    created = AuditEvent.objects.get(
        object_type="governance.safeguardingconcern", action=AuditAction.CREATE
    )
    assert created.person_id == world.person.pk
    assert world.user(Role.SAFEGUARDING_LEAD).email in created.reason
    read = AuditEvent.objects.filter(
        object_type="governance.safeguardingconcern",
        action=AuditAction.VIEW,
        object_id=str(concern.pk),
    )
    # Each of the two listed it in the queue and opened it: four reads, each naming Alex.
    assert read.count() == 4 and {e.person_id for e in read} == {world.person.pk}
    assert read.filter(reason="listed").count() == 2


@pytest.mark.hazard("H2")
def test_without_a_safeguarding_lead_the_concern_is_saved_and_the_page_says_to_phone(
    caseload_world: Any, client_for: Any
) -> None:
    world = caseload_world
    Membership.objects.filter(organisation=world.organisation, role=Role.SAFEGUARDING_LEAD).delete()
    psw = client_for(Role.PSW)
    response = psw.post(f"/people/{world.person.pk}/concerns/new/", concern_data())
    run_jobs()
    concern = SafeguardingConcern.objects.exclude(pk=world.concern.pk).get()
    assert concern.lead is None
    assert concern.supervisor == world.user(Role.SUPERVISOR)
    page = text(psw.get(response["Location"]))
    assert "No safeguarding lead is set up" in page
    assert "Phone your organisation's safeguarding team now" in page
    assert "no safeguarding lead is set up in PeerPath" in page  # the message after saving
    [email] = mail.outbox
    assert email.to == [world.user(Role.SUPERVISOR).email]
    assert AuditEvent.objects.get(
        object_type="governance.safeguardingconcern", action=AuditAction.CREATE
    ).reason.startswith("no safeguarding lead set up")


def test_the_lead_is_from_the_persons_team_first_and_the_supervisor_from_the_raisers(
    caseload_world: Any,
) -> None:
    world = caseload_world
    other_team = world.peers["psw in another team"].memberships.get().team
    northfield_person = person_with_worker(
        world, "Nia North", world.peers["psw in another team"], other_team
    )
    # Nobody leads safeguarding in Northfield: any lead in the organisation.
    assert selectors.safeguarding_lead_for(northfield_person) == world.user(Role.SAFEGUARDING_LEAD)
    northfield_lead = MembershipFactory(
        organisation=world.organisation, role=Role.SAFEGUARDING_LEAD, team=other_team
    ).user
    assert selectors.safeguarding_lead_for(northfield_person) == northfield_lead
    assert selectors.safeguarding_lead_for(world.person) == world.user(Role.SAFEGUARDING_LEAD)
    # The raiser's own supervisor, through their PSW membership's team...
    assert (
        selectors.supervisor_for(world.peers["psw in another team"], world.person)
        == world.peers["supervisor of another team"]
    )
    # ...else the person's team's supervisor.
    assert (
        selectors.supervisor_for(world.user(Role.SUPERVISOR), northfield_person)
        == (world.peers["supervisor of another team"])
    )


@pytest.mark.hazard("H2")
def test_a_concern_cannot_be_closed_without_an_outcome(
    caseload_world: Any, client_for: Any
) -> None:
    world = caseload_world
    lead = client_for(Role.SAFEGUARDING_LEAD)
    for empty in ("", "   "):
        response = lead.post(f"/safeguarding/{world.concern.pk}/close/", {"outcome": empty})
        assert response.status_code == 400
        assert "Enter the outcome before closing the concern" in text(response)
    world.concern.refresh_from_db()
    assert world.concern.status == "open" and world.concern.closed_at is None

    response = lead.post(
        f"/safeguarding/{world.concern.pk}/close/",
        {"outcome": "Referred to adult social care; Alex's bank has secured the account."},
    )
    assert response.status_code == 302
    world.concern.refresh_from_db()
    assert world.concern.status == "closed"
    assert world.concern.closed_by == world.user(Role.SAFEGUARDING_LEAD)
    assert world.concern.outcome.startswith("Referred to adult social care")
    closed = AuditEvent.objects.get(
        object_type="governance.safeguardingconcern", action=AuditAction.UPDATE
    )
    assert closed.person_id == world.person.pk
    page = text(lead.get(f"/safeguarding/{world.concern.pk}/"))
    assert "Alex's bank has secured the account" in page
    assert "Record the outcome and close" not in page
    # Closing again changes nothing.
    lead.post(f"/safeguarding/{world.concern.pk}/close/", {"outcome": "Another outcome"})
    world.concern.refresh_from_db()
    assert world.concern.outcome.startswith("Referred to adult social care")


@pytest.mark.hazard("H2")
def test_the_database_refuses_a_closed_concern_with_no_outcome(caseload_world: Any) -> None:
    world = caseload_world
    with pytest.raises(IntegrityError), transaction.atomic():
        SafeguardingConcern.objects.filter(pk=world.concern.pk).update(status="closed", outcome="")
    with pytest.raises(Exception, match="outcome"):
        services.concern_close(concern=world.concern, outcome=" ", by=world.user(Role.SUPERVISOR))


def test_a_psw_cannot_close_a_concern_but_the_supervisor_can(
    caseload_world: Any, client_for: Any
) -> None:
    world = caseload_world
    psw = client_for(Role.PSW)
    assert (
        psw.post(f"/safeguarding/{world.concern.pk}/close/", {"outcome": "Sorted"}).status_code
        == 403
    )
    page = text(psw.get(f"/safeguarding/{world.concern.pk}/"))
    assert "The safeguarding lead or supervisor will record the outcome" in page
    assert "Record the outcome and close" not in page
    world.concern.refresh_from_db()
    assert world.concern.status == "open"
    supervisor = client_for(Role.SUPERVISOR)
    assert (
        supervisor.post(
            f"/safeguarding/{world.concern.pk}/close/",
            {"outcome": "Talked with Alex and the bank."},
        ).status_code
        == 302
    )
    world.concern.refresh_from_db()
    assert world.concern.status == "closed"


def test_each_role_sees_only_its_concerns(caseload_world: Any, client_for: Any) -> None:
    world = caseload_world
    same_team_psw = world.peers["psw in the same team"]
    north_psw = world.peers["psw in another team"]
    north_team = north_psw.memberships.get().team
    by_colleague = raise_concern(
        world, person_with_worker(world, "Cal Colleague", same_team_psw, world.team), same_team_psw
    )
    in_north = raise_concern(
        world, person_with_worker(world, "Nia North", north_psw, north_team), north_psw
    )
    elsewhere_person = Person.objects.create(
        organisation=world.other_organisation, team=world.other_team, full_name="Eve East"
    )
    elsewhere = raise_concern(world, elsewhere_person, world.user(OUTSIDER))
    mine = world.concern

    def visible(user: Any, roles: set[Role], organisation: Any = None) -> set[int]:
        actor = Actor(user, organisation or world.organisation, roles=frozenset(roles))
        found = selectors.concerns_visible_to(actor=actor)
        return set(found.values_list("pk", flat=True))

    assert visible(world.user(Role.SAFEGUARDING_LEAD), {Role.SAFEGUARDING_LEAD}) == {
        mine.pk,
        by_colleague.pk,
        in_north.pk,
    }
    assert visible(world.user(Role.PSW), {Role.PSW}) == {mine.pk}
    assert visible(same_team_psw, {Role.PSW}) == {by_colleague.pk}
    assert visible(world.user(Role.SUPERVISOR), {Role.SUPERVISOR}) == {mine.pk, by_colleague.pk}
    assert visible(world.peers["supervisor of another team"], {Role.SUPERVISOR}) == {in_north.pk}
    assert visible(world.user(Role.TRAINER), {Role.TRAINER}) == set()
    assert visible(world.user(OUTSIDER), set(Role), world.other_organisation) == {elsewhere.pk}

    # The same through the pages: the queue lists them, other people's detail pages are 404.
    psw = client_for(Role.PSW)
    queue = psw.get("/safeguarding/").content.decode()
    assert f"/safeguarding/{mine.pk}/" in queue and f"/safeguarding/{by_colleague.pk}/" not in queue
    assert psw.get(f"/safeguarding/{by_colleague.pk}/").status_code == 404
    lead_queue = client_for(Role.SAFEGUARDING_LEAD).get("/safeguarding/").content.decode()
    for concern in (mine, by_colleague, in_north):
        assert f"/safeguarding/{concern.pk}/" in lead_queue
    assert f"/safeguarding/{elsewhere.pk}/" not in lead_queue
    outsider = client_for(OUTSIDER)
    assert outsider.get(f"/safeguarding/{mine.pk}/").status_code == 404
    assert f"/safeguarding/{mine.pk}/" not in outsider.get("/safeguarding/").content.decode()
    assert client_for(Role.CARER).get("/safeguarding/").status_code == 403


def test_the_queue_puts_open_and_urgent_first_and_pages(
    caseload_world: Any, client_for: Any
) -> None:
    world = caseload_world
    psw = world.user(Role.PSW)
    urgent = raise_concern(world, world.person, psw, immediacy="immediate")
    closed = raise_concern(world, world.person, psw, immediacy="immediate")
    services.concern_close(concern=closed, outcome="Resolved", by=world.user(Role.SUPERVISOR))
    lead_actor = actor_for(world.user(Role.SAFEGUARDING_LEAD), world.organisation)
    queue = list(selectors.concern_queue(actor=lead_actor))
    assert [c.pk for c in queue] == [urgent.pk, world.concern.pk]
    # Closed concerns are read on their own (issue 14): below the open ones on "All", and
    # on "Closed only".
    assert [c.pk for c in selectors.closed_concerns(actor=lead_actor)] == [closed.pk]
    assert [c.pk for c in selectors.concern_queue(actor=lead_actor, status="closed")] == [closed.pk]
    for _ in range(25):
        raise_concern(world, world.person, psw, immediacy="soon")
    lead = client_for(Role.SAFEGUARDING_LEAD)
    first = text(lead.get("/safeguarding/"))
    assert "Page 1 of 2" in first and "Someone is in immediate danger" in first
    assert "Recently closed" in first
    second = lead.get("/safeguarding/?page=2").content.decode()
    assert f"/safeguarding/{closed.pk}/" in second.split('id="recently-closed"')[1]
    assert f"/safeguarding/{closed.pk}/" not in second.split('id="recently-closed"')[0]
    only_closed = lead.get("/safeguarding/?status=closed").content.decode()
    assert f"/safeguarding/{closed.pk}/" in only_closed
    assert f"/safeguarding/{urgent.pk}/" not in only_closed


def test_the_queue_page_does_not_grow_with_concerns_open_or_closed(
    caseload_world: Any, client_for: Any
) -> None:
    """Issue 14: a page of open concerns and the ten most recently closed, whatever the
    number of concerns ever raised; every concern on the page is audited in one insert."""
    from peerpath.caseload.tests.growth import count

    world = caseload_world
    psw = world.user(Role.PSW)
    lead = client_for(Role.SAFEGUARDING_LEAD)
    small = count(lead, "/safeguarding/")
    for n in range(30):
        concern = raise_concern(world, world.person, psw, immediacy="soon")
        if n % 2:
            services.concern_close(
                concern=concern, outcome="Resolved", by=world.user(Role.SUPERVISOR)
            )
    assert count(lead, "/safeguarding/") == small
    page = lead.get("/safeguarding/").content.decode()
    recent = page.split('id="recently-closed"')[1]
    assert len(re.findall(r'href="/safeguarding/\d+/"', recent)) == selectors.RECENTLY_CLOSED


def test_raised_from_a_record_is_kept_only_if_it_is_this_persons(
    caseload_world: Any, client_for: Any
) -> None:
    world = caseload_world
    other = Person.objects.create(
        organisation=world.organisation, team=world.team, full_name="Sam Other"
    )
    psw = client_for(Role.PSW)
    url = f"/people/{world.person.pk}/concerns/new/"
    form = text(psw.get(url, {"from": f"contacts.contactnote:{world.note.pk}"}))
    assert "Raised from: Contact note: One-to-one on" in form
    psw.post(f"{url}?from=contacts.contactnote:{world.note.pk}", concern_data())
    psw.post(f"{url}?from=caseload.person:{other.pk}", concern_data())
    psw.post(f"{url}?from=accounts.user:1", concern_data())
    sources = list(
        SafeguardingConcern.objects.exclude(pk=world.concern.pk)
        .order_by("pk")
        .values_list("raised_from", flat=True)
    )
    assert sources == [
        f"contacts.contactnote:{world.note.pk}",
        f"caseload.person:{world.person.pk}",
        f"caseload.person:{world.person.pk}",
    ]


def test_a_concern_form_with_mistakes_explains_them_and_saves_nothing(
    caseload_world: Any, client_for: Any
) -> None:
    world = caseload_world
    response = client_for(Role.PSW).post(
        f"/people/{world.person.pk}/concerns/new/", concern_data(abuse_type="", what_was_said="")
    )
    assert response.status_code == 400
    page = text(response)
    assert "Choose the type of abuse or neglect" in page and "Enter what was said" in page
    assert SafeguardingConcern.objects.count() == 1


def test_home_page_selectors_count_and_list_open_concerns(
    caseload_world: Any, django_assert_num_queries: Any
) -> None:
    world = caseload_world
    other = Person.objects.create(
        organisation=world.organisation, team=world.team, full_name="Sam Other"
    )
    raise_concern(world, world.person, world.user(Role.PSW))
    closed = raise_concern(world, world.person, world.user(Role.PSW))
    services.concern_close(concern=closed, outcome="Resolved", by=world.user(Role.SUPERVISOR))
    with django_assert_num_queries(1):
        counts = selectors.open_concern_counts([world.person.pk, other.pk])
    assert counts == {world.person.pk: 2}
    assert selectors.open_concern_counts([]) == {}
    open_for_psw = selectors.open_concerns_for(
        actor=Actor(world.user(Role.PSW), world.organisation, roles=frozenset({Role.PSW}))
    )
    assert closed.pk not in {c.pk for c in open_for_psw} and open_for_psw.count() == 2
    assert not selectors.open_concerns_for(
        actor=Actor(
            world.peers["psw in the same team"], world.organisation, roles=frozenset({Role.PSW})
        )
    ).exists()
