import html
import re
from datetime import date
from typing import Any

import pytest

from conftest import World, make_user
from peerpath.core.roles import Role
from peerpath.tests.pages import text
from peerpath.training.delivery import timetable_generate
from peerpath.training.models import (
    Application,
    AttendanceRecord,
    Award,
    Enrolment,
    GraduateOutcome,
    Placement,
    Programme,
    Stage,
)
from peerpath.training.recruitment_services import cohort_create, intake_create
from peerpath.training.services import programme_copy, programme_templates_load
from peerpath.training.tests.wording import confirm_copied_wording

pytestmark = pytest.mark.django_db


def build(world: World, people: int) -> None:
    programme_templates_load()
    programme = confirm_copied_wording(
        programme_copy(
            source=Programme.objects.get(template_key="nhft-imroc-peer-support-training"),
            organisation=world.organisation,
            by=None,
        )
    )
    intake = intake_create(
        programme=programme,
        title="Spring",
        opens_on=date(2027, 1, 1),
        closes_on=date(2027, 2, 1),
        capacity=20,
        panel=[],
        by=None,
    )
    cohort = cohort_create(
        programme=programme, title="ImROC A", starts_on=date(2027, 3, 1), facilitators=[], by=None
    )
    timetable_generate(cohort=cohort, by=None)
    first_session = cohort.sessions.get(number=1)
    stages = [Stage.INTEREST, Stage.APPLICATION, Stage.OFFER, Stage.ACCEPTED]
    for n in range(people):
        stage = stages[n % 4]
        application = Application.objects.create(
            organisation=world.organisation,
            intake=intake,
            full_name=f"P{n}",
            email=f"p{n}@example.org",
            interest="x",
            stage=stage,
            access_token=f"token-{n}",
        )
        if stage == Stage.ACCEPTED:
            user = make_user(f"p{n}@example.org", full_name=f"P{n}", totp=False)
            enrolment = Enrolment.objects.create(
                organisation=world.organisation,
                cohort=cohort,
                trainee=user,
                application=application,
            )
            AttendanceRecord.objects.create(
                organisation=world.organisation,
                session=first_session,
                enrolment=enrolment,
                status="absent",
                recorded_by=world.user(Role.TRAINER),
            )
            Placement.objects.create(
                organisation=world.organisation, enrolment=enrolment, host_description="Ward"
            )
            award = Award.objects.create(
                organisation=world.organisation,
                enrolment=enrolment,
                certificate_number=f"PP-{n:05d}-AAAAA",
                trainee_name=f"P{n}",
                programme_title="ImROC",
                awarded_on=date(2027, 6, 1),
                awarded_by=world.user(Role.COORDINATOR),
            )
            GraduateOutcome.objects.create(
                organisation=world.organisation,
                award=award,
                kind="employed",
                recorded_on=date(2027, 7, 1),
                recorded_by=world.user(Role.COORDINATOR),
            )


def test_the_funnel_counts_each_step(world: World, client_for: Any) -> None:
    build(world, 8)
    page = text(client_for(Role.COORDINATOR).get("/training/dashboard/"))
    assert "2 people have graduated, and 2 of them are now employed." in page
    rows = re.findall(
        r"<td class=\"nhsuk-table__cell\">([A-Za-z ]+)</td> "
        r"<td class=\"nhsuk-table__cell nhsuk-table__cell--numeric\">(\d+)</td>",
        page,
    )
    assert rows[:6] == [
        ("Expressions of interest", "8"),
        ("Applications", "6"),
        ("Offers", "4"),
        ("Enrolled", "2"),
        ("Graduated", "2"),
        ("Employed", "2"),
    ]
    assert "2 placements without a named peer supervisor" in page


@pytest.mark.parametrize("people", [4, 24])
def test_dashboard_query_count_does_not_grow_with_cohort_size(
    world: World, client_for: Any, django_assert_num_queries: Any, people: int
) -> None:
    build(world, people)
    client = client_for(Role.COORDINATOR)
    client.get("/training/dashboard/")
    with django_assert_num_queries(18):
        assert client.get("/training/dashboard/").status_code == 200


def test_graduates_with_nothing_recorded_about_what_they_went_on_to_do_are_listed(
    world: World, client_for: Any
) -> None:
    build(world, 8)
    client = client_for(Role.COORDINATOR)
    page = text(client.get("/training/dashboard/"))
    assert "0 graduates with nothing recorded yet about what they went on to do" in page
    award = Award.objects.get(trainee_name="P7")
    award.outcomes.all().delete()
    page = client.get("/training/dashboard/").content.decode()
    assert "1 graduate with nothing recorded yet about what they went on to do:" in text_of(page)
    assert f'<a href="/training/enrolments/{award.enrolment_id}/graduation/">P7</a>' in page


def text_of(content: str) -> str:
    return html.unescape(re.sub(r"\s+", " ", content))
