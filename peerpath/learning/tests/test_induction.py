"""A new starter's induction: the additional training package as a checklist."""

from datetime import date
from types import SimpleNamespace
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.test import Client

from conftest import make_user
from peerpath.accounts.tests.factories import UserFactory
from peerpath.core.models import AuditEvent
from peerpath.core.roles import Role
from peerpath.core.versioning import EditConflict
from peerpath.learning import home, services
from peerpath.learning.models import INDUCTION_ITEMS, Induction, InductionItem
from peerpath.organisations.selectors import actor_for
from peerpath.organisations.tests.factories import MembershipFactory
from peerpath.tests.pages import text

from .helpers import employ, entry, plan_unit, refresher

pytestmark = pytest.mark.django_db

SEED_002_BULLETS = [
    "Active listening and communication skills",
    "The key principles of recovery and recovery focused support",
    "How to share lived experience safely with colleagues and in peer support relationships",
    "Completing a reflective practice work placement booklet to ensure they have met the "
    "course competencies",
    "Recovery focused note writing.",
]


def test_the_induction_is_the_five_items_of_seed_002_made_once(employed: Any) -> None:
    first = services.induction_for(employment=employed.employment)
    again = services.induction_for(employment=employed.employment)
    assert first.pk == again.pk
    assert list(first.items.order_by("number").values_list("text", flat=True)) == SEED_002_BULLETS
    assert list(INDUCTION_ITEMS) == SEED_002_BULLETS


def test_an_item_update_records_who_and_refuses_a_stale_save(employed: Any) -> None:
    item = services.induction_for(employment=employed.employment).items.get(number=1)
    supervisor = employed.user(Role.SUPERVISOR)
    services.induction_item_update(
        item=item,
        planned_on=date(2026, 1, 10),
        completed_on=date(2026, 1, 12),
        expected_version=1,
        by=supervisor,
        today=date(2026, 2, 1),
    )
    item.refresh_from_db()
    assert (item.completed_on, item.recorded_by, item.version) == (date(2026, 1, 12), supervisor, 2)
    with pytest.raises(EditConflict):
        services.induction_item_update(
            item=item, planned_on=None, completed_on=None, expected_version=1, by=supervisor
        )
    with pytest.raises(ValidationError):
        services.induction_item_update(
            item=item,
            planned_on=None,
            completed_on=date(2026, 3, 1),
            expected_version=2,
            by=supervisor,
            today=date(2026, 2, 1),
        )
    item.refresh_from_db()
    assert item.completed_on == date(2026, 1, 12)


def test_the_worker_their_supervisor_and_the_team_open_it_others_do_not(
    employed: Any, client_for: Any
) -> None:
    url = f"/learning/workers/{employed.user(Role.PSW).pk}/induction/"
    for role in (Role.PSW, Role.SUPERVISOR, Role.COORDINATOR):
        response = client_for(role).get(url)
        assert response.status_code == 200, role
        assert "Recovery focused note writing." in text(response)
    assert Induction.objects.count() == 1
    # The induction's opening is audited.
    assert (
        AuditEvent.objects.filter(object_type="workforce.employmentrecord", action="view").count()
        == 3
    )
    assert client_for(Role.TRAINER).get(url).status_code == 403
    assert client_for("outsider").get(url).status_code == 404
    # A supervisor who does not supervise this worker finds nothing.
    other = make_user("another@riverside.example", full_name="Another Supervisor", totp=True)
    MembershipFactory(user=other, organisation=employed.organisation, role=Role.SUPERVISOR)
    stranger = Client()
    stranger.force_login(other)
    assert stranger.get(url).status_code == 404


