"""Journey from the seeded demo, moving only by clicking (issue 9, check 4): the trainee sees
their next session and attendance on their home page, logs a work experience day on their
placement and hands in a piece of work that is due. Their peer supervisor then finds the day
waiting and confirms it; their trainer finds the work in the marking queue."""

import re
from datetime import timedelta
from typing import Any

import pytest
from django.core.management import call_command
from django.utils import timezone
from playwright.sync_api import Browser, Locator, Page, expect

from peerpath.training.models import (
    ATTENDED,
    AttendanceRecord,
    Enrolment,
    EnrolmentStatus,
    PlacementDay,
    Submission,
)

from .conftest import assert_accessible, fill_date
from .demo_journey import demo_user, fresh_page, log_in

pytestmark = [pytest.mark.system, pytest.mark.django_db(transaction=True)]

TRAINEE = demo_user("trainee@peerpath.example")
REFLECTION = (
    "I went with the team to a drop-in at the library. I noticed how much people valued "
    "being listened to without being rushed."
)
PORTFOLIO = "My learning portfolio: what each module taught me, and where I used it."


def day_name(day: Any) -> str:
    return day.strftime("%A %-d %B %Y")


class TraineeJourney:
    def __init__(self, page: Page, live_server: Any) -> None:
        self.page, self.url = page, live_server.url
        self.today = timezone.localdate()
        self.new_day = self.today - timedelta(days=1)

    def see(self, heading: str) -> None:
        expect(self.page.get_by_role("heading", level=1)).to_have_text(heading)
        assert_accessible(self.page)

    def told(self, message: str) -> None:
        expect(self.page.locator(".nhsuk-notification-banner")).to_contain_text(message)

    def region(self, name: str) -> Locator:
        return self.page.get_by_role("region", name=name, exact=True)

    def go_home(self) -> None:
        self.page.get_by_role("link", name="Home", exact=True).first.click()
        self.see(f"Hello, {TRAINEE.full_name}")

    def given_the_trainee_is_at_home_in_the_demo(self) -> None:
        call_command("seed_demo_data", verbosity=0)
        log_in(self.page, self.url, TRAINEE)
        self.enrolment = Enrolment.objects.get(
            trainee__email=TRAINEE.email, status=EnrolmentStatus.ACTIVE
        )

    def then_they_see_their_next_session_and_attendance(self) -> None:
        cohort = self.enrolment.cohort
        upcoming = cohort.sessions.filter(date__gte=self.today).order_by("date", "number")
        next_session = upcoming.first()
        assert next_session is not None
        assert next_session.starts_at and next_session.ends_at
        expect(self.region("Next session")).to_contain_text(
            f"{day_name(next_session.date)}, {next_session.starts_at:%H:%M} to "
            f"{next_session.ends_at:%H:%M}. {cohort.place}."
        )
        records = AttendanceRecord.objects.filter(enrolment=self.enrolment)
        recorded = records.count()
        attended = records.filter(status__in=ATTENDED).count()
        assert recorded > 0
        expect(self.region("Attendance")).to_contain_text(
            f"You have attended {attended} of the {recorded} sessions recorded so far "
            f"({cohort.sessions.count()} in all)."
        )

    def when_they_open_their_placement(self) -> None:
        work = self.region("Work experience")
        expect(work).to_contain_text("supported by Sam Patel")
        work.get_by_role("link", name="Your placement and work experience days").click()
        self.see("Placement")

    def and_log_a_day_they_have_already_logged(self) -> None:
        days = PlacementDay.objects.filter(placement__enrolment=self.enrolment).order_by("date")
        self.days_before = days.count()
        logged = days.values_list("date", flat=True).first()
        assert logged is not None and logged != self.new_day
        expect(self.page.get_by_role("heading", name=day_name(logged))).to_be_visible()
        fill_date(self.page, "Date of the day", logged)
        self.page.get_by_label("Your reflection on the day").fill(REFLECTION)
        self.page.get_by_role("button", name="Log this day").click()

    def then_they_are_told_it_is_logged_already(self) -> None:
        expect(self.page.locator(".nhsuk-error-summary")).to_contain_text(
            "You have already logged this day."
        )
        assert_accessible(self.page)

    def when_they_log_yesterday(self) -> None:
        fill_date(self.page, "Date of the day", self.new_day)
        self.page.get_by_label("Your reflection on the day").fill(REFLECTION)
        self.page.get_by_role("button", name="Log this day").click()

    def then_it_waits_for_the_supervisor(self) -> None:
        self.told("Day logged. Your supervisor can now confirm it.")
        self.see("Placement")
        day = self.page.get_by_role("region", name=day_name(self.new_day))
        expect(day).to_contain_text(REFLECTION)
        expect(day).to_contain_text("Waiting for the supervisor to confirm.")
        self.go_home()
        expect(self.region("Work experience")).to_contain_text(
            f"{self.days_before + 1} days logged"
        )

    def when_they_hand_in_work_that_is_due(self) -> None:
        self.region("What is due").get_by_role("link", name="Learning portfolio").click()
        self.see("Learning portfolio")
        self.page.get_by_role("button", name="Submit").click()

    def then_they_are_asked_for_the_work(self) -> None:
        expect(self.page.locator(".nhsuk-error-summary")).to_contain_text(
            "Write your work here, or attach a file."
        )
        assert_accessible(self.page)

    def when_they_write_it_and_submit(self) -> None:
        self.page.get_by_label("Your work").fill(PORTFOLIO)
        self.page.get_by_role("button", name="Submit").click()

    def then_it_is_waiting_to_be_marked(self) -> None:
        self.told("Version 1 submitted.")
        self.see("My assessments")
        portfolio = self.page.locator(".nhsuk-summary-list__row").filter(
            has=self.page.locator("dt", has_text="Learning portfolio")
        )
        expect(portfolio).to_contain_text("Version 1 waiting to be marked")
        self.go_home()
        expect(self.region("What is due")).not_to_contain_text("Learning portfolio")


