"""The person page's panels, and the reads the home pages use: fixed query counts."""

from datetime import timedelta
from typing import Any

import pytest
from django.db import connection
from django.template.loader import render_to_string
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from peerpath.accounts.models import User
from peerpath.caseload.models import Person
from peerpath.caseload.panels import read_panels
from peerpath.caseload.tests.factories import person_on_caseload
from peerpath.core.roles import Role
from peerpath.recovery import panels as recovery_panels
from peerpath.recovery import selectors
from peerpath.recovery.models import (
    Document,
    DocumentKind,
    GoalStatus,
)
from peerpath.recovery.tests.factories import (
    CopingWorksheetFactory,
    DigitalInterventionFactory,
    DocumentFactory,
    DocumentVersionFactory,
    GoalFactory,
    GoalStepFactory,
    GoalUpdateFactory,
    MeaningfulActivityFactory,
)

pytestmark = pytest.mark.django_db


def fill(person: Person, count: int, by: User) -> None:
    """`count` goals (each with steps and a success), versions and tools."""
    today = timezone.localdate()
    for n in range(count):
        goal = GoalFactory(
            person=person, in_own_words=f"Goal {n}", why_it_matters="It matters", strengths="Kind"
        )
        GoalStepFactory(goal=goal, text=f"Step {n}", due_on=today)
        GoalStepFactory(goal=goal, text=f"Done {n}", done_on=today)
        GoalUpdateFactory(goal=goal, on=today, text=f"Success {n}", is_success=True, by=by)
        CopingWorksheetFactory(person=person, problem=f"Problem {n}")
        MeaningfulActivityFactory(person=person, activity=f"Walk {n}")
        DigitalInterventionFactory(person=person, name=f"App {n}", helpfulness="very")
    for kind in DocumentKind:
        document = DocumentFactory(person=person, kind=kind, current_version=count, review_on=today)
        for number in range(1, count + 1):
            DocumentVersionFactory(document=document, number=number, changed_by=by)


def panel_queries(rf: Any, person: Person) -> int:
    request = rf.get("/")
    with CaptureQueriesContext(connection) as queries:
        for panel in read_panels(recovery_panels, request, person):
            render_to_string(
                panel.template, {"person": person, "panel": panel, "context": panel.context}
            )
    return len(queries)


def test_the_panels_make_the_same_queries_for_one_goal_or_ten(caseload_world: Any, rf: Any) -> None:
    psw = caseload_world.user(Role.PSW)
    small, large = person_on_caseload(caseload_world), person_on_caseload(caseload_world)
    fill(small, 1, psw)
    fill(large, 10, psw)
    one = panel_queries(rf, small)
    assert one == panel_queries(rf, large)
    assert one <= 8


def test_the_panels_show_goals_successes_plans_and_tools(caseload_world: Any, rf: Any) -> None:
    person = caseload_world.person
    panels = {panel.key: panel for panel in read_panels(recovery_panels, rf.get("/"), person)}
    assert [p.heading for p in panels.values()] == ["Recovery goals", "Plans", "Tools"]
    goals = render_to_string(
        panels["recovery-goals"].template,
        {"person": person, "context": panels["recovery-goals"].context},
    )
    assert "Go back to college" in goals and "Next step: Visit the open day" in goals
    plans = render_to_string(
        panels["plans"].template, {"person": person, "context": panels["plans"].context}
    )
    for slug in ("recovery-plan", "advance-statement", "crisis-plan"):
        assert f'href="/people/{person.pk}/plans/{slug}/"' in plans
        assert f'href="/people/{person.pk}/plans/{slug}/pdf/"' in plans
    assert "Review overdue" not in plans
    tools = render_to_string(
        panels["tools"].template, {"person": person, "context": panels["tools"].context}
    )
    assert "Money worries" in tools and "Allotment" in tools
    assert "A mood diary app: somewhat helpful" in tools


def test_the_person_page_shows_the_panels(caseload_world: Any, client_for: Any) -> None:
    response = client_for(Role.PSW).get(f"/people/{caseload_world.person.pk}/")
    page = response.content.decode()
    assert response.status_code == 200
    for key in ("recovery-goals", "plans", "tools"):
        assert f'<section id="{key}"' in page


def test_reviews_due_finds_documents_due_by_a_date_in_one_query(
    caseload_world: Any, django_assert_num_queries: Any
) -> None:
    world = caseload_world
    today = timezone.localdate()
    other = person_on_caseload(world)
    Document.objects.filter(person=world.person, kind=DocumentKind.CRISIS_PLAN).update(
        review_on=today - timedelta(days=2)
    )
    Document.objects.filter(person=world.person, kind=DocumentKind.RECOVERY_PLAN).update(
        review_on=today + timedelta(days=5)
    )
    DocumentFactory(
        person=other, kind=DocumentKind.ADVANCE_STATEMENT, current_version=1, review_on=today
    )
    # A document with no version yet has nothing to review.
    DocumentFactory(person=other, kind=DocumentKind.CRISIS_PLAN, current_version=0, review_on=today)
    with django_assert_num_queries(1):
        due = selectors.reviews_due([world.person.pk, other.pk], until=today + timedelta(days=7))
        kinds = {pk: [d.kind for d in documents] for pk, documents in due.items()}
    assert kinds == {
        world.person.pk: [DocumentKind.CRISIS_PLAN, DocumentKind.RECOVERY_PLAN],
        other.pk: [DocumentKind.ADVANCE_STATEMENT],
    }
    assert selectors.reviews_due([world.person.pk], until=today) == {
        world.person.pk: [Document.objects.get(person=world.person, kind="crisis_plan")]
    }


def test_next_steps_gives_each_persons_earliest_undone_step_in_one_query(
    caseload_world: Any, django_assert_num_queries: Any
) -> None:
    world = caseload_world
    today = timezone.localdate()
    other = person_on_caseload(world)
    goal = GoalFactory(person=other, in_own_words="Cook", why_it_matters="x", strengths="y")
    GoalStepFactory(goal=goal, text="No date yet")
    soon = GoalStepFactory(goal=goal, text="Buy a pan", due_on=today + timedelta(days=1))
    GoalStepFactory(goal=goal, text="Done already", due_on=today, done_on=today)
    paused = GoalFactory(
        person=other,
        in_own_words="Run",
        why_it_matters="x",
        strengths="y",
        status=GoalStatus.PAUSED,
    )
    GoalStepFactory(goal=paused, text="Paused step", due_on=today)
    nobody = person_on_caseload(world)
    with django_assert_num_queries(1):
        steps = selectors.next_steps([world.person.pk, other.pk, nobody.pk])
        goals = {pk: step.goal.in_own_words for pk, step in steps.items()}
    assert steps == {world.person.pk: world.goal_step, other.pk: soon}
    assert goals[other.pk] == "Cook"
