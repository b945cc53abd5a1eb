"""Journey from the seeded demo, moving only by clicking (issue 9, check 4): the peer
development coordinator reads the training dashboard's real figures, finds the cohort that
has graduated, opens one graduate's certificate and checks it the way an employer would."""

import re
import subprocess
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command
from playwright.sync_api import Page, expect

from peerpath.nonprod.demo import DEMO_ORGANISATION
from peerpath.training.models import Award, OutcomeKind

from .conftest import assert_accessible
from .demo_journey import demo_user, log_in

pytestmark = [pytest.mark.system, pytest.mark.django_db(transaction=True)]

GRADUATE = "Jordan Reid"  # the demo PSW graduated from the PEP's first cohort


def pdf_words(path: Path) -> str:
    words = subprocess.run(  # noqa: S603 - poppler's pdftotext on a PDF PeerPath made
        ["/usr/bin/pdftotext", "-layout", str(path), "-"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    return re.sub(r"\s+", " ", words)


class CoordinatorJourney:
    def __init__(self, page: Page, live_server: Any, tmp_path: Path) -> None:
        self.page, self.url, self.tmp_path = page, live_server.url, tmp_path
        self.certificate_number = ""

    def see(self, heading: str) -> None:
        expect(self.page.get_by_role("heading", level=1)).to_have_text(heading)
        assert_accessible(self.page)

    def given_the_coordinator_is_at_home_in_the_demo(self) -> None:
        call_command("seed_demo_data", verbosity=0)
        log_in(self.page, self.url, demo_user("coordinator@peerpath.example"))
        expect(self.page.get_by_role("heading", name="Cohorts running")).to_be_visible()

    def when_they_open_the_training_dashboard(self) -> None:
        self.page.get_by_role("main").get_by_role("link", name="Training dashboard").click()
        self.see("Training dashboard")

    def then_it_shows_real_numbers(self) -> None:
        headline = self.page.locator(".nhsuk-lede-text")
        expect(headline).to_contain_text("graduated")
        found = re.search(
            r"(\d+) (?:person has|people have) graduated, and (\d+) of them (?:is|are) now "
            r"employed\. (\d+) applicants? (?:is|are) in progress\.",
            headline.inner_text(),
        )
        assert found is not None, headline.inner_text()
        graduated, employed, applicants = (int(n) for n in found.groups())
        assert graduated == Award.objects.count() > 0
        assert (
            0
            < employed
            == (Award.objects.filter(outcomes__kind=OutcomeKind.EMPLOYED).distinct().count())
        )
        assert applicants > 0
        pep = self.page.get_by_role("table", name=re.compile("Peer Education Programme \\(PEP\\)$"))
        expect(pep.get_by_role("row", name=re.compile(f"^Graduated {graduated}"))).to_be_visible()

    def when_they_find_the_cohort_that_has_ended(self) -> None:
        self.page.get_by_role("navigation", name="Training pages").get_by_role(
            "link", name="Cohorts"
        ).click()
        self.see("Cohorts")
        ended = self.page.get_by_role("row").filter(has_text="Ended")
        expect(ended).to_have_count(1)
        title = ended.get_by_role("link").inner_text()
        ended.get_by_role("link").click()
        self.see(title)

    def and_open_a_graduates_graduation_page(self) -> None:
        # The cohort page marks a graduate "Graduated", linking their award and outcomes.
        self.page.get_by_role("link", name=re.compile(f"^Graduated.*{GRADUATE}")).click()
        self.see(f"Graduation: {GRADUATE}")
        information = self.page.locator(".nhsuk-inset-text")
        expect(information).to_contain_text(f"awarded by {DEMO_ORGANISATION}")
        self.certificate_number = information.locator("strong").inner_text()
        assert re.fullmatch(r"PP-[A-Z2-9]{5}-[A-Z2-9]{5}", self.certificate_number)
        expect(self.page.get_by_role("heading", name="What they went on to do")).to_be_visible()

    def then_the_certificate_names_the_graduate_and_the_awarding_organisation(self) -> None:
        with self.page.expect_download() as download:
            self.page.get_by_role("link", name=re.compile("^Download the certificate")).click()
        assert download.value.suggested_filename == f"certificate-{self.certificate_number}.pdf"
        path = self.tmp_path / "certificate.pdf"
        download.value.save_as(path)
        assert path.read_bytes().startswith(b"%PDF")
        words = pdf_words(path)
        assert GRADUATE in words
        assert f"Awarded by {DEMO_ORGANISATION}" in words
        assert self.certificate_number in words
        assert f"/verify/{self.certificate_number}/" in words
        for elsewhere in ("CPFT", "Recovery College East", "Cambridgeshire"):
            assert elsewhere not in words
        assert_accessible(self.page)  # still on the graduation page

    def and_the_public_checker_confirms_it(self) -> None:
        checker = f"{self.url}/verify/{self.certificate_number}/"
        self.page.get_by_role("link", name=checker, exact=True).click()
        expect(self.page.get_by_text("This certificate is genuine")).to_be_visible()
        expect(self.page.get_by_role("main")).to_contain_text(GRADUATE)
        assert_accessible(self.page)


def test_the_coordinator_opens_a_graduates_certificate_from_their_home_page(
    page: Page, live_server: Any, tmp_path: Path
) -> None:
    journey = CoordinatorJourney(page, live_server, tmp_path)
    journey.given_the_coordinator_is_at_home_in_the_demo()
    journey.when_they_open_the_training_dashboard()
    journey.then_it_shows_real_numbers()
    journey.when_they_find_the_cohort_that_has_ended()
    journey.and_open_a_graduates_graduation_page()
    journey.then_the_certificate_names_the_graduate_and_the_awarding_organisation()
    journey.and_the_public_checker_confirms_it()
