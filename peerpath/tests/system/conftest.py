"""Browser tests: Playwright drives Debian's Chromium against the live test server."""

from datetime import date
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Browser, Page

from peerpath.tests.dates import date_parts

CHROMIUM = "/usr/bin/chromium"
# Without the background-networking flags Chromium tries to reach hosts this machine
# cannot, and as root it needs --no-sandbox (STACK-NOTES).
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
    "--disable-dev-shm-usage",
]
AXE = Path(__file__).resolve().parents[3] / "node_modules" / "axe-core" / "axe.min.js"


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args: dict[str, Any]) -> dict[str, Any]:
    return {
        **browser_type_launch_args,
        "executable_path": CHROMIUM,
        "headless": True,
        "args": CHROMIUM_ARGS,
    }


@pytest.fixture(autouse=True)
def _close_every_browser_context(browser: Browser) -> Any:
    """After each test, close the contexts it opened for other people (their own
    browsers), so their keep-alive connections end while the live server still runs. Left
    open until the session ends, they close its request threads after the database
    connection has gone, each with an unhandled-thread error."""
    yield
    for context in list(browser.contexts):
        context.close()


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args: dict[str, Any]) -> dict[str, Any]:
    # Our CSP allows no injected scripts; the test turns it off only to add axe-core.
    return {**browser_context_args, "bypass_csp": True, "locale": "en-GB"}


def assert_accessible(page: Page) -> None:
    """Run axe-core on the page as it is now: no violations of any rule."""
    if not AXE.exists():
        pytest.fail(f"{AXE} is missing: run `npm ci` (make test does)")
    page.add_script_tag(path=str(AXE))
    results = page.evaluate("async () => await axe.run(document)")
    violations = [
        f"{v['id']} ({v['impact']}): {v['help']} at {[n['target'] for n in v['nodes']][:3]}"
        for v in results["violations"]
    ]
    assert violations == [], f"{page.url}\n" + "\n".join(violations)


def fill_date(page: Page, label: str, value: date | str) -> None:
    """Type a date into the date field labelled `label`, the way a person does: the Day,
    Month and Year boxes of the NHS.UK date input whose fieldset (group) is named `label`.

    The one place browser tests know how a date is typed, so a change to the date input
    changes this function and not every journey. A string is cut into its parts as it is
    ("30/02/2026", "2026-02-30", "17//2026"), to try a date that does not exist or a part
    left out.
    """
    group = page.get_by_role("group", name=label, exact=True)
    for box, typed in zip(("Day", "Month", "Year"), date_parts(value), strict=True):
        group.get_by_label(box, exact=True).fill(typed)
