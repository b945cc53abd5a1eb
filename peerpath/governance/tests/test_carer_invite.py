"""Staff give a family member a carer account linked to the person, once the person's
consent to share with them is recorded (issue 9, item 7)."""

from typing import Any

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.test import Client
from django.urls import reverse

from peerpath.caseload.models import FamilyMember
from peerpath.core.models import AuditEvent
from peerpath.core.roles import Role
from peerpath.governance.tests.helpers import consent, invite_url
from peerpath.jobs.testing import run_jobs
from peerpath.organisations.models import Membership
from peerpath.tests.pages import text

pytestmark = pytest.mark.django_db


def brother(world: Any, email: str = "chris.morgan@example.org") -> FamilyMember:
    return FamilyMember.objects.create(
        organisation=world.organisation,
        person=world.person,
        name="Chris Morgan",
        relationship="brother",
        is_carer=True,
        email=email,
    )


def test_the_family_panel_offers_a_carer_account(caseload_world: Any, client_for: Any) -> None:
    member = brother(caseload_world)
    page = client_for(Role.PSW).get(
        reverse("workspace:person-detail", kwargs={"person": caseload_world.person.pk})
    )
    assert invite_url(member) in page.content.decode()


@pytest.mark.hazard("H4")
def test_no_carer_account_before_the_persons_consent_is_recorded(
    caseload_world: Any, client_for: Any
) -> None:
    member = brother(caseload_world)
    psw = client_for(Role.PSW)
    page = text(psw.get(invite_url(member)))
    assert "Record Alex's consent to share with Chris Morgan first" in page
    grant = reverse("governance:consent-grant", kwargs={"person": caseload_world.person.pk})
    assert f"{grant}?recipient={member.pk}" in page
    response = psw.post(invite_url(member), {"email": "chris.morgan@example.org"})
    assert response.status_code == 409
    assert not get_user_model().objects.filter(email="chris.morgan@example.org").exists()
    assert mail.outbox == []


@pytest.mark.hazard("H4")
def test_with_consent_staff_invite_the_carer_who_then_sees_only_what_is_shared(
    caseload_world: Any, client_for: Any
) -> None:
    world = caseload_world
    member = brother(world)
    consent(world, member, "goals")
    supervisor = client_for(Role.SUPERVISOR)
    page = text(supervisor.get(invite_url(member)))
    assert "Recovery goals" in page  # what they will see
    response = supervisor.post(invite_url(member), {"email": "chris.morgan@example.org"})
    run_jobs()
    assert response.status_code == 302
    member.refresh_from_db()
    user = get_user_model().objects.get(email="chris.morgan@example.org")
    assert member.user == user and user.full_name == "Chris Morgan"
    roles = set(Membership.objects.filter(user=user).values_list("role", flat=True))
    assert roles == {Role.CARER}
    assert len(mail.outbox) == 1 and mail.outbox[0].to == ["chris.morgan@example.org"]
    assert "Alex" not in mail.outbox[0].body  # nothing about the person by email
    assert AuditEvent.objects.filter(
        person_id=world.person.pk, object_type="caseload.familymember", reason__contains="carer"
    ).exists()
    after = text(
        supervisor.get(reverse("workspace:person-detail", kwargs={"person": world.person.pk}))
    )
    assert "Chris Morgan has a PeerPath account" in after

    carer = Client()
    carer.force_login(user)
    home = text(carer.get(reverse("workspace:home")))
    assert "Recovery goals" in home
    shared = text(carer.get(reverse("governance:shared-detail", kwargs={"pk": member.pk})))
    assert "Go back to college" in shared  # the shared goal
    assert "Crisis plan" not in shared  # shared with Jo, not with Chris


def test_an_existing_carer_account_is_linked_without_a_new_invitation(
    caseload_world: Any, client_for: Any
) -> None:
    world = caseload_world
    existing = world.user(Role.CARER)  # already a carer here (Jo Morgan's account)
    member = brother(world, email=existing.email)
    consent(world, member)
    response = client_for(Role.PSW).post(invite_url(member), {"email": existing.email})
    assert response.status_code == 302
    member.refresh_from_db()
    assert member.user == existing
    assert mail.outbox == []


def test_someone_off_the_caseload_cannot_invite_and_an_account_is_not_given_twice(
    caseload_world: Any, client_for: Any
) -> None:
    world = caseload_world
    member = brother(world)
    consent(world, member)
    other = Client()
    other.force_login(world.peers["psw in another team"])
    assert other.get(invite_url(member)).status_code == 404
    assert other.post(invite_url(member), {"email": "x@example.org"}).status_code == 404
    assert client_for(Role.CARER).get(invite_url(member)).status_code == 403
    linked = world.family_member  # Jo Morgan, linked already
    page = text(client_for(Role.PSW).get(invite_url(linked)))
    assert "Jo Morgan already has a PeerPath account" in page
    response = client_for(Role.PSW).post(invite_url(linked), {"email": "new@example.org"})
    assert response.status_code == 409
    assert not get_user_model().objects.filter(email="new@example.org").exists()


def test_a_bad_email_address_is_explained_next_to_the_field(
    caseload_world: Any, client_for: Any
) -> None:
    member = brother(caseload_world, email="")
    consent(caseload_world, member)
    response = client_for(Role.PSW).post(invite_url(member), {"email": "not an email"})
    assert response.status_code == 400
    assert "Enter an email address, like name@example.com" in text(response)
