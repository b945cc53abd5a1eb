"""The audit log, partitioned by month on PostgreSQL (ADR-024), with the indexes of the
admin's audit search.

On PostgreSQL, `core_auditevent` becomes a table partitioned BY RANGE (at): one partition a
month from its oldest row's month to three months ahead, and a DEFAULT partition. Its rows
move across inside this migration; its primary key becomes (id, at) in the database (a
partitioned table's key must hold the partition key; `id` stays unique from its identity,
and Django keeps `id` as the model's key). The append-only triggers (core.0002, core.0003)
are made again on the parent: the row trigger reaches every partition, and each partition
gets its own TRUNCATE trigger and the parent's grants (a frozen copy, below). Later
months' partitions are made by `manage.py audit_partitions`, run by the owner.

The free-text search reads trigram (pg_trgm) indexes of the two labels; pg_trgm is a trusted
extension, which the owner that runs migrations may create in its own database.

SQLite keeps one plain table and only gets the new indexes.
"""

import re
from datetime import date
from typing import Any

from django.db import migrations, models
from django.utils import timezone

TRIGRAM = """
CREATE EXTENSION IF NOT EXISTS pg_trgm;
CREATE INDEX audit_labels_trgm ON core_auditevent USING gin (
    (upper(actor_label::text)) gin_trgm_ops, (upper(object_label::text)) gin_trgm_ops
);
"""


# --- A frozen copy of peerpath/core/audit_partitions.py as of this migration ----------------
# What this migration does on a fresh database must not change when that module does: these
# are the functions, constants and SQL it ran when core.0006 was written, renamed private;
# nothing here is imported from peerpath. The live module is for `manage.py audit_partitions`
# (the coming months' partitions, DEFAULT emptied, retention): change that one, not this.

_PARENT = "core_auditevent"
_DEFAULT = "core_auditevent_default"


def _month_start(day: date) -> date:
    return day.replace(day=1)


