import re

import pytest
from django.core import mail
from django.core.management import CommandError, call_command
from django.test import Client

from peerpath.core.models import AuditAction, AuditEvent
from peerpath.core.roles import Role
from peerpath.jobs.testing import run_jobs
from peerpath.organisations.models import Membership, Organisation

pytestmark = pytest.mark.django_db


def create(**overrides: str) -> None:
    options = {
        "name": "Northgate Recovery College",
        "kind": "recovery_college",
        "admin_email": "Lead@Northgate.example",
        "admin_name": "Lee Lead",
        "base_url": "https://peerpath.example.org/",
        **overrides,
    }
    call_command(
        "create_organisation", *[f"--{k.replace('_', '-')}={v}" for k, v in options.items()]
    )


def test_create_organisation_invites_its_first_admin() -> None:
    create()
    run_jobs()
    organisation = Organisation.objects.get(name="Northgate Recovery College")
    assert organisation.slug == "northgate-recovery-college"
    membership = Membership.objects.get(organisation=organisation)
    assert (membership.user.email, membership.role) == ("lead@northgate.example", Role.ORG_ADMIN)
    [email] = mail.outbox
    assert "The PeerPath team has invited you" in email.body
    link = re.search(r"https://peerpath\.example\.org(/invitation/\S+/)", str(email.body))
    assert link is not None, email.body
    # The link is the invitation page, which welcomes the first admin by name.
    welcome = Client().get(link.group(1)).content.decode()
    assert "Welcome to PeerPath, Lee Lead" in welcome
    assert "The PeerPath team invited you to Northgate Recovery College" in welcome
    assert AuditEvent.objects.filter(
        action=AuditAction.CREATE, object_type="organisations.organisation"
    ).exists()


def test_a_duplicate_organisation_is_refused_and_nothing_is_half_made() -> None:
    create()
    with pytest.raises(CommandError, match="already exists"):
        create(admin_email="second@northgate.example")
    assert Organisation.objects.count() == 1
    assert not Membership.objects.filter(user__email="second@northgate.example").exists()
