"""Signposting from the directory: willing and able, a follow-up date, and the outcome."""

from datetime import timedelta
from typing import Any

import pytest
from django.utils import timezone

from peerpath.contacts.models import Signpost
from peerpath.core.models import AuditAction, AuditEvent
from peerpath.core.roles import Role
from peerpath.directory.models import Service
from peerpath.tests.dates import date_boxes
from peerpath.tests.pages import text, words

from .helpers import url

pytestmark = pytest.mark.django_db


def service(world: Any, name: str, **overrides: Any) -> Service:
    data = {
        "organisation": world.organisation,
        "name": name,
        "kind": "group",
        "remit": "A weekly walking group",
        "who_for": "Adults",
        "how_to_access": "Drop in",
        "localities": "Riverside",
        "needs": "loneliness",
        "last_checked_on": timezone.localdate(),
    }
    data.update(overrides)
    return Service.objects.create(**data)


def signpost_data(chosen: Service, **overrides: Any) -> dict[str, Any]:
    data = {
        "service": chosen.pk,
        "willing_and_able": "yes",
        "note": "Alex would like to meet people.",
        "follow_up_on": (timezone.localdate() + timedelta(days=7)).isoformat(),
    }
    data.update(overrides)
    return data


def test_the_directory_is_searched_inside_the_flow(caseload_world: Any, client_for: Any) -> None:
    world = caseload_world
    service(world, "Riverside Walkers")
    service(world, "Money Advice", needs="debt", localities="Northfield", remit="Debt advice")
    elsewhere = Service.objects.create(
        organisation=world.other_organisation,
        name="Eastfield Walkers",
        kind="group",
        remit="Walks",
        who_for="Adults",
        how_to_access="Drop in",
        localities="Riverside",
        needs="loneliness",
        last_checked_on=timezone.localdate(),
    )
    client = client_for(Role.PSW)
    start = url("signpost-create", person=world.person.pk)
    everything = words(client.get(start))
    assert "Riverside Walkers" in everything and "Money Advice" in everything
    assert "Eastfield Walkers" not in everything
    by_need = words(client.get(start, {"need": "debt"}))
    assert "Money Advice" in by_need and "Riverside Walkers" not in by_need
    by_area = words(client.get(start, {"locality": "Northfield"}))
    assert "Money Advice" in by_area and "Riverside Walkers" not in by_area
    by_name = words(client.get(start, {"q": "walkers"}))
    assert "Riverside Walkers" in by_name and "Money Advice" not in by_name
    # Another organisation's service cannot be chosen: back to the search.
    chosen_elsewhere = client.get(start, {"service": elsewhere.pk})
    assert "Choose a service" in words(chosen_elsewhere)
    refused = client.post(start, signpost_data(elsewhere))
    assert refused.status_code == 400
    assert "Choose a service from the directory." in words(refused)
    assert not Signpost.objects.filter(service=elsewhere).exists()


