"""The training dashboard at a region's size: a fixed number of statements however many
cohorts, intakes and trainees at risk, and the same figures as before it was made so."""

import re
from datetime import date
from typing import Any

import pytest

from conftest import World, make_user
from peerpath.core.roles import Role
from peerpath.recruitment.models import Application, Stage
from peerpath.recruitment.services import intake_create
from peerpath.tests.pages import parse, text
from peerpath.training.models import AttendanceRecord, Enrolment, Placement
from peerpath.training.services.delivery import cohort_create, timetable_generate
from peerpath.training.services.programme_templates import programme_templates_load
from peerpath.training.tests.helpers import template_copy
from peerpath.training.tests.wording import confirm_copied_wording

pytestmark = pytest.mark.django_db


def cohorts(world: World, count: int, at_risk: int) -> None:
    """`count` cohorts, each from its own intake with a timetable, and `at_risk` trainees
    spread over them, each absent from the first session (so at risk of the threshold)."""
    programme_templates_load()
    programme = confirm_copied_wording(
        template_copy("nhft-imroc-peer-support-training", world.organisation)
    )
    made = []
    for n in range(count):
        intake = intake_create(
            programme=programme,
            title=f"Intake {n}",
            opens_on=date(2027, 1, 1),
            closes_on=date(2027, 2, 1),
            capacity=20,
            panel=[],
            by=None,
        )
        cohort = cohort_create(
            programme=programme,
            title=f"Cohort {n:02d}",
            starts_on=date(2027, 3, 1),
            facilitators=[world.user(Role.TRAINER)],
            by=None,
        )
        timetable_generate(cohort=cohort, by=None)
        made.append((intake, cohort, cohort.sessions.get(number=1)))
    for n in range(at_risk):
        intake, cohort, _first = made[n % count]
        application = Application.objects.create(
            organisation=world.organisation,
            intake=intake,
            full_name=f"Trainee {n:02d}",
            email=f"t{n}@example.org",
            interest="x",
            stage=Stage.ACCEPTED,
            access_token=f"token-{n}",
        )
        user = make_user(f"t{n}@example.org", full_name=f"Trainee {n:02d}", totp=False)
        enrolment = Enrolment.objects.create(
            organisation=world.organisation,
            cohort=cohort,
            trainee=user,
            application_id=application.pk,
        )
        for session in cohort.sessions.order_by("number")[: 2 + n % 3]:
            AttendanceRecord.objects.create(
                organisation=world.organisation,
                session=session,
                enrolment=enrolment,
                status="absent",
                recorded_by=world.user(Role.TRAINER),
            )
        Placement.objects.create(
            organisation=world.organisation, enrolment=enrolment, host_description="Ward"
        )


def expected_at_risk() -> list[tuple[str, str, str]]:
    """What the dashboard listed for `cohorts(world, 12, 40)` before it was paginated and
    decided in SQL (read off the page at 3c8bf27): trainee, cohort, state. Trainee n is in
    cohort n mod 12 and missed 2 + n mod 3 sessions; missing two leaves them at risk, more
    and they cannot reach the threshold."""
    order = sorted(range(40), key=lambda n: (n % 12, n))
    return [
        (f"Trainee {n:02d}", f"Cohort {n % 12:02d}", "at risk" if n % 3 == 0 else "cannot reach")
        for n in order
    ]


def at_risk_line(page: str) -> Any:
    return next(li for li in parse(page).find_all("li") if "attendance needs" in li.text)


@pytest.mark.parametrize(("count", "at_risk"), [(2, 3), (12, 40)])
def test_dashboard_statements_do_not_grow_with_cohorts_or_trainees_at_risk(
    world: World, client_for: Any, django_assert_num_queries: Any, count: int, at_risk: int
) -> None:
    cohorts(world, count, at_risk)
    client = client_for(Role.COORDINATOR)
    client.get("/training/dashboard/")
    with django_assert_num_queries(14):
        assert client.get("/training/dashboard/").status_code == 200
    with django_assert_num_queries(14):
        assert client.get("/training/dashboard/?page=2").status_code == 200


def test_dashboard_lists_trainees_at_risk_a_page_at_a_time_with_the_same_figures(
    world: World, client_for: Any
) -> None:
    cohorts(world, 12, 40)
    client = client_for(Role.COORDINATOR)
    first = client.get("/training/dashboard/").content.decode()
    assert "40 trainees whose attendance needs a conversation:" in text(first)
    shown: list[tuple[str, str, str]] = []
    names = {f"/training/cohorts/{c.pk}/": c.title for c in world.organisation.cohorts.all()}
    for number, size in ((1, 25), (2, 15)):
        page = client.get(f"/training/dashboard/?page={number}").content.decode()
        line = at_risk_line(page)
        links = line.links()
        assert len(links) == size
        assert f"Page {number} of 2" in text(page)
        for name, href in links:
            state = re.search(re.escape(name) + r" \(([a-z ]+)\)", line.text)
            assert state is not None
            shown.append((name, names[href], state.group(1)))
    assert shown == expected_at_risk()
    assert 'href="?page=2"' in first

    # The coordinator's home: the count and the dashboard's first page, in the same order.
    home = parse(client.get("/").content.decode())
    section = next(s for s in home.find_all("section") if "coordinator-attendance" in str(s.attrs))
    assert "40 trainees whose attendance needs a conversation:" in section.text
    home_rows = [name for name, _ in section.links()][:25]
    assert home_rows == [name for name, _, _ in expected_at_risk()[:25]]
    assert "15 more trainees on the training dashboard" in section.text
