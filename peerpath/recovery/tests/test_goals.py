"""Recovery goals: add, edit with a version check, steps, progress and successes."""

from datetime import timedelta
from typing import Any

import pytest
from django.utils import timezone

from peerpath.caseload.tests.factories import person_on_caseload
from peerpath.core.models import AuditAction, AuditEvent
from peerpath.core.roles import Role
from peerpath.recovery.models import Goal, GoalStatus, GoalStep, GoalUpdate
from peerpath.tests.dates import date_boxes
from peerpath.tests.pages import text, words

pytestmark = pytest.mark.django_db


def goal_data(**overrides: str) -> dict[str, str]:
    data = {
        "in_own_words": "Get back to swimming",
        "why_it_matters": "I feel free in the water",
        "strengths": "I used to swim for my county",
    }
    data.update(overrides)
    return data


def test_a_goal_is_added_in_the_persons_own_words(caseload_world: Any, client_for: Any) -> None:
    person = person_on_caseload(caseload_world)
    client = client_for(Role.PSW)
    form = client.get(f"/people/{person.pk}/goals/new/")
    assert form.status_code == 200
    assert "Add a goal" in text(form)
    response = client.post(f"/people/{person.pk}/goals/new/", goal_data())
    goal = Goal.objects.get(person=person)
    assert response.status_code == 302
    assert response["Location"] == f"/people/{person.pk}/goals/{goal.pk}/"
    assert goal.in_own_words == "Get back to swimming"
    assert goal.strengths == "I used to swim for my county"
    assert goal.status == GoalStatus.WORKING_ON
    assert goal.created_by == caseload_world.user(Role.PSW)
    assert goal.organisation == caseload_world.organisation
    event = AuditEvent.objects.get(action=AuditAction.CREATE, object_type="recovery.goal")
    assert event.person_id == person.pk
    # The audit log names the kind of record, not what the person wrote.
    assert "swimming" not in event.object_label
    page = text(client.get(f"/people/{person.pk}/goals/"))
    assert "Get back to swimming" in page and "Working on it" in page and "No steps yet." in page


def test_an_empty_goal_is_explained_field_by_field(caseload_world: Any, client_for: Any) -> None:
    person = person_on_caseload(caseload_world)
    response = client_for(Role.PSW).post(
        f"/people/{person.pk}/goals/new/",
        goal_data(in_own_words=" ", why_it_matters="", strengths=""),
    )
    page = text(response)
    assert response.status_code == 400
    assert "There is a problem" in page
    assert "<title>Error: Add a goal" in page
    for message in (
        "Write the goal in their own words.",
        "Write why the goal matters to them.",
        "Write at least one strength or resource they bring.",
    ):
        assert page.count(message) == 2  # in the summary and next to the field
    assert not Goal.objects.filter(person=person).exists()


def test_a_goal_is_edited_and_its_status_changed(caseload_world: Any, client_for: Any) -> None:
    goal = caseload_world.goal
    client = client_for(Role.SUPERVISOR)
    url = f"/people/{goal.person_id}/goals/{goal.pk}/edit/"
    assert 'name="version" value="1"' in client.get(url).content.decode()
    response = client.post(
        url, {**goal_data(in_own_words="Go back to college"), "status": "paused", "version": "1"}
    )
    assert response.status_code == 302
    goal.refresh_from_db()
    assert goal.status == GoalStatus.PAUSED
    assert goal.version == 2
    assert "Paused for now" in text(client.get(f"/people/{goal.person_id}/goals/{goal.pk}/"))
    event = AuditEvent.objects.get(action=AuditAction.UPDATE, object_type="recovery.goal")
    assert event.person_id == goal.person_id
    assert event.actor_id == caseload_world.user(Role.SUPERVISOR).pk


