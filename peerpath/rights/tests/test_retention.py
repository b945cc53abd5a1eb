"""Retention: a record is listed for review once the organisation's period has passed
(care ended + 20 years, or death + 10, by default); nothing is deleted by listing or by
review; destruction needs a review confirmed by a second admin, and leaves a tombstone."""

from datetime import date, datetime, timedelta
from typing import Any

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import DatabaseError, connection
from django.urls import reverse
from django.utils import timezone

from peerpath.caseload.models import PeerRelationship, Person, Status
from peerpath.caseload.tests.factories import PeerRelationshipFactory, PersonFactory
from peerpath.contacts.models import ContactNote, NoteAmendment, NoteResponse
from peerpath.contacts.tests.factories import ContactNoteFactory, NoteResponseFactory
from peerpath.core.audit import audit
from peerpath.core.models import AuditAction, AuditEvent
from peerpath.core.roles import Role
from peerpath.governance.models import ConcernAction, SafeguardingConcern
from peerpath.governance.tests.factories import SafeguardingConcernFactory
from peerpath.organisations.selectors import actor_for
from peerpath.organisations.tests.factories import MembershipFactory
from peerpath.recovery.models import DocumentVersion, Goal
from peerpath.recovery.tests.factories import (
    DocumentFactory,
    DocumentVersionFactory,
    GoalFactory,
)
from peerpath.rights import retention
from peerpath.rights.models import RetentionDecision, RetentionReview, Tombstone

ENDED = date(2005, 3, 14)


def _aware(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, datetime.min.time()) + timedelta(hours=12))


@pytest.fixture
def former(world: Any) -> Any:
    person: Any = PersonFactory(organisation=world.organisation, team=world.team)
    PeerRelationshipFactory(
        person=person,
        worker=world.user(Role.PSW),
        status=Status.ENDED,
        referred_on=ENDED - timedelta(days=300),
        ended_on=ENDED,
    )
    GoalFactory(person=person, in_own_words="Walk every day", created_by=world.user(Role.PSW))
    return person


def _listed(world: Any, today: date) -> list[int]:
    admin = actor_for(world.user(Role.ORG_ADMIN), world.organisation)
    return list(retention.retention_due(actor=admin, today=today).values_list("pk", flat=True))


def test_listed_the_day_after_the_period_and_nothing_is_deleted(world: Any, former: Any) -> None:
    due = date(2025, 3, 14)  # 20 years after care ended
    assert former.pk not in _listed(world, due)
    assert former.pk not in _listed(world, due - timedelta(days=1))
    assert former.pk in _listed(world, due + timedelta(days=1))
    assert Person.objects.filter(pk=former.pk).exists()
    assert Goal.objects.filter(person=former).count() == 1


def test_the_page_lists_it_only_once_due(world: Any, former: Any, client_for: Any) -> None:
    with time_machine.travel(_aware(date(2025, 3, 13)), tick=False):
        page = client_for(Role.ORG_ADMIN).get(reverse("rights:retention-list"))
        assert page.status_code == 200
        assert former.full_name not in page.content.decode()
    with time_machine.travel(_aware(date(2025, 3, 15)), tick=False):
        page = client_for(Role.ORG_ADMIN).get(reverse("rights:retention-list"))
        assert page.status_code == 200
        assert former.full_name in page.content.decode()
    assert Person.objects.filter(pk=former.pk).exists()
    assert client_for(Role.PSW).get(reverse("rights:retention-list")).status_code == 403


@pytest.mark.hazard("H21")
def test_after_death_and_holds(world: Any, former: Any) -> None:
    today = date(2026, 12, 5)
    died: Any = PersonFactory(organisation=world.organisation, team=world.team)
    died.died_on = date(2016, 12, 4)
    died.save()
    assert died.pk in _listed(world, today)
    died.died_on = date(2016, 12, 5)
    died.save()
    assert died.pk not in _listed(world, today)
    # Still in care: not listed whatever the old ending.
    PeerRelationshipFactory(person=former, worker=world.user(Role.PSW), status=Status.ACTIVE)
    assert former.pk not in _listed(world, today)


