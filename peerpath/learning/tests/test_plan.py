"""The continuing development plan (unit 1.5): units chosen with the supervisor, learning
recorded against them, and the supervisor's sign-off."""

from datetime import date
from typing import Any

import pytest

from peerpath.core.roles import Role
from peerpath.framework.models import Unit
from peerpath.learning.models import LearningRecord, PlanUnit
from peerpath.learning.selectors import development_plans_due
from peerpath.tests.pages import text

from .helpers import plan_unit

pytestmark = pytest.mark.django_db


def test_the_worker_adds_an_optional_unit_and_records_learning(
    employed: Any, client_for: Any
) -> None:
    psw = client_for(Role.PSW)
    worker = employed.user(Role.PSW)
    form = text(psw.get(f"/learning/workers/{worker.pk}/plan/add/"))
    assert "Unit 5.2: Ability to work with people in groups (optional)" in form
    assert "may build up (and so extend) their skills over time" in form
    unit = Unit.objects.get(framework__is_current=True, code="5.2")
    added = psw.post(
        f"/learning/workers/{worker.pk}/plan/add/",
        {"unit": unit.pk, "what_i_want_to_learn": "Co-facilitating a group", "review_by": ""},
    )
    assert added.status_code == 302
    item = PlanUnit.objects.get()
    assert (item.worker, item.unit, item.added_by) == (worker, unit, worker)
    # The unit is not offered twice.
    assert "Unit 5.2:" not in text(psw.get(f"/learning/workers/{worker.pk}/plan/add/"))
    recorded = psw.post(
        f"/learning/plan/{item.pk}/learning/add/",
        {
            "activity": "Co-facilitated the hearing voices group",
            "happened_on": "2026-02-10",
            "what_i_learnt": "Pacing a session to the group",
            "evidence": "Feedback from my co-facilitator",
        },
    )
    assert recorded.status_code == 302
    assert LearningRecord.objects.get().recorded_by == worker
    plan_page = text(psw.get(f"/learning/workers/{worker.pk}/plan/"))
    assert "Section 5:" in plan_page and "(optional)" in plan_page
    assert "1 learning record" in plan_page


def test_a_future_date_and_missing_words_are_refused(employed: Any, client_for: Any) -> None:
    item = plan_unit(employed.organisation, employed.user(Role.PSW), "5.3")
    response = client_for(Role.PSW).post(
        f"/learning/plan/{item.pk}/learning/add/",
        {"activity": "", "happened_on": "2099-01-01", "what_i_learnt": ""},
    )
    assert response.status_code == 400
    page = text(response)
    assert "Enter the activity" in page and "Enter what you learnt" in page
    assert LearningRecord.objects.count() == 0


def test_the_supervisor_signs_off_a_unit_which_then_takes_no_more_learning(
    employed: Any, client_for: Any
) -> None:
    empty = plan_unit(employed.organisation, employed.user(Role.PSW), "5.2")
    item = plan_unit(employed.organisation, employed.user(Role.PSW), "5.1", recorded=True)
    supervisor = client_for(Role.SUPERVISOR)
    assert "can be signed off once learning is recorded" in text(
        supervisor.get(f"/learning/plan/{empty.pk}/")
    )
    refused = supervisor.post(f"/learning/plan/{empty.pk}/", {"comment": "", "version": "1"})
    assert refused.status_code == 400
    signed = supervisor.post(
        f"/learning/plan/{item.pk}/", {"comment": "Well evidenced", "version": "1"}
    )
    assert signed.status_code == 302
    item.refresh_from_db()
    assert item.signed_by == employed.user(Role.SUPERVISOR)
    assert item.sign_off_comment == "Well evidenced"
    # Signed once; the worker records no more learning on it.
    again = supervisor.post(f"/learning/plan/{item.pk}/", {"comment": "Again", "version": "1"})
    assert again.status_code == 400
    assert "Nothing has been overwritten" in text(again)
    item.refresh_from_db()
    assert item.sign_off_comment == "Well evidenced"
    psw = client_for(Role.PSW)
    assert psw.get(f"/learning/plan/{item.pk}/learning/add/").status_code == 404
    # The worker does not sign off their own unit.
    assert psw.post(f"/learning/plan/{empty.pk}/", {"version": "1"}).status_code == 404


def test_others_do_not_see_the_plan(employed: Any, client_for: Any) -> None:
    item = plan_unit(employed.organisation, employed.user(Role.PSW), "5.1")
    assert client_for("outsider").get(f"/learning/plan/{item.pk}/").status_code == 404
    assert client_for(Role.TRAINER).get(f"/learning/plan/{item.pk}/").status_code == 403


def test_development_plans_due_is_one_query(employed: Any, django_assert_num_queries: Any) -> None:
    worker = employed.user(Role.PSW)
    plan_unit(employed.organisation, worker, "5.1", review_by=date(2026, 3, 1))
    plan_unit(employed.organisation, worker, "5.2", review_by=date(2026, 2, 1))
    plan_unit(employed.organisation, worker, "5.3", review_by=date(2026, 9, 1))
    with django_assert_num_queries(1):
        due = development_plans_due(employed.organisation, date(2026, 4, 1))
    assert due == [
        {
            "worker_id": worker.pk,
            "worker__full_name": worker.full_name,
            "units": 2,
            "earliest": date(2026, 2, 1),
        }
    ]
    assert development_plans_due(employed.other_organisation, date(2026, 4, 1)) == []


@pytest.mark.parametrize("units", [2, 12])
def test_plan_and_workers_query_counts_are_flat(
    employed: Any, client_for: Any, django_assert_num_queries: Any, units: int
) -> None:
    worker = employed.user(Role.PSW)
    codes = list(
        Unit.objects.filter(framework__is_current=True)
        .order_by("order")
        .values_list("code", flat=True)
    )[:units]
    for code in codes:
        plan_unit(employed.organisation, worker, code, recorded=True)
    client = client_for(Role.SUPERVISOR)
    url = f"/learning/workers/{worker.pk}/plan/"
    client.get(url)
    # session, user, memberships, employment, audit, supervisors (may add), count, units
    with django_assert_num_queries(8):
        assert text(client.get(url)).count("1 learning record") == units
    client.get("/learning/workers/")
    with django_assert_num_queries(5):
        assert worker.display_name in text(client.get("/learning/workers/"))
