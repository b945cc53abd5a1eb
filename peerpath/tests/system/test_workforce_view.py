"""Journey from the seeded demo, moving only by clicking (issue 12, point 8): the peer
development coordinator opens the workforce view from their home page, reads the demo's
figures (the demo PSW in post, with supervision dates and no wellbeing in sight) and
downloads the table of workers in post as CSV."""

import csv
import io
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command
from playwright.sync_api import Page, expect

from .conftest import assert_accessible
from .demo_journey import demo_user, log_in

pytestmark = [pytest.mark.system, pytest.mark.django_db(transaction=True)]

WORKER = "Jordan Reid"  # the demo PSW, in post with a supervision agreement


def test_the_coordinator_reads_the_workforce_view_and_downloads_its_csv(
    page: Page, live_server: Any, tmp_path: Path
) -> None:
    call_command("seed_demo_data", verbosity=0)
    log_in(page, live_server.url, demo_user("coordinator@peerpath.example"))

    page.get_by_role("main").get_by_role("link", name="Workforce view").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Workforce view")
    assert_accessible(page)
    main = page.get_by_role("main")
    expect(main.get_by_role("heading", name="Supervision held on time")).to_be_visible()
    expect(main.get_by_role("table", name="Posts filled and vacant")).to_be_visible()
    workers = main.get_by_role("table", name="Each worker in post", exact=False)
    expect(workers.get_by_role("cell", name=WORKER, exact=True)).to_be_visible()
    expect(main).not_to_contain_text("wellbeing plan")

    with page.expect_download() as download:
        main.get_by_role("link", name="Download the table of workers in post (CSV)").click()
    assert download.value.suggested_filename.startswith("peerpath-workforce-")
    path = tmp_path / "workforce.csv"
    download.value.save_as(path)
    header, *rows = list(csv.reader(io.StringIO(path.read_text())))
    assert header[:3] == ["Name", "Post", "Started"]
    assert WORKER in [row[0] for row in rows]

    # Morgan Ellis is in post (the demo's second post) with no supervision agreement in
    # force: named, and linked to their employment record. Jordan has an agreement.
    alone = main.locator("h2:has-text('In post without a supervision agreement in force') + p + ul")
    expect(alone.get_by_role("link", name="Morgan Ellis", exact=True)).to_be_visible()
    expect(alone).not_to_contain_text(WORKER)
    alone.get_by_role("link", name="Morgan Ellis", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Morgan Ellis:")
    assert_accessible(page)
