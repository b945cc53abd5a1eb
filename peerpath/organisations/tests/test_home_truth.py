"""Home truth for the organisation admin: the numbers on their home page agree with the
pages they summarise (People, Teams, Invitations not accepted), fetched as the same admin,
on the seeded demo and on a new organisation whose only member is its first admin."""

import re
from typing import Any

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.test import Client

from peerpath.core.roles import Role
from peerpath.nonprod.demo import DEMO_USERS
from peerpath.organisations.models import Membership
from peerpath.organisations.tests.factories import OrganisationFactory
from peerpath.tests.pages import Node, home_section, parse

pytestmark = pytest.mark.django_db


def read(client: Client, url: str) -> Node:
    response = client.get(url)
    assert response.status_code == 200, f"{url} answered {response.status_code}"
    return parse(response)


def number(pattern: str, text: str) -> int:
    found = re.search(pattern, text)
    assert found, f"{pattern!r} not in {text!r}"
    value = next(g for g in found.groups() if g is not None)
    return 0 if value in ("No", "no") else int(value)


def check_admin_home(client: Client) -> tuple[int, int, int]:
    summary = home_section(read(client, "/"), Role.ORG_ADMIN.value).text
    people = number(r"(\d+) (?:person|people) with roles", summary)
    teams = number(r"(?:in (\d+) teams?|and (no) teams yet)\.", summary)
    waiting = number(r"(No|\d+) invitations? (?:are waiting|not accepted)", summary)

    people_page = read(client, "/manage/people/").find("main")
    assert number(r"(\d+) (?:person|people) with roles here", people_page.text) == people
    rows = people_page.table_rows()
    assert len(rows) == min(people, 25)  # the first page of the list

    teams_page = read(client, "/manage/teams/").find("main")
    if teams:
        assert len(teams_page.table_rows()) == teams
    else:
        assert "No teams yet." in teams_page.text

    invitations_page = read(client, "/manage/invitations/").find("main")
    if waiting:
        assert len(invitations_page.table_rows()) == waiting
    else:
        assert "Everyone you invited has accepted." in invitations_page.text
    return people, teams, waiting


def test_the_demo_admins_home_agrees_with_people_teams_and_invitations() -> None:
    call_command("seed_demo_data", verbosity=0)
    admin = get_user_model().objects.get(email=DEMO_USERS[0].email)
    client = Client()
    client.force_login(admin)
    people, teams, _ = check_admin_home(client)
    # Everyone with a role there: the demo log-ins and anyone invited who has not accepted.
    assert people == (
        Membership.objects.filter(organisation__name=DEMO_USERS[0].organisation)
        .values("user")
        .distinct()
        .count()
    )
    assert people >= sum(d.organisation == DEMO_USERS[0].organisation for d in DEMO_USERS)
    assert teams == 2


def test_a_new_organisations_first_admin_sees_themselves_and_nothing_else(world: Any) -> None:
    organisation: Any = OrganisationFactory(name="Northgate Peer Network", slug="northgate")
    admin = world.user(Role.ORG_ADMIN)
    Membership.objects.filter(user=admin).delete()
    Membership.objects.create(user=admin, organisation=organisation, role=Role.ORG_ADMIN)
    client = Client()
    client.force_login(admin)
    assert check_admin_home(client) == (1, 0, 0)
