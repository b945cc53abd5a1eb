"""On PostgreSQL, the database refuses TRUNCATE of the audit log, whoever asks (ADR-013).

core.0002 refuses UPDATE and DELETE of audit rows with a row trigger. TRUNCATE is not a
row operation, so it needs a statement trigger; it calls the same function, which only
reads TG_OP. The application's database role also has no TRUNCATE privilege and owns no
table, so it cannot switch either trigger off.
"""

from django.db import migrations

FORWARD = """
CREATE TRIGGER core_auditevent_no_truncate
    BEFORE TRUNCATE ON core_auditevent
    FOR EACH STATEMENT EXECUTE FUNCTION peerpath_audit_append_only();
"""

REVERSE = "DROP TRIGGER IF EXISTS core_auditevent_no_truncate ON core_auditevent;"


def forward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(FORWARD)


def reverse(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(REVERSE)


class Migration(migrations.Migration):
    dependencies = [("core", "0002_audit_append_only_trigger")]

    operations = [migrations.RunPython(forward, reverse)]
