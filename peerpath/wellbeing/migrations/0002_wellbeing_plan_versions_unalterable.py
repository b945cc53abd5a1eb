"""On PostgreSQL, a saved version of a worker's wellbeing plan is never altered (ADR-020).

The plan changes by adding a version; earlier versions are kept for the worker. The
database refuses UPDATE and DELETE of a version and TRUNCATE of the table.
"""

from django.db import migrations

FORWARD = """
CREATE OR REPLACE FUNCTION peerpath_wellbeing_version_append_only() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION USING
        MESSAGE = 'wellbeing plan versions are append-only: ' || TG_OP || ' is not allowed',
        ERRCODE = 'integrity_constraint_violation';
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER wellbeing_wellbeingplanversion_append_only
    BEFORE UPDATE OR DELETE ON wellbeing_wellbeingplanversion
    FOR EACH ROW EXECUTE FUNCTION peerpath_wellbeing_version_append_only();

CREATE TRIGGER wellbeing_wellbeingplanversion_no_truncate
    BEFORE TRUNCATE ON wellbeing_wellbeingplanversion
    FOR EACH STATEMENT EXECUTE FUNCTION peerpath_wellbeing_version_append_only();
"""

REVERSE = """
DROP TRIGGER IF EXISTS wellbeing_wellbeingplanversion_no_truncate ON wellbeing_wellbeingplanversion;
DROP TRIGGER IF EXISTS wellbeing_wellbeingplanversion_append_only ON wellbeing_wellbeingplanversion;
DROP FUNCTION IF EXISTS peerpath_wellbeing_version_append_only();
"""


def forward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(FORWARD)


def reverse(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(REVERSE)


class Migration(migrations.Migration):
    dependencies = [("wellbeing", "0001_add_wellbeing_plan_and_check_ins")]

    operations = [migrations.RunPython(forward, reverse)]
