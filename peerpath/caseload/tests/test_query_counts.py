"""The caseload, person record and supervisor pages run the same number of queries
whatever the size of the caseload or the number of contacts (issue 5, acceptance 6)."""

from datetime import timedelta
from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from peerpath.caseload.models import Person, Status
from peerpath.caseload.tests.factories import (
    PeerRelationshipFactory,
    PersonFactory,
    person_on_caseload,
)
from peerpath.contacts.tests.factories import ContactNoteFactory, SignpostFactory
from peerpath.core.roles import Role
from peerpath.governance.tests.factories import SafeguardingConcernFactory, SharingConsentFactory
from peerpath.recovery.tests.factories import GoalFactory, GoalStepFactory

pytestmark = pytest.mark.django_db
# A concern whose details do not matter to the page's query count.
UNSPECIFIED_CONCERN = {
    "abuse_type": "neglect",
    "who_is_at_risk": "-",
    "immediacy": "soon",
    "what_was_said": "-",
    "actions_taken": "-",
}


def grow(world: Any, people: int, contacts_each: int) -> None:
    """Add people to the PSW's caseload, each with goals, contacts, a follow-up and a concern."""
    psw = world.user(Role.PSW)
    today = timezone.localdate()
    service = world.signpost.service
    for n in range(people):
        person = person_on_caseload(
            world,
            f"Person {n}",
            reason="Support",
            referred_on=today - timedelta(days=60),
            first_met_on=today - timedelta(days=50),
        )
        goal = GoalFactory(person=person, in_own_words="A goal", why_it_matters="-", strengths="-")
        GoalStepFactory(goal=goal, text="A step", due_on=today)
        for c in range(contacts_each):
            ContactNoteFactory(
                person=person,
                author=psw,
                contact_on=today - timedelta(days=c),
                kind="phone",
                duration_minutes=10,
                note=f"Note {c}",
                signed=True,
            )
        SignpostFactory(person=person, service=service, by=psw, follow_up_on=today)
        SafeguardingConcernFactory(person=person, raised_by=psw, **UNSPECIFIED_CONCERN)


def count(client: Client, url: str) -> int:
    client.get(url)  # the first request of a session caches the two-factor check
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(queries)


def grow_person(world: Any, contacts: int) -> None:
    psw = world.user(Role.PSW)
    for c in range(contacts):
        note: Any = ContactNoteFactory(
            person=world.person,
            author=psw,
            kind="phone",
            duration_minutes=10,
            note=f"Extra {c}",
            signed=True,
        )
        note.goals.add(world.goal)
        GoalFactory(
            person=world.person, in_own_words=f"Goal {c}", why_it_matters="-", strengths="-"
        )


@pytest.mark.parametrize("role", [Role.PSW, Role.SUPERVISOR])
def test_the_home_page_does_not_grow_with_the_caseload(
    caseload_world: Any, client_for: Any, role: Role
) -> None:
    client = client_for(role)
    grow(caseload_world, people=1, contacts_each=1)
    small = count(client, reverse("core:home"))
    grow(caseload_world, people=12, contacts_each=4)
    assert count(client, reverse("core:home")) == small


def test_the_caseload_list_does_not_grow_with_the_caseload(
    caseload_world: Any, client_for: Any
) -> None:
    client = client_for(Role.PSW)
    grow(caseload_world, people=1, contacts_each=1)
    small = count(client, reverse("caseload:caseload"))
    grow(caseload_world, people=12, contacts_each=2)
    assert count(client, reverse("caseload:caseload")) == small


@pytest.mark.parametrize("role", [Role.PSW, Role.SUPERVISOR])
def test_the_person_record_does_not_grow_with_contacts_or_goals(
    caseload_world: Any, client_for: Any, role: Role
) -> None:
    client = client_for(role)
    url = reverse("caseload:person-detail", kwargs={"person": caseload_world.person.pk})
    grow_person(caseload_world, 1)
    small = count(client, url)
    grow_person(caseload_world, 15)
    assert count(client, url) == small


