"""The person's own sharing controls (/my/sharing/) and their disclosures page: what is
shared with whom, since when, who agreed it; sharing more and stopping, taking effect on
the carer's next request; disclosures shown unless withheld with a reason."""

from typing import Any

import pytest
from django.test import Client

from peerpath.caseload.models import FamilyMember, Person
from peerpath.core.models import AuditAction, AuditEvent
from peerpath.core.roles import Role
from peerpath.governance.models import Disclosure, SharingConsent
from peerpath.governance.sharing import may_share
from peerpath.governance.tests.factories import DisclosureFactory, SharingConsentFactory
from peerpath.governance.tests.helpers import CANARY, write_version
from peerpath.tests.pages import text, words


@pytest.fixture
def alex(caseload_world: Any) -> Client:
    """The world's person, signed in with their own account."""
    user = caseload_world.user(Role.PERSON)
    Person.objects.filter(pk=caseload_world.person.pk).update(user=user)
    client = Client()
    client.force_login(user)
    return client


def test_the_sharing_page_says_what_is_shared_with_whom_since_when_and_who_agreed(
    caseload_world: Any, alex: Client
) -> None:
    page = words(alex.get("/my/sharing/"))
    assert "Jo Morgan" in page
    assert "Your crisis plan" in page
    assert "You agreed this with Peer support worker Riverside." in page
    assert "Stop sharing your crisis plan with Jo Morgan" in page
    assert "Share something with Jo Morgan" in page
    assert AuditEvent.objects.filter(
        person_id=caseload_world.person.pk,
        by_subject=True,
        reason="their own sharing with family and carers",
    ).exists()


def test_another_persons_consent_or_family_member_is_not_found(
    caseload_world: Any, alex: Client
) -> None:
    other: Any = SharingConsentFactory(
        person__organisation=caseload_world.organisation, person__team=caseload_world.team
    )
    assert alex.get(f"/my/sharing/{other.pk}/stop/").status_code == 404
    assert alex.post(f"/my/sharing/{other.pk}/stop/").status_code == 404
    assert SharingConsent.objects.get(pk=other.pk).withdrawn_at is None
    assert alex.get(f"/my/sharing/family/{other.recipient.pk}/share/").status_code == 404


def test_staff_and_carers_cannot_open_the_persons_sharing_pages(
    caseload_world: Any, client_for: Any
) -> None:
    for role in (Role.PSW, Role.CARER, Role.SUPERVISOR):
        assert client_for(role).get("/my/sharing/").status_code == 403


def test_stopping_asks_first_then_the_carer_loses_it_on_the_next_request(
    caseload_world: Any, alex: Client, client_for: Any
) -> None:
    world = caseload_world
    write_version(world, "crisis_plan", {"warning_signs": f"Stops answering {CANARY}"})
    carer = client_for(Role.CARER)
    shared_url = f"/shared-with-me/{world.family_member.pk}/"
    assert CANARY in text(carer.get(shared_url))

    confirm = text(alex.get(f"/my/sharing/{world.consent.pk}/stop/"))
    assert "Stop sharing your crisis plan with Jo Morgan?" in confirm
    assert "you do not need to give a reason" in confirm
    assert SharingConsent.objects.get(pk=world.consent.pk).withdrawn_at is None

    response = alex.post(f"/my/sharing/{world.consent.pk}/stop/")
    assert response.status_code == 302
    consent = SharingConsent.objects.get(pk=world.consent.pk)
    assert consent.withdrawn_by == world.user(Role.PERSON)
    assert not may_share(world.person, world.family_member, "crisis_plan")
    after = text(carer.get(shared_url))
    assert CANARY not in after and "Crisis plan" not in after
    assert CANARY not in text(carer.get(f"/shared-with-me/{world.family_member.pk}/print/"))
    event = AuditEvent.objects.get(
        object_type="governance.sharingconsent", action=AuditAction.UPDATE
    )
    assert event.by_subject and event.actor_id == world.user(Role.PERSON).pk
    # Sending it again changes nothing and says so kindly.
    assert alex.post(f"/my/sharing/{world.consent.pk}/stop/").status_code == 302
    assert "You are not sharing this any more" in text(
        alex.get(f"/my/sharing/{world.consent.pk}/stop/")
    )


