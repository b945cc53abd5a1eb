"""Journey from the seeded demo, moving only by links and buttons (issue 14): the peer
development coordinator creates a cohort and chooses its facilitator through the search box,
which lists only the staff matching what is typed, never every member of staff. Every page
and every state of the search is checked with axe."""

import re
from datetime import timedelta
from typing import Any

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from peerpath.nonprod.demo import DEMO_ORGANISATION
from peerpath.organisations.models import Membership
from peerpath.training.models import Cohort

from .conftest import assert_accessible, fill_date
from .demo_journey import demo_user, log_in, see_page, told

pytestmark = [pytest.mark.system, pytest.mark.django_db(transaction=True)]

COORDINATOR = demo_user("coordinator@peerpath.example")
TRAINER = demo_user("trainer@peerpath.example")  # Tara Lewis


class CohortJourney:
    def __init__(self, page: Page, live_server: Any) -> None:
        self.page, self.url = page, live_server.url

    def given_the_coordinator_is_at_home_in_the_demo(self) -> None:
        from django.core.management import call_command

        call_command("seed_demo_data", verbosity=0)
        log_in(self.page, self.url, COORDINATOR)

    def when_they_open_the_cohorts_from_home(self) -> None:
        self.page.get_by_role("main").get_by_role("link", name="Cohorts", exact=True).first.click()
        see_page(self.page, "Cohorts")

    def then_no_member_of_staff_is_listed_before_a_search(self) -> None:
        chooser = self.page.get_by_role("group", name="Facilitators")
        expect(chooser).to_contain_text("Nobody chosen yet.")
        expect(chooser.get_by_role("checkbox")).to_have_count(0)
        staff = Membership.objects.filter(organisation__name=DEMO_ORGANISATION).exclude(
            role__in=("trainee", "person", "carer")
        )
        main = self.page.get_by_role("main").inner_text()
        names = [m.user.full_name for m in staff.select_related("user")]
        assert TRAINER.full_name in names
        assert [name for name in names if name in main] == []

    def when_they_fill_in_the_cohort(self) -> None:
        programme = self.page.get_by_label("Programme")
        options = programme.locator("option").all_inner_texts()
        programme.select_option(label=next(o for o in options if "PEP" in o))
        self.page.get_by_label("Title").fill("Summer cohort")
        fill_date(self.page, "Starts on", timezone.localdate() + timedelta(weeks=6))
        self.page.get_by_label("Where sessions take place").fill("Riverside Recovery College")

    def and_search_for_the_trainer_by_part_of_her_name(self) -> None:
        chooser = self.page.get_by_role("group", name="Facilitators")
        chooser.get_by_role("searchbox", name="Search by name or email").press_sequentially(
            "tara", delay=40
        )
        box = chooser.get_by_role("checkbox", name=TRAINER.full_name)
        expect(box).to_be_visible()
        expect(chooser).to_contain_text(re.compile(r"\d+ (person matches|people match) “tara”"))
        assert chooser.get_by_role("checkbox").count() <= 20
        assert_accessible(self.page)
        box.check()
        # Searching again keeps her chosen, ticked, above the new matches.
        search = chooser.get_by_role("searchbox", name="Search by name or email")
        search.fill("")
        search.press_sequentially("nobody-by-this-name", delay=20)
        expect(chooser).to_contain_text("Nobody else matches “nobody-by-this-name”")
        expect(chooser.get_by_role("checkbox", name=TRAINER.full_name)).to_be_checked()
        assert_accessible(self.page)

    def and_create_the_cohort(self) -> None:
        self.page.get_by_role("button", name="Create cohort").click()
        see_page(self.page, "Cohorts")
        told(self.page, "Cohort “Summer cohort” created.")

    def then_the_trainer_facilitates_it(self) -> None:
        cohort = Cohort.objects.get(title="Summer cohort")
        assert [u.email for u in cohort.facilitators.all()] == [TRAINER.email]
        self.page.get_by_role("link", name="Summer cohort").click()
        see_page(self.page, "Summer cohort")


def test_the_coordinator_chooses_a_facilitator_by_searching_for_her(
    page: Page, live_server: Any
) -> None:
    journey = CohortJourney(page, live_server)
    journey.given_the_coordinator_is_at_home_in_the_demo()
    journey.when_they_open_the_cohorts_from_home()
    journey.then_no_member_of_staff_is_listed_before_a_search()
    journey.when_they_fill_in_the_cohort()
    journey.and_search_for_the_trainer_by_part_of_her_name()
    journey.and_create_the_cohort()
    journey.then_the_trainer_facilitates_it()
