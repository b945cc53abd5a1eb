"""On PostgreSQL, the database refuses TRUNCATE of a concern's timeline (H2, ADR-013).

governance.0006 refuses UPDATE and DELETE of an entry with a row trigger; this statement
trigger refuses TRUNCATE with the same function, which only reads TG_OP.
"""

from django.db import migrations

FORWARD = """
CREATE TRIGGER governance_concernaction_no_truncate
    BEFORE TRUNCATE ON governance_concernaction
    FOR EACH STATEMENT EXECUTE FUNCTION peerpath_concern_action_append_only();
"""

REVERSE = """
DROP TRIGGER IF EXISTS governance_concernaction_no_truncate ON governance_concernaction;
"""


def forward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(FORWARD)


def reverse(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(REVERSE)


class Migration(migrations.Migration):
    dependencies = [("governance", "0006_concern_action_append_only")]

    operations = [migrations.RunPython(forward, reverse)]
