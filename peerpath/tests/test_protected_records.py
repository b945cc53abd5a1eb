"""Records that cannot be altered at the database (ADR-013), on PostgreSQL.

Signed contact notes, note amendments, plan versions, awards, audit events and a concern's
timeline entries are refused by their models and services first. These tests go around
them with raw SQL, as a script, a bulk update or a compromised application would. They
connect as the application role, as PeerPath does (peerpath/tests/databases.py):

- UPDATE and DELETE of a protected row are refused (a draft note stays editable);
- TRUNCATE of a protected table is refused, and even the owner role is refused it;
- the application role cannot switch the triggers off, drop them or take the table over:
  it owns nothing and cannot create tables.

SQLite has neither roles nor TRUNCATE: these run in the PostgreSQL pass of `make test`.
"""

from collections.abc import Iterator
from typing import Any

import psycopg
import pytest
from django.db import DatabaseError, connection, transaction
from django.utils import timezone

from peerpath.contacts.models import ContactNote
from peerpath.core.audit import audit
from peerpath.core.models import AuditAction
from peerpath.core.roles import Role
from peerpath.governance.models import ConcernAction
from peerpath.recovery.models import DocumentVersion
from peerpath.training.models import Award, Cohort, Enrolment, Programme

pytestmark = pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="roles, TRUNCATE and triggers are PostgreSQL's (these run in its pass)",
)

# Each protected table and a change to one of its rows.
CHANGES = {
    "contacts_contactnote": "note = 'Rewritten history.'",  # a signed note (H5)
    "contacts_noteamendment": "text = 'Rewritten amendment.'",  # H5
    "recovery_documentversion": "change_note = 'Rewritten version.'",  # H6
    "training_award": "trainee_name = 'Someone Else'",  # H10
    "core_auditevent": "reason = 'tampered'",  # H7
    "governance_concernaction": "what = 'Rewritten entry.'",  # H2
}
TABLES = list(CHANGES)


@pytest.fixture
def protected(caseload_world: Any) -> dict[str, int]:
    """Table → the id of one protected row in it."""
    world = caseload_world
    org = world.organisation
    programme = Programme.objects.create(organisation=org, title="Peer support training")
    cohort = Cohort.objects.create(
        organisation=org, programme=programme, title="Spring", starts_on=timezone.localdate()
    )
    enrolment = Enrolment.objects.create(
        organisation=org, cohort=cohort, trainee=world.user(Role.TRAINEE)
    )
    award = Award.objects.create(
        organisation=org,
        enrolment=enrolment,
        certificate_number="PP-PROTE-CTED1",
        trainee_name="Trainee Riverside",
        programme_title=programme.title,
        awarded_on=timezone.localdate(),
        awarded_by=world.user(Role.COORDINATOR),
    )
    entry = ConcernAction.objects.create(
        organisation=org,
        concern=world.concern,
        person=world.person,
        kind="call",
        happened_at=timezone.now(),
        what="Phoned the duty team.",
        recorded_by=world.user(Role.SAFEGUARDING_LEAD),
    )
    event = audit(
        None,
        action=AuditAction.VIEW,
        actor=world.user(Role.PSW),
        organisation_id=org.pk,
        object_label="Alex's record",
    )
    version = DocumentVersion.objects.filter(organisation=org).first()
    assert world.note.signed_at is not None
    assert version is not None
    return {
        "contacts_contactnote": world.note.pk,
        "contacts_noteamendment": world.amendment.pk,
        "recovery_documentversion": version.pk,
        "training_award": award.pk,
        "core_auditevent": event.pk,
        "governance_concernaction": entry.pk,
    }


def snapshot(table: str, pk: int) -> tuple[Any, ...] | None:
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT * FROM {table} WHERE id = %s", [pk])  # noqa: S608
        return cursor.fetchone()


def refused(sql: str, params: list[Any] | None = None, *, match: str) -> None:
    """The statement fails with an error matching `match` (and so changes nothing)."""
    with (
        pytest.raises(DatabaseError, match=match),
        transaction.atomic(),
        connection.cursor() as cursor,
    ):
        cursor.execute(sql, params)


@pytest.mark.parametrize("table", TABLES)
@pytest.mark.hazard("H5")
@pytest.mark.hazard("H6")
def test_the_database_refuses_to_change_a_protected_row(
    protected: dict[str, int], table: str
) -> None:
    pk = protected[table]
    before = snapshot(table, pk)
    refused(
        f"UPDATE {table} SET {CHANGES[table]} WHERE id = %s",  # noqa: S608
        [pk],
        match="UPDATE is not allowed|is signed",
    )
    assert snapshot(table, pk) == before


@pytest.mark.parametrize("table", TABLES)
@pytest.mark.hazard("H5")
@pytest.mark.hazard("H6")
def test_the_database_refuses_to_delete_a_protected_row(
    protected: dict[str, int], table: str
) -> None:
    """Before contacts.0005, DELETE of a signed note succeeded: only UPDATE was refused."""
    pk = protected[table]
    before = snapshot(table, pk)
    refused(f"DELETE FROM {table} WHERE id = %s", [pk], match="DELETE is not allowed")  # noqa: S608
    assert snapshot(table, pk) == before


