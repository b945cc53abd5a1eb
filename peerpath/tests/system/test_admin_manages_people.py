"""Journey: an organisation admin invites someone, changes their roles, and reads the audit log."""

from typing import Any

import pytest
from playwright.sync_api import Page, expect

from conftest import World
from peerpath.core.roles import Role
from peerpath.tests.system.helpers import sign_in_as

from .conftest import assert_accessible

pytestmark = [pytest.mark.system, pytest.mark.django_db(transaction=True)]


class AdminJourney:
    def __init__(self, page: Page, live_server: Any, world: World) -> None:
        self.page, self.url, self.world = page, live_server.url, world
        sign_in_as(page, live_server, world.user(Role.ORG_ADMIN))

    def visit(self, path: str, heading: str) -> None:
        self.page.goto(self.url + path)
        expect(self.page.get_by_role("heading", level=1)).to_have_text(heading)
        assert_accessible(self.page)

    def when_they_send_an_empty_invitation(self) -> None:
        self.visit("/manage/people/invite/", "Invite someone to Riverside NHS Foundation Trust")
        self.page.get_by_role("button", name="Send invitation").click()

    def then_each_problem_is_explained(self) -> None:
        summary = self.page.locator(".nhsuk-error-summary")
        expect(summary).to_contain_text("Enter the person's full name.")
        expect(summary).to_contain_text("Choose at least one role.")
        assert_accessible(self.page)

    def when_they_invite_a_new_peer_support_worker(self) -> None:
        self.page.get_by_label("Full name").fill("Morgan Ellis")
        self.page.get_by_label("Email address").fill("morgan.ellis@riverside.example")
        self.page.get_by_label("Peer support worker").check()
        self.page.get_by_label("Team", exact=True).select_option(
            label="Community Peer Support Team"
        )
        self.page.get_by_role("button", name="Send invitation").click()

    def then_the_new_person_page_shows_their_roles(self) -> None:
        expect(self.page.get_by_role("heading", level=1)).to_have_text("Morgan Ellis")
        expect(
            self.page.get_by_text("Invitation sent to morgan.ellis@riverside.example.")
        ).to_be_visible()
        expect(self.page.locator(".nhsuk-summary-list")).to_contain_text("not accepted yet")
        assert_accessible(self.page)

    def when_they_add_the_supervisor_role(self) -> None:
        self.page.get_by_label("Peer supervisor").check()
        self.page.get_by_role("button", name="Save roles").click()

    def then_the_change_is_confirmed(self) -> None:
        expect(self.page.get_by_text("Roles saved for Morgan Ellis.")).to_be_visible()
        expect(self.page.locator(".nhsuk-summary-list")).to_contain_text(
            "Peer supervisor, Peer support worker"
        )

    def and_removing_them_asks_first(self) -> None:
        self.page.get_by_role("link", name="Remove Morgan Ellis from").click()
        expect(self.page.get_by_role("heading", level=1)).to_contain_text("Remove Morgan Ellis")
        assert_accessible(self.page)
        self.page.get_by_role("link", name="No, go back").click()
        expect(self.page.get_by_role("heading", level=1)).to_have_text("Morgan Ellis")

    def and_the_audit_log_shows_what_happened(self) -> None:
        self.visit("/manage/audit/", "Audit log")
        table = self.page.locator("table")
        expect(table).to_contain_text("Create")
        expect(table).to_contain_text("roles now: Peer supervisor, Peer support worker")
        self.page.get_by_label("Action").select_option(label="Update")
        self.page.get_by_role("button", name="Search").click()
        expect(self.page.locator("table tbody tr")).to_have_count(1)
        assert_accessible(self.page)


def test_admin_invites_someone_and_manages_their_roles(
    page: Page, live_server: Any, world: World
) -> None:
    journey = AdminJourney(page, live_server, world)
    journey.visit("/manage/people/", "People in Riverside NHS Foundation Trust")
    journey.when_they_send_an_empty_invitation()
    journey.then_each_problem_is_explained()
    journey.when_they_invite_a_new_peer_support_worker()
    journey.then_the_new_person_page_shows_their_roles()
    journey.when_they_add_the_supervisor_role()
    journey.then_the_change_is_confirmed()
    journey.and_removing_them_asks_first()
    journey.visit("/manage/teams/", "Teams in Riverside NHS Foundation Trust")
    journey.visit(f"/manage/teams/{world.team.pk}/", "Community Peer Support Team")
    journey.and_the_audit_log_shows_what_happened()


def test_refusal_and_not_found_pages_are_accessible(
    page: Page, live_server: Any, world: World
) -> None:
    sign_in_as(page, live_server, world.user(Role.PSW))
    page.goto(live_server.url + "/manage/people/")
    expect(page.get_by_role("heading", level=1)).to_have_text("You cannot see this page")
    assert_accessible(page)
    page.goto(live_server.url + "/manage/teams/999/")
    expect(page.get_by_role("heading", level=1)).to_have_text("You cannot see this page")
    page.goto(live_server.url + "/no-such-page/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Page not found")
    assert_accessible(page)


def test_first_time_staff_set_up_two_factor_on_an_accessible_page(
    page: Page, live_server: Any, world: World
) -> None:
    from conftest import TEST_PASSWORD, make_user
    from peerpath.organisations.models import Membership

    newcomer = make_user("first.day@riverside.example", full_name="First Day", totp=False)
    Membership.objects.create(user=newcomer, organisation=world.organisation, role=Role.TRAINER)
    page.goto(live_server.url + "/accounts/login/")
    page.get_by_label("Email").fill(newcomer.email)
    page.get_by_label("Password").fill(TEST_PASSWORD)
    page.get_by_role("button", name="Log in").click()
    # Changing two-factor settings asks for the password again first.
    expect(page.get_by_role("heading", level=1)).to_contain_text("Confirm")
    assert_accessible(page)
    page.get_by_label("Password").fill(TEST_PASSWORD)
    page.get_by_role("button", name="Confirm").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Set up two-factor authentication")
    expect(page.get_by_role("img", name="QR code for your authenticator app")).to_be_visible()
    assert_accessible(page)
