"""Journey from the seeded demo, by clicking only (issue 12 point 5): Jordan Reid, a peer
support worker, opens their wellbeing plan from their home page, updates it and shares one
more part with their supervisor, and adds a check-in only they can see."""

from typing import Any

import pytest
from django.core.management import call_command
from django.utils import timezone
from playwright.sync_api import Page, expect

from peerpath.accounts.models import User
from peerpath.nonprod.demo import DEMO_ORGANISATION
from peerpath.organisations.models import Organisation
from peerpath.wellbeing.models import CheckIn
from peerpath.wellbeing.selectors import shared_with_supervisor

from .conftest import fill_date
from .demo_journey import demo_user, log_in, see_page, told

pytestmark = [pytest.mark.system, pytest.mark.django_db(transaction=True)]

PSW = demo_user("psw@peerpath.example")
KEEPS_ME_WELL = "A walk by the river most mornings, and an evening off screens."


class WellbeingJourney:
    def __init__(self, page: Page, live_server: Any) -> None:
        self.page, self.url = page, live_server.url

    def given_the_demo_and_jordan_on_their_home_page(self) -> None:
        call_command("seed_demo_data", verbosity=0)
        log_in(self.page, self.url, PSW)
        expect(
            self.page.locator("section[aria-labelledby='section-psw-wellbeing']")
        ).to_contain_text("You share 1 part with your supervisor: What helps me at work.")

    def when_they_open_their_wellbeing(self) -> None:
        self.page.get_by_role("link", name="Your wellbeing plan and check-ins").click()
        see_page(self.page, "Your wellbeing")

    def and_update_the_plan_sharing_one_more_part(self) -> None:
        self.page.get_by_role("link", name="Update your wellbeing plan").click()
        see_page(self.page, "Update your wellbeing plan")
        self.page.get_by_label("What keeps me well").fill(KEEPS_ME_WELL)
        self.page.locator("#id_share_keeps_me_well").check()
        self.page.get_by_role("button", name="Save version 2").click()
        told(self.page, "Version 2 of your wellbeing plan saved.")
        see_page(self.page, "Your wellbeing")
        expect(self.page.get_by_text(KEEPS_ME_WELL)).to_be_visible()

    def and_see_the_earlier_version_is_kept(self) -> None:
        self.page.get_by_role("link", name="Every version of your plan").click()
        see_page(self.page, "Every version of your wellbeing plan")
        self.page.get_by_role("link", name="Version 1").click()
        see_page(self.page, "Your wellbeing plan, version 1")
        expect(self.page.get_by_text("A walk by the river most mornings.")).to_be_visible()
        self.page.get_by_role("navigation", name="Breadcrumb").get_by_role(
            "link", name="Your wellbeing"
        ).click()
        see_page(self.page, "Your wellbeing")

    def and_add_a_private_check_in(self) -> None:
        self.page.get_by_role("link", name="Add a check-in").first.click()
        see_page(self.page, "Add a check-in")
        fill_date(self.page, "Date", timezone.localdate())
        self.page.get_by_label("How I am").fill("Settled after a busy week.")
        self.page.get_by_role("button", name="Save check-in").click()
        told(self.page, "Check-in saved. Only you can see it.")
        see_page(self.page, "Your check-ins")


def test_a_psw_writes_their_wellbeing_plan_and_shares_one_more_part(
    page: Page, live_server: Any
) -> None:
    journey = WellbeingJourney(page, live_server)
    journey.given_the_demo_and_jordan_on_their_home_page()
    journey.when_they_open_their_wellbeing()
    journey.and_update_the_plan_sharing_one_more_part()
    journey.and_see_the_earlier_version_is_kept()
    journey.and_add_a_private_check_in()
    demo = Organisation.objects.get(name=DEMO_ORGANISATION)
    jordan = User.objects.get(email=PSW.email)
    assert [p.heading for p in shared_with_supervisor(demo, jordan.pk)] == [
        "What keeps me well",
        "What helps me at work",
    ]
    assert CheckIn.objects.filter(worker=jordan, shared=False).count() == 2
