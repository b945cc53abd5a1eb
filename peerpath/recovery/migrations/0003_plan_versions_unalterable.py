"""On PostgreSQL, a saved version of a plan is never altered (hazards H3, H6; ADR-013).

A recovery plan, advance statement or crisis plan changes by adding a version; the service
never edits one. Now the database refuses UPDATE and DELETE of a version and TRUNCATE of
the table, whoever asks.
"""

from django.db import migrations

FORWARD = """
CREATE OR REPLACE FUNCTION peerpath_document_version_append_only() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION USING
        MESSAGE = 'plan versions are append-only: ' || TG_OP || ' is not allowed',
        ERRCODE = 'integrity_constraint_violation';
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER recovery_documentversion_append_only
    BEFORE UPDATE OR DELETE ON recovery_documentversion
    FOR EACH ROW EXECUTE FUNCTION peerpath_document_version_append_only();

CREATE TRIGGER recovery_documentversion_no_truncate
    BEFORE TRUNCATE ON recovery_documentversion
    FOR EACH STATEMENT EXECUTE FUNCTION peerpath_document_version_append_only();
"""

REVERSE = """
DROP TRIGGER IF EXISTS recovery_documentversion_no_truncate ON recovery_documentversion;
DROP TRIGGER IF EXISTS recovery_documentversion_append_only ON recovery_documentversion;
DROP FUNCTION IF EXISTS peerpath_document_version_append_only();
"""


def forward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(FORWARD)


def reverse(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(REVERSE)


class Migration(migrations.Migration):
    dependencies = [("recovery", "0002_add_co_production_and_edit_versions")]

    operations = [migrations.RunPython(forward, reverse)]
