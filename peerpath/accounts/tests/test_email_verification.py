"""An account's email address counts as verified once an emailed link has been used, so
nobody is stuck unable to set up two-factor authentication: accounts made before this
rule (the migration), password resets (old invitation links were resets), and the demo."""

import importlib
import io
import re
from datetime import timedelta
from typing import Any

import pytest
from allauth.account.models import EmailAddress
from django.apps import apps
from django.core import mail
from django.core.management import call_command
from django.test import Client

from conftest import TEST_PASSWORD, World, make_user
from peerpath.core.models import AuditEvent
from peerpath.core.roles import Role
from peerpath.jobs.testing import run_jobs
from peerpath.nonprod.demo import DEMO_USERS
from peerpath.organisations.models import Invitation, Membership
from peerpath.organisations.services import user_invite

pytestmark = pytest.mark.django_db

NEW_PASSWORD = "lantern orchard pebble 31"


def migration(app: str, name: str) -> Any:
    return importlib.import_module(f"peerpath.{app}.migrations.{name}")


def log_in(client: Client, email: str, password: str = TEST_PASSWORD) -> Any:
    return client.post("/accounts/login/", {"login": email, "password": password})


def reset_password(email: str, password: str) -> None:
    """The password-reset journey, from the form to the emailed link."""
    run_jobs()  # emails queued before (an invitation)
    mail.outbox.clear()
    Client().post("/accounts/password/reset/", {"email": email})
    run_jobs()  # the worker sends what the page queued
    [message] = mail.outbox
    link = re.search(r"http://testserver(/accounts/password/reset/key/\S+/)", str(message.body))
    assert link is not None, message.body
    visitor = Client()
    form = visitor.get(link.group(1), follow=True)
    done = visitor.post(form.redirect_chain[-1][0], {"password1": password, "password2": password})
    assert done.status_code == 302, done.content.decode()


def test_an_account_stuck_with_an_unverified_address_can_set_up_two_factor_after_migrating(
    world: World,
) -> None:
    # The defect: a PSW who set their password from the old reset-style invitation link has
    # an unverified address (allauth records one when it makes the link's token).
    stuck = make_user("stuck@riverside.example", full_name="Stuck PSW", totp=False)
    EmailAddress.objects.create(user=stuck, email=stuck.email, verified=False, primary=False)
    Membership.objects.create(user=stuck, organisation=world.organisation, role=Role.PSW)
    client = Client()
    log_in(client, stuck.email)
    client.post("/accounts/reauthenticate/", {"password": TEST_PASSWORD})
    refused = client.get("/accounts/2fa/totp/activate/", follow=True)
    assert "verified your email address" in refused.content.decode()

    migration("accounts", "0002_verify_addresses_of_accounts_with_passwords").verify_addresses(
        apps, None
    )

    address = EmailAddress.objects.get(user=stuck)
    assert (address.verified, address.primary) == (True, True)
    setup = client.get("/accounts/2fa/totp/activate/")
    assert setup.status_code == 200
    assert "Set up two-factor authentication" in setup.content.decode()


def test_the_migration_leaves_accounts_without_a_password_unverified(world: World) -> None:
    waiting = user_invite(
        organisation=world.organisation,
        email="waiting@riverside.example",
        full_name="Waiting",
        roles={Role.PSW},
        team=None,
        by=None,
    )
    migration("accounts", "0002_verify_addresses_of_accounts_with_passwords").verify_addresses(
        apps, None
    )
    assert not EmailAddress.objects.filter(user=waiting, verified=True).exists()
    # Everyone with a password (the personas) now has a verified primary address.
    assert EmailAddress.objects.filter(user=world.user(Role.PSW), verified=True, primary=True)


def test_people_invited_before_invitations_were_recorded_are_listed_as_waiting(
    world: World, client_for: Any
) -> None:
    before = make_user("before@riverside.example", full_name="Invited Before", totp=False)
    before.set_unusable_password()
    before.save()
    Membership.objects.create(
        user=before, organisation=world.organisation, role=Role.TRAINER, team=world.team
    )
    Membership.objects.create(user=before, organisation=world.organisation, role=Role.PSW)
    record = migration("organisations", "0004_invitations_for_accounts_not_set_up")
    record.record_waiting_invitations(apps, None)
    record.record_waiting_invitations(apps, None)  # running it again adds nothing

    invitation = Invitation.objects.get(user=before)
    assert invitation.organisation == world.organisation
    assert invitation.role_labels == ["Trainer", "Peer support worker"]
    assert invitation.team == world.team
    assert invitation.expires_at - invitation.sent_at == timedelta(days=3)
    page = client_for(Role.ORG_ADMIN).get("/manage/invitations/").content.decode()
    assert "Invited Before" in page
    # The personas all have passwords: nothing recorded for them.
    assert Invitation.objects.count() == 1


def test_a_password_reset_verifies_the_address_and_still_asks_for_the_code(
    world: World,
) -> None:
    psw = world.user(Role.PSW)
    reset_password(psw.email, NEW_PASSWORD)
    address = EmailAddress.objects.get(user=psw)
    assert (address.verified, address.primary) == (True, True)
    assert AuditEvent.objects.filter(
        object_id=str(psw.pk),
        organisation_id=world.organisation.pk,
        reason="email address verified by a password-reset link",
    ).exists()
    # Two-factor authentication is still asked after the reset.
    assert log_in(Client(), psw.email, NEW_PASSWORD)["Location"] == "/accounts/2fa/authenticate/"


def test_an_old_style_invitation_link_still_gets_a_new_staff_member_in(world: World) -> None:
    """Someone invited before this change may set their password with the old link (a
    password reset): that accepts the invitation and verifies the address."""
    newcomer = user_invite(
        organisation=world.organisation,
        email="old.link@riverside.example",
        full_name="Old Link",
        roles={Role.SUPERVISOR},
        team=None,
        by=world.user(Role.ORG_ADMIN),
    )
    reset_password(newcomer.email, NEW_PASSWORD)
    invitation = Invitation.objects.get(user=newcomer)
    assert invitation.accepted_at is not None
    assert EmailAddress.objects.get(user=newcomer).verified
    client = Client()
    assert log_in(client, newcomer.email, NEW_PASSWORD)["Location"] == "/"
    assert client.get("/")["Location"] == "/accounts/2fa/totp/activate/"
    client.post("/accounts/reauthenticate/", {"password": NEW_PASSWORD})
    assert client.get("/accounts/2fa/totp/activate/").status_code == 200


def test_demo_accounts_have_verified_addresses() -> None:
    call_command("seed_demo_data", stdout=io.StringIO())
    for demo in DEMO_USERS:
        address = EmailAddress.objects.get(user__email=demo.email)
        assert (address.email, address.verified, address.primary) == (demo.email, True, True)
