"""On PostgreSQL, an award, as its certificate states it, is never altered (H10, ADR-013).

The database refuses UPDATE and DELETE of an award and TRUNCATE of the table, whoever
asks, so the public checker always answers for what was issued. A later data migration
that must correct awards (as training.0009 filled in the awarding organisation) has to
say so openly: it runs as the owner role and wraps its UPDATE in
`ALTER TABLE training_award DISABLE/ENABLE TRIGGER training_award_fixed`.
"""

from django.db import migrations

FORWARD = """
CREATE OR REPLACE FUNCTION peerpath_award_fixed() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION USING
        MESSAGE = 'awards are fixed once made: ' || TG_OP || ' is not allowed',
        ERRCODE = 'integrity_constraint_violation';
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER training_award_fixed
    BEFORE UPDATE OR DELETE ON training_award
    FOR EACH ROW EXECUTE FUNCTION peerpath_award_fixed();

CREATE TRIGGER training_award_no_truncate
    BEFORE TRUNCATE ON training_award
    FOR EACH STATEMENT EXECUTE FUNCTION peerpath_award_fixed();
"""

REVERSE = """
DROP TRIGGER IF EXISTS training_award_no_truncate ON training_award;
DROP TRIGGER IF EXISTS training_award_fixed ON training_award;
DROP FUNCTION IF EXISTS peerpath_award_fixed();
"""


def forward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(FORWARD)


def reverse(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(REVERSE)


class Migration(migrations.Migration):
    dependencies = [("training", "0009_fill_awarding_organisation")]

    operations = [migrations.RunPython(forward, reverse)]