@pytest.mark.hazard("H21")
def test_an_open_concern_holds_the_record(world: Any, former: Any) -> None:
    SafeguardingConcernFactory(person=former, raised_by=world.user(Role.PSW), status="open")
    assert former.pk not in _listed(world, date(2026, 12, 5))


def test_the_organisation_sets_the_years(world: Any, former: Any, client_for: Any) -> None:
    client = client_for(Role.ORG_ADMIN)
    url = reverse("organisations:settings")
    base = {"publishes_framework": "no", "version": world.organisation.version}
    too_few = client.post(
        url, {**base, "retention_years_after_care": 5, "retention_years_after_death": 10}
    )
    assert too_few.status_code == 400
    assert "from 8 to 100" in too_few.content.decode()
    saved = client.post(
        url, {**base, "retention_years_after_care": 25, "retention_years_after_death": 10}
    )
    assert saved.status_code == 302
    world.organisation.refresh_from_db()
    assert world.organisation.retention_years_after_care == 25
    assert former.pk not in _listed(world, date(2026, 12, 5))


def _second_admin(world: Any) -> Any:
    from conftest import make_user

    user = make_user("admin2@riverside.example", full_name="Second Admin", totp=True)
    MembershipFactory(user=user, organisation=world.organisation, role=Role.ORG_ADMIN)
    return user


@pytest.mark.hazard("H21")
def test_destruction_needs_two_admins_and_leaves_a_tombstone(
    world: Any, former: Any, client_for: Any, capsys: Any
) -> None:
    call_command("destroy_reviewed_records", "--yes")
    assert "Nothing done" in capsys.readouterr().out
    with time_machine.travel(_aware(date(2026, 12, 5)), tick=False):
        admin = client_for(Role.ORG_ADMIN)
        url = reverse("rights:retention-review", kwargs={"pk": former.pk})
        assert admin.get(url).status_code == 200
        no_date = admin.post(url, {"decision": "keep", "reason": "Ongoing complaint"})
        assert no_date.status_code == 400
        assert (
            admin.post(url, {"decision": "destroy", "reason": "Past retention"}).status_code == 302
        )
        review = RetentionReview.objects.get(person=former)
        confirm = reverse("rights:retention-confirm", kwargs={"pk": former.pk})
        admin.post(confirm, {"version": review.version})
        review.refresh_from_db()
        assert review.confirmed_at is None  # not by the same admin
        second = _second_admin(world)
        other = client_for(Role.ORG_ADMIN)
        other.force_login(second)
        assert other.post(confirm, {"version": review.version}).status_code == 302
        review.refresh_from_db()
        assert review.confirmed_by == second

    assert Person.objects.filter(pk=former.pk).exists()  # nothing yet
    call_command("destroy_reviewed_records")
    out = capsys.readouterr().out
    assert "recovery.goal: 1" in out and "--yes" in out
    assert Person.objects.filter(pk=former.pk).exists()  # a plan only
    if connection.vendor == "postgresql":
        # The suite connects as the application role; the owner's run is tested below.
        with pytest.raises(CommandError, match="Nothing was destroyed"):
            call_command("destroy_reviewed_records", "--yes", "--by", "Records manager")
        assert Person.objects.filter(pk=former.pk).exists()
        assert not Tombstone.objects.exists()
        return
    call_command("destroy_reviewed_records", "--yes", "--by", "Records manager")
    assert not Person.objects.filter(pk=former.pk).exists()
    tombstone = Tombstone.objects.get()
    assert tombstone.person_ref == f"P{former.pk}"
    assert tombstone.counts["recovery.goal"] == 1
    assert tombstone.care_ended_on == ENDED
    assert tombstone.destroyed_by_label == "Records manager"
    assert former.full_name not in str(tombstone.__dict__)
    assert AuditEvent.objects.filter(
        action=AuditAction.DELETE, object_id=str(former.pk), reason__contains="tombstone"
    ).exists()
    review.refresh_from_db()
    assert review.person is None  # the review stays, named by the tombstone


