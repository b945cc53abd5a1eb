"""Journey: a trainee writes their recovery story; it autosaves, stays private, then is shared."""

from datetime import date
from typing import Any

import pytest
from playwright.sync_api import Page, expect

from conftest import World
from peerpath.core.roles import Role
from peerpath.training.models import Enrolment, StoryDraft, Submission
from peerpath.training.services.delivery import cohort_create
from peerpath.training.services.programme_templates import programme_templates_load
from peerpath.training.tests.helpers import template_copy

from .conftest import assert_accessible
from .helpers import sign_in_as

pytestmark = [pytest.mark.system, pytest.mark.django_db(transaction=True)]


def test_trainee_writes_and_submits_their_recovery_story(
    page: Page, live_server: Any, world: World
) -> None:
    programme_templates_load()
    programme = template_copy("eleven-session-peer-support-course", world.organisation)
    cohort = cohort_create(
        programme=programme, title="Course A", starts_on=date(2027, 3, 1), facilitators=[], by=None
    )
    Enrolment.objects.create(
        organisation=world.organisation, cohort=cohort, trainee=world.user(Role.TRAINEE)
    )
    sign_in_as(page, live_server, world.user(Role.TRAINEE))
    page.goto(f"{live_server.url}/training/my/story/")
    expect(page.get_by_text("Samaritans on 116 123")).to_be_visible()
    assert_accessible(page)
    page.get_by_label("Your recovery story").fill("The film of my life would be a comedy.")
    # HTMX autosaves after a pause in typing, under our strict CSP.
    expect(page.locator("#save-status")).to_contain_text("Draft saved at", timeout=10_000)
    assert StoryDraft.objects.get().text == "The film of my life would be a comedy."
    page.get_by_role("button", name="Submit to my tutor").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Submit your recovery story?")
    assert_accessible(page)
    page.get_by_role("button", name="Yes, submit this version").click()
    expect(page.get_by_text("Your story is submitted (version 1)")).to_be_visible()
    assert Submission.objects.get().text == "The film of my life would be a comedy."
