"""Sign-in for people supported: the worker records the person's agreement on their record
and invites them (or links the account they already have); the record then says they can
sign in. And the way in: a passkey button and a large "Forgotten your password?" link."""

from datetime import date, timedelta
from typing import Any

from django.core import mail
from django.test import Client
from django.utils import timezone

from peerpath.accounts.models import User
from peerpath.caseload.models import Person, PortalAgreement
from peerpath.core.models import AuditAction, AuditEvent
from peerpath.core.roles import Role
from peerpath.jobs.testing import run_jobs
from peerpath.organisations.models import Membership
from peerpath.organisations.tests.helpers import accept, link_in
from peerpath.tests.pages import text, words


def agreement(email: str = "alex.morgan@example.org", **extra: str) -> dict[str, str]:
    today = timezone.localdate()
    data = {
        "email": email,
        "agreed_on_day": str(today.day),  # the NHS.UK date input's three boxes
        "agreed_on_month": str(today.month),
        "agreed_on_year": str(today.year),
        "how": "in_person",
        "note": "We looked at the app together.",
    }
    data.update(extra)
    return data


def test_the_worker_records_the_agreement_and_the_person_accepts_and_lands_home(
    caseload_world: Any, client_for: Any
) -> None:
    world = caseload_world
    psw = client_for(Role.PSW)
    url = f"/people/{world.person.pk}/portal-access/"
    assert "Alex cannot sign in to PeerPath yet." in words(psw.get(url))
    response = psw.post(url, agreement())
    assert response.status_code == 302, text(response)
    person = Person.objects.get(pk=world.person.pk)
    user = User.objects.get(email="alex.morgan@example.org")
    assert person.user == user
    assert Membership.objects.filter(user=user, role=Role.PERSON).exists()
    made = PortalAgreement.objects.get(person=person)
    assert made.how == "in_person" and made.recorded_by == world.user(Role.PSW)
    assert AuditEvent.objects.filter(
        object_type="caseload.portalagreement",
        action=AuditAction.CREATE,
        reason="agreed to sign in to PeerPath (in person); invitation sent",
    ).exists()
    since = timezone.localdate().strftime("%-d %B %Y")
    assert f"Alex can sign in to PeerPath (since {since})." in words(psw.get(url))
    assert f"Alex can sign in to PeerPath (since {since})." in words(
        psw.get(f"/people/{world.person.pk}/")
    )

    run_jobs()
    [message] = mail.outbox
    visitor = Client()
    assert accept(visitor, link_in(message))["Location"] == "/"
    home = words(visitor.get("/"))
    assert "Your recovery" in home and "Who can see my information" in home


def test_an_existing_person_account_is_linked_without_an_invitation(
    caseload_world: Any, client_for: Any
) -> None:
    world = caseload_world
    existing = world.user(Role.PERSON)
    response = client_for(Role.PSW).post(
        f"/people/{world.person.pk}/portal-access/", agreement(existing.email)
    )
    assert response.status_code == 302
    assert Person.objects.get(pk=world.person.pk).user == existing
    run_jobs()
    assert mail.outbox == []


def test_a_staff_address_or_a_second_agreement_is_refused_next_to_the_field(
    caseload_world: Any, client_for: Any
) -> None:
    world = caseload_world
    psw = client_for(Role.PSW)
    url = f"/people/{world.person.pk}/portal-access/"
    refused = psw.post(url, agreement(world.user(Role.SUPERVISOR).email))
    assert refused.status_code == 400
    assert "uses PeerPath here in another role" in text(refused)
    assert not PortalAgreement.objects.exists()
    assert Person.objects.get(pk=world.person.pk).user is None
    future = timezone.localdate() + timedelta(days=3)
    too_late = psw.post(
        url,
        agreement(
            agreed_on_day=str(future.day),
            agreed_on_month=str(future.month),
            agreed_on_year=str(future.year),
        ),
    )
    assert too_late.status_code == 400
    assert psw.post(url, agreement()).status_code == 302
    page = words(psw.get(url))
    assert "Record their agreement and invite them" not in page


def test_only_the_caseload_may_record_it(caseload_world: Any, client_for: Any) -> None:
    url = f"/people/{caseload_world.person.pk}/portal-access/"
    for role in (Role.CARER, Role.PERSON, Role.COORDINATOR):
        assert client_for(role).get(url).status_code == 403
    other = Client()
    other.force_login(caseload_world.peers["psw in another team"])
    assert other.get(url).status_code == 404


def test_the_agreement_date_is_kept_in_range_by_the_database(caseload_world: Any) -> None:
    import pytest
    from django.db import IntegrityError, transaction

    with pytest.raises(IntegrityError), transaction.atomic():
        PortalAgreement.objects.create(
            organisation=caseload_world.organisation,
            person=caseload_world.person,
            agreed_on=date(1800, 1, 1),
            how="phone",
            recorded_by=caseload_world.user(Role.PSW),
        )


def test_the_login_page_offers_a_passkey_and_a_large_forgotten_password_link(db: Any) -> None:
    page = text(Client().get("/accounts/login/"))
    assert 'id="forgotten-password"' in page and "Forgotten your password?" in page
    assert 'class="nhsuk-body-l"' in page
    assert "Sign in with a passkey" in page
    assert 'action="/accounts/2fa/webauthn/login/"' in page
    assert "/static/mfa/js/webauthn.js" in page
    reset = words(Client().get("/accounts/password/reset/"))
    assert "Forgotten your password?" in reset and "Email me a link" in reset


def test_passkey_login_is_on_and_signup_with_a_passkey_is_off(settings: Any) -> None:
    from allauth.mfa import app_settings

    assert "webauthn" in app_settings.SUPPORTED_TYPES
    assert app_settings.PASSKEY_LOGIN_ENABLED is True
    assert app_settings.PASSKEY_SIGNUP_ENABLED is False
