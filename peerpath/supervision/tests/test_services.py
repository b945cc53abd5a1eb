"""Supervision's writes and reads: agreeing, versions, recording, signing, locking,
addenda, actions carried forward, and when sessions are due."""

from datetime import timedelta
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from conftest import World
from peerpath.caseload.tests.factories import person_on_caseload
from peerpath.core.models import AuditEvent
from peerpath.core.roles import Role
from peerpath.core.versioning import EditConflict
from peerpath.supervision import selectors, services
from peerpath.supervision.models import SupervisionKind

from . import factories

pytestmark = pytest.mark.django_db


def _terms(world: World, **changes: Any) -> services.AgreementTerms:
    fields: dict[str, Any] = {
        "kind": SupervisionKind.PRACTICE,
        "supervisor": world.user(Role.SUPERVISOR),
        "every_weeks": 4,
        "where": "Team base",
        "what_is_recorded": "A summary and actions",
        "confidentiality_limits": "Risk is shared with the safeguarding lead",
        "starts_on": timezone.localdate(),
        "ends_on": None,
    }
    return services.AgreementTerms(**(fields | changes))


def test_an_agreement_set_up_by_its_supervisor_waits_for_the_worker_then_is_agreed(
    world: World,
) -> None:
    supervisor, worker = world.user(Role.SUPERVISOR), world.user(Role.PSW)
    agreement = services.agreement_create(
        organisation=world.organisation, worker=worker, terms=_terms(world), by=supervisor
    )
    assert agreement.supervisor_agreed_at is not None
    assert agreement.worker_agreed_at is None
    assert not agreement.is_agreed
    services.agreement_agree(agreement=agreement, expected_version=1, by=worker)
    assert agreement.is_agreed
    assert (
        AuditEvent.objects.filter(
            object_type="supervision.supervisionagreement", object_id=str(agreement.pk)
        ).count()
        == 2
    )


def test_a_coordinator_sets_it_up_and_both_agree_it(world: World) -> None:
    agreement = services.agreement_create(
        organisation=world.organisation,
        worker=world.user(Role.PSW),
        terms=_terms(world),
        by=world.user(Role.COORDINATOR),
    )
    assert agreement.supervisor_agreed_at is None and agreement.worker_agreed_at is None
    with pytest.raises(ValidationError):
        services.agreement_agree(
            agreement=agreement, expected_version=1, by=world.user(Role.COORDINATOR)
        )


def test_a_changed_agreement_needs_agreeing_again_and_a_stale_edit_is_refused(
    world: World,
) -> None:
    agreement = factories.agreement(
        world.user(Role.PSW), world.user(Role.SUPERVISOR), world.organisation
    )
    services.agreement_update(
        agreement=agreement,
        terms=_terms(world, every_weeks=6, starts_on=agreement.starts_on),
        expected_version=1,
        by=world.user(Role.COORDINATOR),
    )
    assert agreement.every_weeks == 6
    assert agreement.worker_agreed_at is None and agreement.supervisor_agreed_at is None
    assert agreement.version == 2
    with pytest.raises(EditConflict):
        services.agreement_update(
            agreement=agreement,
            terms=_terms(world, every_weeks=2),
            expected_version=1,
            by=world.user(Role.SUPERVISOR),
        )
    agreement.refresh_from_db()
    assert agreement.every_weeks == 6


def test_sessions_are_booked_only_once_agreed(world: World) -> None:
    agreement = factories.agreement(
        world.user(Role.PSW), world.user(Role.SUPERVISOR), world.organisation, agreed=False
    )
    with pytest.raises(ValidationError):
        services.session_schedule(
            agreement=agreement,
            held_on=timezone.localdate(),
            starts_at=None,
            by=world.user(Role.SUPERVISOR),
        )


def test_recording_lists_the_workers_open_caseload(world: World) -> None:
    robin = person_on_caseload(world, "Robin Hale")
    person_on_caseload(world, "Sky Ended", status="ended", ended_on=timezone.localdate())
    agreement = factories.agreement(
        world.user(Role.PSW), world.user(Role.SUPERVISOR), world.organisation
    )
    session = factories.session(agreement, recorded=False)
    services.session_record(
        session=session,
        brought="A good week",
        reflection="Strong listening",
        caseload_review="Robin is settling in",
        expected_version=1,
        by=world.user(Role.SUPERVISOR),
    )
    assert list(session.caseload_people.all()) == [robin]
    assert session.is_recorded


