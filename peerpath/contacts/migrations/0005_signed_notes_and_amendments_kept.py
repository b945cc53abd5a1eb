"""On PostgreSQL, a signed contact note and its amendments are kept (hazard H5, ADR-013).

contacts.0004 refuses a change to a signed note. Now the database also refuses:
- DELETE of a signed note (a draft, `signed_at IS NULL`, can still be edited, signed or
  deleted);
- UPDATE and DELETE of an amendment;
- TRUNCATE of either table, whoever asks.
The functions only read TG_OP, so the TRUNCATE statement triggers call them too.
"""

from django.db import migrations

FORWARD = """
CREATE OR REPLACE FUNCTION peerpath_signed_note_kept() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION USING
        MESSAGE = 'signed contact notes are kept: ' || TG_OP || ' is not allowed',
        ERRCODE = 'integrity_constraint_violation';
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER contacts_contactnote_signed_kept
    BEFORE DELETE ON contacts_contactnote
    FOR EACH ROW
    WHEN (OLD.signed_at IS NOT NULL)
    EXECUTE FUNCTION peerpath_signed_note_kept();

CREATE TRIGGER contacts_contactnote_no_truncate
    BEFORE TRUNCATE ON contacts_contactnote
    FOR EACH STATEMENT EXECUTE FUNCTION peerpath_signed_note_kept();

CREATE OR REPLACE FUNCTION peerpath_note_amendment_append_only() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION USING
        MESSAGE = 'note amendments are append-only: ' || TG_OP || ' is not allowed',
        ERRCODE = 'integrity_constraint_violation';
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER contacts_noteamendment_append_only
    BEFORE UPDATE OR DELETE ON contacts_noteamendment
    FOR EACH ROW EXECUTE FUNCTION peerpath_note_amendment_append_only();

CREATE TRIGGER contacts_noteamendment_no_truncate
    BEFORE TRUNCATE ON contacts_noteamendment
    FOR EACH STATEMENT EXECUTE FUNCTION peerpath_note_amendment_append_only();
"""

REVERSE = """
DROP TRIGGER IF EXISTS contacts_noteamendment_no_truncate ON contacts_noteamendment;
DROP TRIGGER IF EXISTS contacts_noteamendment_append_only ON contacts_noteamendment;
DROP FUNCTION IF EXISTS peerpath_note_amendment_append_only();
DROP TRIGGER IF EXISTS contacts_contactnote_no_truncate ON contacts_contactnote;
DROP TRIGGER IF EXISTS contacts_contactnote_signed_kept ON contacts_contactnote;
DROP FUNCTION IF EXISTS peerpath_signed_note_kept();
"""


def forward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(FORWARD)


def reverse(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(REVERSE)


class Migration(migrations.Migration):
    dependencies = [("contacts", "0004_signed_note_trigger")]

    operations = [migrations.RunPython(forward, reverse)]
