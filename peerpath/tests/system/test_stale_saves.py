"""Two people edit what a carer may be told at the same time, in two browsers: the second
save is refused with their words kept and one clear message, and saving again, after
checking, is their choice."""

from typing import Any

import pytest
from django.urls import reverse
from playwright.sync_api import Page, expect

from peerpath.core.roles import Role

from .conftest import assert_accessible
from .helpers import sign_in_as

pytestmark = [pytest.mark.system, pytest.mark.django_db(transaction=True)]


def _open(page: Page, live_server: Any, user: Any, path: str, heading: str) -> None:
    sign_in_as(page, live_server, user)
    page.goto(live_server.url + path)
    expect(page.get_by_role("heading", level=1)).to_have_text(heading)


def test_a_second_save_of_what_a_carer_may_be_told_is_refused_with_the_words_kept(
    page: Page, live_server: Any, caseload_world: Any
) -> None:
    world = caseload_world
    member = world.family_member
    path = reverse("caseload:family-edit", kwargs={"person": world.person.pk, "pk": member.pk})
    heading = f"Edit {member.name}"
    other = page.context.browser.new_context(bypass_csp=True, locale="en-GB")  # type: ignore[union-attr]
    supervisor = other.new_page()
    _open(page, live_server, world.user(Role.PSW), path, heading)
    _open(supervisor, live_server, world.user(Role.SUPERVISOR), path, heading)

    page.get_by_label("What they may be told").fill("Only how Alex is doing, nothing more")
    page.get_by_role("button", name="Save").click()
    expect(page.locator(".nhsuk-error-summary")).to_have_count(0)

    told = supervisor.get_by_label("What they may be told")
    told.fill("Everything in the plan")
    supervisor.get_by_role("button", name="Save").click()
    expect(supervisor.locator(".nhsuk-error-summary")).to_contain_text(
        "while this page was open. Nothing has been overwritten"
    )
    expect(told).to_have_value("Everything in the plan")
    expect(told).to_have_accessible_description(
        "In the person's words. What a carer may see in PeerPath is set by consent. "
        "Saved now: “Only how Alex is doing, nothing more”."
    )
    assert_accessible(supervisor)
    member.refresh_from_db()
    assert member.may_be_told == "Only how Alex is doing, nothing more"

    supervisor.get_by_role("button", name="Save").click()  # after checking, on purpose
    expect(supervisor.locator(".nhsuk-error-summary")).to_have_count(0)
    member.refresh_from_db()
    assert member.may_be_told == "Everything in the plan"
    other.close()
