"""Journey from the seeded demo, moving only by clicking (issue 9, check 4): the trainer
takes a register that is due, from their home page, then marks the piece of work waiting in
the marking queue; the trainee, on their own computer, reads the feedback."""

import re
from typing import Any

import pytest
from django.core.management import call_command
from playwright.sync_api import Browser, Page, expect

from peerpath.training.models import AttendanceRecord, AttendanceStatus, Mark

from .conftest import assert_accessible
from .demo_journey import demo_user, fresh_page, log_in

pytestmark = [pytest.mark.system, pytest.mark.django_db(transaction=True)]

FEEDBACK = (
    "You write about hope with real honesty, and your examples from the sessions are vivid. "
    "Next time, say what you will take with you into your placement."
)


class TrainerJourney:
    def __init__(self, page: Page, live_server: Any) -> None:
        self.page, self.url = page, live_server.url
        self.register = ""  # "<cohort>, session <n>", as the home page names it
        self.trainees: list[str] = []

    def see(self, heading: str) -> None:
        expect(self.page.get_by_role("heading", level=1)).to_have_text(heading)
        assert_accessible(self.page)

    def told(self, message: str) -> None:
        expect(self.page.locator(".nhsuk-notification-banner")).to_contain_text(message)

    def registers_to_take(self) -> Any:
        return self.page.get_by_role("region", name="Registers to take")

    def given_the_trainer_is_at_home_in_the_demo(self) -> None:
        call_command("seed_demo_data", verbosity=0)
        log_in(self.page, self.url, demo_user("trainer@peerpath.example"))

    def when_they_open_a_register_still_to_take(self) -> None:
        due = self.registers_to_take().get_by_role("listitem").first
        expect(due).to_contain_text("not recorded")
        link = due.get_by_role("link")
        self.register = link.inner_text()
        session = re.search(r"session (\d+)$", self.register)
        assert session is not None, self.register
        link.click()
        self.see(f"Register for session {session.group(1)}")
        self.trainees = self.page.locator("form legend").all_inner_texts()
        assert len(self.trainees) >= 2, self.trainees

    def and_excuse_someone_without_a_reason(self) -> None:
        *present, excused = self.trainees
        for name in present:
            self.page.get_by_role("group", name=name).get_by_label("Present").check()
        self.page.get_by_role("group", name=excused).get_by_label("Excused").check()
        self.page.get_by_role("button", name="Save register").click()

    def then_they_are_asked_for_the_reason(self) -> None:
        summary = self.page.locator(".nhsuk-error-summary")
        expect(summary).to_contain_text("Give the reason the absence is excused.")
        assert_accessible(self.page)
        # What they chose is kept.
        expect(
            self.page.get_by_role("group", name=self.trainees[-1]).get_by_label("Excused")
        ).to_be_checked()

    def when_they_give_it_and_save(self) -> None:
        self.page.get_by_label(f"Reason for {self.trainees[-1]}").fill("Hospital appointment")
        self.page.get_by_role("button", name="Save register").click()

    def then_the_register_is_taken(self) -> None:
        self.told(f"Register saved ({len(self.trainees)} changed).")
        assert_accessible(self.page)
        self.page.get_by_role("link", name="Home", exact=True).first.click()
        self.see(f"Hello, {demo_user('trainer@peerpath.example').full_name}")
        expect(self.registers_to_take()).not_to_contain_text(self.register)

    def when_they_open_the_work_waiting_to_be_marked(self) -> None:
        self.page.get_by_role("region", name="Marking and reviews").get_by_role(
            "link", name=re.compile("waiting to be marked$")
        ).click()
        self.see("Work waiting to be marked")
        row = (
            self.page.get_by_role("row").filter(has_text="Priya Shah").filter(has_text="Reflection")
        )
        row.get_by_role("link", name="Priya Shah").click()
        self.see("Reflection, version 1")
        expect(self.page.get_by_text("What I have learned about hope")).to_be_visible()

    def and_save_a_mark_without_choosing(self) -> None:
        self.page.get_by_role("button", name="Save mark").click()

    def then_each_missing_part_is_explained(self) -> None:
        summary = self.page.locator(".nhsuk-error-summary")
        expect(summary).to_contain_text("Choose passed or resubmission requested.")
        expect(summary).to_contain_text("Write feedback for the trainee.")
        assert_accessible(self.page)

    def when_they_mark_it_passed_with_feedback(self) -> None:
        self.page.get_by_label("Passed", exact=True).check()
        self.page.get_by_label("Feedback").fill(FEEDBACK)
        self.page.get_by_role("button", name="Save mark").click()

    def then_it_leaves_the_queue(self) -> None:
        self.told("Marked. The trainee can now read your feedback.")
        self.see("Work waiting to be marked")
        expect(self.page.get_by_role("row").filter(has_text="Priya Shah")).to_have_count(0)


class TraineeReadsTheirFeedback:
    def __init__(self, browser: Browser, live_server: Any) -> None:
        self.page, self.url = fresh_page(browser), live_server.url

    def when_the_trainee_opens_their_assessments(self) -> None:
        log_in(self.page, self.url, demo_user("trainee@peerpath.example"))
        self.page.get_by_role("main").get_by_role("link", name="My assessments").click()
        expect(self.page.get_by_role("heading", level=1)).to_have_text("My assessments")
        assert_accessible(self.page)

    def then_they_read_the_feedback(self) -> None:
        reflection = self.page.locator(".nhsuk-summary-list__row").filter(
            has=self.page.locator("dt", has_text="Reflection")
        )
        expect(reflection).to_contain_text("Passed")
        expect(reflection).to_contain_text(FEEDBACK)
        # Passed: nothing more to submit for it.
        expect(reflection.get_by_role("link")).to_have_count(0)


def test_the_trainer_takes_a_register_and_marks_work_which_the_trainee_then_reads(
    page: Page, browser: Browser, live_server: Any
) -> None:
    trainer = TrainerJourney(page, live_server)
    trainer.given_the_trainer_is_at_home_in_the_demo()
    trainer.when_they_open_a_register_still_to_take()
    trainer.and_excuse_someone_without_a_reason()
    trainer.then_they_are_asked_for_the_reason()
    trainer.when_they_give_it_and_save()
    trainer.then_the_register_is_taken()
    excused = AttendanceRecord.objects.get(
        enrolment__trainee__full_name=trainer.trainees[-1], status=AttendanceStatus.EXCUSED
    )
    assert excused.reason == "Hospital appointment"

    trainer.when_they_open_the_work_waiting_to_be_marked()
    trainer.and_save_a_mark_without_choosing()
    trainer.then_each_missing_part_is_explained()
    trainer.when_they_mark_it_passed_with_feedback()
    trainer.then_it_leaves_the_queue()
    assert Mark.objects.get(feedback=FEEDBACK).outcome == "passed"

    trainee = TraineeReadsTheirFeedback(browser, live_server)
    trainee.when_the_trainee_opens_their_assessments()
    trainee.then_they_read_the_feedback()
    trainee.page.context.close()
