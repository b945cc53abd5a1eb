"""An area of significant concern opens a development plan: agreed support, reviews, a
close with its outcome; seen only by the worker, their supervisors and the peer
development lead; due reviews flagged on their home pages."""

from datetime import timedelta
from typing import Any

import pytest
from django.utils import timezone

from conftest import make_user
from peerpath.core.roles import Role
from peerpath.observation import selectors
from peerpath.observation.models import DevelopmentPlan, PlanReview, PlanStatus
from peerpath.observation.tests.walk_examples import observe, open_plan, supervise
from peerpath.organisations.tests.factories import MembershipFactory
from peerpath.tests.dates import date_boxes
from peerpath.tests.pages import text
from peerpath.training.tests.factories import CohortFactory, EnrolmentFactory

pytestmark = pytest.mark.django_db


def test_the_supervisor_records_a_concern_reviews_and_closes_the_plan(
    world: Any, framework: Any, client_for: Any
) -> None:
    supervise(world)
    observation = observe(world, final=True)
    statement = observation.ratings.get().statement
    client = client_for(Role.SUPERVISOR)
    detail = text(client.get(f"/observations/{observation.pk}/"))
    assert f"/observations/{observation.pk}/development-plan/" in detail
    today = timezone.localdate()
    missing = client.post(f"/observations/{observation.pk}/development-plan/", {})
    assert missing.status_code == 400 and "Say what the concern is" in text(missing)
    response = client.post(
        f"/observations/{observation.pk}/development-plan/",
        {
            "concern": "Ends sessions abruptly",
            "statements": [statement.pk],
            "agreed_support": "Shadow endings with Chris",
            **date_boxes("next_review_on", today + timedelta(days=14)),
        },
    )
    plan = DevelopmentPlan.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/development-plans/{plan.pk}/"
    assert list(plan.statements.all()) == [statement]
    reviewed = client.post(
        f"/development-plans/{plan.pk}/review/",
        {
            **date_boxes("reviewed_on", today),
            "progress": "Two good endings this fortnight.",
            **date_boxes("next_review_on", today + timedelta(days=28)),
            "version": "1",
        },
    )
    assert reviewed.status_code == 302
    plan.refresh_from_db()
    assert plan.next_review_on == today + timedelta(days=28)
    assert PlanReview.objects.get().progress == "Two good endings this fortnight."
    closed = client.post(
        f"/development-plans/{plan.pk}/close/",
        {**date_boxes("closed_on", today), "outcome": "Endings are warm now.", "version": "2"},
    )
    assert closed.status_code == 302
    plan.refresh_from_db()
    assert plan.status == PlanStatus.CLOSED and plan.outcome == "Endings are warm now."
    # The worker reads it all; nobody reviews a closed plan.
    page = text(client_for(Role.PSW).get(f"/development-plans/{plan.pk}/"))
    assert "Two good endings" in page and "Endings are warm now." in page
    assert client.get(f"/development-plans/{plan.pk}/review/").status_code == 404


@pytest.mark.parametrize(
    ("persona", "status"),
    [
        (Role.PSW, 200),
        (Role.SUPERVISOR, 200),
        (Role.COORDINATOR, 200),
        (Role.TRAINER, 403),
        (Role.SAFEGUARDING_LEAD, 403),
        (Role.ORG_ADMIN, 403),
        ("another psw", 404),
        ("another supervisor", 404),
    ],
)
@pytest.mark.hazard("H16")
def test_only_the_worker_their_supervisor_and_the_lead_see_a_plan(
    world: Any, framework: Any, client_for: Any, persona: Any, status: int
) -> None:
    supervise(world)
    plan = open_plan(world, observe(world, final=True))
    # The trainer teaches a cohort the worker trained in, and is still refused.
    cohort: Any = CohortFactory(
        organisation=world.organisation, programme__organisation=world.organisation
    )
    cohort.facilitators.add(world.user(Role.TRAINER))
    EnrolmentFactory(cohort=cohort, trainee=world.user(Role.PSW))
    for key, role in (("another psw", Role.PSW), ("another supervisor", Role.SUPERVISOR)):
        user = make_user(f"{key.replace(' ', '-')}@riverside.example", full_name=key, totp=True)
        MembershipFactory(user=user, organisation=world.organisation, role=role, team=world.team)
        world.users[key] = user
    client = client_for(persona)
    assert client.get(f"/development-plans/{plan.pk}/").status_code == status
    listed = client.get("/development-plans/")
    if listed.status_code == 200:
        assert (f"/development-plans/{plan.pk}/" in text(listed)) == (status == 200)
    # Nor does it show on the observation to those who may not see it.
    if persona in (Role.TRAINER,):
        assert client.get(f"/observations/{plan.observation_id}/").status_code == 200
        assert "Closing sessions abruptly" not in text(
            client.get(f"/observations/{plan.observation_id}/")
        )


@pytest.mark.hazard("H16")
def test_due_reviews_are_flagged_on_the_worker_and_supervisor_homes(
    world: Any, framework: Any, client_for: Any
) -> None:
    supervise(world)
    open_plan(world, observe(world, final=True), due_in_days=0)
    open_plan(world, observe(world, final=True), due_in_days=10)
    for persona in (Role.PSW, Role.SUPERVISOR, Role.COORDINATOR):
        page = text(client_for(persona).get("/"))
        assert "1 development plan is due a review" in page, persona
    assert "development plan" not in text(client_for(Role.TRAINER).get("/"))
    due = selectors.plans_due(world.organisation, timezone.localdate())
    assert [p.next_review_on for p in due] == [timezone.localdate()]


def test_plans_due_is_one_query_and_the_list_stays_flat(
    world: Any,
    framework: Any,
    client_for: Any,
    django_assert_num_queries: Any,
    django_assert_max_num_queries: Any,
) -> None:
    supervise(world)
    for _ in range(3):
        open_plan(world, observe(world, final=True), due_in_days=-1)
    with django_assert_num_queries(1):
        assert len(list(selectors.plans_due(world.organisation, timezone.localdate()))) == 3
    client = client_for(Role.SUPERVISOR)
    client.get("/development-plans/")
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as one:
        client.get("/development-plans/")
    for _ in range(4):
        open_plan(world, observe(world, final=True))
    with django_assert_max_num_queries(len(one.captured_queries)):
        assert text(client.get("/development-plans/")).count("Review due") == 3
