"""Every page a person can open without filling a form first passes axe-core."""

from typing import Any

import pytest
from django.urls import reverse
from playwright.sync_api import Page, expect

from conftest import World
from peerpath.core.roles import Role

from .conftest import assert_accessible
from .test_admin_manages_people import sign_in_as

pytestmark = [pytest.mark.system, pytest.mark.django_db(transaction=True)]

SIGNED_OUT = [
    "account_login",
    "account_reset_password",
    "account_reset_password_done",
    "account_signup",
    "account_inactive",
    "core:accessibility",
    "core:privacy",
]
SIGNED_IN_AS_ADMIN = [
    "core:home",
    "organisations:member-list",
    "organisations:member-invite",
    "organisations:team-list",
    "core:audit-list",
    "account_email",
    "account_change_password",
    "account_logout",
    "account_reauthenticate",
    "mfa_index",
]


@pytest.mark.parametrize("name", SIGNED_OUT)
def test_signed_out_pages(page: Page, live_server: Any, name: str) -> None:
    page.goto(live_server.url + reverse(name))
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    assert_accessible(page)


@pytest.mark.parametrize("name", SIGNED_IN_AS_ADMIN)
def test_signed_in_pages(page: Page, live_server: Any, world: World, name: str) -> None:
    sign_in_as(page, live_server, world.user(Role.ORG_ADMIN))
    page.goto(live_server.url + reverse(name))
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    assert_accessible(page)


MEMBER_PAGES = [
    "organisations:member-detail",
    "organisations:member-remove",
    "organisations:member-reset-two-factor",
]


@pytest.mark.parametrize("name", MEMBER_PAGES)
def test_member_pages(page: Page, live_server: Any, world: World, name: str) -> None:
    sign_in_as(page, live_server, world.user(Role.ORG_ADMIN))
    page.goto(live_server.url + reverse(name, kwargs={"public_id": world.user(Role.PSW).public_id}))
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    assert_accessible(page)
