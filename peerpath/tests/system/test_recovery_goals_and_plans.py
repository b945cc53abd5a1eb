"""Journey: a PSW and the person write a goal with a step, celebrate a success, then write a
crisis plan, update it, compare the two versions and open the PDF."""

from datetime import timedelta
from typing import Any

import pytest
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import Page, expect

from peerpath.caseload.models import Person
from peerpath.caseload.tests.factories import person_on_caseload
from peerpath.core.roles import Role
from peerpath.recovery.models import DocumentVersion, GoalUpdate
from peerpath.recovery.tests.walk_examples import EXAMPLES, build

from .conftest import assert_accessible, fill_date
from .helpers import sign_in_as

pytestmark = [pytest.mark.system, pytest.mark.django_db(transaction=True)]


class RecoveryJourney:
    def __init__(self, page: Page, live_server: Any, world: Any, person: Person) -> None:
        self.page, self.url, self.world, self.person = page, live_server.url, world, person
        sign_in_as(page, live_server, world.user(Role.PSW))

    def heading(self) -> Any:
        return self.page.get_by_role("heading", level=1)

    def visit(self, path: str, heading: str) -> None:
        self.page.goto(self.url + path)
        expect(self.heading()).to_have_text(heading)
        assert_accessible(self.page)

    # Goals ------------------------------------------------------------------------------

    def when_they_save_an_empty_goal(self) -> None:
        self.visit(f"/people/{self.person.pk}/goals/", "Recovery goals")
        expect(self.page.get_by_text("No goals yet.")).to_be_visible()
        self.page.get_by_role("button", name="Add a goal").click()
        expect(self.heading()).to_have_text("Add a goal")
        assert_accessible(self.page)
        self.page.get_by_role("button", name="Save the goal").click()

    def then_each_missing_part_is_explained(self) -> None:
        summary = self.page.locator(".nhsuk-error-summary")
        expect(summary).to_contain_text("Write the goal in their own words.")
        expect(summary).to_contain_text("Write at least one strength or resource they bring.")
        assert_accessible(self.page)

    def when_they_write_the_goal_in_the_persons_words(self) -> None:
        self.page.get_by_label("The goal, in their own words").fill("Get back to swimming")
        self.page.get_by_label("Why it matters to them").fill("I feel free in the water")
        self.page.get_by_label("Strengths and resources they bring").fill(
            "I swam for my county; my sister will come with me"
        )
        self.page.get_by_role("button", name="Save the goal").click()
        expect(self.heading()).to_have_text("Get back to swimming")
        expect(self.page.get_by_text("Working on it")).to_be_visible()
        assert_accessible(self.page)

    def and_add_a_first_step(self) -> None:
        self.page.get_by_role("button", name="Add a step").click()
        expect(self.heading()).to_have_text("Add a step")
        assert_accessible(self.page)
        due = timezone.localdate() + timedelta(days=7)
        self.page.get_by_label("The step").fill("Find the pool's quiet times")
        fill_date(self.page, "By when (optional)", due)
        self.page.get_by_role("button", name="Add the step").click()
        expect(
            self.page.get_by_role("cell", name="Find the pool's quiet times", exact=True)
        ).to_be_visible()
        expect(self.page.get_by_role("cell", name=due.strftime("%-d %B %Y"))).to_be_visible()

    def and_record_a_success(self) -> None:
        self.page.get_by_role("button", name="Record progress").click()
        expect(self.heading()).to_have_text("Record progress")
        assert_accessible(self.page)
        self.page.get_by_label("What happened").fill("Swam two lengths on Saturday!")
        self.page.get_by_label("This is a success to celebrate").check()
        self.page.get_by_role("button", name="Save").click()
        expect(self.page.get_by_text("Success recorded. Something to celebrate!")).to_be_visible()
        success = self.page.locator(".pp-success")
        expect(success).to_contain_text("A success to celebrate")
        expect(success).to_contain_text("Swam two lengths on Saturday!")
        expect(success.locator(".nhsuk-tag--green")).to_have_text("Success")
        assert GoalUpdate.objects.get(goal__person=self.person).is_success

    def and_mark_the_step_done(self) -> None:
        self.page.get_by_role("button", name="Mark as done").filter(
            has_text="Find the pool's quiet times"
        ).click()
        expect(self.page.get_by_text("Step done: “Find the pool's quiet times”.")).to_be_visible()
        expect(self.page.get_by_role("cell", name="Done", exact=False).first).to_be_visible()
        assert_accessible(self.page)

    # The crisis plan --------------------------------------------------------------------

    def when_they_write_the_first_crisis_plan_together(self) -> None:
        self.visit(f"/people/{self.person.pk}/plans/", "Plans")
        self.page.get_by_role(
            "link", name="Write the first version together (the crisis plan)"
        ).click()
        expect(self.heading()).to_have_text("Write the first version of the crisis plan")
        expect(self.page.get_by_text("Samaritans: call 116 123, free, any time")).to_be_visible()
        self.page.get_by_role("button", name="Save version 1").click()
        expect(self.page.locator(".nhsuk-error-summary")).to_contain_text(
            "Enter a date to review the crisis plan."
        )
        assert_accessible(self.page)
        self.page.get_by_label("My warning signs").fill("I stop answering the phone")
        self.page.get_by_label("What I can do").fill("I go for a walk by the river")
        self.page.get_by_label("People who can help").fill("My sister Jo: 07700 900123")
        review = timezone.localdate() + timedelta(days=90)
        fill_date(self.page, "Review date", review)
        self.page.get_by_label(f"We wrote this version together with {self.person}").check()
        self.page.get_by_role("button", name="Save version 1").click()

    def then_the_plan_shows_the_crisis_numbers(self) -> None:
        expect(self.heading()).to_have_text("Crisis plan")
        expect(self.page.get_by_text("Version 1 of the crisis plan saved.")).to_be_visible()
        expect(self.page.get_by_text("Samaritans: call 116 123, free, any time")).to_be_visible()
        expect(self.page.get_by_text("In an emergency, call 999")).to_be_visible()
        expect(self.page.get_by_text(f"Written together with {self.person}")).to_be_visible()
        assert_accessible(self.page)

    def when_they_save_a_second_version(self) -> None:
        self.page.get_by_role("button", name="Update the crisis plan").click()
        expect(self.heading()).to_have_text("Update the crisis plan")
        assert_accessible(self.page)
        self.page.get_by_label("What I can do").fill("I go for a long swim, or a walk by the river")
        self.page.get_by_label("What changed, and why (optional)").fill("Swimming helps now")
        self.page.get_by_role("button", name="Save version 2").click()
        expect(self.page.get_by_text("Version 2 of the crisis plan saved.")).to_be_visible()
        assert DocumentVersion.objects.filter(document__person=self.person).count() == 2

    def then_the_comparison_shows_what_changed_and_who(self) -> None:
        self.page.get_by_role("link", name="What changed since version 1").click()
        expect(self.heading()).to_have_text("What changed from version 1 to version 2")
        diff = self.page.locator(".pp-diff")
        expect(diff).to_have_count(1)
        expect(diff.locator("ins")).to_contain_text("a long swim, or")
        expect(self.page.get_by_text("“Swimming helps now”")).to_be_visible()
        assert_accessible(self.page)

    def and_the_first_version_is_marked_superseded(self) -> None:
        self.page.get_by_role("link", name="Every version").click()
        expect(self.heading()).to_have_text("Every version")
        assert_accessible(self.page)
        self.page.get_by_role("link", name="Version 1", exact=True).click()
        expect(self.heading()).to_have_text("Version 1 (superseded)")
        expect(self.page.locator(".pp-superseded")).to_contain_text("Superseded by version 2")
        assert_accessible(self.page)

    def and_the_pdf_opens(self) -> None:
        self.page.goto(f"{self.url}/people/{self.person.pk}/plans/crisis-plan/")
        link = self.page.get_by_role("button", name="Download as a PDF")
        href = link.get_attribute("href")
        response = self.page.context.request.get(self.url + str(href))
        assert response.status == 200
        assert response.headers["content-type"] == "application/pdf"
        assert response.body().startswith(b"%PDF")

    def and_the_tools_page_is_ready_for_more(self) -> None:
        self.visit(f"/people/{self.person.pk}/tools/", "Tools")
        self.page.get_by_role("link", name="Add a meaningful activity").click()
        expect(self.heading()).to_have_text("Add a meaningful activity")
        self.page.get_by_label("Activity").fill("Swimming club")
        self.page.get_by_role("button", name="Save").click()
        expect(self.page.get_by_text("The meaningful activity is saved.")).to_be_visible()
        expect(self.page.get_by_role("term").filter(has_text="Swimming club")).to_be_visible()
        assert_accessible(self.page)


