"""Every date column keeps to the years PeerPath accepts (1900 to 2100), at the database:
years such as 0001 or 9999, typed by slip or sent by a script, are refused however they
arrive (a form, a service, a bulk update)."""

from datetime import date
from typing import Any

import pytest
from django.apps import apps
from django.db import IntegrityError, models, transaction

from peerpath.core.dates import EARLIEST, LATEST

# Date columns without the check, and why.
UNCHECKED: dict[str, str] = {
    # A copy of Document.review_on at each save, which is checked in the same transaction;
    # versions are history and are never changed, so old rows are left as they were.
    "recovery.DocumentVersion.review_on": "copied from the checked Document.review_on",
}


def _date_columns() -> list[tuple[type[models.Model], models.DateField]]:
    return [
        (model, field)
        for model in apps.get_models()
        if model.__module__.startswith("peerpath.")
        for field in model._meta.concrete_fields
        if isinstance(field, models.DateField) and not isinstance(field, models.DateTimeField)
    ]


def _checks_range(model: type[models.Model], field: str) -> bool:
    for constraint in model._meta.constraints:
        if isinstance(constraint, models.CheckConstraint):
            condition = str(constraint.condition)
            if (
                f"('{field}__gte', {EARLIEST!r})" in condition
                and f"('{field}__lte', {LATEST!r})" in condition
            ):
                return True
    return False


def test_every_date_column_has_a_range_check() -> None:
    columns = _date_columns()
    assert len(columns) > 20
    missing = [
        f"{model._meta.label}.{field.name}"
        for model, field in columns
        if f"{model._meta.label}.{field.name}" not in UNCHECKED
        and not _checks_range(model, field.name)
    ]
    assert missing == []


@pytest.mark.django_db
@pytest.mark.parametrize("year", [1, 1899, 2101, 9999])
def test_the_database_refuses_a_date_out_of_range(caseload_world: Any, year: int) -> None:
    from peerpath.caseload.models import Person
    from peerpath.recovery.models import GoalStep

    with pytest.raises(IntegrityError), transaction.atomic():
        Person.objects.filter(pk=caseload_world.person.pk).update(date_of_birth=date(year, 6, 1))
    with pytest.raises(IntegrityError), transaction.atomic():
        GoalStep.objects.filter(pk=caseload_world.goal_step.pk).update(due_on=date(year, 6, 1))


@pytest.mark.django_db
def test_the_edges_of_the_range_are_kept(caseload_world: Any) -> None:
    from peerpath.caseload.models import Person

    person = caseload_world.person
    for day in (EARLIEST, LATEST):
        Person.objects.filter(pk=person.pk).update(date_of_birth=day)
        person.refresh_from_db()
        assert person.date_of_birth == day
