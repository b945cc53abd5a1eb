"""Coping and problem-solving worksheets, meaningful activities and digital interventions."""

from datetime import timedelta
from typing import Any

import pytest
from django.utils import timezone

from peerpath.caseload.tests.factories import person_on_caseload
from peerpath.core.models import AuditAction, AuditEvent
from peerpath.core.roles import Role
from peerpath.recovery.models import CopingWorksheet, DigitalIntervention, MeaningfulActivity
from peerpath.tests.pages import text, words

pytestmark = pytest.mark.django_db


def test_a_worksheet_goes_from_problem_to_review(caseload_world: Any, client_for: Any) -> None:
    person = person_on_caseload(caseload_world)
    client = client_for(Role.PSW)
    base = f"/people/{person.pk}/tools/worksheets"
    empty = client.post(f"{base}/new/", {"problem": "  "})
    assert empty.status_code == 400
    assert "Write the problem in their words." in text(empty)
    created = client.post(
        f"{base}/new/",
        {"problem": "Letters from the council pile up", "parts": "Open them; sort them"},
    )
    worksheet = CopingWorksheet.objects.get(person=person)
    assert created["Location"] == f"{base}/{worksheet.pk}/"
    assert worksheet.parts == "Open them; sort them" and worksheet.version == 1
    edit = client.post(
        f"{base}/{worksheet.pk}/edit/",
        {
            "version": "1",
            "problem": "Letters from the council pile up",
            "parts": "Open them; sort them",
            "ideas": "Ask Jo to help\nTake them to the advice centre",
            "chosen": "The advice centre: they know the forms",
            "plan": "Go on Tuesday morning with the letters",
            "review": "",
        },
    )
    assert edit.status_code == 302
    worksheet.refresh_from_db()
    assert worksheet.version == 2 and worksheet.chosen.startswith("The advice centre")
    page = text(client.get(f"{base}/{worksheet.pk}/"))
    for label in (
        "1. The problem, in their words",
        "3. Ideas: every idea counts",
        "6. How it went",
    ):
        assert label in page
    assert "Take them to the advice centre" in page
    assert "Not written yet." in page  # the review, until they have tried the plan
    stale = client_for(Role.SUPERVISOR).post(
        f"{base}/{worksheet.pk}/edit/",
        {"version": "1", "problem": "Letters", "review": "It went well"},
    )
    assert stale.status_code == 400
    assert "Someone else saved this coping worksheet while this page was open" in text(stale)
    assert "It went well" in text(stale)
    worksheet.refresh_from_db()
    assert worksheet.review == ""
    actions = AuditEvent.objects.filter(object_type="recovery.copingworksheet")
    assert sorted(actions.values_list("action", "person_id")) == [
        (AuditAction.CREATE, person.pk),
        (AuditAction.UPDATE, person.pk),
    ]


def test_meaningful_activities_are_added_and_changed(caseload_world: Any, client_for: Any) -> None:
    person = person_on_caseload(caseload_world)
    client = client_for(Role.PSW)
    base = f"/people/{person.pk}/tools/activities"
    future = (timezone.localdate() + timedelta(days=3)).isoformat()
    bad = client.post(f"{base}/new/", {"activity": "", "started_on": future})
    assert bad.status_code == 400
    assert "Write the activity." in text(bad)
    assert "The date they started must be today or in the past" in text(bad)
    response = client.post(
        f"{base}/new/",
        {"activity": "Choir", "how_often": "Thursday evenings", "what_it_gives": "Company"},
    )
    assert response["Location"] == f"/people/{person.pk}/tools/"
    activity = MeaningfulActivity.objects.get(person=person)
    changed = client.post(
        f"{base}/{activity.pk}/edit/",
        {"version": "1", "activity": "Community choir", "how_often": "Thursday evenings"},
    )
    assert changed.status_code == 302
    activity.refresh_from_db()
    assert (activity.activity, activity.version) == ("Community choir", 2)
    page = words(client.get(f"/people/{person.pk}/tools/"))
    assert "Community choir" in page and "Change Community choir" in page


def test_digital_interventions_record_how_helpful_they_were(
    caseload_world: Any, client_for: Any
) -> None:
    person = person_on_caseload(caseload_world)
    client = client_for(Role.PSW)
    base = f"/people/{person.pk}/tools/digital"
    bad = client.post(f"{base}/new/", {"name": "A mood app"})
    assert bad.status_code == 400
    assert "Choose how helpful it was." in text(bad)
    client.post(f"{base}/new/", {"name": "A mood app", "helpfulness": "not_yet"})
    digital = DigitalIntervention.objects.get(person=person)
    client.post(
        f"{base}/{digital.pk}/edit/",
        {"version": "1", "name": "A mood app", "helpfulness": "very", "how_used": "Daily"},
    )
    digital.refresh_from_db()
    assert digital.helpfulness == "very"
    assert "Very helpful" in text(client.get(f"/people/{person.pk}/tools/"))
    assert (
        AuditEvent.objects.filter(
            object_type="recovery.digitalintervention", person_id=person.pk
        ).count()
        == 2
    )


def test_another_persons_tools_are_not_found(caseload_world: Any, client_for: Any) -> None:
    other = person_on_caseload(caseload_world)
    client = client_for(Role.PSW)
    world = caseload_world
    for path in (
        f"tools/worksheets/{world.worksheet.pk}/",
        f"tools/worksheets/{world.worksheet.pk}/edit/",
        f"tools/activities/{world.activity.pk}/edit/",
        f"tools/digital/{world.digital.pk}/edit/",
    ):
        assert client.get(f"/people/{other.pk}/{path}").status_code == 404
        assert client.get(f"/people/{world.person.pk}/{path}").status_code == 200
