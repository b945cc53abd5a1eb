"""Date ranges by meaning (core/dates.py): every form's date says what it means, and dates
of the same meaning take the same range on every form."""

import re
from datetime import date, timedelta
from typing import Any

import pytest
from django import forms
from django.core.exceptions import ValidationError
from django.urls import get_resolver
from django.utils import timezone

from conftest import World
from peerpath.core import dates
from peerpath.core.forms import DateField
from peerpath.core.roles import Role
from peerpath.tests.pages import text

# Date fields that may take any date PeerPath keeps, and why.
ANY_DATE_ALLOWED = {
    "AuditSearchForm.date_from": "a search filter over the whole log",
    "AuditSearchForm.date_to": "a search filter over the whole log",
}


def _all_form_classes() -> list[type[forms.Form]]:
    get_resolver().url_patterns  # noqa: B018 - imports every view, so every form
    found: list[type[forms.Form]] = []
    pending: list[type[Any]] = [forms.Form]
    while pending:
        cls = pending.pop()
        for sub in cls.__subclasses__():
            pending.append(sub)
            if sub.__module__.startswith("peerpath.") and ".tests" not in sub.__module__:
                found.append(sub)
    return found


def test_every_date_on_a_form_says_what_it_means() -> None:
    fields = {
        f"{form.__name__}.{name}": field
        for form in _all_form_classes()
        for name, field in form.base_fields.items()
        if isinstance(field, DateField)
    }
    assert len(fields) > 15
    plain = [name for name, field in fields.items() if field.kind is dates.ANY]
    assert sorted(plain) == sorted(ANY_DATE_ALLOWED)


def _refused(kind: dates.DateKind, value: date) -> str | None:
    try:
        DateField(label="The date", kind=kind).clean(value)
    except ValidationError as error:
        return " ".join(error.messages)
    return None


@pytest.mark.parametrize(
    ("kind", "days", "refused"),
    [
        (dates.BIRTH, 0, "must be in the past"),
        (dates.BIRTH, -1, None),
        (dates.HAPPENED, 1, "must be today or in the past"),
        (dates.HAPPENED, 0, None),
        (dates.HAPPENED, -366 * 11, "must be between"),
        (dates.PLANNED, -1, "must be today or in the future"),
        (dates.PLANNED, 0, None),
        (dates.PLANNED, 366 * 6, "must be between"),
        (dates.REVIEW, 0, "must be after today"),
        (dates.REVIEW, 1, None),
        (dates.CALENDAR, -366 * 3, "must be between"),
        (dates.CALENDAR, 366 * 4, "must be between"),
        (dates.CALENDAR, -300, None),
    ],
)
def test_each_kind_takes_the_dates_that_make_sense(
    kind: dates.DateKind, days: int, refused: str | None
) -> None:
    said = _refused(kind, timezone.localdate() + timedelta(days=days))
    if refused is None:
        assert said is None
    else:
        assert said is not None and refused in said


@pytest.mark.parametrize("kind", [dates.ANY, dates.HISTORY, dates.BIRTH])
@pytest.mark.parametrize("value", [date(1, 1, 1), date(1899, 12, 31), date(9999, 12, 31)])
def test_no_kind_takes_a_year_outside_the_kept_years(kind: dates.DateKind, value: date) -> None:
    assert _refused(kind, value) is not None


@pytest.mark.django_db
def test_a_cohort_starting_in_9999_is_refused_beside_the_field(
    world: World, client_for: Any
) -> None:
    from peerpath.training.models import Cohort, Programme
    from peerpath.training.services.programme_templates import (
        programme_copy,
        programme_templates_load,
    )

    programme_templates_load()
    programme = programme_copy(
        source=Programme.objects.templates().order_by("pk")[0],
        organisation=world.organisation,
        by=None,
    )
    response = client_for(Role.COORDINATOR).post(
        "/training/cohorts/",
        {
            "programme": programme.pk,
            "title": "Far future",
            "starts_on": "31/12/9999",
            "place": "Room 1",
        },
    )
    assert response.status_code == 400
    year = timezone.localdate().year
    message = f"Start date must be between {year - 2} and {year + 3}"
    assert message in text(response)
    page = response.content.decode()
    assert re.search(r'nhsuk-error-message" id="[^"]*starts_on[^"]*-error"', page)
    assert not Cohort.objects.filter(title="Far future").exists()