def _add_months(month: date, months: int) -> date:
    index = month.year * 12 + month.month - 1 + months
    return date(index // 12, index % 12 + 1, 1)


def _partition_name(month: date) -> str:
    return f"{_PARENT}_p{month:%Y%m}"


def _protect(cursor: Any, table: str) -> None:
    """A new partition refuses TRUNCATE (UPDATE and DELETE it refuses through the parent's
    cloned row trigger) and grants what the parent grants, to the same roles."""
    cursor.execute(
        f"CREATE TRIGGER {table}_no_truncate BEFORE TRUNCATE ON {table}"
        " FOR EACH STATEMENT EXECUTE FUNCTION peerpath_audit_append_only()"
    )
    _copy_grants(cursor, _PARENT, table)


def _copy_grants(cursor: Any, source: str, table: str) -> None:
    cursor.execute(
        "SELECT CASE WHEN a.grantee = 0 THEN 'PUBLIC' ELSE quote_ident(r.rolname) END,"
        " string_agg(a.privilege_type, ', ')"
        " FROM pg_class c CROSS JOIN LATERAL aclexplode(c.relacl) a"
        " LEFT JOIN pg_roles r ON r.oid = a.grantee"
        " WHERE c.oid = %s::regclass AND a.grantee <> c.relowner GROUP BY 1",
        [source],
    )
    for grantee, privileges in cursor.fetchall():
        cursor.execute(f"GRANT {privileges} ON {table} TO {grantee}")


def _name_indexes(cursor: Any) -> None:
    """Each partition's copy of a parent index is named `<partition>_<parent index>`
    (PostgreSQL names them from their columns), so a plan says which index it read:
    `core_auditevent_p202612_audit_person_seen`."""
    cursor.execute(
        "SELECT child.relname, tbl.relname || '_' || parent.relname FROM pg_index px"
        " JOIN pg_class parent ON parent.oid = px.indexrelid"
        " JOIN pg_inherits i ON i.inhparent = parent.oid"
        " JOIN pg_class child ON child.oid = i.inhrelid"
        " JOIN pg_index cx ON cx.indexrelid = child.oid"
        " JOIN pg_class tbl ON tbl.oid = cx.indrelid"
        " WHERE px.indrelid = %s::regclass AND NOT px.indisprimary",
        [_PARENT],
    )
    for current, wanted in cursor.fetchall():
        if current != wanted[:63]:
            cursor.execute(f'ALTER INDEX "{current}" RENAME TO "{wanted[:63]}"')


def _create_month(cursor: Any, month: date) -> str | None:
    """The month's partition, made and protected; None if it was there already."""
    name = _partition_name(month)
    cursor.execute("SELECT to_regclass(%s)", [name])
    if cursor.fetchone()[0] is not None:
        return None
    start, end = month.isoformat(), _add_months(month, 1).isoformat()
    cursor.execute(
        f"CREATE TABLE {name} PARTITION OF {_PARENT}"
        f" FOR VALUES FROM ('{start} 00:00:00+00') TO ('{end} 00:00:00+00')"
    )
    _protect(cursor, name)
    _name_indexes(cursor)
    return name


def _create_default(cursor: Any) -> None:
    cursor.execute(f"CREATE TABLE {_DEFAULT} PARTITION OF {_PARENT} DEFAULT")
    _protect(cursor, _DEFAULT)
    _name_indexes(cursor)


def _columns(cursor: Any, table: str) -> list[str]:
    cursor.execute(
        "SELECT quote_ident(attname) FROM pg_attribute WHERE attrelid = %s::regclass"
        " AND attnum > 0 AND NOT attisdropped ORDER BY attnum",
        [table],
    )
    return [name for (name,) in cursor.fetchall()]


def _index_definitions(cursor: Any, table: str) -> list[tuple[str, str]]:
    cursor.execute(
        "SELECT i.relname, pg_get_indexdef(i.oid) FROM pg_index x"
        " JOIN pg_class i ON i.oid = x.indexrelid"
        " WHERE x.indrelid = %s::regclass AND NOT x.indisprimary ORDER BY i.relname",
        [table],
    )
    return list(cursor.fetchall())


def _rebuild(cursor: Any, *, partitioned: bool, today: date, months_ahead: int = 3) -> None:
    """Rebuilds the audit table as a partitioned table (or, to undo core.0006, as a plain
    one) with the same columns, identity, rows, indexes, triggers and grants. Runs inside
    the migration's transaction: nobody sees the table half made."""
    old = f"{_PARENT}_rebuilt_from"
    cursor.execute(f"LOCK TABLE {_PARENT} IN ACCESS EXCLUSIVE MODE")
    cursor.execute(f"ALTER TABLE {_PARENT} RENAME TO {old}")
    cursor.execute(f"ALTER TABLE {old} RENAME CONSTRAINT {_PARENT}_pkey TO {old}_pkey")
    cursor.execute("SELECT pg_get_serial_sequence(%s, 'id')", [old])
    cursor.execute(f"ALTER SEQUENCE {cursor.fetchone()[0]} RENAME TO {old}_id_seq")
    indexes = _index_definitions(cursor, old)
    for name, _ in indexes:
        cursor.execute(f"DROP INDEX {name}")
    like = f"LIKE {old} INCLUDING DEFAULTS INCLUDING IDENTITY INCLUDING STORAGE"
    if partitioned:
        cursor.execute(f"CREATE TABLE {_PARENT} ({like}) PARTITION BY RANGE (at)")
    else:
        cursor.execute(f"CREATE TABLE {_PARENT} ({like})")
    _copy_grants(cursor, old, _PARENT)
    if partitioned:
        _create_default(cursor)
        cursor.execute(f"SELECT min(at) FROM {old}")  # noqa: S608 - our table names
        oldest = cursor.fetchone()[0]
        month = _month_start(oldest.date() if oldest else today)
        while month <= _add_months(_month_start(today), months_ahead):
            _create_month(cursor, month)
            month = _add_months(month, 1)
    columns = ", ".join(_columns(cursor, old))
    cursor.execute(f"INSERT INTO {_PARENT} ({columns}) SELECT {columns} FROM {old}")  # noqa: S608 - our table names
    cursor.execute(
        f"SELECT setval(pg_get_serial_sequence('{_PARENT}', 'id'),"  # noqa: S608 - our table names
        f" (SELECT coalesce(max(id), 0) + 1 FROM {old}), false)"
    )
    key = "(id, at)" if partitioned else "(id)"
    cursor.execute(f"ALTER TABLE {_PARENT} ADD CONSTRAINT {_PARENT}_pkey PRIMARY KEY {key}")
    for _, definition in indexes:
        cursor.execute(re.sub(rf" ON (ONLY )?(public\.)?{old} ", f" ON {_PARENT} ", definition))
    cursor.execute(
        f"CREATE TRIGGER {_PARENT}_append_only BEFORE UPDATE OR DELETE ON {_PARENT}"
        " FOR EACH ROW EXECUTE FUNCTION peerpath_audit_append_only()"
    )
    cursor.execute(
        f"CREATE TRIGGER {_PARENT}_no_truncate BEFORE TRUNCATE ON {_PARENT}"
        " FOR EACH STATEMENT EXECUTE FUNCTION peerpath_audit_append_only()"
    )
    cursor.execute(f"DROP TABLE {old} CASCADE")
    cursor.execute(f"ANALYZE {_PARENT}")


# --- the migration's steps ------------------------------------------------------------------


def partition(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        with schema_editor.connection.cursor() as cursor:
            _rebuild(cursor, partitioned=True, today=timezone.now().date())


def unpartition(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        with schema_editor.connection.cursor() as cursor:
            _rebuild(cursor, partitioned=False, today=timezone.now().date())


def trigram(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(TRIGRAM)
        with schema_editor.connection.cursor() as cursor:
            # Each partition's copy of an index named after its parent index.
            _name_indexes(cursor)


def no_trigram(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("DROP INDEX IF EXISTS audit_labels_trgm")


class Migration(migrations.Migration):
    dependencies = [("core", "0005_audit_role_and_subject")]

    operations = [
        migrations.RunPython(partition, unpartition),
        migrations.RemoveIndex(model_name="auditevent", name="audit_org_at"),
        migrations.AddIndex(
            model_name="auditevent",
            index=models.Index(fields=["organisation_id", "-at", "-id"], name="audit_org_at_id"),
        ),
        migrations.AddIndex(
            model_name="auditevent",
            index=models.Index(
                fields=["organisation_id", "action", "-at"], name="audit_org_action_at"
            ),
        ),
        migrations.AddIndex(
            model_name="auditevent",
            index=models.Index(
                fields=["organisation_id", "outcome", "-at"], name="audit_org_outcome_at"
            ),
        ),
        migrations.AddIndex(
            model_name="auditevent",
            index=models.Index(fields=["actor_id", "-at"], name="audit_actor_at"),
        ),
        migrations.AddIndex(
            model_name="auditevent",
            index=models.Index(
                fields=["object_type", "object_id", "-at"], name="audit_object_at"
            ),
        ),
        migrations.RunPython(trigram, no_trigram),
    ]