def test_the_person_shares_more_and_the_carer_sees_it_at_once(
    caseload_world: Any, alex: Client, client_for: Any
) -> None:
    world = caseload_world
    url = f"/my/sharing/family/{world.family_member.pk}/share/"
    form = text(alex.get(url))
    assert "Recovery goals" in form and "Crisis plan" not in form  # already shared
    refused = alex.post(url, {"scopes": []})
    assert refused.status_code == 400
    assert "Choose at least one thing to share" in text(refused)
    assert alex.post(url, {"scopes": ["goals"]}).status_code == 302
    granted = SharingConsent.objects.get(recipient=world.family_member, scope="goals")
    assert granted.granted_by == world.user(Role.PERSON)
    assert "Go back to college" in text(
        client_for(Role.CARER).get(f"/shared-with-me/{world.family_member.pk}/")
    )
    assert "You chose this." in words(alex.get("/my/sharing/"))


def test_disclosures_are_shown_unless_withheld_with_a_reason(
    caseload_world: Any, alex: Client, client_for: Any
) -> None:
    world = caseload_world
    hidden: Any = DisclosureFactory(
        person=world.person, told_whom="Police liaison", what_was_shared="CANARY-withheld"
    )
    page = text(alex.get("/my/sharing/disclosures/"))
    assert "Adult social care duty team" in page and "To prevent serious harm" in page
    assert "CANARY-withheld" in page

    lead = client_for(Role.SUPERVISOR)
    url = f"/people/{world.person.pk}/disclosures/{hidden.pk}/withhold/"
    assert lead.get(url).status_code == 200
    saved = lead.post(url, {"reason": "It would name a neighbour at risk", "version": 1})
    assert saved.status_code == 302
    assert (
        Disclosure.objects.get(pk=hidden.pk).withheld_from_person
        == "It would name a neighbour at risk"
    )
    assert AuditEvent.objects.filter(
        reason="disclosure withheld from the person: It would name a neighbour at risk"
    ).exists()
    page = text(alex.get("/my/sharing/disclosures/"))
    assert "CANARY-withheld" not in page
    assert "Adult social care duty team" in page
    staff_page = text(lead.get(f"/people/{world.person.pk}/disclosures/"))
    assert "No: It would name a neighbour at risk" in staff_page
    # A PSW may not withhold; another person's disclosure is a 404.
    assert client_for(Role.PSW).get(url).status_code == 403
    other: Any = DisclosureFactory(person__organisation=world.organisation, person__team=world.team)
    assert (
        lead.get(f"/people/{world.person.pk}/disclosures/{other.pk}/withhold/").status_code == 404
    )


def test_a_stale_withholding_is_refused_and_changes_nothing(
    caseload_world: Any, client_for: Any
) -> None:
    """Two supervisors open the same disclosure; the second to save is told, and does not
    silently show or hide it again."""
    world = caseload_world
    disclosure = world.disclosure
    url = f"/people/{world.person.pk}/disclosures/{disclosure.pk}/withhold/"
    first, second = client_for(Role.SUPERVISOR), client_for(Role.SAFEGUARDING_LEAD)
    opened = disclosure.version
    saved = first.post(url, {"reason": "It would name a neighbour", "version": opened})
    assert saved.status_code == 302
    assert Disclosure.objects.get(pk=disclosure.pk).version == opened + 1
    updates = AuditEvent.objects.filter(action=AuditAction.UPDATE, object_id=str(disclosure.pk))
    events = updates.count()
    stale = second.post(url, {"reason": "", "version": opened})
    assert stale.status_code == 400
    page = words(stale)
    assert "Someone else saved whether the person sees this disclosure" in page
    assert "Nothing has been overwritten" in page
    after = Disclosure.objects.get(pk=disclosure.pk)
    assert after.withheld_from_person == "It would name a neighbour"
    assert after.version == opened + 1
    assert updates.count() == events


def test_the_sharing_page_runs_the_same_queries_however_many_family_and_consents(
    caseload_world: Any, alex: Client, django_assert_num_queries: Any
) -> None:
    world = caseload_world
    alex.get("/my/sharing/")  # warm the session and caches
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as few:
        alex.get("/my/sharing/")
    for n in range(4):
        member = FamilyMember.objects.create(
            organisation=world.organisation,
            person=world.person,
            name=f"Friend {n}",
            relationship="friend",
        )
        for scope in ("goals", "appointments"):
            SharingConsentFactory(person=world.person, recipient=member, scope=scope)
    with django_assert_num_queries(len(few.captured_queries)):
        assert alex.get("/my/sharing/").status_code == 200
