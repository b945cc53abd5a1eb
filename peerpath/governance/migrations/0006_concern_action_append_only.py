"""On PostgreSQL, the database itself refuses to change or delete a concern's timeline entry.

The application never does (ConcernAction.save() and .delete() raise, and there is no page
to edit one); this trigger also stops a raw UPDATE or DELETE, a bulk `.update()` or a
script. A correction is a new entry. TRUNCATE stays possible for the database owner (the
test suite's flush uses it).
"""

from django.db import migrations

FORWARD = """
CREATE OR REPLACE FUNCTION peerpath_concern_action_append_only() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION USING
        MESSAGE = 'safeguarding timeline entries are append-only: ' || TG_OP || ' is not allowed',
        ERRCODE = 'integrity_constraint_violation';
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER governance_concernaction_append_only
    BEFORE UPDATE OR DELETE ON governance_concernaction
    FOR EACH ROW EXECUTE FUNCTION peerpath_concern_action_append_only();
"""

REVERSE = """
DROP TRIGGER IF EXISTS governance_concernaction_append_only ON governance_concernaction;
DROP FUNCTION IF EXISTS peerpath_concern_action_append_only();
"""


def forward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(FORWARD)


def reverse(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(REVERSE)


class Migration(migrations.Migration):
    dependencies = [("governance", "0005_add_concern_action")]

    operations = [migrations.RunPython(forward, reverse)]
