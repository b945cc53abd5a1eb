"""Changing a current employment record: line manager, peer supervisor and hours, each
change kept as history; a stale save is refused; an ended record is not changed."""

from datetime import date
from decimal import Decimal
from typing import Any

import pytest
from django.core.exceptions import ValidationError

from conftest import OUTSIDER, World
from peerpath.accounts.tests.factories import UserFactory
from peerpath.core.models import AuditAction, AuditEvent
from peerpath.core.roles import Role
from peerpath.organisations.tests.factories import MembershipFactory
from peerpath.tests.pages import text
from peerpath.tests.stale_saves import assert_refused
from peerpath.workforce import services
from peerpath.workforce.models import EmploymentChange, EmploymentRecord
from peerpath.workforce.tests.factories import PostFactory

pytestmark = pytest.mark.django_db


def _record(world: World, **fields: Any) -> EmploymentRecord:
    post: Any = PostFactory(team=world.team, title="Peer support worker, ward 3")
    return EmploymentRecord.objects.create(
        organisation=world.organisation,
        worker=world.user(Role.PSW),
        post=post,
        starts_on=date(2026, 1, 5),
        hours_per_week=Decimal("15"),
        line_manager=world.user(Role.SUPERVISOR),
        **fields,
    )


def _new_supervisor(world: World) -> Any:
    user = UserFactory(full_name="Dana Brook")
    MembershipFactory(user=user, organisation=world.organisation, role=Role.SUPERVISOR)
    return user


def _edit(record: EmploymentRecord, version: int, **data: Any) -> dict[str, Any]:
    return {
        "line_manager": record.line_manager_id,
        "peer_supervisor": record.peer_supervisor_id or "",
        "hours_per_week": "15",
        "reason": "",
        "version": version,
        **data,
    }


def test_a_coordinator_changes_the_line_manager_and_hours_and_the_history_keeps_it(
    world: World, client_for: Any
) -> None:
    record = _record(world)
    dana = _new_supervisor(world)
    coordinator = client_for(Role.COORDINATOR)
    page = text(coordinator.get(f"/workforce/employment/{record.pk}/"))
    assert f"/workforce/employment/{record.pk}/edit/" in page
    assert "No changes since the appointment." in page
    form = text(coordinator.get(f"/workforce/employment/{record.pk}/edit/"))
    assert "Dana Brook" in form
    assert "Olu Outsider" not in form  # staff of this organisation only
    response = coordinator.post(
        f"/workforce/employment/{record.pk}/edit/",
        _edit(record, 1, line_manager=dana.pk, peer_supervisor=dana.pk, hours_per_week="22.5",
              reason="Moved to the ward team's manager"),
    )  # fmt: skip
    assert response.status_code == 302, text(response)[-2000:]
    record.refresh_from_db()
    assert record.line_manager == dana and record.peer_supervisor == dana
    assert record.hours_per_week == Decimal("22.5") and record.version == 2
    changes = {c.what: (c.before, c.after) for c in EmploymentChange.objects.all()}
    assert changes == {
        "Line manager": (world.user(Role.SUPERVISOR).display_name, dana.display_name),
        "Peer supervisor": ("Not yet named", dana.display_name),
        "Hours a week": ("15", "22.5"),
    }
    assert all(c.by == world.user(Role.COORDINATOR) for c in EmploymentChange.objects.all())
    history = text(coordinator.get(f"/workforce/employment/{record.pk}/"))
    assert "History" in history and "Moved to the ward team's manager" in history
    assert "No changes since the appointment." not in history
    assert AuditEvent.objects.filter(
        action=AuditAction.UPDATE, object_id=str(record.pk), reason__contains="Line manager"
    ).exists()


def test_a_stale_save_is_refused_and_overwrites_nothing(world: World, client_for: Any) -> None:
    record = _record(world)
    dana = _new_supervisor(world)
    coordinator = client_for(Role.COORDINATOR)
    first = coordinator.post(
        f"/workforce/employment/{record.pk}/edit/", _edit(record, 1, hours_per_week="20")
    )
    assert first.status_code == 302
    stale = coordinator.post(
        f"/workforce/employment/{record.pk}/edit/",
        _edit(record, 1, line_manager=dana.pk, reason="Words from the second window"),
    )
    assert_refused(stale, kept=["Words from the second window"])
    record.refresh_from_db()
    assert record.line_manager == world.user(Role.SUPERVISOR)
    assert record.hours_per_week == Decimal("20")
    assert list(EmploymentChange.objects.values_list("what", flat=True)) == ["Hours a week"]


def test_an_ended_employment_cannot_be_changed(world: World, client_for: Any) -> None:
    record = _record(world, ends_on=date(2026, 6, 30), end_reason="A new role")
    coordinator = client_for(Role.COORDINATOR)
    page = text(coordinator.get(f"/workforce/employment/{record.pk}/"))
    assert f"/workforce/employment/{record.pk}/edit/" not in page
    response = coordinator.get(f"/workforce/employment/{record.pk}/edit/", follow=True)
    assert "This employment has ended, so it can no longer be changed." in text(response)
    with pytest.raises(ValidationError, match="can no longer be changed"):
        services.employment_edit(
            record=record,
            line_manager=record.line_manager,
            peer_supervisor=None,
            hours_per_week=Decimal("30"),
            reason="",
            expected_version=record.version,
            by=world.user(Role.COORDINATOR),
        )
    record.refresh_from_db()
    assert record.hours_per_week == Decimal("15") and not EmploymentChange.objects.exists()


def test_staff_of_another_organisation_are_refused(world: World, client_for: Any) -> None:
    record = _record(world)
    with pytest.raises(ValidationError) as refused:
        services.employment_edit(
            record=record,
            line_manager=world.user(OUTSIDER),
            peer_supervisor=None,
            hours_per_week=Decimal("15"),
            reason="",
            expected_version=1,
            by=world.user(Role.COORDINATOR),
        )
    assert "line_manager" in refused.value.message_dict
    response = client_for(Role.COORDINATOR).post(
        f"/workforce/employment/{record.pk}/edit/",
        _edit(record, 1, line_manager=world.user(OUTSIDER).pk),
    )
    assert response.status_code == 400
    assert "Choose a line manager from your organisation's staff." in text(response)
    record.refresh_from_db()
    assert record.line_manager == world.user(Role.SUPERVISOR) and record.version == 1


@pytest.mark.parametrize("rows", [1, 6])
def test_the_employment_page_makes_the_same_queries_however_long_its_history(
    world: World, client_for: Any, django_assert_num_queries: Any, rows: int
) -> None:
    record = _record(world)
    for n in range(rows):
        EmploymentChange.objects.create(
            organisation=world.organisation, record=record, what="Hours a week",
            before=str(n), after=str(n + 1), by=world.user(Role.COORDINATOR),
        )  # fmt: skip
    client = client_for(Role.COORDINATOR)
    client.get(f"/workforce/employment/{record.pk}/")
    with django_assert_num_queries(7):
        assert client.get(f"/workforce/employment/{record.pk}/").status_code == 200
