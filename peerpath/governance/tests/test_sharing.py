"""Consent to share decides what a carer sees, at the moment they look (hazards H4, H8)."""

from datetime import timedelta
from typing import Any

import pytest
import time_machine
from django.test import Client
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import make_user
from peerpath.caseload.models import FamilyMember, Person
from peerpath.contacts.models import Appointment
from peerpath.core.models import AuditAction, AuditEvent, AuditOutcome
from peerpath.core.roles import Role
from peerpath.governance import services
from peerpath.governance.models import ShareScope, SharingConsent
from peerpath.governance.sharing import may_share, shared_scopes
from peerpath.organisations.tests.factories import MembershipFactory
from peerpath.recovery.models import GoalUpdate
from peerpath.tests.pages import text

from .helpers import CANARY, crawl, write_version

pytestmark = pytest.mark.django_db


def share(world: Any, *scopes: str, recipient: FamilyMember | None = None) -> None:
    services.consent_grant(
        person=world.person,
        recipient=recipient or world.family_member,
        scopes=scopes,
        by=world.user(Role.PSW),
    )


@pytest.mark.hazard("H4")
def test_withdrawing_consent_removes_the_crisis_plan_from_every_page_the_carer_can_reach(
    caseload_world: Any, client_for: Any
) -> None:
    """Acceptance 3: the very next request after withdrawal no longer shows it, anywhere."""
    world = caseload_world
    write_version(world, "crisis_plan", {"warning_signs": f"Stops answering the phone {CANARY}"})
    carer = client_for(Role.CARER)
    page_url = f"/shared-with-me/{world.family_member.pk}/"
    before = text(carer.get(page_url))
    assert CANARY in before
    assert "Samaritans: call 116 123" in before
    # The crawl finds the canary while it is shared, so a clean crawl later means something.
    assert any(CANARY in body for body in crawl(carer, "/shared-with-me/").values())

    psw = client_for(Role.PSW)
    confirm = psw.get(f"/people/{world.person.pk}/consents/{world.consent.pk}/withdraw/")
    assert "Stop sharing Alex's crisis plan with Jo Morgan?" in text(confirm)
    response = psw.post(f"/people/{world.person.pk}/consents/{world.consent.pk}/withdraw/")
    assert response.status_code == 302

    after = carer.get(page_url)
    assert after.status_code == 200
    assert CANARY not in text(after)
    assert "Crisis plan" not in text(after)
    assert "Alex has not chosen to share anything with you in PeerPath at the moment" in text(after)
    pages = crawl(carer, "/shared-with-me/")
    assert page_url in pages and "/shared-with-me/" in pages
    assert [path for path, body in pages.items() if CANARY in body] == []


def test_withdrawal_keeps_the_consent_row_and_is_audited(
    caseload_world: Any, client_for: Any
) -> None:
    world = caseload_world
    client_for(Role.PSW).post(f"/people/{world.person.pk}/consents/{world.consent.pk}/withdraw/")
    consent = SharingConsent.objects.get(pk=world.consent.pk)
    assert consent.withdrawn_at is not None
    assert consent.withdrawn_by == world.user(Role.PSW)
    assert not may_share(world.person, world.family_member, "crisis_plan")
    event = AuditEvent.objects.get(
        object_type="governance.sharingconsent", action=AuditAction.UPDATE
    )
    assert event.person_id == world.person.pk
    assert "no longer shared with Jo Morgan" in event.reason
    history = text(client_for(Role.PSW).get(f"/people/{world.person.pk}/consents/"))
    assert "Crisis plan" in history and "recorded by Peer support worker Riverside" in history


# One action on one scope: grant it, or withdraw it.
actions = st.lists(
    st.tuples(st.sampled_from(["grant", "withdraw"]), st.sampled_from(ShareScope.values)),
    max_size=12,
)


