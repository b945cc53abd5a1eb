import re
from datetime import date
from typing import Any

import pytest

from conftest import World
from peerpath.core.roles import Role
from peerpath.tests.pages import text
from peerpath.training.models import (
    Award,
)
from peerpath.training.tests.helpers import build
from peerpath.workforce.models import EmploymentRecord, Post

pytestmark = pytest.mark.django_db


def employ(world: World, award: Award, starts_on: date = date(2027, 7, 1)) -> EmploymentRecord:
    """The graduate is appointed to a post (an employment record, as an appointment makes)."""
    post = Post.objects.create(
        organisation=world.organisation,
        team=world.team,
        title=f"Peer support worker ({award.trainee_name})",
        service_area="adult",
        setting="community",
        hours_per_week=15,
    )
    return EmploymentRecord.objects.create(
        organisation=world.organisation,
        worker=award.enrolment.trainee,
        post=post,
        starts_on=starts_on,
        hours_per_week=15,
        line_manager=world.user(Role.SUPERVISOR),
    )


def employ_all(world: World) -> None:
    for award in Award.objects.select_related("enrolment__trainee"):
        employ(world, award)


def test_the_funnel_counts_each_step(world: World, client_for: Any) -> None:
    build(world, 8)
    employ_all(world)
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
    employ_all(world)
    client = client_for(Role.COORDINATOR)
    client.get("/training/dashboard/")
    # 13: those at risk on attendance are decided in SQL and counted (one query), and a
    # page of them read only when there are some (none here); 15 before.
    with django_assert_num_queries(13):
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
    assert "1 graduate with nothing recorded yet about what they went on to do:" in text(page)
    assert f'<a href="/training/enrolments/{award.enrolment_id}/graduation/">P7</a>' in page


def test_employed_counts_employment_records_from_the_award_on_not_typed_outcomes(
    world: World, client_for: Any
) -> None:
    # Every graduate of `build` has a typed "employed" outcome, and none is counted.
    build(world, 8)
    client = client_for(Role.COORDINATOR)
    assert "2 people have graduated, and 0 of them are now employed." in text(
        client.get("/training/dashboard/")
    )
    first, second = Award.objects.select_related("enrolment__trainee").order_by("pk")
    employ(world, first, starts_on=date(2027, 5, 1))  # before the award (1 June 2027)
    assert "and 0 of them are now employed." in text(client.get("/training/dashboard/"))
    employ(world, second, starts_on=date(2027, 6, 1))  # on the day of the award
    page = text(client.get("/training/dashboard/"))
    assert "and 1 of them is now employed." in page
    assert ("Employed", "1") in re.findall(
        r"<td class=\"nhsuk-table__cell\">([A-Za-z ]+)</td> "
        r"<td class=\"nhsuk-table__cell nhsuk-table__cell--numeric\">(\d+)</td>",
        page,
    )
