"""Journey from the seeded demo, moving only by clicking (issue 9, check 4): the admin of
Eastfield Recovery College, the demo's second organisation, sees only their own
organisation (a recovery college's header without the NHS identity, a people list with
nobody from Riverside), adds their first team and invites a trainer into it."""

from typing import Any

import pytest
from django.core import mail
from django.core.management import call_command
from playwright.sync_api import Page, expect

from peerpath.nonprod.demo import DEMO_ORGANISATION, DEMO_OUTSIDE_ORGANISATION, DEMO_USERS
from peerpath.organisations.models import Membership

from .conftest import assert_accessible
from .demo_journey import demo_user, log_in
from .helpers import wait_for_email

pytestmark = [pytest.mark.system, pytest.mark.django_db(transaction=True)]

ADMIN = demo_user("outside-admin@peerpath.example")
RIVERSIDE = [u for u in DEMO_USERS if u.organisation == DEMO_ORGANISATION]
# The same name as a Riverside team: team names are unique only within an organisation.
TEAM = "Recovery College Team"
NEWCOMER = ("Femi Okoro", "femi.okoro@eastfield.example")


class OutsideAdminJourney:
    def __init__(self, page: Page, live_server: Any) -> None:
        self.page, self.url = page, live_server.url

    def see(self, heading: str) -> None:
        expect(self.page.get_by_role("heading", level=1)).to_have_text(heading)
        assert_accessible(self.page)

    def told(self, message: str) -> None:
        expect(self.page.locator(".nhsuk-notification-banner")).to_contain_text(message)

    def people_table(self) -> Any:
        return self.page.get_by_role("table", name="People and their roles")

    def go_home(self) -> None:
        self.page.get_by_role("link", name="Home", exact=True).first.click()
        self.see(f"Hello, {ADMIN.full_name}")

    def given_eastfields_admin_is_at_home_in_the_demo(self) -> None:
        call_command("seed_demo_data", verbosity=0)
        log_in(self.page, self.url, ADMIN)
        working_in = f"You are working in {DEMO_OUTSIDE_ORGANISATION}."
        expect(self.page.get_by_text(working_in)).to_be_visible()

    def then_the_header_is_a_recovery_colleges(self) -> None:
        header = self.page.get_by_role("banner")
        expect(header).to_contain_text(DEMO_OUTSIDE_ORGANISATION)
        expect(header.get_by_role("img", name="NHS")).to_have_count(0)
        expect(header.get_by_role("img", name="PeerPath")).to_be_visible()
        expect(header).not_to_contain_text("Riverside")

    def when_they_open_their_people_list(self) -> None:
        self.page.get_by_role("main").get_by_role("link", name="People and roles").click()
        self.see(f"People in {DEMO_OUTSIDE_ORGANISATION}")

    def then_nobody_from_riverside_is_there(self) -> None:
        table = self.people_table()
        expect(table).to_contain_text(ADMIN.full_name)
        for person in RIVERSIDE:
            expect(table).not_to_contain_text(person.full_name)
        emails = set(table.locator("tbody tr td:nth-child(2)").all_inner_texts())
        assert emails == {ADMIN.email}
        # Nor can a search find them.
        riverside_admin = RIVERSIDE[0].full_name
        self.page.get_by_label("Search by name or email").fill(riverside_admin)
        self.page.get_by_role("button", name="Search").click()
        expect(self.page.get_by_text(f"Nobody matches “{riverside_admin}”.")).to_be_visible()
        assert_accessible(self.page)

    def when_they_add_their_first_team(self) -> None:
        self.go_home()
        self.page.get_by_role("main").get_by_role("link", name="Teams", exact=True).click()
        self.see(f"Teams in {DEMO_OUTSIDE_ORGANISATION}")
        expect(self.page.get_by_text("No teams yet.")).to_be_visible()
        self.page.get_by_role("button", name="Add team").click()
        expect(self.page.locator(".nhsuk-error-summary")).to_contain_text(
            "Enter a name for the team."
        )
        assert_accessible(self.page)
        self.page.get_by_label("Team name").fill(TEAM)
        self.page.get_by_role("button", name="Add team").click()

    def then_the_team_is_listed(self) -> None:
        self.told(f"Team “{TEAM}” added.")
        self.see(f"Teams in {DEMO_OUTSIDE_ORGANISATION}")
        expect(self.page.get_by_role("table", name="Teams").get_by_role("link")).to_have_text(
            [TEAM]
        )

    def when_they_invite_a_trainer_into_it(self) -> None:
        self.go_home()
        self.page.get_by_role("main").get_by_role("link", name="Invite someone").click()
        self.see(f"Invite someone to {DEMO_OUTSIDE_ORGANISATION}")
        # Only their own team to choose from.
        expect(self.page.get_by_label("Team", exact=True).locator("option")).to_have_text(
            ["No team", TEAM]
        )
        name, email = NEWCOMER
        self.page.get_by_label("Full name").fill(name)
        self.page.get_by_label("Email address").fill(email)
        self.page.get_by_label("Trainer", exact=True).check()
        self.page.get_by_label("Team", exact=True).select_option(label=TEAM)
        self.page.get_by_role("button", name="Send invitation").click()

    def then_the_trainer_is_invited_to_eastfield(self) -> None:
        name, email = NEWCOMER
        self.see(name)
        expect(self.page.get_by_text(f"Invitation sent to {email}.")).to_be_visible()
        wait_for_email(email, 1)
        [message] = [m for m in mail.outbox if m.to == [email]]
        assert DEMO_OUTSIDE_ORGANISATION in str(message.body)
        assert "Riverside" not in str(message.body) + str(message.subject)

    def and_their_people_list_holds_only_eastfield(self) -> None:
        self.page.get_by_role("link", name="People", exact=True).first.click()
        self.see(f"People in {DEMO_OUTSIDE_ORGANISATION}")
        rows = self.people_table().locator("tbody tr")
        expect(rows).to_have_count(2)
        newcomer = rows.filter(has_text=NEWCOMER[0])
        expect(newcomer).to_contain_text("Invitation not accepted")
        expect(newcomer).to_contain_text("Trainer")
        expect(newcomer).to_contain_text(TEAM)


def test_eastfields_admin_sees_only_their_own_organisation_and_builds_a_team(
    page: Page, live_server: Any
) -> None:
    journey = OutsideAdminJourney(page, live_server)
    journey.given_eastfields_admin_is_at_home_in_the_demo()
    journey.then_the_header_is_a_recovery_colleges()
    journey.when_they_open_their_people_list()
    journey.then_nobody_from_riverside_is_there()
    journey.when_they_add_their_first_team()
    journey.then_the_team_is_listed()
    journey.when_they_invite_a_trainer_into_it()
    journey.then_the_trainer_is_invited_to_eastfield()
    journey.and_their_people_list_holds_only_eastfield()
    membership = Membership.objects.get(user__email=NEWCOMER[1])
    assert membership.organisation.name == DEMO_OUTSIDE_ORGANISATION
    assert membership.team is not None and membership.team.organisation == membership.organisation
