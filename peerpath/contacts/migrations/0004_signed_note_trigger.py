"""On PostgreSQL, the database itself refuses to change a signed contact note.

The application never edits a signed note (ContactNote.save() raises, the services filter
on `signed_at IS NULL`); this trigger also stops a raw UPDATE, a bulk `.update()` or a
script. Only the recorded contact is protected: the note, its date, type, duration and
place, who wrote it, whose record it is, and the signature itself. Corrections are
amendments (contacts_noteamendment), which add rows and change nothing here.
"""

from django.db import migrations

FORWARD = """
CREATE OR REPLACE FUNCTION peerpath_signed_note_unchanged() RETURNS trigger AS $$
BEGIN
    IF NEW.note IS DISTINCT FROM OLD.note
        OR NEW.contact_on IS DISTINCT FROM OLD.contact_on
        OR NEW.kind IS DISTINCT FROM OLD.kind
        OR NEW.duration_minutes IS DISTINCT FROM OLD.duration_minutes
        OR NEW.place IS DISTINCT FROM OLD.place
        OR NEW.author_id IS DISTINCT FROM OLD.author_id
        OR NEW.person_id IS DISTINCT FROM OLD.person_id
        OR NEW.signed_at IS DISTINCT FROM OLD.signed_at
    THEN
        RAISE EXCEPTION USING
            MESSAGE = 'contact note ' || OLD.id || ' is signed: add an amendment instead',
            ERRCODE = 'integrity_constraint_violation';
    END IF;
    RETURN NEW;
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER contacts_contactnote_signed_unchanged
    BEFORE UPDATE ON contacts_contactnote
    FOR EACH ROW
    WHEN (OLD.signed_at IS NOT NULL)
    EXECUTE FUNCTION peerpath_signed_note_unchanged();
"""

REVERSE = """
DROP TRIGGER IF EXISTS contacts_contactnote_signed_unchanged ON contacts_contactnote;
DROP FUNCTION IF EXISTS peerpath_signed_note_unchanged();
"""


def forward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(FORWARD)


def reverse(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(REVERSE)


class Migration(migrations.Migration):
    dependencies = [("contacts", "0003_add_contact_checks")]

    operations = [migrations.RunPython(forward, reverse)]