def test_psw_signposts_with_a_follow_up(caseload_world: Any, client_for: Any) -> None:
    world = caseload_world
    walkers = service(world, "Riverside Walkers")
    client = client_for(Role.PSW)
    start = url("signpost-create", person=world.person.pk)
    form = words(client.get(start, {"service": walkers.pk}))
    assert "Is Alex willing and able to go?" in form
    assert "A weekly walking group" in form
    response = client.post(start, signpost_data(walkers))
    signpost = Signpost.objects.get(service=walkers)
    assert response["Location"] == url("signpost-detail", person=world.person.pk, pk=signpost.pk)
    assert signpost.willing_and_able is True
    assert signpost.by == world.user(Role.PSW)
    assert signpost.follow_up_on == timezone.localdate() + timedelta(days=7)
    event = AuditEvent.objects.get(action=AuditAction.CREATE, object_id=str(signpost.pk))
    assert event.person_id == world.person.pk
    assert event.reason == "signposted to Riverside Walkers"


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        (
            {"willing_and_able": "no"},
            "Signpost only when Alex is willing and able to go. Nothing has been saved. "
            "You could talk with Alex about what would help",
        ),
        ({"willing_and_able": ""}, "Say whether Alex is willing and able to go."),
        (
            date_boxes("follow_up_on", timezone.localdate() - timedelta(days=1)),
            "Follow-up date must be today or in the future",
        ),
        ({"follow_up_on": ""}, "Enter the follow-up date"),
    ],
)
def test_willing_and_able_and_a_follow_up_date_are_required(
    caseload_world: Any, client_for: Any, overrides: dict[str, str], message: str
) -> None:
    world = caseload_world
    walkers = service(world, "Riverside Walkers")
    response = client_for(Role.PSW).post(
        url("signpost-create", person=world.person.pk), signpost_data(walkers, **overrides)
    )
    assert response.status_code == 400
    assert message in words(response)
    assert "There is a problem" in words(response)
    field = "willing_and_able" if "willing_and_able" in overrides else "follow_up_on"
    assert f'id="id_{field}-error"' in text(response)
    assert not Signpost.objects.filter(service=walkers).exists()


def test_a_follow_up_today_is_allowed(caseload_world: Any, client_for: Any) -> None:
    world = caseload_world
    walkers = service(world, "Riverside Walkers")
    client_for(Role.PSW).post(
        url("signpost-create", person=world.person.pk),
        signpost_data(walkers, follow_up_on=timezone.localdate().isoformat()),
    )
    assert Signpost.objects.get(service=walkers).follow_up_on == timezone.localdate()


@pytest.mark.parametrize(
    ("outcome", "label"),
    [
        ("went", "Went"),
        ("did_not_go", "Did not go"),
        ("needs_different", "Needs something different"),
    ],
)
def test_the_outcome_is_recorded_once(
    caseload_world: Any, client_for: Any, outcome: str, label: str
) -> None:
    world = caseload_world
    client = client_for(Role.PSW)
    page = url("signpost-outcome", person=world.person.pk, pk=world.signpost.pk)
    missing = client.post(page, {"outcome": "", "outcome_note": ""})
    assert missing.status_code == 400
    assert "Choose what happened." in words(missing)
    version = world.signpost.version
    client.post(page, {"outcome": outcome, "outcome_note": "Alex went twice.", "version": version})
    world.signpost.refresh_from_db()
    assert world.signpost.outcome == outcome
    assert world.signpost.outcome_note == "Alex went twice."
    assert world.signpost.outcome_recorded_on == timezone.localdate()
    detail = words(client.get(url("signpost-detail", person=world.person.pk, pk=world.signpost.pk)))
    assert f"{label}, recorded on" in detail
    assert "The outcome is already recorded." in words(client.get(page, follow=True))
    again = client.post(page, {"outcome": "went", "outcome_note": "Changed.", "version": version})
    assert again.status_code == 400
    assert "Someone else saved the outcome of this signpost" in words(again)
    assert "Changed." in words(again)
    world.signpost.refresh_from_db()
    assert world.signpost.outcome == outcome
    event = AuditEvent.objects.get(reason=f"follow-up outcome: {label}")
    assert event.person_id == world.person.pk


def test_the_list_flags_follow_ups_that_are_due(caseload_world: Any, client_for: Any) -> None:
    world = caseload_world
    later = Signpost.objects.create(
        organisation=world.organisation,
        person=world.person,
        service=service(world, "Riverside Walkers"),
        by=world.user(Role.PSW),
        willing_and_able=True,
        follow_up_on=timezone.localdate() + timedelta(days=10),
    )
    page = words(client_for(Role.PSW).get(url("signpost-list", person=world.person.pk)))
    due_at = page.index("Riverside Hearing Voices Group")
    later_at = page.index("Riverside Walkers")
    assert due_at < later_at  # the due follow-up comes first
    assert "Follow-up due" in page[due_at:later_at]
    assert "Follow up on " + later.follow_up_on.strftime("%-d %B %Y") in page[later_at:]