def test_a_review_of_a_record_not_due_is_refused(caseload_world: Any) -> None:
    w = caseload_world
    admin = actor_for(w.user(Role.ORG_ADMIN), w.organisation)
    with pytest.raises(ValidationError):
        retention.retention_review_record(
            person=w.person, decision="destroy", reason="x", keep_until=None, actor=admin
        )


# --- On PostgreSQL: the protected tables' triggers (ADR-013) ------------------------------

on_postgresql = pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="roles and triggers are PostgreSQL's (these run in its pass)",
)
PROTECTED = (
    "contacts_contactnote",
    "contacts_noteamendment",
    "contacts_noteresponse",
    "governance_concernaction",
    "recovery_documentversion",
)


def _protected_rows(person: Any) -> dict[str, list[int]]:
    """The ids of the person's rows in each protected table."""
    notes = list(ContactNote.objects.filter(person=person).values_list("pk", flat=True))
    return {
        "contacts_contactnote": notes,
        "contacts_noteamendment": list(
            NoteAmendment.objects.filter(note__in=notes).values_list("pk", flat=True)
        ),
        "contacts_noteresponse": list(
            NoteResponse.objects.filter(person=person).values_list("pk", flat=True)
        ),
        "governance_concernaction": list(
            ConcernAction.objects.filter(person=person).values_list("pk", flat=True)
        ),
        "recovery_documentversion": list(
            DocumentVersion.objects.filter(document__person=person).values_list("pk", flat=True)
        ),
    }


def _reviewed_with_protected_rows(world: Any) -> tuple[Any, Any, RetentionReview]:
    """Alex (caseload world) with care ended long ago, the concern closed, and a signed
    note, an amendment, a response, plan versions and a concern's timeline entry; their
    destruction decided and confirmed. And another person with a signed note and a plan
    version, who must keep them."""
    alex = world.person
    psw = world.user(Role.PSW)
    PeerRelationship.objects.filter(person=alex).update(status=Status.ENDED, ended_on=ENDED)
    SafeguardingConcern.objects.filter(person=alex).update(
        status="closed", outcome="Resolved with Alex."
    )
    ConcernAction.objects.create(
        organisation=world.organisation,
        concern=world.concern,
        person=alex,
        kind="call",
        happened_at=timezone.now(),
        what="Phoned the duty team.",
        recorded_by=world.user(Role.SAFEGUARDING_LEAD),
    )
    NoteResponseFactory(note=world.note, written_by=psw)
    # A read of Alex's record: the audit log keeps it after the record is gone.
    audit(
        None,
        action=AuditAction.VIEW,
        actor=psw,
        organisation_id=world.organisation.pk,
        person_id=alex.pk,
        object_label="Alex's record",
    )
    other: Any = PersonFactory(organisation=world.organisation, team=world.team)
    ContactNoteFactory(person=other, author=psw, signed_at=timezone.now())
    document: Any = DocumentFactory(person=other, current_version=1)
    DocumentVersionFactory(document=document, number=1, content={}, changed_by=psw)
    review = RetentionReview.objects.create(
        organisation=world.organisation,
        person=alex,
        due_on=date(2025, 3, 15),
        decision=RetentionDecision.DESTROY,
        reason="Past retention",
        decided_by=world.user(Role.ORG_ADMIN),
        confirmed_by=_second_admin(world),
        confirmed_at=timezone.now(),
    )
    rows = _protected_rows(alex)
    assert all(rows.values()), rows  # one of each, at least
    return alex, other, review


