"""The header menu: for each role, every link answers, none is refused, and it stays short."""

from typing import Any

import pytest
from django.test import Client
from django.urls import resolve

from conftest import World
from peerpath.core.access import ROLES, SIGNED_IN, policy_of
from peerpath.core.roles import Role
from peerpath.organisations.models import Membership
from peerpath.tests.pages import account_links, menu_links, parse

# The framework is loaded on every install (`import_framework`); its pages 404 without it.
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("framework")]

# The NHS.UK header shows about this many before folding the rest under "More".
LONGEST_MENU = 10


def allowed(href: str, roles: set[Role]) -> bool:
    match = resolve(href.split("#")[0])
    policy = policy_of(match.func, match.url_name, match.namespace)
    assert policy is not None, f"{href} has no access policy"
    return policy.kind == SIGNED_IN or (policy.kind == ROLES and bool(policy.roles & roles))


def check_menu(client: Client, roles: set[Role]) -> list[str]:
    home = parse(client.get("/"))
    links = menu_links(home) + account_links(home)
    hrefs = [href for _, href in links]
    assert len(hrefs) == len(set(hrefs)), f"a link appears twice: {hrefs}"
    for text, href in links:
        if href.startswith("/accounts/logout/"):
            continue
        assert allowed(href, roles), f"{text} ({href}) is refused to {roles}"
        response = client.get(href)
        assert response.status_code == 200, f"{text} ({href}) answered {response.status_code}"
    return [text for text, _ in menu_links(home)]


@pytest.mark.parametrize("role", list(Role), ids=[r.value for r in Role])
def test_every_menu_link_answers_and_none_is_refused(
    world: World, client_for: Any, role: Role
) -> None:
    menu = check_menu(client_for(role), {role})
    assert menu[0] == "Home"
    assert len(menu) <= LONGEST_MENU
    assert "Account security" not in menu  # it is with the account links, beside "Log out"


def test_someone_with_several_roles_gets_each_menu_once(world: World, client_for: Any) -> None:
    user = world.user(Role.COORDINATOR)
    for role in (Role.TRAINER, Role.TRAINEE):
        Membership.objects.create(user=user, organisation=world.organisation, role=role)
    menu = check_menu(client_for(Role.COORDINATOR), {Role.COORDINATOR, Role.TRAINER, Role.TRAINEE})
    assert {"Recruitment", "Cohorts", "Marking", "Portfolio reviews", "My training"} <= set(menu)


def test_each_role_starts_with_what_it_does_most(world: World, client_for: Any) -> None:
    def menu(role: Role) -> list[str]:
        return [text for text, _ in menu_links(parse(client_for(role).get("/")))]

    assert menu(Role.PSW)[1:4] == ["Caseload", "Referrals", "Peer groups"]
    # A PSW's portfolio is the one they kept from training: there, but last.
    assert menu(Role.PSW)[-1] == "My portfolio"
    assert menu(Role.COORDINATOR)[1:3] == ["Recruitment", "Cohorts"]
    assert menu(Role.TRAINER)[1:3] == ["Marking", "Portfolio reviews"]
    assert menu(Role.TRAINEE)[1:3] == ["My training", "My assessments"]
    assert menu(Role.SAFEGUARDING_LEAD)[1] == "Safeguarding"
    assert menu(Role.CARER) == ["Home", "Shared with me", "What I can see and why"]
    assert menu(Role.PERSON) == ["Home"]


def test_only_the_page_being_read_is_marked_current(world: World, client_for: Any) -> None:
    page = parse(client_for(Role.TRAINEE).get("/training/my/assessments/"))
    current = [
        li.text
        for li in page.find("nav", aria_label="Menu").find_all("li")
        if "nhsuk-header__navigation-item--current" in li.attrs.get("class", "")
    ]
    assert current == ["My assessments"]
