"""Build the benchmark data set (issue 14): `manage.py bench_data --size S|M|L [--scale N]`.

Run it on an empty, migrated database of its own (`make bench` makes one), never on the
demo's. It writes PeerPath's own tables with COPY (PostgreSQL) or bulk inserts (SQLite)
from a fixed random seed (peerpath/nonprod/bench.py), then refreshes the planner's
statistics, and prints (and with --json, writes) how many rows it wrote and how long it took.
"""

import json
import time
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from peerpath.nonprod import bench


class Command(BaseCommand):
    help = "Build the benchmark data set (S, M or L) in the configured database."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--size", choices=sorted(bench.SIZES), default="S")
        parser.add_argument("--scale", type=int, default=1, help="Multiply every count by N")
        parser.add_argument("--seed", type=int, default=bench.SEED)
        parser.add_argument("--json", type=Path, help="Also write the summary to this file")

    def handle(self, *args: Any, **options: Any) -> None:
        from peerpath.organisations.models import Organisation

        if Organisation.objects.filter(slug="bench-trust-0").exists():
            raise CommandError("This database already holds a benchmark data set.")
        started = time.monotonic()
        summary = bench.build(
            options["size"],
            scale=options["scale"],
            seed=options["seed"],
            log=lambda line: self.stdout.write(line),
        )
        analyse_started = time.monotonic()
        bench.vacuum_analyze()
        summary["analyse_seconds"] = round(time.monotonic() - analyse_started, 1)
        summary["total_seconds"] = round(time.monotonic() - started, 1)
        self.stdout.write(
            f"{summary['rows']:,} rows in {summary['seconds']}s "
            f"({summary['rows_per_second']:,} rows/s), then ANALYZE in "
            f"{summary['analyse_seconds']}s"
        )
        for table, n in summary["tables"].items():
            self.stdout.write(f"  {table}: {n:,}")
        if options["json"]:
            options["json"].parent.mkdir(parents=True, exist_ok=True)
            options["json"].write_text(json.dumps(summary, indent=2) + "\n")
