"""A coordinator changes a required refresher (with a version check) and retires one: it
is kept with the date retired, due for nobody, its completions kept, listed as retired."""

from datetime import date
from typing import Any

import pytest
import time_machine
from django.utils import timezone

from peerpath.core.models import AuditEvent
from peerpath.core.roles import Role
from peerpath.learning import services
from peerpath.learning.models import Refresher, RefresherCompletion
from peerpath.learning.refreshers import refreshers_due
from peerpath.organisations.selectors import actor_for
from peerpath.tests.pages import text

from .helpers import refresher

pytestmark = pytest.mark.django_db

BEFORE_DUE = date(2026, 12, 20)


def edit_data(r: Refresher, **changes: str) -> dict[str, str]:
    return {
        "version": str(r.version),
        "name": r.name,
        "unit": "",
        "every_months": str(r.every_months),
        "description": r.description,
        **changes,
    }


@time_machine.travel(BEFORE_DUE, tick=False)
def test_a_coordinator_changes_how_often_and_the_due_date_follows(
    employed: Any, client_for: Any
) -> None:
    safeguarding = refresher(employed.organisation, "Safeguarding", every_months=12)
    coordinator = client_for(Role.COORDINATOR)
    listed = text(coordinator.get("/learning/refreshers/"))
    assert f"/learning/refreshers/{safeguarding.pk}/change/" in listed
    saved = coordinator.post(
        f"/learning/refreshers/{safeguarding.pk}/change/",
        edit_data(
            safeguarding,
            name="Safeguarding adults and children",
            every_months="24",
            description="The level 2 e-learning.",
        ),
    )
    assert saved.status_code == 302
    safeguarding.refresh_from_db()
    assert (safeguarding.name, safeguarding.every_months, safeguarding.version) == (
        "Safeguarding adults and children",
        24,
        2,
    )
    assert "The level 2 e-learning." in text(coordinator.get("/learning/refreshers/"))
    # Every 24 months from the start (5 January 2026): not due soon any more.
    assert refreshers_due(employed.organisation, BEFORE_DUE) == []
    assert AuditEvent.objects.filter(action="update", object_id=str(safeguarding.pk)).exists()


def test_a_stale_edit_is_refused_and_bad_input_is_explained(employed: Any, client_for: Any) -> None:
    safeguarding = refresher(employed.organisation, "Safeguarding", every_months=12)
    refresher(employed.organisation, "Note writing", every_months=12)
    coordinator = client_for(Role.COORDINATOR)
    url = f"/learning/refreshers/{safeguarding.pk}/change/"
    opened = edit_data(safeguarding)
    assert coordinator.post(url, {**opened, "every_months": "6"}).status_code == 302
    stale = coordinator.post(url, {**opened, "every_months": "36"})
    assert stale.status_code == 400 and "Nothing has been overwritten" in text(stale)
    safeguarding.refresh_from_db()
    assert safeguarding.every_months == 6
    fresh = edit_data(safeguarding)
    bad = coordinator.post(url, {**fresh, "every_months": "61"})
    assert bad.status_code == 400 and "Enter at most 60 months" in text(bad)
    taken = coordinator.post(url, {**fresh, "name": "note writing"})
    assert taken.status_code == 400
    assert "There is already a refresher called note writing." in text(taken)


def test_retiring_keeps_the_refresher_and_its_completions_and_it_is_due_for_nobody(
    employed: Any, client_for: Any
) -> None:
    safeguarding = refresher(employed.organisation, "Safeguarding", every_months=12)
    worker = employed.user(Role.PSW)
    RefresherCompletion.objects.create(
        organisation=employed.organisation,
        refresher=safeguarding,
        worker=worker,
        completed_on=date(2026, 2, 1),
        recorded_by=worker,
    )
    assert len(refreshers_due(employed.organisation, date(2027, 6, 1))) == 1
    coordinator = client_for(Role.COORDINATOR)
    url = f"/learning/refreshers/{safeguarding.pk}/retire/"
    confirm = text(coordinator.get(url))
    assert "Are you sure you want to retire the Safeguarding refresher?" in confirm
    assert "the 1 completion already recorded are kept" in confirm
    assert coordinator.post(url, {"version": "1"}).status_code == 302
    today = timezone.localdate()
    safeguarding.refresh_from_db()
    assert safeguarding.retired_on == today
    assert safeguarding.retired_by == employed.user(Role.COORDINATOR)
    assert RefresherCompletion.objects.filter(refresher=safeguarding).count() == 1
    history = text(client_for(Role.PSW).get(f"/learning/workers/{worker.pk}/refreshers/"))
    assert "Refreshers no longer required" in history
    assert "Safeguarding: completed 1 Feb 2026" in history
    assert refreshers_due(employed.organisation, date(2027, 6, 1)) == []
    listed = text(coordinator.get("/learning/refreshers/"))
    assert "Retired refreshers" in listed
    assert f"retired on {today.strftime('%-d %B %Y')}" in listed
    assert f"/learning/refreshers/{safeguarding.pk}/change/" not in listed
    # Not offered for a new completion, not changed or retired again.
    form = text(client_for(Role.PSW).get(f"/learning/workers/{worker.pk}/refreshers/add/"))
    assert ">Safeguarding</option>" not in form and "Choose a refresher" in form
    assert coordinator.get(f"/learning/refreshers/{safeguarding.pk}/change/").status_code == 404
    assert coordinator.post(url, {"version": "2"}).status_code == 404
    assert AuditEvent.objects.filter(reason="retired").count() == 1


def test_only_the_team_or_an_admin_changes_or_retires(employed: Any, client_for: Any) -> None:
    safeguarding = refresher(employed.organisation, "Safeguarding", every_months=12)
    for url in ("change/", "retire/"):
        full = f"/learning/refreshers/{safeguarding.pk}/{url}"
        assert client_for(Role.ORG_ADMIN).get(full).status_code == 200
        assert client_for(Role.PSW).get(full).status_code == 403
        assert client_for(Role.SUPERVISOR).get(full).status_code == 403
        assert client_for("outsider").get(full).status_code in (403, 404)


def test_the_change_refresher_rule_says_yes_and_no(employed: Any) -> None:
    safeguarding = refresher(employed.organisation, "Safeguarding", every_months=12)
    coordinator = actor_for(employed.user(Role.COORDINATOR), employed.organisation)
    admin = actor_for(employed.user(Role.ORG_ADMIN), employed.organisation)
    psw = actor_for(employed.user(Role.PSW), employed.organisation)
    outsider = actor_for(employed.user("outsider"), employed.other_organisation)
    assert coordinator.may("learning.change_refresher", safeguarding)
    assert admin.may("learning.change_refresher", safeguarding)
    assert not psw.may("learning.change_refresher", safeguarding)
    assert not outsider.may("learning.change_refresher", safeguarding)
    services.refresher_retire(
        refresher=safeguarding, expected_version=1, by=employed.user(Role.COORDINATOR)
    )
    safeguarding.refresh_from_db()
    assert not coordinator.may("learning.change_refresher", safeguarding)
