"""Dates at the edges of the calendar, and certificate numbers of any text, never give a 500."""

from datetime import date
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.test import Client
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import World
from peerpath.core.dates import EARLIEST, LATEST
from peerpath.core.roles import Role
from peerpath.tests.pages import text
from peerpath.training.models import Cohort, TrainingSession
from peerpath.training.services.delivery import _teaching_days, timetable_generate
from peerpath.training.tests.helpers import monday_cohort_over_christmas

pytestmark = pytest.mark.django_db

IMROC = "nhft-imroc-peer-support-training"


def test_a_cohort_cannot_be_stored_with_a_start_in_year_9999(world: World) -> None:
    cohort = monday_cohort_over_christmas(world, IMROC, date(2027, 3, 1))
    with pytest.raises(IntegrityError), transaction.atomic():
        Cohort.objects.filter(pk=cohort.pk).update(starts_on=date(9999, 12, 31))
    with pytest.raises(IntegrityError), transaction.atomic():
        Cohort.objects.filter(pk=cohort.pk).update(starts_on=date(1, 1, 1))
    cohort.starts_on = date(9999, 12, 31)
    with pytest.raises(ValidationError) as refused:
        cohort.full_clean()
    assert "between 1900 and 2100" in str(refused.value)


def test_a_timetable_from_the_last_day_of_the_calendar_is_a_clear_error(world: World) -> None:
    """Whatever start date a cohort holds, making its timetable never overflows."""
    cohort = monday_cohort_over_christmas(world, IMROC, date(2027, 3, 1))
    cohort.starts_on = date(9999, 12, 31)  # not storable any more; as if read from old data
    with pytest.raises(ValidationError) as refused:
        timetable_generate(cohort=cohort, by=None)
    assert "2100" in " ".join(refused.value.messages)
    assert not TrainingSession.objects.filter(cohort=cohort).exists()


@pytest.mark.parametrize("starts_on", [date(1, 1, 1), date(1899, 12, 31)])
def test_a_timetable_from_before_1900_is_a_clear_error(world: World, starts_on: date) -> None:
    cohort = monday_cohort_over_christmas(world, IMROC, date(2027, 3, 1))
    cohort.starts_on = starts_on  # not storable any more; as if read from old data
    with pytest.raises(ValidationError) as refused:
        timetable_generate(cohort=cohort, by=None)
    assert "before 1900" in " ".join(refused.value.messages)


@settings(max_examples=200, deadline=None, derandomize=True, database=None)
@given(
    starts_on=st.dates(),
    count=st.integers(min_value=1, max_value=120),
    per_week=st.integers(min_value=1, max_value=7),
)
def test_teaching_days_from_any_date_are_kept_dates_or_a_clear_error(
    starts_on: date, count: int, per_week: int
) -> None:
    try:
        days = _teaching_days(starts_on, count, per_week)
    except ValidationError as error:
        assert "Change the cohort's start date first." in " ".join(error.messages)
    else:
        assert len(days) == count
        assert all(EARLIEST <= day <= LATEST for day, _ in days)


def test_generating_a_timetable_that_would_run_past_2100_says_so(
    world: World, client_for: Any
) -> None:
    cohort = monday_cohort_over_christmas(world, IMROC, date(2100, 11, 29))
    response = client_for(Role.COORDINATOR).post(
        f"/training/cohorts/{cohort.pk}/timetable/", follow=True
    )
    assert response.status_code == 200
    assert "would run past 31 December 2100" in text(response)
    assert not TrainingSession.objects.filter(cohort=cohort).exists()


@pytest.mark.parametrize(
    "number", ["a/b", "PP-AB2CD/EF3GH", "../../manage", "PP\x00X", "x" * 41, "  ", "ü-ß", "%2F"]
)
def test_the_certificate_checker_answers_any_number_text(number: str) -> None:
    response = Client().get("/verify/", {"number": number})
    assert response.status_code in (200, 404)
    page = text(response)
    assert "Check a certificate" in page


@pytest.mark.parametrize("number", ["a%00b", "PP-AB2CD-EF3G%C3%9F", "%E2%80%AE", "x" * 300])
def test_the_certificate_checker_page_answers_any_number_in_its_address(number: str) -> None:
    response = Client().get(f"/verify/{number}/")
    assert response.status_code == 404
    assert "Not a valid certificate number" in text(response)


def test_a_number_with_a_slash_is_not_a_certificate(world: World) -> None:
    response = Client().get("/verify/", {"number": "a/b"})
    assert "Not a valid certificate number" in text(response)
    assert "a/b" in text(response)