class SupervisorConfirmsTheDay:
    def __init__(self, browser: Browser, live_server: Any, day: Any, logged: int) -> None:
        self.page, self.url, self.day = fresh_page(browser), live_server.url, day
        self.logged = logged

    def when_the_supervisor_opens_the_placement(self) -> None:
        log_in(self.page, self.url, demo_user("supervisor@peerpath.example"))
        self.page.get_by_role("link", name="Placements", exact=True).first.click()
        expect(self.page.get_by_role("heading", level=1)).to_have_text(
            "Trainees on placement with you"
        )
        assert_accessible(self.page)
        row = self.page.get_by_role("row").filter(has_text=TRAINEE.full_name)
        expect(row).to_contain_text(f"{self.logged} of ")
        row.get_by_role("link", name=TRAINEE.full_name).click()
        expect(self.page.get_by_role("heading", level=1)).to_have_text("Placement")
        assert_accessible(self.page)

    def then_they_confirm_the_day(self) -> None:
        day = self.page.get_by_role("region", name=day_name(self.day))
        expect(day).to_contain_text(REFLECTION)
        # The button's name carries the date for screen readers (a visually hidden part).
        confirm = re.compile(rf"^Confirm this day\s*, {day_name(self.day)}$")
        day.get_by_role("button", name=confirm).click()
        expect(self.page.locator(".nhsuk-notification-banner")).to_contain_text(
            f"{self.day:%-d %B %Y} confirmed."
        )
        expect(self.page.get_by_role("region", name=day_name(self.day))).to_contain_text(
            "Confirmed by Sam Patel."
        )
        assert_accessible(self.page)


class TrainerFindsTheWork:
    def __init__(self, browser: Browser, live_server: Any) -> None:
        self.page, self.url = fresh_page(browser), live_server.url

    def then_the_trainer_finds_it_in_the_marking_queue(self) -> None:
        log_in(self.page, self.url, demo_user("trainer@peerpath.example"))
        self.page.get_by_role("region", name="Marking and reviews").get_by_role(
            "link", name=re.compile("pieces of work waiting to be marked$")
        ).click()
        expect(self.page.get_by_role("heading", level=1)).to_have_text("Work waiting to be marked")
        assert_accessible(self.page)
        row = self.page.get_by_role("row").filter(has_text="Learning portfolio, version 1")
        expect(row).to_contain_text(TRAINEE.full_name)


def test_the_trainee_logs_a_work_experience_day_and_hands_in_work_from_their_home_page(
    page: Page, browser: Browser, live_server: Any
) -> None:
    trainee = TraineeJourney(page, live_server)
    trainee.given_the_trainee_is_at_home_in_the_demo()
    trainee.then_they_see_their_next_session_and_attendance()
    trainee.when_they_open_their_placement()
    trainee.and_log_a_day_they_have_already_logged()
    trainee.then_they_are_told_it_is_logged_already()
    trainee.when_they_log_yesterday()
    trainee.then_it_waits_for_the_supervisor()
    trainee.when_they_hand_in_work_that_is_due()
    trainee.then_they_are_asked_for_the_work()
    trainee.when_they_write_it_and_submit()
    trainee.then_it_is_waiting_to_be_marked()
    assert Submission.objects.get(text=PORTFOLIO).enrolment == trainee.enrolment

    supervisor = SupervisorConfirmsTheDay(
        browser, live_server, trainee.new_day, trainee.days_before + 1
    )
    supervisor.when_the_supervisor_opens_the_placement()
    supervisor.then_they_confirm_the_day()
    assert PlacementDay.objects.get(date=trainee.new_day).confirmed_by is not None

    supervisor.page.context.close()

    trainer = TrainerFindsTheWork(browser, live_server)
    trainer.then_the_trainer_finds_it_in_the_marking_queue()
    trainer.page.context.close()