def test_everyone_the_home_page_names_is_audited_even_beyond_the_first_page(
    caseload_world: Any, client_for: Any
) -> None:
    from peerpath.caseload.home import PAGE_SIZE
    from peerpath.core.models import AuditEvent

    grow(caseload_world, people=PAGE_SIZE, contacts_each=0)
    # The last person alphabetically is on page 2 of the caseload, with a follow-up due.
    last = Person.objects.filter(full_name__startswith="Person").order_by("-full_name").first()
    assert last is not None
    page = client_for(Role.PSW).get(reverse("core:home")).content.decode()
    assert last.display_name in page  # named in "follow-ups due"
    assert AuditEvent.objects.filter(person_id=last.pk, reason="listed").exists()


# --- the home sections and lists added for issue 9 ------------------------------------------


def concerns(world: Any, n: int) -> None:
    for _ in range(n):
        person = PersonFactory(
            organisation=world.organisation, team=world.team, full_name="Someone Else"
        )
        SafeguardingConcernFactory(
            person=person,
            raised_by=world.user(Role.PSW),
            **{**UNSPECIFIED_CONCERN, "immediacy": "today"},
        )


def test_the_safeguarding_leads_home_does_not_grow_with_open_concerns(
    caseload_world: Any, client_for: Any
) -> None:
    client = client_for(Role.SAFEGUARDING_LEAD)
    small = count(client, reverse("core:home"))
    concerns(caseload_world, 25)  # more than the section lists, so the count is queried too
    assert count(client, reverse("core:home")) == small


def test_the_persons_home_does_not_grow_with_their_goals_and_appointments(
    caseload_world: Any, client_for: Any
) -> None:
    world = caseload_world
    Person.objects.filter(pk=world.person.pk).update(user=world.user(Role.PERSON))
    client = client_for(Role.PERSON)
    small = count(client, reverse("core:home"))
    grow_person(world, 10)
    assert count(client, reverse("core:home")) == small


def test_the_carers_home_does_not_grow_with_the_people_they_care_for(
    caseload_world: Any, client_for: Any
) -> None:
    world = caseload_world
    client = client_for(Role.CARER)
    small = count(client, reverse("core:home"))
    for n in range(8):
        person = PersonFactory(
            organisation=world.organisation, team=world.team, full_name=f"Cared For {n}"
        )
        SharingConsentFactory(
            person=person,
            recipient__name="Jo Morgan",
            recipient__relationship="friend",
            recipient__is_carer=False,
            recipient__user=world.user(Role.CARER),
            scope="goals",
            granted_by=world.user(Role.PSW),
        )
    assert count(client, reverse("core:home")) == small


def ended(world: Any, n: int) -> None:
    for k in range(n):
        person_on_caseload(
            world,
            f"Ended {k}",
            status=Status.ENDED,
            reason="Support",
            referred_on=timezone.localdate() - timedelta(days=90),
            ended_on=timezone.localdate(),
            ended_at=timezone.now(),
            ending_summary="A summary.",
        )


def test_the_psws_home_does_not_grow_with_recently_ended_relationships(
    caseload_world: Any, client_for: Any
) -> None:
    client = client_for(Role.PSW)
    ended(caseload_world, 1)
    small = count(client, reverse("core:home"))
    ended(caseload_world, 12)
    assert count(client, reverse("core:home")) == small


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


def test_a_leads_reading_of_the_record_does_not_grow_with_contacts_or_goals(
    caseload_world: Any, client_for: Any
) -> None:
    client = client_for(Role.SAFEGUARDING_LEAD)
    url = reverse("caseload:person-detail", kwargs={"person": caseload_world.person.pk})
    grow_person(caseload_world, 1)
    small = count(client, url)
    grow_person(caseload_world, 10)
    assert count(client, url) == small
