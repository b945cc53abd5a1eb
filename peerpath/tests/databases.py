"""The test database on PostgreSQL, set up as production is: two roles (ADR-013).

`DATABASE_URL` is the application role, which owns nothing; `DATABASE_OWNER_URL` is the
role that owns the tables (same database, other user). The root conftest.py:

- creates and migrates the test database as the owner (`connect_as(owner_role())`
  before pytest-django's own set-up), grants the application role the use of its rows
  exactly as the README's deployment section does (`grant_application_role`), then
  connects every test as the application role;
- empties the tables between transactional tests (browser tests) as the owner
  (`execute_sql_flush`): the application role has no TRUNCATE privilege, and the triggers
  that keep records unaltered refuse TRUNCATE from anyone. The owner switches its tables'
  user triggers off, truncates and switches them on again inside one transaction, so no
  other session ever sees them off. Only the owner can do that (ALTER TABLE needs
  ownership); PeerPath never connects as the owner.
"""

import os
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import environ
import psycopg
import pytest
from django.db import DEFAULT_DB_ALIAS, connections

OWNER_URL = "DATABASE_OWNER_URL"
USAGE = (
    "On PostgreSQL the suite runs as the application role, as PeerPath does (ADR-013): "
    "DATABASE_URL is that role and DATABASE_OWNER_URL the role that owns the same "
    'database. `eval "$(scripts/postgres-throwaway start)"` sets up both.'
)

# The README's deployment section runs the same statements, as the owner.
APPLICATION_ROLE_GRANTS = (
    "ALTER DEFAULT PRIVILEGES GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO {app}",
    "ALTER DEFAULT PRIVILEGES GRANT USAGE, SELECT ON SEQUENCES TO {app}",
    "GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO {app}",
    "GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO {app}",
)


@dataclass(frozen=True)
class Role:
    user: str
    password: str


def on_postgresql() -> bool:
    return connections[DEFAULT_DB_ALIAS].vendor == "postgresql"


def application_role() -> Role:
    settings = environ.Env.db_url_config(os.environ["DATABASE_URL"])
    return Role(settings["USER"], settings["PASSWORD"])


def owner_role() -> Role:
    """The owner of DATABASE_URL's database, from DATABASE_OWNER_URL (else pytest exits)."""
    url = os.environ.get(OWNER_URL, "")
    if not url:
        pytest.exit(f"{OWNER_URL} is not set. {USAGE}", returncode=pytest.ExitCode.USAGE_ERROR)
    owner = environ.Env.db_url_config(url)
    app = environ.Env.db_url_config(os.environ["DATABASE_URL"])
    if any(owner[key] != app[key] for key in ("NAME", "HOST", "PORT")) or (
        owner["USER"] == app["USER"]
    ):
        pytest.exit(
            f"{OWNER_URL} must be another role of DATABASE_URL's database. {USAGE}",
            returncode=pytest.ExitCode.USAGE_ERROR,
        )
    return Role(owner["USER"], owner["PASSWORD"])


def connect_as(role: Role) -> None:
    """From the next query on, Django's connection is this role's."""
    connection = connections[DEFAULT_DB_ALIAS]
    connection.close()
    connection.settings_dict["USER"] = role.user
    connection.settings_dict["PASSWORD"] = role.password


def grant_application_role(app: Role) -> None:
    """As the owner, in the test database: the application role may use every table's
    rows, now and in tables created later, and nothing else."""
    connection = connections[DEFAULT_DB_ALIAS]
    role = connection.ops.quote_name(app.user)
    with connection.cursor() as cursor:
        for statement in APPLICATION_ROLE_GRANTS:
            cursor.execute(statement.format(app=role))


def owner_connect() -> psycopg.Connection[Any]:
    """A connection to the test database as the owner, beside Django's."""
    settings = connections[DEFAULT_DB_ALIAS].settings_dict
    owner = owner_role()
    return psycopg.connect(
        dbname=settings["NAME"],
        user=owner.user,
        password=owner.password,
        host=settings["HOST"],
        port=settings["PORT"] or None,
        # Wait a little for a lock, never forever: a test holding one fails, not hangs.
        options="-c lock_timeout=20s",
    )


def execute_sql_flush(ops: Any, sql_list: Sequence[str]) -> None:
    """Replaces PostgreSQL's DatabaseOperations.execute_sql_flush for the test session."""
    with owner_connect() as owner, owner.transaction():
        tables = [
            table
            for (table,) in owner.execute(
                "SELECT DISTINCT tgrelid::regclass::text FROM pg_trigger WHERE NOT tgisinternal"
            )
        ]
        for table in tables:
            owner.execute(f"ALTER TABLE {table} DISABLE TRIGGER USER")
        for sql in sql_list:
            owner.execute(sql)
        for table in tables:
            owner.execute(f"ALTER TABLE {table} ENABLE TRIGGER USER")


def plan_of(queryset: Any) -> str:
    """PostgreSQL's plan for a queryset (EXPLAIN, as the application role), one line a node:
    for tests that a page's query is read through its index, not a scan of the table."""
    connection = connections[DEFAULT_DB_ALIAS]
    sql, params = queryset.query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute("EXPLAIN " + sql, params)
        return "\n".join(row[0] for row in cursor.fetchall())


def analyze(*tables: str) -> None:
    """ANALYZE these tables as the owner (the application role may not), so the planner
    plans on statistics of the rows a test committed."""
    with owner_connect() as owner:
        owner.autocommit = True
        for table in tables:
            owner.execute(f"ANALYZE {table}")
