"""Required refreshers: when each worker in post is due to repeat each one.

A worker's refresher is due `every_months` after they last completed it, or, before they
have, after the start of their employment. It is due soon within `DUE_SOON` of that date
and overdue after it. Every row of a worker and a refresher comes from ONE query
(`refresher_rows`), for a worker's page, a supervisor's, the coordinator's list and the
workforce view (`refreshers_due`) alike.
"""

import calendar
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from django.db import connection
from django.db.models import QuerySet

from peerpath.accounts.models import User
from peerpath.core.actor import Actor
from peerpath.workforce.models import EmploymentRecord
from peerpath.workforce.selectors import employments_current

from .models import Refresher, RefresherCompletion
from .selectors import employments_seen

DUE_SOON = timedelta(days=30)


class Due:
    OVERDUE = "overdue"
    SOON = "due_soon"
    LATER = "later"


def add_months(day: date, months: int) -> date:
    """The same day `months` later (the month's last day where it is shorter)."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


@dataclass(frozen=True)
class RefresherRow:
    worker_id: int
    worker_name: str
    refresher_id: int
    name: str
    every_months: int
    last_done: date | None
    due_on: date
    state: str

    @property
    def is_flagged(self) -> bool:
        return self.state != Due.LATER


def _day(value: Any) -> date | None:
    if value is None or isinstance(value, date):
        return value
    return date.fromisoformat(str(value)[:10])


def refresher_rows(employments: QuerySet[EmploymentRecord], today: date) -> list[RefresherRow]:
    """Each worker of `employments` with each refresher of their organisation, with when it is
    due: one query (the employments are a subquery)."""
    inner, inner_params = employments.values("pk").query.sql_with_params()
    e, u = EmploymentRecord._meta.db_table, User._meta.db_table
    r, c = Refresher._meta.db_table, RefresherCompletion._meta.db_table
    sql = (
        f"SELECT e.worker_id, u.full_name, u.preferred_name, r.id, r.name, r.every_months, "  # noqa: S608 - table names from models, values as parameters
        f"MIN(e.starts_on), "
        f"(SELECT MAX(c.completed_on) FROM {c} c "
        f" WHERE c.refresher_id = r.id AND c.worker_id = e.worker_id) "
        f"FROM {e} e JOIN {u} u ON u.id = e.worker_id "
        f"JOIN {r} r ON r.organisation_id = e.organisation_id AND r.retired_on IS NULL "
        f"WHERE e.id IN ({inner}) "
        f"GROUP BY e.worker_id, u.full_name, u.preferred_name, r.id, r.name, r.every_months "
        f"ORDER BY u.full_name, r.name"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, inner_params)
        found = cursor.fetchall()
    rows = []
    for worker_id, full_name, preferred, refresher_id, name, every, started, last in found:
        last_done = _day(last)
        base = last_done or _day(started)
        assert base is not None  # noqa: S101 - every employment has a start
        due_on = add_months(base, every)
        state = (
            Due.OVERDUE if due_on < today else Due.SOON if due_on <= today + DUE_SOON else Due.LATER
        )
        rows.append(
            RefresherRow(
                worker_id=worker_id,
                worker_name=preferred or full_name,
                refresher_id=refresher_id,
                name=name,
                every_months=every,
                last_done=last_done,
                due_on=due_on,
                state=state,
            )
        )
    return rows


def refresher_status(
    *, actor: Actor, today: date, worker_id: int | None = None
) -> list[RefresherRow]:
    """The refreshers of the workers in post the actor may see (or of one of them)."""
    employments = employments_seen(actor=actor, today=today)
    if worker_id is not None:
        employments = employments.filter(worker_id=worker_id)
    return refresher_rows(employments, today)


def refreshers_due(organisation: Any, today: date) -> list[RefresherRow]:
    """For the workforce view: every worker in post's refreshers due soon or overdue, the
    overdue first: one query."""
    rows = refresher_rows(employments_current(organisation, today), today)
    return sorted((r for r in rows if r.is_flagged), key=lambda r: (r.due_on, r.worker_name))


def refreshers_of(*, actor: Actor) -> QuerySet[Refresher]:
    """The refreshers the actor's organisation requires now (not the retired ones)."""
    return all_refreshers_of(actor=actor).filter(retired_on__isnull=True)


def retired_refreshers_of(*, actor: Actor) -> QuerySet[Refresher]:
    """The refreshers the actor's organisation has retired, the latest first."""
    return (
        all_refreshers_of(actor=actor)
        .filter(retired_on__isnull=False)
        .order_by("-retired_on", "name", "pk")
    )


def all_refreshers_of(*, actor: Actor) -> QuerySet[Refresher]:
    """Every refresher the actor's organisation has set, required now or retired."""
    if actor.organisation is None:
        return Refresher.objects.none()
    return Refresher.objects.filter(organisation=actor.organisation).select_related("unit")


def retired_completions(*, actor: Actor, worker_id: int) -> QuerySet[RefresherCompletion]:
    """The worker's completions of refreshers since retired: kept, to show their history
    (the latest first, one query)."""
    if actor.organisation is None:
        return RefresherCompletion.objects.none()
    return (
        RefresherCompletion.objects.filter(
            organisation=actor.organisation,
            worker_id=worker_id,
            refresher__retired_on__isnull=False,
        )
        .select_related("refresher")
        .order_by("-completed_on", "-pk")
    )
