"""Journey: a PSW raises a safeguarding concern, the lead closes it with an outcome, and a
withdrawn consent takes the crisis plan out of the carer's view at once."""

from datetime import timedelta
from typing import Any

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from peerpath.caseload.tests.world import build_caseload
from peerpath.core.roles import Role
from peerpath.governance.models import SafeguardingConcern, SharingConsent
from peerpath.governance.tests.helpers import CANARY, write_version

from .conftest import assert_accessible
from .helpers import sign_in_as

pytestmark = [pytest.mark.system, pytest.mark.django_db(transaction=True)]


class Journey:
    def __init__(self, page: Page, live_server: Any, world: Any) -> None:
        self.page, self.url, self.world = page, live_server.url, world
        self.live_server = live_server
        self.person = world.person

    def as_(self, role: Role) -> None:
        self.page.context.clear_cookies()
        sign_in_as(self.page, self.live_server, self.world.user(role))

    def visit(self, path: str, heading: str) -> None:
        self.page.goto(self.url + path)
        self.then_the_heading_is(heading)

    def then_the_heading_is(self, heading: str) -> None:
        expect(self.page.get_by_role("heading", level=1)).to_have_text(heading)
        assert_accessible(self.page)

    def then_there_is_a_problem(self, message: str) -> None:
        expect(self.page.locator(".nhsuk-error-summary")).to_contain_text(message)
        assert_accessible(self.page)

    # --- the PSW raises a concern ---

    def when_the_psw_raises_a_concern_from_the_persons_record(self) -> None:
        self.as_(Role.PSW)
        self.page.goto(f"{self.url}/people/{self.person.pk}/")
        assert_accessible(self.page)
        self.page.get_by_role("link", name="Raise a safeguarding concern").click()
        self.then_the_heading_is("Raise a safeguarding concern")
        self.page.get_by_role("button", name="Send the concern").click()
        self.then_there_is_a_problem("Choose the type of abuse or neglect")
        self.page.get_by_label("Financial or material abuse").check()
        self.page.get_by_label("Who is at risk?").fill("Alex")
        self.page.get_by_label("Needs action today").check()
        self.page.get_by_label("What was said").fill("My brother takes my bank card on Fridays")
        self.page.get_by_label("What have you done so far?").fill("Talked it through with Alex")
        self.page.get_by_role("button", name="Send the concern").click()

    def then_it_has_gone_to_the_lead_and_supervisor(self) -> None:
        expect(self.page.locator(".nhsuk-notification-banner")).to_contain_text(
            "Your concern has been sent to Safeguarding lead Riverside (safeguarding lead) "
            "and Peer supervisor Riverside (supervisor)."
        )
        self.then_the_heading_is("Financial or material abuse: Alex")
        expect(
            self.page.get_by_text("The safeguarding lead or supervisor will record")
        ).to_be_visible()

    # --- an overdue concern, escalated, is at the top of the lead's queue ---

    def when_the_lead_opens_the_overdue_concern(self) -> None:
        concern = self.world.concern
        SafeguardingConcern.objects.filter(pk=concern.pk).update(
            due_at=timezone.now() - timedelta(hours=2),
            escalated_at=timezone.now() - timedelta(hours=1),
        )
        self.as_(Role.SAFEGUARDING_LEAD)
        self.visit("/safeguarding/", "Safeguarding concerns")
        first_row = self.page.locator("tbody tr").first
        expect(first_row.locator(".nhsuk-tag--red")).to_have_text("Overdue")
        expect(first_row).to_contain_text("Was due by")
        expect(first_row).to_contain_text("Escalated on")
        first_row.get_by_role("link").click()
        self.then_the_heading_is("Financial or material abuse: Alex")
        expect(self.page.locator("main .nhsuk-tag--red")).to_have_text("Overdue")
        expect(self.page.locator("#concern-facts")).to_contain_text("Escalated on")

    # --- the lead closes it ---

    def when_the_lead_closes_it_from_the_queue(self) -> SafeguardingConcern:
        concern = SafeguardingConcern.objects.exclude(pk=self.world.concern.pk).get()
        self.as_(Role.SAFEGUARDING_LEAD)
        self.visit("/safeguarding/", "Safeguarding concerns")
        self.page.locator(f'a[href="/safeguarding/{concern.pk}/"]').click()
        self.then_the_heading_is("Financial or material abuse: Alex")
        self.page.get_by_role("button", name="Close the concern").click()
        self.then_there_is_a_problem("Enter the outcome before closing the concern")
        self.page.get_by_label("Outcome").fill(
            "Referred to adult social care with Alex's agreement."
        )
        self.page.get_by_role("button", name="Close the concern").click()
        expect(self.page.locator(".nhsuk-notification-banner")).to_contain_text(
            "The concern is closed and its outcome recorded."
        )
        assert_accessible(self.page)
        return concern

    # --- consent and the carer ---

    def when_the_carer_looks(self) -> str:
        self.as_(Role.CARER)
        self.visit("/shared-with-me/", "Shared with me")
        self.page.get_by_role("link", name="Alex").click()
        self.then_the_heading_is("What Alex shares with you")
        return self.page.content()

    def when_the_psw_withdraws_the_crisis_plan(self) -> None:
        self.as_(Role.PSW)
        self.visit(f"/people/{self.person.pk}/consents/", "Consent to share with family and carers")
        self.page.get_by_role(
            "link", name="Withdraw consent to share the crisis plan with Jo Morgan"
        ).click()
        self.then_the_heading_is("Stop sharing Alex's crisis plan with Jo Morgan?")
        self.page.get_by_role("button", name="Yes, stop sharing it now").click()
        expect(self.page.locator(".nhsuk-notification-banner")).to_contain_text(
            "Alex's crisis plan is no longer shared with Jo Morgan."
        )
        assert_accessible(self.page)

    def when_the_psw_records_consent_and_a_disclosure(self) -> None:
        self.visit(f"/people/{self.person.pk}/consents/new/", "Record consent to share")
        self.page.get_by_role("button", name="Save consent").click()
        self.then_there_is_a_problem("Confirm that Alex has agreed to share this")
        self.page.get_by_label("Jo Morgan (sister)").check()
        self.page.get_by_label("Recovery goals").check()
        self.page.get_by_label("Alex has agreed to share this").check()
        self.page.get_by_role("button", name="Save consent").click()
        expect(self.page.locator(".nhsuk-notification-banner")).to_contain_text(
            "Alex now shares their recovery goals with Jo Morgan."
        )
        self.visit(
            f"/people/{self.person.pk}/disclosures/new/",
            "Record information shared without consent",
        )
        self.page.get_by_label("Who was told?").fill("Duty social worker")
        self.page.get_by_label("What was shared?").fill("The concern about Alex's money")
        self.page.get_by_role("button", name="Record the disclosure").click()
        self.then_there_is_a_problem("Enter why it was necessary to share without consent")
        self.page.get_by_label("Why was it necessary to share without consent?").fill(
            "Alex could not buy food and there was a risk of serious harm that day."
        )
        self.page.get_by_role("button", name="Record the disclosure").click()
        self.then_the_heading_is("Information shared without consent")
        expect(self.page.locator(".pp-person-banner")).to_contain_text("Disclosure recorded")


