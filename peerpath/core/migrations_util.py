"""Operations that migrations of several apps share.

`append_only(...)`: on PostgreSQL, the database itself refuses UPDATE and DELETE of a
table's rows and TRUNCATE of the table, whoever asks (records that are never altered: a
saved version of a plan, an amendment). On other databases (SQLite in development) it does
nothing; the services and models keep the rule there.
"""

from typing import Any

from django.db import migrations

_FORWARD = """
CREATE OR REPLACE FUNCTION {function}() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION USING
        MESSAGE = '{what} are append-only: ' || TG_OP || ' is not allowed',
        ERRCODE = 'integrity_constraint_violation';
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER {table}_append_only
    BEFORE UPDATE OR DELETE ON {table}
    FOR EACH ROW EXECUTE FUNCTION {function}();

CREATE TRIGGER {table}_no_truncate
    BEFORE TRUNCATE ON {table}
    FOR EACH STATEMENT EXECUTE FUNCTION {function}();
"""

_REVERSE = """
DROP TRIGGER IF EXISTS {table}_no_truncate ON {table};
DROP TRIGGER IF EXISTS {table}_append_only ON {table};
DROP FUNCTION IF EXISTS {function}();
"""


def append_only_sql(*, table: str, function: str, what: str) -> tuple[str, str]:
    """The SQL that makes `table` append-only, and the SQL that undoes it. `what` names the
    rows in the error ("plan versions" → "plan versions are append-only: UPDATE is not
    allowed"); `function` is the trigger function's name."""
    names = {"table": table, "function": function, "what": what}
    return _FORWARD.format(**names), _REVERSE.format(**names)


def append_only(*, table: str, function: str, what: str) -> migrations.RunPython:
    """A migration operation: `table` append-only on PostgreSQL (see `append_only_sql`)."""
    forward_sql, reverse_sql = append_only_sql(table=table, function=function, what=what)

    def forward(apps: Any, schema_editor: Any) -> None:
        if schema_editor.connection.vendor == "postgresql":
            schema_editor.execute(forward_sql)

    def reverse(apps: Any, schema_editor: Any) -> None:
        if schema_editor.connection.vendor == "postgresql":
            schema_editor.execute(reverse_sql)

    return migrations.RunPython(forward, reverse)
