"""The audit log on PostgreSQL at scale: monthly partitions, retention by whole months,
append-only on every partition, and every indexed search read through an index (ADR-024)."""

import importlib
import random
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import DatabaseError, connection, transaction
from django.db.models import Q
from django.test import override_settings
from django.utils import timezone

from peerpath.core import audit_partitions as partitions
from peerpath.core.actor import Actor
from peerpath.core.models import AuditAction, AuditEvent, AuditOutcome
from peerpath.core.roles import Role
from peerpath.core.selectors import AuditFilter, audit_search, default_range
from peerpath.tests.databases import plan_of

pytestmark = pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="partitions, triggers and plans are PostgreSQL's (these run in its pass)",
)
THIS_MONTH = partitions.month_start(timezone.now().date())


def relation_of(pk: int) -> str:
    with connection.cursor() as cursor:
        cursor.execute("SELECT tableoid::regclass::text FROM core_auditevent WHERE id = %s", [pk])
        return cursor.fetchone()[0]


def attached() -> set[str]:
    """The tables attached to the audit table (its partitions)."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT inhrelid::regclass::text FROM pg_inherits"
            " WHERE inhparent = 'core_auditevent'::regclass"
        )
        return {name for (name,) in cursor.fetchall()}


def make_event(at: datetime, **fields: Any) -> AuditEvent:
    return AuditEvent.objects.create(at=at, action=AuditAction.VIEW, **fields)


@pytest.mark.django_db
def test_after_migrate_the_table_is_partitioned_by_month_with_a_default() -> None:
    with connection.cursor() as cursor:
        assert partitions.is_partitioned(cursor)
        cursor.execute(
            "SELECT pg_get_partkeydef('core_auditevent'::regclass),"
            " pg_get_constraintdef(oid) FROM pg_constraint"
            " WHERE conrelid = 'core_auditevent'::regclass AND contype = 'p'"
        )
        assert cursor.fetchone() == ("RANGE (at)", "PRIMARY KEY (id, at)")
    expected = {partitions.partition_name(partitions.add_months(THIS_MONTH, n)) for n in range(4)}
    assert expected | {partitions.DEFAULT} <= attached()


@pytest.mark.django_db
def test_a_row_lands_in_its_months_partition_and_an_unplanned_month_in_default() -> None:
    middle = datetime(THIS_MONTH.year, THIS_MONTH.month, 15, 12, tzinfo=UTC)
    assert relation_of(make_event(middle).pk) == partitions.partition_name(THIS_MONTH)
    # The last microsecond of a month is that month's, the first of the next the next one's.
    next_month = partitions.add_months(THIS_MONTH, 1)
    start = datetime(next_month.year, next_month.month, 1, tzinfo=UTC)
    assert relation_of(make_event(start).pk) == partitions.partition_name(next_month)
    assert relation_of(make_event(start - timedelta(microseconds=1)).pk) == (
        partitions.partition_name(THIS_MONTH)
    )
    assert relation_of(make_event(datetime(2091, 5, 5, tzinfo=UTC)).pk) == partitions.DEFAULT


@pytest.mark.django_db
def test_every_partition_refuses_update_delete_and_truncate_as_the_application_role() -> None:
    event = make_event(timezone.now(), reason="")
    far = make_event(datetime(2091, 5, 5, tzinfo=UTC))
    for table, pk in (
        (partitions.partition_name(THIS_MONTH), event.pk),
        (partitions.DEFAULT, far.pk),
    ):
        # The application role may use the partition's rows (its grants), so it is the
        # trigger that refuses, not a missing privilege.
        for sql in (
            f"UPDATE {table} SET reason = 'tampered' WHERE id = %s",  # noqa: S608
            f"DELETE FROM {table} WHERE id = %s",  # noqa: S608
        ):
            with (
                pytest.raises(DatabaseError, match="append-only"),
                transaction.atomic(),
                connection.cursor() as cursor,
            ):
                cursor.execute(sql, [pk])
        with (
            pytest.raises(DatabaseError, match="permission denied"),
            transaction.atomic(),
            connection.cursor() as cursor,
        ):
            cursor.execute(f"TRUNCATE {table}")
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT c.relname FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid"
            " WHERE i.inhparent = 'core_auditevent'::regclass AND (NOT EXISTS ("
            "  SELECT 1 FROM pg_trigger t WHERE t.tgrelid = c.oid AND t.tgenabled = 'O'"
            "  AND t.tgname = c.relname || '_no_truncate')"
            " OR NOT EXISTS (SELECT 1 FROM pg_trigger t WHERE t.tgrelid = c.oid"
            "  AND t.tgenabled = 'O' AND t.tgname = 'core_auditevent_append_only'))"
        )
        assert cursor.fetchall() == []  # every partition has both triggers, switched on
    assert AuditEvent.objects.filter(pk=event.pk, reason="").exists()


@pytest.mark.django_db
def test_even_the_owner_is_refused_truncate_of_a_partition(django_db_blocker: Any) -> None:
    import psycopg

    from peerpath.tests.databases import owner_connect

    with owner_connect() as owner:
        for table in (partitions.partition_name(THIS_MONTH), partitions.DEFAULT):
            with (
                pytest.raises(psycopg.DatabaseError, match="TRUNCATE is not allowed"),
                owner.transaction(),
            ):
                owner.execute(f"TRUNCATE {table}")


def _organisations_audit(world: Any) -> Actor:
    return Actor(
        user=world.user(Role.ORG_ADMIN), organisation=world.organisation, roles=frozenset()
    )


@pytest.mark.django_db
def test_the_organisation_and_time_query_reads_only_the_months_it_needs(world: Any) -> None:
    actor = _organisations_audit(world)
    day = THIS_MONTH + timedelta(days=2)
    plan = plan_of(audit_search(AuditFilter(date_from=day, date_to=day), actor=actor)[:51])
    assert partitions.partition_name(THIS_MONTH) in plan
    others = attached() - {partitions.partition_name(THIS_MONTH)}
    assert not [name for name in others if name in plan], plan


# --- every indexed filter uses an index, on realistic ANALYZEd data -----------------------


@pytest.fixture
def many_events(world: Any) -> Iterator[dict[str, Any]]:
    """~30 k audit rows over the last 40 days in four organisations, ANALYZEd by the owner
    (the application role may not ANALYZE): enough that the planner would scan if it
    could not use an index."""
    from peerpath.tests.databases import owner_connect

    rng = random.Random(14)
    now = timezone.now()
    orgs = [world.organisation.pk, world.other_organisation.pk, 9001, 9002]
    actions = [AuditAction.VIEW] * 40 + [AuditAction.UPDATE] * 5 + [AuditAction.LOGIN_FAILED]
    rows = [
        AuditEvent(
            at=now - timedelta(seconds=rng.randrange(40 * 24 * 3600)),
            organisation_id=rng.choice(orgs),
            actor_id=rng.randrange(1, 2000),
            actor_label=f"worker{rng.randrange(2000)}@trust.example",
            action=rng.choice(actions),
            outcome=AuditOutcome.DENIED if rng.random() < 0.01 else AuditOutcome.ALLOWED,
            object_type=rng.choice(["caseload.person", "contacts.contactnote", "page"]),
            object_id=str(rng.randrange(20000)),
            object_label=f"record of person {rng.randrange(20000)}",
            person_id=rng.randrange(1, 20000),
            path="/people/",
        )
        for _ in range(30000)
    ]
    AuditEvent.objects.bulk_create(rows, batch_size=5000)
    with owner_connect() as owner:
        owner.execute("ANALYZE core_auditevent")
    yield {"actor": _organisations_audit(world), "sample": rows[0]}


INDEXED_FILTERS: dict[str, dict[str, Any]] = {
    "organisation and dates only": {},
    "person": {"person_id": "sample.person_id"},
    "actor": {"actor_id": "sample.actor_id"},
    "record": {"object_type": "caseload.person", "object_id": "sample.object_id"},
    "action": {"action": AuditAction.LOGIN_FAILED},
    "outcome": {"outcome": AuditOutcome.DENIED},
    "words": {"text": "worker1234@"},
}


@pytest.mark.django_db(transaction=True)  # the owner ANALYZEs the committed rows
def test_each_indexed_filter_reads_an_index_not_the_whole_table(many_events: Any) -> None:
    sample = many_events["sample"]
    start, end = default_range()
    for name, given in INDEXED_FILTERS.items():
        fields = {
            key: getattr(sample, value.split(".")[1]) if str(value).startswith("sample.") else value
            for key, value in given.items()
        }
        criteria = AuditFilter(date_from=start, date_to=end, **fields)
        plan = plan_of(audit_search(criteria, actor=many_events["actor"])[:51])
        assert "Seq Scan" not in plan, f"{name}:\n{plan}"
        assert "Index" in plan, f"{name}:\n{plan}"


@pytest.mark.django_db(transaction=True)
def test_the_old_six_column_search_scans_every_row(many_events: Any) -> None:
    """The check above can fail: the search before issue 14 (icontains across six
    columns, no date range) reads the whole table."""
    text = "worker1234@"
    old = AuditEvent.objects.filter(organisation_id=many_events["actor"].organisation_id).filter(
        Q(actor_label__icontains=text)
        | Q(object_label__icontains=text)
        | Q(object_type__icontains=text)
        | Q(object_id=text)
        | Q(path__icontains=text)
        | Q(reason__icontains=text)
    )
    assert "Seq Scan" in plan_of(old.order_by("-at", "-id")[:51])


# --- manage.py audit_partitions ------------------------------------------------------------


def _run_as_owner(*args: str) -> None:
    from peerpath.tests.databases import application_role, connect_as, owner_role

    connect_as(owner_role())
    try:
        call_command("audit_partitions", *args)
    finally:
        connect_as(application_role())


@pytest.mark.django_db(transaction=True)  # the owner connects afresh: no test transaction
@override_settings(PEERPATH_AUDIT_RETENTION_MONTHS=3)
def test_retention_drops_only_whole_months_past_it_and_only_as_the_owner(capsys: Any) -> None:
    from peerpath.tests.databases import owner_connect

    old_months = [partitions.add_months(THIS_MONTH, -n) for n in (6, 5, 4, 3)]
    with owner_connect() as owner, owner.cursor() as cursor:
        for month in old_months:
            partitions.create_month(cursor, month)
    kept_month = old_months[-1]  # three months ago: kept (retention is 3 months)
    old_rows = [make_event(datetime(m.year, m.month, 10, tzinfo=UTC)).pk for m in old_months]
    recent = make_event(timezone.now()).pk

    with pytest.raises(CommandError) as refused:
        call_command("audit_partitions")
    assert partitions.OWNER_COMMAND in str(refused.value)
    assert "Nothing was changed" in str(refused.value)
    assert {partitions.partition_name(m) for m in old_months} <= attached()

    _run_as_owner()
    out = capsys.readouterr().out
    gone = {partitions.partition_name(m) for m in old_months[:3]}
    assert not gone & attached()
    assert partitions.partition_name(kept_month) in attached()
    for name in gone:
        assert f"Dropped partition {name}" in out
    assert list(AuditEvent.objects.filter(pk__in=old_rows).values_list("pk", flat=True)) == [
        old_rows[-1]
    ]
    assert AuditEvent.objects.filter(pk=recent).exists()
    with connection.cursor() as cursor:
        cursor.execute("SELECT to_regclass(%s)", [partitions.partition_name(old_months[0])])
        assert cursor.fetchone()[0] is None  # dropped, not left detached


@pytest.mark.django_db(transaction=True)
def test_the_command_moves_defaults_rows_into_their_months_without_delete(capsys: Any) -> None:
    far = make_event(datetime(2093, 3, 3, tzinfo=UTC), reason="far")
    assert relation_of(far.pk) == partitions.DEFAULT
    _run_as_owner()
    assert "Made partition core_auditevent_p209303" in capsys.readouterr().out
    assert relation_of(far.pk) == "core_auditevent_p209303"
    assert AuditEvent.objects.get(pk=far.pk).reason == "far"
    with (
        pytest.raises(DatabaseError, match="append-only"),
        transaction.atomic(),
        connection.cursor() as cursor,
    ):
        cursor.execute("DELETE FROM core_auditevent_p209303")
    # Without retention nothing is dropped; and a second run has nothing to do.
    _run_as_owner()
    assert "already up to date" in capsys.readouterr().out


@pytest.mark.django_db(transaction=True)  # the owner's transaction sees the committed rows
def test_the_migration_moves_every_row_into_its_month_and_back(django_db_blocker: Any) -> None:
    """core.0006's rebuild (its own frozen copy), both ways, in the owner's transaction
    (rolled back after): the rows keep their ids and land in their months' partitions; new
    ids continue."""
    from peerpath.tests.databases import owner_connect

    migration = importlib.import_module("peerpath.core.migrations.0006_audit_partitioned_by_month")

    last_month = partitions.add_months(THIS_MONTH, -1)
    old = make_event(datetime(last_month.year, last_month.month, 20, tzinfo=UTC), reason="old")
    new = make_event(timezone.now(), reason="new")
    with (
        owner_connect() as owner,
        owner.transaction(force_rollback=True),
        owner.cursor() as cursor,
    ):
        migration._rebuild(cursor, partitioned=False, today=THIS_MONTH)
        assert not partitions.is_partitioned(cursor)
        migration._rebuild(cursor, partitioned=True, today=THIS_MONTH)
        assert partitions.is_partitioned(cursor)
        cursor.execute(
            "SELECT id, reason, tableoid::regclass::text FROM core_auditevent ORDER BY id"
        )
        assert cursor.fetchall() == [
            (old.pk, "old", partitions.partition_name(last_month)),
            (new.pk, "new", partitions.partition_name(THIS_MONTH)),
        ]
        cursor.execute(
            "INSERT INTO core_auditevent (at, actor_label, action, outcome, object_type,"
            " object_id, object_label, reason, path, user_agent)"
            " VALUES (now(), '', 'view', 'allowed', '', '', '', '', '', '') RETURNING id"
        )
        assert (cursor.fetchone() or [0])[0] > new.pk
        cursor.execute(
            "SELECT count(*) FROM pg_trigger WHERE tgrelid = 'core_auditevent'::regclass"
            " AND tgname IN ('core_auditevent_append_only', 'core_auditevent_no_truncate')"
        )
        assert cursor.fetchone() == (2,)
    # Rolled back: the table as it was, rows and all.
    assert AuditEvent.objects.filter(pk__in=[old.pk, new.pk]).count() == 2