def _triggers_enabled() -> dict[str, str]:
    """Each protected table → its user triggers' states ("O": on; "D": off)."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT tgrelid::regclass::text, tgenabled FROM pg_trigger"
            " WHERE NOT tgisinternal AND tgrelid::regclass::text = ANY(%s)",
            [list(PROTECTED)],
        )
        states: dict[str, set[str]] = {}
        for table, enabled in cursor.fetchall():
            states.setdefault(table, set()).add(enabled)
    return {table: "".join(sorted(state)) for table, state in states.items()}


@on_postgresql
@pytest.mark.django_db(transaction=True)  # the owner connects afresh: no test transaction
@pytest.mark.hazard("H21")
def test_on_postgresql_the_owner_destroys_a_record_with_protected_rows(
    caseload_world: Any, capsys: Any
) -> None:
    from peerpath.tests.databases import application_role, connect_as, owner_role

    alex, other, review = _reviewed_with_protected_rows(caseload_world)
    others_rows = _protected_rows(other)
    audit_before = set(AuditEvent.objects.values_list("pk", flat=True))
    assert AuditEvent.objects.filter(person_id=alex.pk, action=AuditAction.VIEW).exists()
    assert retention.protected_tables_touched() == sorted(PROTECTED)
    # As the operator does: DATABASE_URL="$DATABASE_OWNER_URL" manage.py ...
    connect_as(owner_role())
    try:
        call_command("destroy_reviewed_records", "--yes", "--by", "Records manager")
    finally:
        connect_as(application_role())
    assert f"Record P{alex.pk} destroyed" in capsys.readouterr().out
    assert not Person.objects.filter(pk=alex.pk).exists()
    assert not any(_protected_rows(alex).values())
    tombstone = Tombstone.objects.get()
    assert tombstone.person_ref == f"P{alex.pk}"
    assert tombstone.review == review
    assert tombstone.counts["contacts.contactnote"] == 2  # signed and draft
    assert tombstone.counts["recovery.documentversion"] == len(caseload_world.documents)
    assert AuditEvent.objects.filter(
        action=AuditAction.DELETE,
        object_id=str(alex.pk),
        reason__contains=f"tombstone {tombstone.pk}",
    ).exists()
    # The audit log only grew.
    assert audit_before <= set(AuditEvent.objects.values_list("pk", flat=True))
    # Every trigger is on again, and nobody else's rows were touched.
    assert _triggers_enabled() == dict.fromkeys(PROTECTED, "O")
    assert Person.objects.filter(pk=other.pk).exists()
    assert _protected_rows(other) == others_rows
    assert others_rows["contacts_contactnote"] and others_rows["recovery_documentversion"]
    review.refresh_from_db()
    assert review.person is None


@on_postgresql
@pytest.mark.hazard("H21")
def test_on_postgresql_the_application_role_is_refused_and_nothing_is_destroyed(
    caseload_world: Any, monkeypatch: Any
) -> None:
    alex, _other, review = _reviewed_with_protected_rows(caseload_world)
    rows = _protected_rows(alex)

    def nothing_destroyed() -> None:
        assert Person.objects.filter(pk=alex.pk).exists()
        assert _protected_rows(alex) == rows
        assert not Tombstone.objects.exists()
        assert not AuditEvent.objects.filter(action=AuditAction.DELETE).exists()
        assert _triggers_enabled() == dict.fromkeys(PROTECTED, "O")

    with pytest.raises(CommandError) as refused:
        call_command("destroy_reviewed_records", "--yes", "--by", "Records manager")
    message = str(refused.value)
    assert "Nothing was destroyed" in message
    assert (
        'DATABASE_URL="$DATABASE_OWNER_URL" .venv/bin/python manage.py '
        "destroy_reviewed_records --yes --by 'Records manager'" in message
    )
    nothing_destroyed()
    with pytest.raises(ValidationError, match="needs the database owner"):
        retention.destroy_record(review=review, by_label="Records manager")
    nothing_destroyed()
    # Even past the check, the database refuses to switch a trigger off, and the
    # tombstone and audit event written before it are rolled back with it.
    monkeypatch.setattr(retention, "not_the_owner", lambda tables: [])
    with pytest.raises(DatabaseError, match="must be owner"):
        retention.destroy_record(review=review, by_label="Records manager")
    nothing_destroyed()