@settings(
    max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(steps=actions)
@pytest.mark.hazard("H4")
def test_may_share_is_true_exactly_when_the_last_action_for_the_scope_was_a_grant(
    caseload_world: Any, steps: list[tuple[str, str]]
) -> None:
    world = caseload_world
    psw = world.user(Role.PSW)
    # A fresh recipient for each example: earlier examples' consents do not interfere.
    recipient = FamilyMember.objects.create(
        organisation=world.organisation, person=world.person, name="Sam", relationship="friend"
    )
    start = timezone.now() + timedelta(days=1)
    expected: dict[str, bool] = dict.fromkeys(ShareScope.values, False)
    history: list[tuple[Any, dict[str, bool]]] = []
    for i, (action, scope) in enumerate(steps):
        with time_machine.travel(start + timedelta(minutes=i), tick=False):
            if action == "grant":
                services.consent_grant(
                    person=world.person, recipient=recipient, scopes=[scope], by=psw
                )
                expected[scope] = True
            else:
                current = SharingConsent.objects.filter(
                    recipient=recipient, scope=scope, withdrawn_at__isnull=True
                ).first()
                if current is not None:
                    services.consent_withdraw(consent=current, by=psw)
                expected[scope] = False
        history.append((start + timedelta(minutes=i, seconds=30), dict(expected)))
        for each in ShareScope.values:
            assert may_share(world.person, recipient, each) is expected[each]
        assert shared_scopes(recipient) == {s for s, on in expected.items() if on}
    # And looking back: the answer at each past moment is the state after that step.
    for moment, state in history:
        for each in ShareScope.values:
            assert may_share(world.person, recipient, each, at=moment) is state[each]


def test_may_share_never_crosses_people_or_organisations(caseload_world: Any) -> None:
    world = caseload_world
    other = Person.objects.create(
        organisation=world.organisation, team=world.team, full_name="Sam Other"
    )
    # Jo is Alex's family member: nothing of Sam's is shared with Jo, whatever the rows say.
    assert may_share(world.person, world.family_member, "crisis_plan")
    assert not may_share(other, world.family_member, "crisis_plan")
    assert not may_share(world.person, world.family_member, "everything")
    earlier = world.consent.granted_at - timedelta(seconds=1)
    assert not may_share(world.person, world.family_member, "crisis_plan", at=earlier)


@pytest.mark.hazard("H8")
def test_the_carer_sees_only_consented_sections_and_only_allowed_fields(
    caseload_world: Any, client_for: Any
) -> None:
    world = caseload_world
    world.goal.strengths = "CANARY-strengths"
    world.goal.why_it_matters = "CANARY-why"
    world.goal.save()
    GoalUpdate.objects.create(
        organisation=world.organisation,
        goal=world.goal,
        on=timezone.localdate(),
        text="Enrolled on the course",
        is_success=True,
    )
    Appointment.objects.create(
        organisation=world.organisation,
        person=world.person,
        worker=world.user(Role.PSW),
        starts_at=timezone.now() + timedelta(days=3),
        what="Housing meeting",
        place="Town hall",
        how_it_went="CANARY-how-it-went",
    )
    write_version(world, "recovery_plan", {"keeps_me_well": "Walking the dog"})
    carer = client_for(Role.CARER)
    url = f"/shared-with-me/{world.family_member.pk}/"

    only_crisis = text(carer.get(url))
    assert "Crisis plan" in only_crisis
    assert "Go back to college" not in only_crisis
    assert "Walking the dog" not in only_crisis
    assert "Alex has not chosen to share anything else with you" in only_crisis

    share(world, "goals", "appointments", "recovery_plan")
    page = text(carer.get(url))
    for shown in (
        "Go back to college",
        "Visit the open day",
        "Enrolled on the course",
        "Housing meeting, at Town hall",
        "Walking the dog",
        "What keeps me well day to day",
    ):
        assert shown in page
    for hidden in ("CANARY-strengths", "CANARY-why", "CANARY-how-it-went", "We talked about"):
        assert hidden not in page
    assert "Went to the open day" not in page  # progress that is not a success
    assert "Advance statement" not in page


def test_another_carers_link_is_not_found_and_reads_are_audited(
    caseload_world: Any, client_for: Any
) -> None:
    world = caseload_world
    other_carer = make_user("carer2@riverside.example", full_name="Chris Carer", totp=False)
    MembershipFactory(user=other_carer, organisation=world.organisation, role=Role.CARER)
    other_person = Person.objects.create(
        organisation=world.organisation, team=world.team, full_name="Sam Other"
    )
    theirs = FamilyMember.objects.create(
        organisation=world.organisation,
        person=other_person,
        name="Chris",
        relationship="father",
        user=other_carer,
    )
    carer = client_for(Role.CARER)
    assert carer.get(f"/shared-with-me/{theirs.pk}/").status_code == 404
    assert AuditEvent.objects.filter(
        object_type="caseload.familymember", outcome=AuditOutcome.NOT_FOUND
    ).exists()
    listing = text(carer.get("/shared-with-me/"))
    assert "Alex" in listing and "Sam Other" not in listing
    carer.get(f"/shared-with-me/{world.family_member.pk}/")
    read = AuditEvent.objects.get(
        object_type="caseload.familymember",
        outcome=AuditOutcome.ALLOWED,
        reason__startswith="shared",
    )
    assert read.person_id == world.person.pk
    assert read.reason == "shared with a carer: crisis_plan"
    assert AuditEvent.objects.filter(reason="listed for a carer", person_id=world.person.pk)


def test_a_carer_nobody_shares_with_sees_a_kind_empty_page(world: Any) -> None:
    client = Client()
    client.force_login(world.user(Role.CARER))
    page = text(client.get("/shared-with-me/"))
    assert "Nobody has shared anything with you in PeerPath yet." in page
