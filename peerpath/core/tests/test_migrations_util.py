"""The shared append-only migration operation writes the SQL the hand-written ones ran."""

import importlib
from typing import Any

from django.db import migrations

from peerpath.core.migrations_util import append_only, append_only_sql


def test_the_sql_is_the_same_as_the_hand_written_recovery_migrations() -> None:
    # recovery.0003 was written by hand before the helper; the helper reproduces it exactly.
    written = importlib.import_module("peerpath.recovery.migrations.0003_plan_versions_unalterable")
    forward, reverse = append_only_sql(
        table="recovery_documentversion",
        function="peerpath_document_version_append_only",
        what="plan versions",
    )
    assert (forward, reverse) == (written.FORWARD, written.REVERSE)


def test_the_sql_names_the_table_function_and_rows() -> None:
    forward, reverse = append_only_sql(table="app_thing", function="app_thing_kept", what="things")
    assert "MESSAGE = 'things are append-only: ' || TG_OP" in forward
    assert (
        "CREATE TRIGGER app_thing_append_only\n    BEFORE UPDATE OR DELETE ON app_thing" in forward
    )
    assert "CREATE TRIGGER app_thing_no_truncate\n    BEFORE TRUNCATE ON app_thing" in forward
    assert forward.count("EXECUTE FUNCTION app_thing_kept();") == 2
    assert reverse.strip().splitlines() == [
        "DROP TRIGGER IF EXISTS app_thing_no_truncate ON app_thing;",
        "DROP TRIGGER IF EXISTS app_thing_append_only ON app_thing;",
        "DROP FUNCTION IF EXISTS app_thing_kept();",
    ]


class _Editor:
    def __init__(self, vendor: str) -> None:
        self.connection = type("Connection", (), {"vendor": vendor})()
        self.executed: list[str] = []

    def execute(self, sql: str) -> None:
        self.executed.append(sql)


def test_the_operation_runs_only_on_postgresql_and_can_be_undone() -> None:
    operation = append_only(table="app_thing", function="app_thing_kept", what="things")
    assert isinstance(operation, migrations.RunPython)
    assert operation.reversible
    forward, reverse = append_only_sql(table="app_thing", function="app_thing_kept", what="things")
    postgresql, sqlite = _Editor("postgresql"), _Editor("sqlite")
    no_apps: Any = None
    for editor in (postgresql, sqlite):
        as_editor: Any = editor
        operation.code(no_apps, as_editor)
        assert operation.reverse_code is not None
        operation.reverse_code(no_apps, as_editor)
    assert postgresql.executed == [forward, reverse]
    assert sqlite.executed == []