@pytest.mark.parametrize("table", TABLES)
@pytest.mark.hazard("H5")
@pytest.mark.hazard("H6")
def test_the_application_role_cannot_empty_a_protected_table(
    protected: dict[str, int], table: str
) -> None:
    refused(f"TRUNCATE {table} CASCADE", match=f"permission denied for table {table}")
    assert snapshot(table, protected[table]) is not None


@pytest.mark.parametrize("table", TABLES)
@pytest.mark.parametrize(
    "statement",
    [
        "ALTER TABLE {table} DISABLE TRIGGER USER",
        "ALTER TABLE {table} DISABLE TRIGGER ALL",
        "ALTER TABLE {table} OWNER TO CURRENT_USER",
        "DROP TABLE {table} CASCADE",
    ],
)
@pytest.mark.hazard("H5")
@pytest.mark.hazard("H6")
def test_the_application_role_cannot_switch_off_the_protection(
    protected: dict[str, int], table: str, statement: str
) -> None:
    refused(statement.format(table=table), match=f"must be owner of table {table}")
    # And the triggers still hold.
    refused(
        f"DELETE FROM {table} WHERE id = %s",  # noqa: S608
        [protected[table]],
        match="DELETE is not allowed",
    )


def test_a_draft_note_can_still_be_changed_signed_or_deleted(caseload_world: Any) -> None:
    draft = caseload_world.draft_note
    written_in_error = ContactNote.objects.create(
        organisation=draft.organisation,
        person=draft.person,
        author=draft.author,
        contact_on=draft.contact_on,
        kind=draft.kind,
        duration_minutes=draft.duration_minutes,
        note="Written in error.",
    )
    with connection.cursor() as cursor:
        cursor.execute("UPDATE contacts_contactnote SET note = 'Changed' WHERE id = %s", [draft.pk])
        cursor.execute(
            "UPDATE contacts_contactnote SET signed_at = %s WHERE id = %s",
            [timezone.now(), draft.pk],
        )
        cursor.execute("DELETE FROM contacts_contactnote WHERE id = %s", [written_in_error.pk])
    assert ContactNote.objects.get(pk=draft.pk).note == "Changed"
    assert not ContactNote.objects.filter(pk=written_in_error.pk).exists()
    # Once signed, it is kept.
    refused(
        "DELETE FROM contacts_contactnote WHERE id = %s", [draft.pk], match="DELETE is not allowed"
    )
    assert ContactNote.objects.filter(pk=draft.pk).exists()


@pytest.mark.django_db
def test_the_application_role_owns_nothing_and_cannot_create_tables() -> None:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT rolsuper, rolcreaterole, rolcreatedb, rolbypassrls FROM pg_roles"
            " WHERE rolname = current_user"
        )
        assert cursor.fetchone() == (False, False, False, False)
        cursor.execute(
            "SELECT count(*) FROM pg_class WHERE relowner ="
            " (SELECT oid FROM pg_roles WHERE rolname = current_user)"
        )
        assert cursor.fetchone() == (0,)
        cursor.execute("SELECT count(*) FROM pg_class WHERE relname = 'core_auditevent'")
        assert cursor.fetchone() == (1,)  # it does see the tables
    refused("CREATE TABLE peerpath_intruder (id int)", match="permission denied for schema")


@pytest.fixture
def as_owner(django_db_setup: None, django_db_blocker: Any) -> Iterator[psycopg.Connection[Any]]:
    """A connection to the test database as the owner role."""
    from peerpath.tests.databases import owner_connect

    with django_db_blocker.unblock(), owner_connect() as owner:
        yield owner


@pytest.mark.parametrize("table", TABLES)
def test_even_the_owner_role_is_refused_truncate(
    as_owner: psycopg.Connection[Any], table: str
) -> None:
    with (
        pytest.raises(psycopg.DatabaseError, match="TRUNCATE is not allowed"),
        as_owner.transaction(),
    ):
        as_owner.execute(f"TRUNCATE {table} CASCADE")


@pytest.mark.django_db(transaction=True)
def test_a_table_a_later_migration_adds_is_usable_by_the_application_role(
    as_owner: psycopg.Connection[Any],
) -> None:
    """Default privileges: what the owner creates later, the application role may use the
    rows of (and only that)."""
    as_owner.execute("CREATE TABLE peerpath_later (id bigint GENERATED BY DEFAULT AS IDENTITY)")
    as_owner.commit()
    try:
        with connection.cursor() as cursor:
            cursor.execute("INSERT INTO peerpath_later DEFAULT VALUES")
            cursor.execute("UPDATE peerpath_later SET id = id")
            cursor.execute("DELETE FROM peerpath_later")
        refused("TRUNCATE peerpath_later", match="permission denied")
    finally:
        as_owner.execute("DROP TABLE peerpath_later")
        as_owner.commit()
