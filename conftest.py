"""Personas for every test: one user per role in one organisation, and an outsider.

`world` builds them; `client_for(role)` gives a Django test client signed in as that
persona. Staff personas have an authenticator set up, as PeerPath requires.
"""

import copy
import os
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

import pytest
from django.test import Client

from peerpath.accounts.tests.factories import TEST_PASSWORD, TEST_TOTP_SECRET, UserFactory
from peerpath.core.roles import STAFF_ROLES, Role
from peerpath.organisations.tests.factories import (
    MembershipFactory,
    OrganisationFactory,
    TeamFactory,
)
from peerpath.tests import databases

# The access walk's `walk_world` fixture, for every check that walks the URLs.
pytest_plugins = ("peerpath.tests.walk_world",)

__all__ = ["TEST_PASSWORD", "TEST_TOTP_SECRET", "World", "make_user"]

# Sync Playwright and the Django ORM share a thread in browser tests (STACK-NOTES).
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

OUTSIDER = "outsider"
ANONYMOUS = "anonymous"  # also the persona key of a signed-out client


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
    return UserFactory(email=email, full_name=full_name, authenticator=totp)


# On PostgreSQL the owner role creates and migrates the test database; the tests run as
# the application role, which owns nothing, as PeerPath does (peerpath/tests/databases.py,
# ADR-013). These extend pytest-django's fixtures of the same names; SQLite is unchanged.
@pytest.fixture(scope="session")
def django_db_modify_db_settings(django_db_modify_db_settings: None) -> None:
    if databases.on_postgresql():
        databases.connect_as(databases.owner_role())


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup: None, django_db_blocker: Any) -> Iterator[None]:
    if not databases.on_postgresql():
        yield
        return
    from django.db.backends.postgresql.operations import DatabaseOperations

    with django_db_blocker.unblock():
        databases.grant_application_role(databases.application_role())
    databases.connect_as(databases.application_role())
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(DatabaseOperations, "execute_sql_flush", databases.execute_sql_flush)
        yield
    databases.connect_as(databases.owner_role())  # pytest-django drops the database next


@pytest.fixture(autouse=True)
def _empty_cache() -> Any:
    """Each test starts with an empty cache: allauth keeps rate limits and used two-factor
    codes there, which would otherwise carry from one test to the next (and make a test's
    result depend on which tests ran before it)."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def world(db: Any) -> World:
    organisation = OrganisationFactory(name="Riverside NHS Foundation Trust", slug="riverside")
    other = OrganisationFactory(
        name="Eastfield Recovery College", slug="eastfield", recovery_college=True
    )
    team = TeamFactory(organisation=organisation, name="Community Peer Support Team")
    other_team = TeamFactory(organisation=other, name="Eastfield Peer Team")
    world = World(organisation, other, team, other_team)
    for role in Role:
        user = make_user(
            f"{role.value}@riverside.example",
            full_name=f"{role.label} Riverside",
            totp=role in STAFF_ROLES,
        )
        MembershipFactory(user=user, organisation=organisation, role=role, team=team)
        world.users[str(role)] = user
    # The outsider holds every role, but in the other organisation.
    outsider = make_user("outsider@eastfield.example", full_name="Olu Outsider", totp=True)
    for role in Role:
        MembershipFactory(user=outsider, organisation=other, role=role, team=other_team)
    world.users[OUTSIDER] = outsider
    return world


@pytest.fixture
def curriculum() -> dict[str, Any]:
    """The bundled competence framework data file, a fresh copy per test."""
    from peerpath.framework.services import load_data_file

    return copy.deepcopy(load_data_file())


@pytest.fixture
def framework(db: Any, curriculum: dict[str, Any]) -> Any:
    """The competence framework, imported from the bundled data file."""
    from peerpath.framework.services import framework_import

    imported, _ = framework_import(curriculum)
    return imported


@pytest.fixture
def client_for(world: World) -> Callable[["Role | str"], Client]:
    """A test client signed in as the persona (`ANONYMOUS` gives a signed-out one)."""

    def make(persona: "Role | str") -> Client:
        client = Client()
        if str(persona) != ANONYMOUS:
            client.force_login(world.user(persona))
        return client

    return make


@pytest.fixture
def caseload_world(world: World) -> Any:
    """The personas' world with a person on the PSW's caseload and one of every record
    (peerpath/caseload/tests/world.py)."""
    from peerpath.caseload.tests.world import build_caseload

    return build_caseload(world)