def test_concern_reaches_the_lead_and_withdrawn_consent_leaves_the_carers_view(
    page: Page, live_server: Any, world: Any
) -> None:
    build_caseload(world)
    write_version(world, "crisis_plan", {"warning_signs": f"Stops answering {CANARY}"})
    journey = Journey(page, live_server, world)

    journey.when_the_psw_raises_a_concern_from_the_persons_record()
    journey.then_it_has_gone_to_the_lead_and_supervisor()
    journey.when_the_lead_opens_the_overdue_concern()
    concern = journey.when_the_lead_closes_it_from_the_queue()
    concern.refresh_from_db()
    assert concern.status == "closed" and concern.closed_by == world.user(Role.SAFEGUARDING_LEAD)

    assert CANARY in journey.when_the_carer_looks()
    expect(page.get_by_text("Samaritans: call 116 123")).to_be_visible()
    journey.when_the_psw_withdraws_the_crisis_plan()
    assert SharingConsent.objects.get(pk=world.consent.pk).withdrawn_at is not None
    seen = journey.when_the_carer_looks()
    assert CANARY not in seen and "116 123" not in seen
    expect(
        page.get_by_text("Alex has not chosen to share anything with you in PeerPath")
    ).to_be_visible()

    journey.as_(Role.PSW)
    journey.when_the_psw_records_consent_and_a_disclosure()
