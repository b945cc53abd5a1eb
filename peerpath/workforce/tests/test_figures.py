"""The workforce figures (peerpath/workforce/selectors.py), each one SQL query."""

from datetime import date
from typing import Any

import pytest

from conftest import World
from peerpath.core.roles import Role
from peerpath.workforce import selectors
from peerpath.workforce.models import EmploymentRecord
from peerpath.workforce.tests.helpers import actor_of, graduate_award, make_post

pytestmark = pytest.mark.django_db


def employ(world: World, worker: Any, starts_on: date, ends_on: date | None = None) -> Any:
    return EmploymentRecord.objects.create(
        organisation=world.organisation,
        worker=worker,
        post=make_post(world, title=f"Post from {starts_on}"),
        starts_on=starts_on,
        ends_on=ends_on,
        hours_per_week=15,
        line_manager=world.user(Role.SUPERVISOR),
    )


def test_days_from_award_to_employment_per_graduate(
    world: World, django_assert_num_queries: Any
) -> None:
    graduate_award(world, awarded_on=date(2026, 3, 2))  # awards are never edited
    trainee = world.user(Role.TRAINEE)
    employ(world, trainee, date(2026, 1, 5))  # before the award: not counted
    employ(world, trainee, date(2026, 5, 1))
    employ(world, trainee, date(2026, 9, 1))  # a later post: the first one counts
    coordinator = actor_of(world, Role.COORDINATOR)
    with django_assert_num_queries(1):
        [row] = selectors.days_to_employment(actor=coordinator)
    assert row["starts_on"] == date(2026, 5, 1) and row["days"] == 60


def test_posts_filled_and_vacant_and_employments_ended_are_one_query_each(
    world: World, django_assert_num_queries: Any
) -> None:
    employ(world, world.user(Role.PSW), date(2025, 1, 6))
    employ(world, world.user(Role.TRAINEE), date(2025, 1, 6), ends_on=date(2025, 12, 31))
    make_post(world, title="Never filled")
    coordinator = actor_of(world, Role.COORDINATOR)
    with django_assert_num_queries(1):
        posts = selectors.posts_filled_vacant(actor=coordinator, today=date(2026, 6, 1))
    assert posts == {"filled": 1, "vacant": 2}
    with django_assert_num_queries(1):
        ended = selectors.employments_ended(actor=coordinator, today=date(2026, 6, 1))
    assert ended == {"ended": 1, "all": 2}
    elsewhere = actor_of(world, Role.COORDINATOR)
    object.__setattr__(elsewhere, "organisation", world.other_organisation)
    assert selectors.employments_ended(actor=elsewhere, today=date(2026, 6, 1))["all"] == 0
