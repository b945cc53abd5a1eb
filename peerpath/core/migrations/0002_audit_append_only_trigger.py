"""On PostgreSQL, the database itself refuses UPDATE and DELETE on audit rows.

TRUNCATE is not a row operation and stays possible for the database owner (the test
suite's flush uses it); retention is done by dropping whole partitions later, never DELETE.
"""

from django.db import migrations

FORWARD = """
CREATE OR REPLACE FUNCTION peerpath_audit_append_only() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION USING
        MESSAGE = 'audit rows are append-only: ' || TG_OP || ' is not allowed',
        ERRCODE = 'insufficient_privilege';
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER core_auditevent_append_only
    BEFORE UPDATE OR DELETE ON core_auditevent
    FOR EACH ROW EXECUTE FUNCTION peerpath_audit_append_only();
"""

REVERSE = """
DROP TRIGGER IF EXISTS core_auditevent_append_only ON core_auditevent;
DROP FUNCTION IF EXISTS peerpath_audit_append_only();
"""


def forward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(FORWARD)


def reverse(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(REVERSE)


class Migration(migrations.Migration):
    dependencies = [("core", "0001_initial")]

    operations = [migrations.RunPython(forward, reverse)]