def test_both_signatures_lock_the_record_then_only_addenda(world: World) -> None:
    supervisor, worker = world.user(Role.SUPERVISOR), world.user(Role.PSW)
    session = factories.session(factories.agreement(worker, supervisor, world.organisation))
    with pytest.raises(ValidationError):
        services.addendum_add(session=session, text="x", reason="y", by=supervisor)
    services.session_sign(session=session, expected_version=1, by=supervisor)
    with pytest.raises(services.AlreadySigned):
        services.session_sign(session=session, expected_version=2, by=supervisor)
    # Signed by the supervisor: their record no longer changes.
    with pytest.raises(EditConflict):
        services.session_record(
            session=session,
            brought="changed",
            reflection="changed",
            caseload_review="",
            expected_version=session.version,
            by=supervisor,
        )
    services.worker_part_save(
        session=session,
        wellbeing="Sleeping better",
        comment="A useful session",
        expected_version=session.version,
        by=worker,
    )
    services.session_sign(session=session, expected_version=session.version, by=worker)
    assert session.is_locked
    with pytest.raises(EditConflict):
        services.worker_part_save(
            session=session,
            wellbeing="",
            comment="",
            expected_version=session.version,
            by=worker,
        )
    addendum = services.addendum_add(
        session=session, text="Also talked about leave", reason="missed topic", by=worker
    )
    session.refresh_from_db()
    assert session.worker_comment == "A useful session"
    assert [a.pk for a in selectors.addenda_of(session)] == [addendum.pk]


def test_only_the_worker_writes_their_part(world: World) -> None:
    session = factories.session(
        factories.agreement(world.user(Role.PSW), world.user(Role.SUPERVISOR), world.organisation)
    )
    with pytest.raises(ValidationError):
        services.worker_part_save(
            session=session,
            wellbeing="Written by someone else",
            comment="",
            expected_version=1,
            by=world.user(Role.SUPERVISOR),
        )
    session.refresh_from_db()
    assert session.wellbeing == ""


def test_open_actions_carry_forward_until_done(world: World) -> None:
    agreement = factories.agreement(
        world.user(Role.PSW), world.user(Role.SUPERVISOR), world.organisation
    )
    today = timezone.localdate()
    first = factories.session(agreement, held_on=today - timedelta(days=40))
    action = factories.action(first)
    done = factories.action(first, text="Done already")
    services.action_done(action=done, today=today, by=world.user(Role.PSW))
    second = factories.session(agreement, held_on=today - timedelta(days=10))
    third = factories.session(agreement, held_on=today, recorded=False)
    assert selectors.carried_forward(first) == []
    assert selectors.carried_forward(second) == [action]
    assert selectors.carried_forward(third) == [action]
    services.action_done(action=action, today=today, by=world.user(Role.SUPERVISOR))
    assert selectors.carried_forward(third) == []


@pytest.mark.hazard("H18")
def test_due_and_overdue_from_the_last_session_held_or_the_start(world: World) -> None:
    today = timezone.localdate()
    start = today - timedelta(weeks=10)
    assert selectors.due_of(start, 4, None, today).overdue
    assert selectors.due_of(start, 4, None, today).next_due == start + timedelta(weeks=4)
    recent = today - timedelta(weeks=1)
    due = selectors.due_of(start, 4, recent, today)
    assert not due.overdue and due.next_due == recent + timedelta(weeks=4)


def test_on_time_by_worker_is_one_query_of_dates(
    world: World, django_assert_num_queries: Any
) -> None:
    today = timezone.localdate()
    worker, supervisor = world.user(Role.PSW), world.user(Role.SUPERVISOR)
    practice = factories.agreement(worker, supervisor, world.organisation)
    factories.session(practice, held_on=today - timedelta(days=3))
    factories.agreement(
        worker,
        world.user(Role.COORDINATOR),
        world.organisation,
        kind=SupervisionKind.MANAGERIAL,
        starts_on=today - timedelta(weeks=12),
    )
    late = factories.another_user(world, Role.PSW, "Late Worker")
    factories.agreement(late, supervisor, world.organisation, starts_on=today - timedelta(weeks=9))
    with django_assert_num_queries(1):
        rows = selectors.on_time_by_worker(world.organisation, today)
    by_name = {r.worker_name: r for r in rows}
    # Managerial supervision not held in 12 weeks: overdue, though practice is on time.
    psw = by_name[worker.full_name]
    assert psw.overdue and psw.last_held == today - timedelta(days=3)
    assert by_name["Late Worker"].overdue and by_name["Late Worker"].last_held is None
    assert set(vars(psw)) == {"worker_id", "worker_name", "last_held", "next_due", "overdue"}


def test_on_time_is_on_time_when_held(world: World) -> None:
    today = timezone.localdate()
    agreement = factories.agreement(
        world.user(Role.PSW), world.user(Role.SUPERVISOR), world.organisation
    )
    factories.session(agreement, held_on=today - timedelta(days=3))
    (row,) = selectors.on_time_by_worker(world.organisation, today)
    assert not row.overdue and row.next_due == today - timedelta(days=3) + timedelta(weeks=4)
