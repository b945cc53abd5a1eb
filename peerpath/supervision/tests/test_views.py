"""Supervision's pages: setting up and agreeing an agreement, recording, the worker's own
part, signing and locking, printing, the supervisees list and the home sections; who may
see a session (its worker and supervisor only); query counts that stay flat."""

from datetime import timedelta
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from conftest import OUTSIDER, World
from peerpath.caseload.tests.factories import person_on_caseload
from peerpath.caseload.tests.growth import count
from peerpath.core.models import AuditEvent
from peerpath.core.roles import Role
from peerpath.supervision import views
from peerpath.supervision.models import SupervisionAgreement, SupervisionSession
from peerpath.tests.dates import date_boxes
from peerpath.tests.pages import words
from peerpath.wellbeing.selectors import SharedPart

from . import factories

pytestmark = pytest.mark.django_db


def url(name: str, **kwargs: Any) -> str:
    return reverse(f"supervision:{name}", kwargs=kwargs or None)


def _agreement(world: World, **kwargs: Any) -> SupervisionAgreement:
    return factories.agreement(
        world.user(Role.PSW), world.user(Role.SUPERVISOR), world.organisation, **kwargs
    )


def _signed_in(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


def agreement_data(world: World, **changes: Any) -> dict[str, Any]:
    return {
        "kind": "practice",
        "supervisor": world.user(Role.SUPERVISOR).pk,
        "every_weeks": "4",
        "where": "Team base, quiet room",
        "what_is_recorded": "A summary and actions, signed by both",
        "confidentiality_limits": "Risk to you or others is shared with the safeguarding lead",
        **date_boxes("starts_on", timezone.localdate()),
        **date_boxes("ends_on", "//"),
        **changes,
    }


def test_a_supervisor_finds_the_worker_sets_up_an_agreement_and_the_worker_agrees(
    world: World, client_for: Any, framework: Any
) -> None:
    supervisor = client_for(Role.SUPERVISOR)
    found = supervisor.get(url("worker-list"), {"q": "Peer support"})
    assert found.status_code == 200
    create = url("agreement-create", worker=world.user(Role.PSW).pk)
    assert create in found.content.decode()
    form = supervisor.get(create)
    assert "Ability to work with the supervisor to agree the parameters of supervision" in words(
        form
    )
    response = supervisor.post(create, agreement_data(world))
    agreement = SupervisionAgreement.objects.get()
    assert response.status_code == 302
    assert response["Location"] == url("agreement-detail", pk=agreement.pk)
    assert agreement.supervisor_agreed_at and not agreement.worker_agreed_at

    worker = client_for(Role.PSW)
    home = words(worker.get(reverse("workspace:home")))
    assert "Your supervision" in home and "Waiting for Peer support worker Riverside" in home
    agreed = worker.post(url("agreement-agree", pk=agreement.pk), {"version": agreement.version})
    assert agreed.status_code == 302
    agreement.refresh_from_db()
    assert agreement.is_agreed
    assert "Agreed by both" in words(worker.get(url("agreement-detail", pk=agreement.pk)))


def test_agreement_errors_are_shown_next_to_the_fields(world: World, client_for: Any) -> None:
    response = client_for(Role.COORDINATOR).post(
        url("agreement-create", worker=world.user(Role.PSW).pk),
        agreement_data(world, where="", every_weeks="0", supervisor="99999"),
    )
    assert response.status_code == 400
    page = words(response)
    assert "Enter where you meet." in page
    assert "Meet at least every 26 weeks and at most every week." in page
    assert "Choose one of the supervisors listed." in page
    assert not SupervisionAgreement.objects.exists()


def test_an_agreement_is_for_a_psw_of_the_organisation_only(world: World, client_for: Any) -> None:
    client = client_for(Role.SUPERVISOR)
    assert (
        client.get(url("agreement-create", worker=world.user(Role.TRAINER).pk)).status_code == 404
    )
    assert client.get(url("agreement-create", worker=world.user(OUTSIDER).pk)).status_code == 404


def test_a_changed_agreement_needs_agreeing_again_and_a_stale_edit_is_refused(
    world: World, client_for: Any
) -> None:
    agreement = _agreement(world)
    coordinator = client_for(Role.COORDINATOR)
    data = agreement_data(world, every_weeks="6", version="1")
    assert coordinator.post(url("agreement-edit", pk=agreement.pk), data).status_code == 302
    agreement.refresh_from_db()
    assert agreement.every_weeks == 6 and not agreement.is_agreed
    stale = coordinator.post(url("agreement-edit", pk=agreement.pk), data | {"every_weeks": "2"})
    assert stale.status_code == 400
    assert "Nothing has been overwritten" in words(stale)
    agreement.refresh_from_db()
    assert agreement.every_weeks == 6


def test_the_supervisor_books_and_records_a_session_with_the_real_caseload(
    world: World, client_for: Any
) -> None:
    robin = person_on_caseload(world, "Robin Hale")
    agreement = _agreement(world)
    supervisor = client_for(Role.SUPERVISOR)
    booked = supervisor.post(
        url("session-create", pk=agreement.pk),
        {**date_boxes("held_on", timezone.localdate()), "starts_at": "10:30"},
    )
    session = SupervisionSession.objects.get()
    assert booked["Location"] == url("session-detail", pk=session.pk)
    form = supervisor.get(url("session-record", pk=session.pk))
    assert "Robin Hale" in words(form)
    recorded = supervisor.post(
        url("session-record", pk=session.pk),
        {"version": "1", "brought": "Lone working", "reflection": "Good boundaries"},
    )
    assert recorded.status_code == 302
    page = words(supervisor.get(url("session-detail", pk=session.pk)))
    assert "Lone working" in page and "Robin Hale" in page
    # The people listed are audited, in one insert per page.
    assert AuditEvent.objects.filter(person_id=robin.pk, reason="supervision caseload review")


def test_the_wellbeing_check_is_blank_unless_the_worker_writes_it(
    world: World, client_for: Any
) -> None:
    session = factories.session(_agreement(world))
    supervisor = client_for(Role.SUPERVISOR)
    assert "Nothing recorded: Peer support worker Riverside decides" in words(
        supervisor.get(url("session-detail", pk=session.pk))
    )
    # The supervisor's record form has no wellbeing field, and their part is not theirs.
    assert (
        'name="wellbeing"'
        not in supervisor.get(url("session-record", pk=session.pk)).content.decode()
    )
    assert (
        supervisor.post(
            url("session-worker-part", pk=session.pk),
            {"version": "1", "wellbeing": "Staff wrote this", "comment": ""},
        ).status_code
        == 403
    )
    worker = client_for(Role.PSW)
    worker.post(
        url("session-worker-part", pk=session.pk),
        {"version": "1", "wellbeing": "Sleeping better", "comment": "Helpful, thank you"},
    )
    page = words(supervisor.get(url("session-detail", pk=session.pk)))
    assert "Sleeping better" in page and "Helpful, thank you" in page


def test_both_sign_then_the_record_is_locked_and_only_addenda_follow(
    world: World, client_for: Any
) -> None:
    session = factories.session(_agreement(world))
    supervisor, worker = client_for(Role.SUPERVISOR), client_for(Role.PSW)
    supervisor.post(url("session-sign", pk=session.pk), {"version": "1"})
    worker.post(url("session-sign", pk=session.pk), {"version": "2"})
    session.refresh_from_db()
    assert session.is_locked
    again = supervisor.post(
        url("session-record", pk=session.pk),
        {"version": str(session.version), "brought": "Changed", "reflection": "Changed"},
    )
    assert again.status_code == 302
    session.refresh_from_db()
    assert session.brought != "Changed"
    added = worker.post(
        url("addendum-add", pk=session.pk),
        {"text": "We also agreed leave dates", "reason": "missed topic"},
    )
    assert added.status_code == 302
    printed = words(supervisor.get(url("session-print", pk=session.pk)))
    assert "We also agreed leave dates" in printed
    assert "Supervision record" in printed and session.brought in printed


def test_an_action_carries_forward_until_marked_done(world: World, client_for: Any) -> None:
    agreement = _agreement(world)
    today = timezone.localdate()
    first = factories.session(agreement, held_on=today - timedelta(days=30))
    supervisor = client_for(Role.SUPERVISOR)
    supervisor.post(
        url("action-add", pk=first.pk),
        {"text": "Book lone working training", "owner": "worker", **date_boxes("due_on", today)},
    )
    second = factories.session(agreement, held_on=today, recorded=False)
    page = words(supervisor.get(url("session-detail", pk=second.pk)))
    assert "Book lone working training" in page
    assert f"Carried forward from {first.held_on:%-d %B %Y}" in page
    action = first.actions.get()
    client_for(Role.PSW).post(url("action-done", pk=action.pk), {"session": second.pk})
    page = words(supervisor.get(url("session-detail", pk=second.pk)))
    assert "No actions carried forward" in page


@pytest.mark.parametrize("role", [Role.COORDINATOR, Role.TRAINER, Role.SAFEGUARDING_LEAD])
@pytest.mark.hazard("H14")
def test_session_content_is_refused_to_other_staff(
    world: World, client_for: Any, role: Role
) -> None:
    session = factories.session(_agreement(world))
    client = client_for(role)
    for name in ("session-detail", "session-print"):
        assert client.get(url(name, pk=session.pk)).status_code == 403


@pytest.mark.hazard("H14")
def test_another_psw_and_another_supervisor_get_not_found(world: World) -> None:
    session = factories.session(_agreement(world))
    action = factories.action(session)
    for user in (
        factories.another_user(world, Role.PSW, "Another Worker"),
        factories.another_user(world, Role.SUPERVISOR, "Another Supervisor"),
    ):
        client = _signed_in(user)
        for name in ("session-detail", "session-print", "session-record", "session-worker-part"):
            assert client.get(url(name, pk=session.pk)).status_code in (403, 404)
        assert client.get(url("session-detail", pk=session.pk)).status_code == 404
        assert client.get(url("agreement-detail", pk=session.agreement_id)).status_code == 404
        assert client.post(url("action-done", pk=action.pk)).status_code == 404
    action.refresh_from_db()
    assert action.done_on is None


@pytest.mark.hazard("H14")
def test_a_coordinator_sees_the_agreement_but_not_the_sessions(
    world: World, client_for: Any
) -> None:
    session = factories.session(_agreement(world), brought="Canary-brought-words")
    page = words(client_for(Role.COORDINATOR).get(url("agreement-detail", pk=session.agreement_id)))
    assert "Peer practice supervision" in page
    assert f"Last session held {session.held_on:%-d %B %Y}" in page
    assert "Canary-brought-words" not in page and "Sessions" not in page
    assert url("session-detail", pk=session.pk) not in page


def test_what_the_worker_shared_is_shown_to_their_supervisor_only(
    world: World, client_for: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    session = factories.session(_agreement(world))
    asked: list[int] = []

    def shared(organisation: Any, worker_id: int) -> list[SharedPart]:
        asked.append(worker_id)
        return [SharedPart("What helps me at work", "A walk at lunchtime")]

    monkeypatch.setattr(views, "shared_with_supervisor", shared)
    assert "A walk at lunchtime" in words(
        client_for(Role.SUPERVISOR).get(url("session-detail", pk=session.pk))
    )
    assert asked == [world.user(Role.PSW).pk]
    assert "A walk at lunchtime" not in words(
        client_for(Role.PSW).get(url("session-detail", pk=session.pk))
    )


@pytest.mark.hazard("H18")
def test_overdue_sessions_and_actions_are_flagged_to_both(world: World, client_for: Any) -> None:
    today = timezone.localdate()
    agreement = _agreement(world, starts_on=today - timedelta(weeks=12))
    session = factories.session(agreement, held_on=today - timedelta(weeks=6))
    factories.action(session, text="Read the policy", due_on=today - timedelta(days=3))
    supervisor = words(client_for(Role.SUPERVISOR).get(reverse("workspace:home")))
    assert "1 overdue" in supervisor and "Read the policy" in supervisor
    worker = words(client_for(Role.PSW).get(reverse("workspace:home")))
    assert "Overdue A session was due by" in worker and "Read the policy" in worker
    listed = words(client_for(Role.SUPERVISOR).get(url("supervisee-list")))
    assert "Peer support worker Riverside" in listed and "Overdue" in listed


def _grow(world: World, n: int) -> None:
    supervisor = world.user(Role.SUPERVISOR)
    for i in range(n):
        worker = factories.another_user(world, Role.PSW, f"Worker {n} {i}")
        agreement = factories.agreement(worker, supervisor, world.organisation)
        factories.action(factories.session(agreement))


def test_supervisee_list_and_home_queries_stay_flat(world: World, client_for: Any) -> None:
    supervisor = client_for(Role.SUPERVISOR)
    worker = client_for(Role.PSW)
    _grow(world, 2)
    mine = _agreement(world)
    factories.action(factories.session(mine))
    small = [
        count(supervisor, url("supervisee-list")),
        count(supervisor, reverse("workspace:home")),
        count(worker, reverse("workspace:home")),
        count(supervisor, url("session-detail", pk=mine.sessions.get().pk)),
    ]
    _grow(world, 10)
    for _ in range(3):
        factories.action(factories.session(mine, held_on=timezone.localdate() - timedelta(days=60)))
    assert [
        count(supervisor, url("supervisee-list")),
        count(supervisor, reverse("workspace:home")),
        count(worker, reverse("workspace:home")),
        count(supervisor, url("session-detail", pk=mine.sessions.order_by("-held_on")[0].pk)),
    ] == small


def test_a_coordinator_finds_a_workers_agreements_from_the_worker_list(
    world: World, client_for: Any
) -> None:
    agreement = _agreement(world)
    coordinator = client_for(Role.COORDINATOR)
    home = coordinator.get(reverse("workspace:home")).content.decode()
    assert url("worker-list") in home
    listed = coordinator.get(url("worker-list"))
    assert url("agreement-detail", pk=agreement.pk) in listed.content.decode()
    searched = words(coordinator.get(url("worker-list"), {"q": "Nobody Here"}))
    assert "No peer support worker matches “Nobody Here”." in searched


def test_the_worker_list_queries_stay_flat(world: World, client_for: Any) -> None:
    coordinator = client_for(Role.COORDINATOR)
    _grow(world, 2)
    small = count(coordinator, url("worker-list"))
    _grow(world, 10)
    assert count(coordinator, url("worker-list")) == small