def test_a_second_edit_of_the_same_goal_is_refused_and_keeps_the_text(
    caseload_world: Any, client_for: Any
) -> None:
    goal = caseload_world.goal
    url = f"/people/{goal.person_id}/goals/{goal.pk}/edit/"
    first = client_for(Role.PSW).post(url, {**goal_data(), "status": "achieved", "version": "1"})
    assert first.status_code == 302
    second = client_for(Role.SUPERVISOR).post(
        url, {**goal_data(why_it_matters="My own reason"), "status": "paused", "version": "1"}
    )
    page = text(second)
    assert second.status_code == 400
    assert "Someone else saved this goal while this page was open" in page
    assert "My own reason" in page
    assert 'name="version" value="2"' in second.content.decode()
    goal.refresh_from_db()
    assert goal.status == GoalStatus.ACHIEVED
    assert goal.why_it_matters == "I feel free in the water"


def test_steps_are_added_with_dates_and_marked_done(caseload_world: Any, client_for: Any) -> None:
    goal = caseload_world.goal
    client = client_for(Role.PSW)
    base = f"/people/{goal.person_id}/goals/{goal.pk}"
    due = timezone.localdate() + timedelta(days=14)
    assert client.get(f"{base}/steps/").status_code == 200
    bad = client.post(f"{base}/steps/", {"text": "", **date_boxes("due_on", "31/02/2027")})
    assert bad.status_code == 400
    assert "Write the step." in text(bad)
    assert "The date for the step must be a real date" in text(bad)
    response = client.post(f"{base}/steps/", {"text": "Ring the college", "due_on": due})
    assert response.status_code == 302
    step = GoalStep.objects.get(text="Ring the college")
    assert step.due_on == due and step.done_on is None
    page = words(client.get(f"{base}/"))
    assert "Ring the college" in page
    assert "Mark as done: Ring the college" in page
    assert client.get(f"{base}/steps/{step.pk}/done/").status_code == 405
    done = client.post(f"{base}/steps/{step.pk}/done/")
    assert done.status_code == 302
    step.refresh_from_db()
    assert step.done_on == timezone.localdate()
    # Doing it again changes nothing: it keeps the day it was done.
    client.post(f"{base}/steps/{step.pk}/done/")
    assert AuditEvent.objects.filter(reason="step done", person_id=goal.person_id).count() == 1


def test_progress_and_successes_appear_on_the_timeline(
    caseload_world: Any, client_for: Any
) -> None:
    goal = caseload_world.goal
    client = client_for(Role.PSW)
    base = f"/people/{goal.person_id}/goals/{goal.pk}"
    today = timezone.localdate()
    future = client.post(
        f"{base}/updates/", {"on": (today + timedelta(days=1)).isoformat(), "text": "x"}
    )
    assert future.status_code == 400
    assert "Date must be today or in the past" in text(future)
    response = client.post(
        f"{base}/updates/",
        {"on": today.isoformat(), "text": "Enrolled on the course!", "is_success": "on"},
    )
    assert response.status_code == 302
    update = GoalUpdate.objects.get(text="Enrolled on the course!")
    assert update.is_success and update.by == caseload_world.user(Role.PSW)
    assert AuditEvent.objects.get(reason="a success to celebrate").person_id == goal.person_id
    page = client.get(f"{base}/").content.decode()
    # The success is celebrated with a tag; the earlier plain update has none.
    success_card = page.split("Enrolled on the course!")[0].rsplit("<li", 1)[1]
    assert "pp-success" in success_card and "nhsuk-tag--green" in success_card
    plain_card = page.split("Went to the open day")[0].rsplit("<li", 1)[1]
    assert "pp-success" not in plain_card
    listing = text(client.get(f"/people/{goal.person_id}/goals/"))
    assert "Successes to celebrate" in listing and "Enrolled on the course!" in listing


def test_another_persons_goal_is_not_found(caseload_world: Any, client_for: Any) -> None:
    other = person_on_caseload(caseload_world)
    goal = caseload_world.goal
    client = client_for(Role.PSW)
    assert client.get(f"/people/{other.pk}/goals/{goal.pk}/").status_code == 404
    step = caseload_world.goal_step
    assert (
        client.post(f"/people/{other.pk}/goals/{goal.pk}/steps/{step.pk}/done/").status_code == 404
    )
    outsider = client_for("outsider")
    assert outsider.get(f"/people/{goal.person_id}/goals/").status_code == 404
    step.refresh_from_db()
    assert step.done_on is None
