"""Journey: a new organisation's first day. The admin invites a peer support worker and a
trainee; each opens the link from their email, is welcomed by name, creates a password and
reaches a home page that names them (the peer support worker sets up two-factor
authentication and sees recovery codes on the way). An expired link and a used link say
what happened and offer the way on; the admin sees who has not accepted and resends."""

from datetime import timedelta
from typing import Any

import pytest
from django.utils import timezone
from playwright.sync_api import Browser, Page, expect

from conftest import TEST_PASSWORD, TEST_TOTP_SECRET, World
from peerpath.accounts.tests.helpers import current_code
from peerpath.core.roles import Role
from peerpath.organisations.models import Invitation
from peerpath.organisations.services import membership_remove, user_invite
from peerpath.tests.system.helpers import (
    ORGANISATION,
    PSW,
    TRAINEE,
    Invitee,
    latest_link_for,
    wait_for_email,
)

from .conftest import assert_accessible
from .helpers import sign_in_as

pytestmark = [pytest.mark.system, pytest.mark.django_db(transaction=True)]


class Admin:
    def __init__(self, page: Page, url: str, world: World) -> None:
        self.page, self.url, self.world = page, url, world

    def see(self, heading: str) -> None:
        expect(self.page.get_by_role("heading", level=1)).to_have_text(heading)
        assert_accessible(self.page)

    def logs_in(self) -> None:
        self.page.goto(self.url + "/")
        self.see("Log in to PeerPath")
        self.page.get_by_label("Email").fill(self.world.user(Role.ORG_ADMIN).email)
        self.page.get_by_label("Password").fill(TEST_PASSWORD)
        self.page.get_by_role("button", name="Log in").click()
        self.see("Enter your authenticator code")
        self.page.get_by_label("Code").fill(current_code(TEST_TOTP_SECRET))
        self.page.get_by_role("button", name="Continue").click()
        self.see("Hello, Organisation admin Riverside")
        expect(self.page.get_by_text("No invitations are waiting to be accepted.")).to_be_visible()

    def invites(self, person: tuple[str, str], role: str) -> None:
        name, email = person
        self.page.get_by_role("link", name="People", exact=True).first.click()
        self.see(f"People in {ORGANISATION}")
        self.page.get_by_role("link", name="Invite someone").click()
        self.see(f"Invite someone to {ORGANISATION}")
        self.page.get_by_label("Full name").fill(name)
        self.page.get_by_label("Email address").fill(email)
        self.page.get_by_label(role, exact=True).check()
        self.page.get_by_role("button", name="Send invitation").click()
        self.see(name)
        expect(self.page.get_by_text(f"Invitation sent to {email}.")).to_be_visible()
        expect(self.page.locator(".nhsuk-summary-list")).to_contain_text("not accepted yet")
        wait_for_email(email, 1)

    def sees_both_waiting_and_resends_to(self, person: tuple[str, str]) -> None:
        name, email = person
        self.page.get_by_role("link", name="Home", exact=True).first.click()
        self.see("Hello, Organisation admin Riverside")
        expect(self.page.get_by_text("2 invitations not accepted yet.")).to_be_visible()
        self.page.get_by_role("link", name="Invitations not accepted (2)").click()
        self.see("Invitations not accepted")
        rows = self.page.locator("table tbody tr")
        expect(rows).to_have_count(2)
        expect(rows.first).to_contain_text(PSW[0])
        expect(rows.first).to_contain_text(timezone.localdate().strftime("%-d %B %Y"))
        self.page.get_by_role("link", name=f"Send a new link to {name}").click()
        self.see(f"Send {name} a new invitation link?")
        self.page.get_by_role("button", name="Send new link").click()
        self.see("Invitations not accepted")
        expect(self.page.get_by_text(f"New invitation link sent to {email}.")).to_be_visible()
        wait_for_email(email, 2)

    def sees_everyone_has_accepted(self) -> None:
        self.page.goto(self.url + "/manage/invitations/")
        self.see("Invitations not accepted")
        expect(self.page.get_by_text("Everyone you invited has accepted.")).to_be_visible()

    def reads_the_audit_log_on_a_narrow_screen(self) -> None:
        self.page.get_by_role("link", name="Home", exact=True).first.click()
        self.page.get_by_role("main").get_by_role("link", name="Audit log").click()
        self.see("Audit log")
        self.page.set_viewport_size({"width": 800, "height": 900})
        table = self.page.locator("table")
        expect(table).to_contain_text("invitation accepted: password created, email address")
        expect(table).to_contain_text("invitation sent again; earlier links no longer work")
        expect(table).to_contain_text("new invitation link sent at the invitee's request")
        # Headings and the short columns (when, action, outcome) keep their words whole.
        broken = self.page.evaluate(
            """(selector) => Array.from(document.querySelectorAll(selector))
                .filter(cell => {
                    const range = document.createRange();
                    range.selectNodeContents(cell);
                    const tops = Array.from(range.getClientRects(), r => Math.round(r.top));
                    return new Set(tops).size > 1;
                })
                .map(cell => cell.textContent.trim())""",
            "table th, table td:nth-child(1), table td:nth-child(3), table td:nth-child(5)",
        )
        assert broken == []


