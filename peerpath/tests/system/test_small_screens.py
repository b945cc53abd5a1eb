"""On a phone (375 CSS pixels wide) no page scrolls sideways (WCAG 2.2, 1.4.10 Reflow): from
each staff role's home page in the demo, every page its home links to fits the screen. Wide
tables scroll inside their own box (`pp-table-scroll`); the static check that every table
has one is tests/test_tables_reflow.py."""

from typing import Any
from urllib.parse import urljoin, urlparse

import pytest
from django.core.management import call_command
from playwright.sync_api import Browser, Page

from .demo_journey import demo_user, log_in
from .helpers import PHONE, page_width

pytestmark = [pytest.mark.system, pytest.mark.django_db(transaction=True)]

# Links that start a download or end the session rather than open a page.
NOT_PAGES = ("/logout", ".csv", ".pdf", "/export", "/download", "/file/")


def links_from_home(page: Page, base_url: str) -> list[str]:
    found = []
    for href in page.locator("main a[href]").evaluate_all(
        "links => links.map(link => link.getAttribute('href'))"
    ):
        url = urljoin(page.url, href)
        parts = urlparse(url)
        if parts.netloc != urlparse(base_url).netloc or parts.fragment:
            continue
        if any(part in parts.path for part in NOT_PAGES) or url in found:
            continue
        found.append(url)
    return found


@pytest.mark.parametrize(
    "email",
    ["coordinator@peerpath.example", "supervisor@peerpath.example", "psw@peerpath.example"],
)
def test_no_page_linked_from_home_scrolls_sideways_on_a_phone(
    browser: Browser, browser_context_args: dict[str, Any], live_server: Any, email: str
) -> None:
    call_command("seed_demo_data", verbosity=0)
    page = browser.new_context(**{**browser_context_args, "viewport": PHONE}).new_page()
    log_in(page, live_server.url, demo_user(email))
    too_wide = {page.url: page_width(page)} if page_width(page) > PHONE["width"] else {}
    links = links_from_home(page, live_server.url)
    assert len(links) > 10, "the demo's home page should link to the role's work"
    for url in links:
        page.goto(url)
        if (width := page_width(page)) > PHONE["width"]:
            too_wide[urlparse(url).path] = width
    assert too_wide == {}
