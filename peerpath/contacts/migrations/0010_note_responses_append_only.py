"""On PostgreSQL, a person's view of a note about them is never altered or removed.

The database refuses UPDATE and DELETE of a `NoteResponse` and TRUNCATE of the table (the
SQL is `peerpath.core.migrations_util.append_only_sql`); the model refuses too.
"""

from django.db import migrations

from peerpath.core.migrations_util import append_only


class Migration(migrations.Migration):
    dependencies = [("contacts", "0009_add_withholding_views_and_requests")]

    operations = [
        append_only(
            table="contacts_noteresponse",
            function="peerpath_contacts_note_response_append_only",
            what="views of notes by the people they are about",
        )
    ]
