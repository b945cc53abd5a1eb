"""Required refreshers: due dates from the last completion (or the start in post), flagged
when due soon or overdue, for the worker, their supervisor and the peer development team."""

from datetime import date
from typing import Any

import pytest
import time_machine

from peerpath.accounts.tests.factories import UserFactory
from peerpath.core.roles import Role
from peerpath.learning.models import Refresher, RefresherCompletion
from peerpath.learning.refreshers import Due, add_months, refreshers_due
from peerpath.organisations.tests.factories import MembershipFactory
from peerpath.tests.pages import text

from .helpers import STARTED, employ, refresher

pytestmark = pytest.mark.django_db

# The helpers' workers started on 5 January 2026; a 12-monthly refresher is due on
# 5 January 2027 until they complete it.
BEFORE_DUE = date(2026, 12, 20)


def test_add_months_keeps_the_day_or_the_months_last() -> None:
    assert add_months(date(2026, 1, 5), 12) == date(2027, 1, 5)
    assert add_months(date(2026, 1, 31), 1) == date(2026, 2, 28)
    assert add_months(date(2026, 11, 30), 3) == date(2027, 2, 28)


def test_due_follows_the_start_then_the_last_completion(employed: Any) -> None:
    safeguarding = refresher(employed.organisation, "Safeguarding", every_months=12, unit="1.7")
    worker = employed.user(Role.PSW)
    [row] = refreshers_due(employed.organisation, BEFORE_DUE)
    assert (row.worker_id, row.due_on, row.state) == (
        worker.pk,
        add_months(STARTED, 12),
        Due.SOON,
    )
    [row] = refreshers_due(employed.organisation, date(2027, 2, 1))
    assert row.state == Due.OVERDUE
    RefresherCompletion.objects.create(
        organisation=employed.organisation,
        refresher=safeguarding,
        worker=worker,
        completed_on=date(2026, 12, 1),
        recorded_by=worker,
    )
    # Done on 1 December 2026: next due 1 December 2027, so nothing is flagged.
    assert refreshers_due(employed.organisation, date(2027, 2, 1)) == []
    assert refreshers_due(employed.other_organisation, date(2027, 2, 1)) == []


def test_refreshers_due_is_one_query(employed: Any, django_assert_num_queries: Any) -> None:
    refresher(employed.organisation, "Safeguarding", every_months=12)
    refresher(employed.organisation, "Note writing", every_months=24)
    for _n in range(3):
        worker = UserFactory()
        MembershipFactory(user=worker, organisation=employed.organisation, role=Role.PSW)
        employ(employed.organisation, employed.team, worker, line_manager=worker)
    with django_assert_num_queries(1):
        due = refreshers_due(employed.organisation, date(2027, 6, 1))
    assert len(due) == 4  # four workers in post, the 12-monthly one overdue for each
    assert {r.name for r in due} == {"Safeguarding"}


@time_machine.travel(BEFORE_DUE, tick=False)
def test_due_soon_is_flagged_on_the_homes_and_the_list(employed: Any, client_for: Any) -> None:
    refresher(employed.organisation, "Safeguarding", every_months=12, unit="1.7")
    name = employed.user(Role.PSW).display_name
    psw_home = text(client_for(Role.PSW).get("/"))
    assert "Refreshers to book" in psw_home and "Due soon" in psw_home
    supervisor_home = text(client_for(Role.SUPERVISOR).get("/"))
    assert f"{name}</a>: Safeguarding" in supervisor_home and "Due soon" in supervisor_home
    assert "1 refresher is due soon or overdue" in text(client_for(Role.COORDINATOR).get("/"))
    assert "1 refresher is due soon or overdue" in text(client_for(Role.ORG_ADMIN).get("/"))
    listed = text(client_for(Role.COORDINATOR).get("/learning/refreshers/"))
    assert name in listed and "5 Jan 2027" in listed


def test_the_team_sets_a_refresher_and_the_supervisor_records_one(
    employed: Any, client_for: Any
) -> None:
    coordinator = client_for(Role.COORDINATOR)
    bad = coordinator.post(
        "/learning/refreshers/new/", {"name": "Safeguarding", "every_months": "0"}
    )
    assert bad.status_code == 400 and "Enter at least 1 month" in text(bad)
    made = coordinator.post(
        "/learning/refreshers/new/", {"name": "Safeguarding", "unit": "", "every_months": "12"}
    )
    assert made.status_code == 302
    safeguarding = Refresher.objects.get()
    assert safeguarding.every_months == 12
    twice = coordinator.post(
        "/learning/refreshers/new/", {"name": "safeguarding", "every_months": "6"}
    )
    assert "There is already a refresher called safeguarding" in text(twice)
    worker = employed.user(Role.PSW)
    supervisor = client_for(Role.SUPERVISOR)
    done = supervisor.post(
        f"/learning/workers/{worker.pk}/refreshers/add/",
        {"refresher": safeguarding.pk, "completed_on": "2026-02-01", "note": "Level 2 course"},
    )
    assert done.status_code == 302
    completion = RefresherCompletion.objects.get()
    assert (completion.worker, completion.recorded_by) == (worker, employed.user(Role.SUPERVISOR))
    page = text(client_for(Role.PSW).get(f"/learning/workers/{worker.pk}/refreshers/"))
    assert "1 Feb 2026" in page and "1 Feb 2027" in page
    # A trainer cannot; the outsider finds nothing.
    assert (
        client_for(Role.TRAINER).get(f"/learning/workers/{worker.pk}/refreshers/").status_code
        == 403
    )
    assert (
        client_for("outsider").get(f"/learning/workers/{worker.pk}/refreshers/").status_code == 404
    )


@pytest.mark.parametrize("workers", [2, 12])
def test_the_refreshers_list_query_count_is_flat(
    employed: Any, client_for: Any, django_assert_num_queries: Any, workers: int
) -> None:
    refresher(employed.organisation, "Safeguarding", every_months=1)
    for _n in range(workers - 1):
        worker = UserFactory()
        MembershipFactory(user=worker, organisation=employed.organisation, role=Role.PSW)
        employ(employed.organisation, employed.team, worker, line_manager=worker)
    client = client_for(Role.COORDINATOR)
    client.get("/learning/refreshers/")
    # session, user, memberships, the rows, the refreshers, the retired ones
    with django_assert_num_queries(6):
        page = text(client.get("/learning/refreshers/"))
    assert page.count("Overdue") == workers
