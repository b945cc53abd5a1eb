"""The audit log's monthly partitions on PostgreSQL (ADR-024, docs/scale/audit.md).

`core_auditevent` is a table partitioned BY RANGE (at): one partition a calendar month
(UTC), named `core_auditevent_pYYYYMM`, and a DEFAULT partition, so an insert for a month
without a partition still lands. The row trigger that refuses UPDATE and DELETE is declared
on the parent, and PostgreSQL clones it onto every partition, present and future; the
statement trigger that refuses TRUNCATE is not cloned, so `protect` adds it to each
partition, with the parent's grants (the application role may use every partition's rows
and nothing more).

Used by `manage.py audit_partitions` (which makes the coming months' partitions, empties
DEFAULT into them, and drops whole partitions past the retention period). Only the table's
owner may run it, as for `migrate`. Migration core.0006, which turned the table into a
partitioned one, runs its own frozen copy of what it needed from here: a change to this
module never changes what that migration does. On SQLite there is one plain table and
nothing here runs.
"""

import re
from dataclasses import dataclass
from datetime import date
from typing import Any

PARENT = "core_auditevent"
DEFAULT = "core_auditevent_default"
_MONTHLY = re.compile(r"^core_auditevent_p(\d{4})(\d{2})$")
# What the operator runs (README, "Production deployment": as for migrate).
OWNER_COMMAND = 'DATABASE_URL="$DATABASE_OWNER_URL" .venv/bin/python manage.py audit_partitions'


def month_start(day: date) -> date:
    return day.replace(day=1)


def add_months(month: date, months: int) -> date:
    index = month.year * 12 + month.month - 1 + months
    return date(index // 12, index % 12 + 1, 1)


def partition_name(month: date) -> str:
    return f"{PARENT}_p{month:%Y%m}"


@dataclass(frozen=True)
class Partition:
    name: str
    month: date  # the first day of its month

    @property
    def ends(self) -> date:
        return add_months(self.month, 1)


def is_partitioned(cursor: Any) -> bool:
    cursor.execute("SELECT relkind FROM pg_class WHERE oid = %s::regclass", [PARENT])
    row = cursor.fetchone()
    return bool(row) and row[0] == "p"


def monthly_partitions(cursor: Any) -> list[Partition]:
    """The monthly partitions attached to the audit table, oldest first."""
    cursor.execute(
        "SELECT c.relname FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid"
        " WHERE i.inhparent = %s::regclass",
        [PARENT],
    )
    found = []
    for (name,) in cursor.fetchall():
        match = _MONTHLY.match(name)
        if match:
            found.append(Partition(name, date(int(match[1]), int(match[2]), 1)))
    return sorted(found, key=lambda partition: partition.month)


def protect(cursor: Any, table: str) -> None:
    """A new partition refuses TRUNCATE (UPDATE and DELETE it refuses through the parent's
    cloned row trigger) and grants what the parent grants, to the same roles."""
    cursor.execute(
        f"CREATE TRIGGER {table}_no_truncate BEFORE TRUNCATE ON {table}"
        " FOR EACH STATEMENT EXECUTE FUNCTION peerpath_audit_append_only()"
    )
    copy_grants(cursor, PARENT, table)


def copy_grants(cursor: Any, source: str, table: str) -> None:
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


def name_indexes(cursor: Any) -> None:
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
        [PARENT],
    )
    for current, wanted in cursor.fetchall():
        if current != wanted[:63]:
            cursor.execute(f'ALTER INDEX "{current}" RENAME TO "{wanted[:63]}"')


def create_month(cursor: Any, month: date) -> str | None:
    """The month's partition, made and protected; None if it was there already."""
    name = partition_name(month)
    cursor.execute("SELECT to_regclass(%s)", [name])
    if cursor.fetchone()[0] is not None:
        return None
    start, end = month.isoformat(), add_months(month, 1).isoformat()
    cursor.execute(
        f"CREATE TABLE {name} PARTITION OF {PARENT}"
        f" FOR VALUES FROM ('{start} 00:00:00+00') TO ('{end} 00:00:00+00')"
    )
    protect(cursor, name)
    name_indexes(cursor)
    return name


def create_default(cursor: Any) -> None:
    cursor.execute(f"CREATE TABLE {DEFAULT} PARTITION OF {PARENT} DEFAULT")
    protect(cursor, DEFAULT)
    name_indexes(cursor)


def months_in_default(cursor: Any) -> list[date]:
    """The months that have rows in DEFAULT (no partition of their own when written)."""
    cursor.execute(
        f"SELECT DISTINCT date_trunc('month', at AT TIME ZONE 'UTC')::date FROM {DEFAULT}"  # noqa: S608 - our table names
        " ORDER BY 1"
    )
    return [month for (month,) in cursor.fetchall()]


def empty_default(cursor: Any) -> list[str]:
    """Moves DEFAULT's rows into partitions of their own months, without a DELETE: DEFAULT
    is detached and renamed, a new empty DEFAULT and the missing months' partitions are
    made, the rows inserted through the parent, and the old DEFAULT dropped. Call it inside
    a transaction (it takes the parent's exclusive lock until the commit)."""
    months = months_in_default(cursor)
    if not months:
        return []
    old = f"{DEFAULT}_old"
    cursor.execute(f"ALTER TABLE {PARENT} DETACH PARTITION {DEFAULT}")
    cursor.execute(f"ALTER TABLE {DEFAULT} RENAME TO {old}")
    cursor.execute(f"ALTER TRIGGER {DEFAULT}_no_truncate ON {old} RENAME TO {old}_no_truncate")
    # Its index names are the new DEFAULT's: the detached table needs none to be read once.
    for index, _ in _index_definitions(cursor, old):
        cursor.execute(f'DROP INDEX "{index}"')
    cursor.execute(f"ALTER TABLE {old} RENAME CONSTRAINT {DEFAULT}_pkey TO {old}_pkey")
    create_default(cursor)
    made = [table for month in months if (table := create_month(cursor, month))]
    columns = ", ".join(_columns(cursor, old))
    cursor.execute(f"INSERT INTO {PARENT} ({columns}) SELECT {columns} FROM {old}")  # noqa: S608 - our table names
    cursor.execute(f"DROP TABLE {old}")
    return made


def drop_older_than(cursor: Any, first_kept: date) -> list[str]:
    """Detaches and drops every monthly partition that ends on or before `first_kept`,
    whole: rows past retention go with their month's table, never by DELETE."""
    dropped = []
    for partition in monthly_partitions(cursor):
        if partition.ends <= first_kept:
            cursor.execute(f"ALTER TABLE {PARENT} DETACH PARTITION {partition.name}")
            cursor.execute(f"DROP TABLE {partition.name}")
            dropped.append(partition.name)
    return dropped


def owns_audit_table(cursor: Any) -> bool:
    cursor.execute(
        "SELECT pg_has_role(current_user, relowner, 'USAGE') FROM pg_class"
        " WHERE oid = %s::regclass",
        [PARENT],
    )
    return bool(cursor.fetchone()[0])


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
