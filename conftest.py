"""Personas for every test: one user per role in one organisation, and an outsider.

`world` builds them; `client_for(role)` gives a Django test client signed in as that
persona. Staff personas have an authenticator set up, as PeerPath requires.
"""

import os
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import pytest
from allauth.mfa.totp.internal.auth import TOTP
from django.test import Client

from peerpath.core.roles import STAFF_ROLES, Role

# Sync Playwright and the Django ORM share a thread in browser tests (STACK-NOTES).
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

TEST_PASSWORD = "correct-horse-battery-staple"
TEST_TOTP_SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"
OUTSIDER = "outsider"
ANONYMOUS = "anonymous"  # also the persona key of a signed-out client
SUPERUSER = "superuser"


@dataclass
class World:
    organisation: Any
    other_organisation: Any
    team: Any
    other_team: Any
    users: dict[str, Any] = field(default_factory=dict)

    def user(self, persona: "Role | str") -> Any:
        return self.users[str(persona)]


def make_user(email: str, *, full_name: str, totp: bool) -> Any:
    from django.contrib.auth import get_user_model

    user = get_user_model().objects.create_user(
        email=email, password=TEST_PASSWORD, full_name=full_name
    )
    if totp:
        TOTP.activate(user, TEST_TOTP_SECRET)
    return user


@pytest.fixture
def world(db: Any) -> World:
    from peerpath.organisations.models import Membership, Organisation, Team

    organisation = Organisation.objects.create(
        name="Riverside NHS Foundation Trust", slug="riverside", kind="nhs_trust"
    )
    other = Organisation.objects.create(
        name="Eastfield Recovery College", slug="eastfield", kind="recovery_college"
    )
    team = Team.objects.create(organisation=organisation, name="Community Peer Support Team")
    other_team = Team.objects.create(organisation=other, name="Eastfield Peer Team")
    world = World(organisation, other, team, other_team)
    for role in Role:
        user = make_user(
            f"{role.value}@riverside.example",
            full_name=f"{role.label} Riverside",
            totp=role in STAFF_ROLES,
        )
        Membership.objects.create(user=user, organisation=organisation, role=role, team=team)
        world.users[str(role)] = user
    # The outsider holds every role, but in the other organisation.
    outsider = make_user("outsider@eastfield.example", full_name="Olu Outsider", totp=True)
    for role in Role:
        Membership.objects.create(user=outsider, organisation=other, role=role, team=other_team)
    world.users[OUTSIDER] = outsider
    superuser = make_user("root@peerpath.example", full_name="Platform Operator", totp=True)
    superuser.is_staff = superuser.is_superuser = True
    superuser.save(update_fields=["is_staff", "is_superuser"])
    world.users[SUPERUSER] = superuser
    return world


@pytest.fixture
def client_for(world: World) -> Callable[["Role | str"], Client]:
    """A test client signed in as the persona (`ANONYMOUS` gives a signed-out one)."""

    def make(persona: "Role | str") -> Client:
        client = Client()
        if str(persona) != ANONYMOUS:
            client.force_login(world.user(persona))
        return client

    return make
