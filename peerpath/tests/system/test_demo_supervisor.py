"""Journey from the seeded demo, by clicking only (issue 9, check 4): the peer supervisor
reviews their teams from their home page, goes to the waiting list and matches Lee (who
said yes to peer support) with Jordan Reid, a peer support worker who shares the
experience Lee asked for; Lee is then on Jordan's caseload, on both their home pages."""

from typing import Any

import pytest
from django.core.management import call_command
from playwright.sync_api import Page, expect
from pytest_playwright.pytest_playwright import CreateContextCallback

from peerpath.caseload.models import PeerRelationship, Status

from .demo_journey import demo_user, go_home, log_in, see_page, told

pytestmark = [pytest.mark.system, pytest.mark.django_db(transaction=True)]

SUPERVISOR = demo_user("supervisor@peerpath.example")
PSW = demo_user("psw@peerpath.example")
LEE = "Lee (Lee Fraser, born"


class SupervisorJourney:
    def __init__(self, page: Page, live_server: Any, new_context: CreateContextCallback) -> None:
        self.page, self.url, self.new_context = page, live_server.url, new_context

    def given_the_demo(self) -> None:
        call_command("seed_demo_data", verbosity=0)

    def given_the_supervisor_is_on_their_home_page(self) -> None:
        log_in(self.page, self.url, SUPERVISOR)

    def then_nobody_in_their_teams_has_gone_without_contact(self) -> None:
        # The demo's one active person, Alex, had a contact three days ago.
        expect(
            self.page.get_by_text("Everyone in your teams has had contact in the last 30 days.")
        ).to_be_visible()

    def and_lee_waits_for_a_worker(self) -> None:
        lee = self.page.locator("#supervisor-caseload tr", has_text=LEE)
        expect(lee).to_contain_text("Offered")
        expect(lee).to_contain_text("Waiting list")

    def when_they_open_the_waiting_list(self) -> None:
        self.page.get_by_role("link", name="Referrals and the waiting list").click()
        see_page(self.page, "Referrals")
        waiting = self.page.locator("#waiting-list tr", has_text="Lee Fraser")
        expect(waiting).to_contain_text("Said yes on")
        expect(waiting).to_contain_text("waiting to be matched")

    def and_match_lee_with_a_peer_support_worker(self) -> None:
        # The link's name reads "Lee", then the hidden words that say what it does.
        self.page.get_by_role("link", name="Lee : match with a peer support worker").click()
        see_page(self.page, "Match with a peer support worker")
        suggested = self.page.get_by_role("table", name="Suggested peer support workers")
        expect(suggested.get_by_role("row", name="Jordan Reid")).to_contain_text("hearing voices")
        self.page.get_by_label("Peer support worker").select_option(label="Jordan Reid")
        self.page.get_by_role("button", name="Allocate").click()

    def then_lee_is_matched(self) -> None:
        told(self.page, "Lee is matched with a peer support worker.")
        see_page(self.page, "Peer support")
        expect(self.page.locator("main")).to_contain_text("Offered with Jordan Reid")

    def and_on_jordans_caseload_on_the_supervisors_home_page(self) -> None:
        go_home(self.page, SUPERVISOR)
        lee = self.page.locator("#supervisor-caseload tr", has_text=LEE)
        expect(lee).to_contain_text("Jordan Reid")
        self.page.get_by_role("link", name="Referrals and the waiting list").click()
        see_page(self.page, "Referrals")
        expect(self.page.locator("#waiting-list")).not_to_contain_text("Lee")
        expect(self.page.locator("#waiting-list")).to_contain_text("Kim Adeyemi")

    def and_jordan_finds_lee_on_their_own_home_page(self) -> None:
        page = self.new_context().new_page()
        log_in(page, self.url, PSW)
        lee = page.locator("#psw-caseload tr", has_text=LEE)
        expect(lee).to_contain_text("Offered")
        lee.get_by_role("link", name="Lee", exact=True).click()
        see_page(page, "Lee")
        peer_support = page.locator("#peer-support")
        peer_support.get_by_role("link", name="Offered, with Jordan Reid").click()
        see_page(page, "Peer support")
        expect(page.get_by_role("link", name="Record the first meeting")).to_be_visible()


def test_the_supervisor_matches_the_person_who_said_yes_with_a_psw(
    page: Page, live_server: Any, new_context: CreateContextCallback
) -> None:
    journey = SupervisorJourney(page, live_server, new_context)
    journey.given_the_demo()
    journey.given_the_supervisor_is_on_their_home_page()
    journey.then_nobody_in_their_teams_has_gone_without_contact()
    journey.and_lee_waits_for_a_worker()
    journey.when_they_open_the_waiting_list()
    journey.and_match_lee_with_a_peer_support_worker()
    journey.then_lee_is_matched()
    journey.and_on_jordans_caseload_on_the_supervisors_home_page()
    journey.and_jordan_finds_lee_on_their_own_home_page()
    lee = PeerRelationship.objects.get(person__full_name="Lee Fraser")
    assert lee.status == Status.OFFERED
    assert lee.worker is not None and lee.worker.email == PSW.email
