"""Journey from the seeded demo, by clicking only (issue 9, check 4): Alex, a person
supported, sees on their home page what PeerPath truly holds for them (who their peer
support worker is, their next appointment, their goal and their plans, each as the
records say), opens every page their menus offer them, and their goals, crisis plan
(one tap from home) and peer groups."""

import re
from typing import Any

import pytest
from django.core.management import call_command
from django.utils import timezone
from playwright.sync_api import Page, expect

from peerpath.caseload.models import Person
from peerpath.contacts.selectors import next_appointment
from peerpath.recovery.models import Document, DocumentKind, Goal

from .demo_journey import day_month_year, demo_user, go_home, log_in, see_page

pytestmark = [pytest.mark.system, pytest.mark.django_db(transaction=True)]

PERSON = demo_user("person@peerpath.example")


class PersonSupportedJourney:
    def __init__(self, page: Page, live_server: Any) -> None:
        self.page, self.url = page, live_server.url

    def given_the_demo(self) -> None:
        call_command("seed_demo_data", verbosity=0)
        self.alex = Person.objects.get(user__email=PERSON.email)

    def given_alex_is_on_their_home_page(self) -> None:
        log_in(self.page, self.url, PERSON)

    def then_they_see_who_their_peer_support_worker_is(self) -> None:
        expect(self.page.locator("#person-worker")).to_have_text(
            "Jordan Reid is your peer support worker."
        )

    def and_their_next_appointment_if_they_have_one(self) -> None:
        upcoming = next_appointment(self.alex, timezone.now())
        # The demo's appointment is at 15:00 today: after that, there is none to show.
        expected = upcoming.what if upcoming else "No appointments coming up."
        expect(self.page.locator("#person-next-appointment")).to_contain_text(expected)

    def and_their_goal_with_its_next_step(self) -> None:
        goals = self.page.locator("#person-goals")
        expect(goals).to_contain_text(
            "Play music with other people again (working on it; next step: "
            "Go along to the open-mic night to listen)"
        )
        for goal in Goal.objects.filter(person=self.alex):
            expect(goals).to_contain_text(goal.in_own_words)

    def and_each_plan_as_it_is(self) -> None:
        plans = self.page.locator("#person-plans")
        crisis = Document.objects.get(person=self.alex, kind=DocumentKind.CRISIS_PLAN)
        current = crisis.versions.get(number=crisis.current_version)
        assert crisis.review_on is not None
        expect(plans).to_contain_text(
            f"Your crisis plan: last updated "
            f"{day_month_year(timezone.localdate(current.created_at))}; "
            f"to be reviewed by {day_month_year(crisis.review_on)}."
        )
        written = set(Document.objects.filter(person=self.alex).values_list("kind", flat=True))
        for kind in (DocumentKind.RECOVERY_PLAN, DocumentKind.ADVANCE_STATEMENT):
            name = kind.label.lower()
            if kind in written:
                expect(plans).to_contain_text(f"Your {name}: last updated")
            else:
                expect(plans).to_contain_text(re.compile(f"You do not have an? {name} yet."))

    def when_they_open_every_page_their_menus_offer(self) -> None:
        # A person supported reads their record on their home page; the menu has no more.
        menu = self.page.get_by_role("navigation", name="Menu").get_by_role("link")
        expect(menu).to_have_text(["Home"])
        self.page.get_by_role("navigation", name="Account").get_by_role(
            "link", name="Account security"
        ).click()
        see_page(self.page, "Account security")
        expect(self.page.get_by_text(f"You log in with {PERSON.email}.")).to_be_visible()

    def when_they_open_their_goals_crisis_plan_and_groups_from_home(self) -> None:
        go_home(self.page, PERSON)
        pages = self.page.locator("#person-my-pages")
        pages.get_by_role("link", name="Your goals").click()
        see_page(self.page, "Your goals")
        for goal in Goal.objects.filter(person=self.alex):
            expect(self.page.locator("#my-goals")).to_contain_text(goal.in_own_words)
        go_home(self.page, PERSON)
        self.page.get_by_role("button", name="My crisis plan").click()
        see_page(self.page, "Your crisis plan")
        expect(self.page.get_by_text("Samaritans: call 116 123, free, any time")).to_be_visible()
        # The demo's crisis plan has a version Alex suggested and Jordan accepted.
        expect(self.page.locator("#plan-meta")).to_contain_text("Co-author: you")
        go_home(self.page, PERSON)
        self.page.locator("#person-my-pages").get_by_role("link", name="Your peer groups").click()
        see_page(self.page, "Your peer groups")
        expect(self.page.locator("#my-groups")).to_contain_text("Riverside Walk and Talk")
        # No other member of the group is named.
        for other in ("Jamie", "Kim"):
            expect(self.page.locator("main")).not_to_contain_text(other)

    def then_they_come_home(self) -> None:
        go_home(self.page, PERSON)
        expect(self.page.locator("#person-worker")).to_contain_text("Jordan Reid")


def test_the_person_supported_sees_what_peerpath_holds_for_them(
    page: Page, live_server: Any
) -> None:
    journey = PersonSupportedJourney(page, live_server)
    journey.given_the_demo()
    journey.given_alex_is_on_their_home_page()
    journey.then_they_see_who_their_peer_support_worker_is()
    journey.and_their_next_appointment_if_they_have_one()
    journey.and_their_goal_with_its_next_step()
    journey.and_each_plan_as_it_is()
    journey.when_they_open_every_page_their_menus_offer()
    journey.when_they_open_their_goals_crisis_plan_and_groups_from_home()
    journey.then_they_come_home()
