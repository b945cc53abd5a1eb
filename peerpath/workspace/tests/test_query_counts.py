"""The home pages and the person record run the same number of queries whatever the size
of the caseload or the number of contacts (issue 5, acceptance 6)."""

from datetime import timedelta
from typing import Any

import pytest
from django.urls import reverse
from django.utils import timezone

from peerpath.caseload.models import Person, Status
from peerpath.caseload.tests.factories import PersonFactory, person_on_caseload
from peerpath.caseload.tests.growth import UNSPECIFIED_CONCERN, count, grow
from peerpath.contacts.tests.factories import ContactNoteFactory
from peerpath.core.roles import Role
from peerpath.governance.tests.factories import SafeguardingConcernFactory, SharingConsentFactory
from peerpath.recovery.tests.factories import GoalFactory

pytestmark = pytest.mark.django_db


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
    small = count(client, reverse("workspace:home"))
    grow(caseload_world, people=12, contacts_each=4)
    assert count(client, reverse("workspace:home")) == small


@pytest.mark.parametrize("role", [Role.PSW, Role.SUPERVISOR])
def test_the_person_record_does_not_grow_with_contacts_or_goals(
    caseload_world: Any, client_for: Any, role: Role
) -> None:
    client = client_for(role)
    url = reverse("workspace:person-detail", kwargs={"person": caseload_world.person.pk})
    grow_person(caseload_world, 1)
    small = count(client, url)
    grow_person(caseload_world, 15)
    assert count(client, url) == small


# The person record's statements, counted by the test client: 5 for the request itself
# (session, user, memberships, the person, the audit insert; a page read does not write the
# session) and ONE for everything on the page: the peer support, the family and every
# panel's lists are read together (peerpath.core.together). Issue 14's goal is 12; it was
# 33 for a PSW, then 24 with a query per panel.
RECORD_STATEMENTS = {Role.PSW: 6, Role.SUPERVISOR: 6, Role.SAFEGUARDING_LEAD: 6}


@pytest.mark.parametrize("role", [Role.PSW, Role.SUPERVISOR, Role.SAFEGUARDING_LEAD])
def test_the_person_record_reads_in_a_fixed_number_of_statements(
    caseload_world: Any, client_for: Any, role: Role
) -> None:
    client = client_for(role)
    url = reverse("workspace:person-detail", kwargs={"person": caseload_world.person.pk})
    grow_person(caseload_world, 1)
    small = count(client, url)
    grow_person(caseload_world, 14)  # 15 goals and contact records
    assert count(client, url) == small == RECORD_STATEMENTS[role]


def test_everyone_the_home_page_names_is_audited_even_beyond_the_first_page(
    caseload_world: Any, client_for: Any
) -> None:
    from peerpath.core.models import AuditEvent
    from peerpath.workspace.sections import PAGE_SIZE

    grow(caseload_world, people=PAGE_SIZE, contacts_each=0)
    # The last person alphabetically is on page 2 of the caseload, with a follow-up due.
    last = Person.objects.filter(full_name__startswith="Person").order_by("-full_name").first()
    assert last is not None
    page = client_for(Role.PSW).get(reverse("workspace:home")).content.decode()
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
    small = count(client, reverse("workspace:home"))
    concerns(caseload_world, 25)  # more than the section lists, so the count is queried too
    assert count(client, reverse("workspace:home")) == small


def test_the_persons_home_does_not_grow_with_their_goals_and_appointments(
    caseload_world: Any, client_for: Any
) -> None:
    world = caseload_world
    Person.objects.filter(pk=world.person.pk).update(user=world.user(Role.PERSON))
    client = client_for(Role.PERSON)
    small = count(client, reverse("workspace:home"))
    grow_person(world, 10)
    assert count(client, reverse("workspace:home")) == small


def test_the_carers_home_does_not_grow_with_the_people_they_care_for(
    caseload_world: Any, client_for: Any
) -> None:
    world = caseload_world
    client = client_for(Role.CARER)
    small = count(client, reverse("workspace:home"))
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
    assert count(client, reverse("workspace:home")) == small


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
    small = count(client, reverse("workspace:home"))
    ended(caseload_world, 12)
    assert count(client, reverse("workspace:home")) == small


def test_a_leads_reading_of_the_record_does_not_grow_with_contacts_or_goals(
    caseload_world: Any, client_for: Any
) -> None:
    client = client_for(Role.SAFEGUARDING_LEAD)
    url = reverse("workspace:person-detail", kwargs={"person": caseload_world.person.pk})
    grow_person(caseload_world, 1)
    small = count(client, url)
    grow_person(caseload_world, 10)
    assert count(client, url) == small
