"""On PostgreSQL, a saved version of a worker's wellbeing plan is never altered (ADR-020).

The plan changes by adding a version; earlier versions are kept for the worker. The
database refuses UPDATE and DELETE of a version and TRUNCATE of the table (the SQL is
`peerpath.core.migrations_util.append_only_sql`).
"""

from django.db import migrations

from peerpath.core.migrations_util import append_only


class Migration(migrations.Migration):
    dependencies = [("wellbeing", "0001_add_wellbeing_plan_and_check_ins")]

    operations = [
        append_only(
            table="wellbeing_wellbeingplanversion",
            function="peerpath_wellbeing_version_append_only",
            what="wellbeing plan versions",
        )
    ]