def test_a_new_staff_member_and_a_trainee_accept_their_invitations(
    page: Page, browser: Browser, live_server: Any, world: World
) -> None:
    admin = Admin(page, live_server.url, world)
    admin.logs_in()
    admin.invites(PSW, "Peer support worker")
    admin.invites(TRAINEE, "Trainee")
    first_psw_link = latest_link_for(PSW[1])
    admin.sees_both_waiting_and_resends_to(PSW)

    psw = Invitee(browser, PSW)
    psw.opens(first_psw_link)
    psw.finds_the_link_replaced()
    psw.opens(latest_link_for(PSW[1]))
    psw.is_welcomed_as("Peer support worker")
    psw.creates_a_password()
    psw.sets_up_two_factor()
    psw.sees_recovery_codes_and_goes_home()
    psw.is_home(f"You are working in {ORGANISATION}.")

    trainee = Invitee(browser, TRAINEE)
    # The trainee opens their email too late: it was sent 8 days ago.
    Invitation.objects.filter(user__email=TRAINEE[1]).update(
        sent_at=timezone.now() - timedelta(days=8), expires_at=timezone.now() - timedelta(days=1)
    )
    trainee.opens(latest_link_for(TRAINEE[1]))
    trainee.finds_the_link_expired_and_asks_for_a_new_one()
    wait_for_email(TRAINEE[1], 2)
    fresh = latest_link_for(TRAINEE[1])
    trainee.opens(fresh)
    trainee.is_welcomed_as("Trainee")
    trainee.creates_a_password()
    trainee.is_home("Your PeerPath account is ready.")

    # The same link again, from another browser: it was used.
    someone = Invitee(browser, TRAINEE)
    someone.opens(fresh)
    someone.finds_the_link_already_used()

    admin.sees_everyone_has_accepted()
    admin.reads_the_audit_log_on_a_narrow_screen()


def test_a_broken_link_leads_to_asking_for_a_new_one_and_other_pages_explain_themselves(
    page: Page, browser: Browser, live_server: Any, world: World
) -> None:
    user_invite(
        organisation=world.organisation,
        email=PSW[1],
        full_name=PSW[0],
        roles={Role.PSW},
        team=None,
        by=world.user(Role.ORG_ADMIN),
        base_url=live_server.url,
    )
    wait_for_email(PSW[1], 1)
    link = latest_link_for(PSW[1])

    # Cut short, as some email programs do with long links.
    page.goto(link[:-10])
    expect(page.get_by_role("heading", level=1)).to_have_text("This invitation link does not work")
    assert_accessible(page)
    page.get_by_role("link", name="ask for a new invitation link").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Ask for a new invitation link")
    assert_accessible(page)
    page.get_by_role("button", name="Send a new link").click()
    expect(page.locator("#id_email-error")).to_contain_text(
        "Enter the email address your invitation was sent to."
    )
    assert_accessible(page)
    page.get_by_label("Email address").fill("someone@example.org")
    page.get_by_role("button", name="Send a new link").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Check your email")
    expect(page.get_by_text("If an invitation is waiting for that address")).to_be_visible()
    assert_accessible(page)

    # Someone else is logged in in this browser.
    trainee = Invitee(browser, TRAINEE)
    sign_in_as(trainee.page, live_server, world.user(Role.TRAINEE))
    trainee.opens(link)
    trainee.see("This invitation is for someone else")

    # Withdrawn: the admin removed them before they accepted.
    membership_remove(
        organisation=world.organisation,
        user=Invitation.objects.get(user__email=PSW[1]).user,
        by=world.user(Role.ORG_ADMIN),
    )
    page.goto(link)
    expect(page.get_by_role("heading", level=1)).to_have_text("This invitation has been withdrawn")
    assert_accessible(page)