def test_the_supervisor_records_a_completed_item(employed: Any, client_for: Any) -> None:
    services.induction_for(employment=employed.employment)
    item = InductionItem.objects.get(number=2)
    client = client_for(Role.SUPERVISOR)
    page = client.get(f"/learning/induction/items/{item.pk}/")
    assert page.status_code == 200
    bad = client.post(
        f"/learning/induction/items/{item.pk}/",
        {"planned_on": "2026-01-20", "completed_on": "2099-01-01", "version": 1},
    )
    assert bad.status_code == 400
    saved = client.post(
        f"/learning/induction/items/{item.pk}/",
        {"planned_on": "2026-01-20", "completed_on": "2026-01-21", "version": 1},
    )
    assert saved.status_code == 302
    item.refresh_from_db()
    assert item.completed_on == date(2026, 1, 21)
    assert item.recorded_by == employed.user(Role.SUPERVISOR)
    stale = client.post(
        f"/learning/induction/items/{item.pk}/",
        {"planned_on": "", "completed_on": "", "version": 1},
    )
    assert stale.status_code == 400
    assert "Nothing has been overwritten" in text(stale)


def test_the_home_shows_the_induction_until_it_is_complete(employed: Any, client_for: Any) -> None:
    client = client_for(Role.PSW)
    home = text(client.get("/"))
    assert "Your learning and development" in home
    assert "0 of 5 parts of the training package done" in home
    induction = services.induction_for(employment=employed.employment)
    induction.items.update(completed_on=date(2026, 1, 30))
    home = text(client.get("/"))
    assert "Your learning and development" in home
    assert "parts of the training package done" not in home


def test_someone_not_in_post_has_no_learning_section(world: Any, client_for: Any) -> None:
    assert "Your learning and development" not in text(client_for(Role.PSW).get("/"))


def test_the_coordinator_and_supervisor_see_new_starters(employed: Any, client_for: Any) -> None:
    name = employed.user(Role.PSW).display_name
    for role in (Role.COORDINATOR, Role.SUPERVISOR):
        home = text(client_for(role).get("/"))
        assert f"{name}</a>: 0 of 5 done" in home, role
    listed = text(client_for(Role.COORDINATOR).get("/learning/new-starters/"))
    assert name in listed and "0 of 5 (not opened yet)" in listed


@pytest.mark.parametrize("starters", [2, 12])
def test_the_new_starters_list_query_count_is_flat(
    world: Any, framework: Any, client_for: Any, django_assert_num_queries: Any, starters: int
) -> None:
    for _n in range(starters):
        worker = UserFactory()
        MembershipFactory(user=worker, organisation=world.organisation, role=Role.PSW)
        employ(world.organisation, world.team, worker, line_manager=world.user(Role.SUPERVISOR))
    client = client_for(Role.COORDINATOR)
    client.get("/learning/new-starters/")
    # session, user, memberships, count, the page's rows
    with django_assert_num_queries(5):
        response = client.get("/learning/new-starters/")
    assert text(response).count("(not opened yet)") == starters


@pytest.mark.parametrize("rows", [1, 6])
def test_the_learning_home_sections_query_counts_are_flat(
    employed: Any, django_assert_num_queries: Any, rows: int
) -> None:
    """The worker's and the supervisor's learning sections do not grow with the records."""
    psw = employed.user(Role.PSW)
    for code in ["5.1", "5.2", "5.3", "4.1", "4.2", "1.5"][:rows]:
        plan_unit(employed.organisation, psw, code, recorded=True)
        entry(employed.organisation, psw, status="submitted")
        refresher(employed.organisation, f"Refresher {code}", every_months=1)
        worker = UserFactory()
        MembershipFactory(user=worker, organisation=employed.organisation, role=Role.PSW)
        employ(
            employed.organisation,
            employed.team,
            worker,
            line_manager=employed.user(Role.SUPERVISOR),
            supervisor=employed.user(Role.SUPERVISOR),
        )
    as_psw = SimpleNamespace(actor=actor_for(psw, employed.organisation))
    # employment, entries, plan, refreshers
    with django_assert_num_queries(4):
        mine = home.psw_section(as_psw)  # type: ignore[arg-type]
    assert mine is not None and mine.data["units"] == rows
    supervisor = employed.user(Role.SUPERVISOR)
    as_supervisor = SimpleNamespace(actor=actor_for(supervisor, employed.organisation))
    # inductions (rows, count), entries to review, units to sign, refreshers
    with django_assert_num_queries(5):
        theirs = home.supervisor_section(as_supervisor)  # type: ignore[arg-type]
    assert theirs is not None and theirs.data["to_review"] == rows
    assert len(theirs.data["refreshers"]) == rows * (rows + 1)
