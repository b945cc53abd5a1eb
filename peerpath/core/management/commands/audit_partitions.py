"""Keep the audit log's monthly partitions (PostgreSQL; ADR-024, docs/scale/audit.md).

Makes the partitions of this month and the coming months (--months-ahead, default 3),
moves any rows that landed in the DEFAULT partition into partitions of their own months
(without DELETE), and, if PEERPATH_AUDIT_RETENTION_MONTHS is set, detaches and drops whole
months older than that. Audit rows are never deleted one by one. Run it daily, as the
database owner, as for `migrate`:

    DATABASE_URL="$DATABASE_OWNER_URL" .venv/bin/python manage.py audit_partitions

As the application role it refuses before changing anything and prints that command.
On SQLite the audit log is one table, and there is nothing to do.
"""

from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import connection, transaction
from django.utils import timezone

from peerpath.core import audit_partitions as partitions


class Command(BaseCommand):
    help = "Make the audit log's coming monthly partitions and drop those past retention."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--months-ahead", type=int, default=3, help="Months after this one to make now."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if connection.vendor != "postgresql":
            self.stdout.write("The audit log is one table on this database: nothing to do.")
            return
        today = timezone.now().date()
        this_month = partitions.month_start(today)
        retention: int | None = settings.PEERPATH_AUDIT_RETENTION_MONTHS
        with transaction.atomic(), connection.cursor() as cursor:
            if not partitions.is_partitioned(cursor):
                raise CommandError("The audit table is not partitioned: run migrate first.")
            if not partitions.owns_audit_table(cursor):
                raise CommandError(
                    "Only the database owner may make or drop the audit log's partitions "
                    "(ADR-013, ADR-024). Nothing was changed. Run it as the owner, as for "
                    f"migrate: {partitions.OWNER_COMMAND}"
                )
            cursor.execute("SET LOCAL lock_timeout = '10s'")
            made = [
                name
                for ahead in range(options["months_ahead"] + 1)
                if (
                    name := partitions.create_month(
                        cursor, partitions.add_months(this_month, ahead)
                    )
                )
            ]
            moved = partitions.empty_default(cursor)
            dropped: list[str] = []
            if retention is not None:
                first_kept = partitions.add_months(this_month, -retention)
                dropped = partitions.drop_older_than(cursor, first_kept)
        for name in made + moved:
            self.stdout.write(f"Made partition {name}.")
        if moved:
            self.stdout.write(
                f"Moved the rows of the DEFAULT partition into {len(moved)} month(s)."
            )
        for name in dropped:
            self.stdout.write(f"Dropped partition {name} (past {retention} months' retention).")
        if retention is None:
            self.stdout.write("No retention period set: every month is kept.")
        if not (made or moved or dropped):
            self.stdout.write("The audit log's partitions were already up to date.")
