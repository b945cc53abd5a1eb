"""Issue 10: the organisation admin reaches "Background jobs" from their home page, by
clicking, after the worker has run, and sees each job's last run (axe-core checked)."""

import os
from typing import Any

import pytest
from django.core.management import call_command
from django.utils import timezone
from playwright.sync_api import Page, expect

from peerpath.jobs.services import worker_heartbeat
from peerpath.jobs.testing import run_jobs

from .conftest import assert_accessible
from .demo_journey import demo_user, log_in

pytestmark = [pytest.mark.system, pytest.mark.django_db(transaction=True)]

ADMIN = demo_user("admin@peerpath.example")


def test_the_admin_sees_how_the_background_jobs_went(page: Page, live_server: Any) -> None:
    call_command("seed_demo_data", verbosity=0)
    worker_heartbeat(worker_id="demo", started_at=timezone.now(), now=timezone.now())
    run_jobs(schedule=True)
    log_in(page, live_server.url, ADMIN)
    page.get_by_role("main").get_by_role("link", name="Background jobs").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Background jobs")
    assert_accessible(page)
    expect(page.get_by_text("A worker is running")).to_be_visible()
    row = page.get_by_role("row").filter(has_text="Escalate overdue safeguarding concerns")
    expect(row).to_contain_text("Done")
    if shots := os.environ.get("PEERPATH_SCREENSHOTS"):
        page.screenshot(path=f"{shots}/background-jobs.png", full_page=True)