def test_psw_writes_a_goal_and_a_crisis_plan_with_the_person(
    page: Page, live_server: Any, caseload_world: Any
) -> None:
    person = person_on_caseload(caseload_world, name="Robin Hale")
    journey = RecoveryJourney(page, live_server, caseload_world, person)
    journey.when_they_save_an_empty_goal()
    journey.then_each_missing_part_is_explained()
    journey.when_they_write_the_goal_in_the_persons_words()
    journey.and_add_a_first_step()
    journey.and_record_a_success()
    journey.and_mark_the_step_done()
    journey.when_they_write_the_first_crisis_plan_together()
    journey.then_the_plan_shows_the_crisis_numbers()
    journey.when_they_save_a_second_version()
    journey.then_the_comparison_shows_what_changed_and_who()
    journey.and_the_first_version_is_marked_superseded()
    journey.and_the_pdf_opens()
    journey.and_the_tools_page_is_ready_for_more()


# Every page of the app that opens with a GET, on the caseload world's record; the PDF and
# the POST-only action are checked elsewhere.
NOT_PAGES = ("recovery:document-pdf", "recovery:step-done")


def test_every_recovery_page_is_accessible(
    page: Page, live_server: Any, caseload_world: Any
) -> None:
    build(caseload_world)  # the person's log-in and a change they suggested
    sign_in_as(page, live_server, caseload_world.user(Role.SUPERVISOR))
    for name, example in EXAMPLES.items():
        # The person's own pages are theirs alone (test_person_goals_and_plans.py checks
        # them with axe, signed in as the person).
        if name in NOT_PAGES or name.startswith("recovery:my-"):
            continue
        response = page.goto(live_server.url + reverse(name, kwargs=example.kwargs(caseload_world)))
        assert response is not None and response.status == 200, name
        expect(page.get_by_role("heading", level=1)).to_have_count(1)
        assert_accessible(page)
    # A tool form with mistakes, and a comparison of a version with itself.
    person = caseload_world.person.pk
    page.goto(f"{live_server.url}/people/{person}/tools/digital/new/")
    page.get_by_role("button", name="Save").click()
    expect(page.locator(".nhsuk-error-summary")).to_contain_text("Choose how helpful it was.")
    assert_accessible(page)
    page.goto(f"{live_server.url}/people/{person}/plans/crisis-plan/compare/?old=1&new=1")
    expect(page.locator(".nhsuk-error-summary")).to_contain_text("Choose two different versions")
    assert_accessible(page)
