"""Journey from the seeded demo, by links only, on a phone (issue 13, point 1): Alex, a
person supported, adds a goal in their own words and a step, and suggests a change to their
recovery plan; Jordan, their PSW, finds the suggestion on their home page and accepts it;
the new version names Alex as co-author, and Alex sees it."""

from typing import Any

import pytest
from django.core.management import call_command
from playwright.sync_api import Browser, Page, ViewportSize, expect

from peerpath.caseload.models import Person
from peerpath.recovery.models import (
    Document,
    DocumentKind,
    DocumentProposal,
    Goal,
    GoalStep,
    ProposalStatus,
)

from .conftest import assert_accessible
from .demo_journey import demo_user, go_home, log_in, log_out, see_page, told

pytestmark = [pytest.mark.system, pytest.mark.django_db(transaction=True)]

PERSON = demo_user("person@peerpath.example")
PSW = demo_user("psw@peerpath.example")
PHONE: ViewportSize = {"width": 375, "height": 800}
GOAL = "Cook a proper Sunday dinner for Robin"
STEP = "Look up a simple roast recipe"
ADDED = "Cooking a Sunday dinner."


def no_sideways_scroll(page: Page) -> None:
    width = int(page.evaluate("document.documentElement.scrollWidth"))
    assert width <= PHONE["width"], f"{page.url} is {width}px wide"


def see(page: Page, heading: str) -> None:
    see_page(page, heading)
    no_sideways_scroll(page)


class GoalsAndPlansJourney:
    def __init__(self, browser: Browser, live_server: Any) -> None:
        self.browser, self.url = browser, live_server.url
        self.page = self.phone()

    def phone(self) -> Page:
        context = self.browser.new_context(locale="en-GB", bypass_csp=True, viewport=PHONE)
        return context.new_page()

    def given_the_demo(self) -> None:
        call_command("seed_demo_data", verbosity=0)
        self.alex = Person.objects.get(user__email=PERSON.email)
        self.plan = Document.objects.get(person=self.alex, kind=DocumentKind.RECOVERY_PLAN)
        self.version_before = self.plan.current_version

    def when_alex_adds_a_goal_in_their_own_words(self) -> None:
        log_in(self.page, self.url, PERSON)
        no_sideways_scroll(self.page)
        self.page.locator("#person-goals").get_by_role("link", name="Add a goal").click()
        see(self.page, "Add a goal")
        self.page.get_by_role("button", name="Save my goal").click()
        expect(self.page.locator(".nhsuk-error-summary")).to_contain_text(
            "Write your goal in your own words."
        )
        assert_accessible(self.page)
        self.page.get_by_label("Your goal, in your own words").fill(GOAL)
        self.page.get_by_role("button", name="Save my goal").click()
        see(self.page, GOAL)
        told(self.page, "Your goal is added.")

    def and_a_step(self) -> None:
        self.page.get_by_role("button", name="Add a step").click()
        see(self.page, "Add a step")
        self.page.get_by_label("The step").fill(STEP)
        self.page.get_by_role("button", name="Add the step").click()
        see(self.page, GOAL)
        expect(self.page.locator("#my-steps")).to_contain_text(STEP)
        goal = Goal.objects.get(person=self.alex, in_own_words=GOAL)
        assert goal.created_by == self.alex.user
        assert GoalStep.objects.filter(goal=goal, text=STEP, done_on=None).exists()

    def and_suggests_a_change_to_their_recovery_plan(self) -> None:
        go_home(self.page, PERSON)
        self.page.locator("#person-plans").get_by_role("link", name="Your recovery plan").click()
        see(self.page, "Your recovery plan")
        self.page.get_by_role("button", name="Suggest a change").click()
        see(self.page, "Suggest a change to your recovery plan")
        box = self.page.get_by_label("What keeps me well day to day")
        now = self.plan.versions.get(number=self.version_before).content["keeps_me_well"]
        expect(box).to_have_value(now)
        self.suggested = f"{now} {ADDED}"
        box.fill(self.suggested)
        self.page.get_by_label("Anything you would like to say about the change (optional)").fill(
            "Cooking has been helping a lot."
        )
        self.page.get_by_role("button", name="Send my suggestion").click()
        see(self.page, "Your recovery plan")
        told(self.page, "Your suggested change is with your peer support worker.")
        expect(self.page.locator("#my-suggestions")).to_contain_text(
            "Waiting for your peer support worker"
        )
        proposal = DocumentProposal.objects.get(person=self.alex, status=ProposalStatus.WAITING)
        assert proposal.based_on == self.version_before
        log_out(self.page)

    def when_jordan_finds_it_on_their_home_page_and_accepts_it(self) -> None:
        page = self.page = self.phone()
        log_in(page, self.url, PSW)
        no_sideways_scroll(page)
        section = page.locator("#home-suggested-changes")
        section.get_by_role("link", name="Alex's recovery plan").click()
        see(page, "A change Alex suggested")
        expect(page.locator(".pp-diff ins").first).to_contain_text(ADDED)
        page.get_by_role("button", name="Accept the change").click()
        see(page, "Recovery plan")
        told(page, "with Alex as co-author")
        expect(page.locator("#plan-meta, .pp-document-meta").first).to_contain_text(
            "Co-author: Alex"
        )
        log_out(page)

    def then_alex_sees_the_new_version_naming_them(self) -> None:
        page = self.page = self.phone()
        log_in(page, self.url, PERSON)
        page.locator("#person-plans").get_by_role("link", name="Your recovery plan").click()
        see(page, "Your recovery plan")
        expect(page.locator("#plan-meta")).to_contain_text(f"Version {self.version_before + 1}")
        expect(page.locator("#plan-meta")).to_contain_text("Co-author: you")
        expect(page.get_by_text(self.suggested)).to_be_visible()
        expect(page.locator("#my-suggestions")).to_contain_text("Accepted")
        self.plan.refresh_from_db()
        assert self.plan.current_version == self.version_before + 1
        latest = self.plan.versions.get(number=self.plan.current_version)
        assert latest.co_author == self.alex.user


def test_the_person_adds_a_goal_and_their_psw_accepts_a_change_they_suggest(
    browser: Browser, live_server: Any
) -> None:
    journey = GoalsAndPlansJourney(browser, live_server)
    journey.given_the_demo()
    journey.when_alex_adds_a_goal_in_their_own_words()
    journey.and_a_step()
    journey.and_suggests_a_change_to_their_recovery_plan()
    journey.when_jordan_finds_it_on_their_home_page_and_accepts_it()
    journey.then_alex_sees_the_new_version_naming_them()
