"""Run PeerPath's background worker: `make run` starts it beside gunicorn, production runs
it as its own process (README, "Processes")."""

import logging
from typing import Any

from django.core.management.base import BaseCommand

from peerpath.jobs.worker import new_worker, runs_jobs_here, work_forever


class Command(BaseCommand):
    help = (
        "Run the background worker: sends queued emails (retrying failures), and runs the "
        "periodic jobs (safeguarding escalation every 5 minutes, daily reminders) when "
        "their time comes. Ctrl+C or SIGTERM stops it after the job in hand."
    )

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument(
            "--interval",
            type=float,
            default=2.0,
            help="seconds to wait between looks at the queue when it is empty (default 2)",
        )
        parser.add_argument(
            "--once",
            action="store_true",
            help="queue what the schedule says is due, run every ready job, then stop",
        )
        parser.add_argument("--worker-id", default="", help="unique name of this worker")

    def handle(self, *args: Any, **options: Any) -> None:
        level = logging.INFO if options["verbosity"] > 1 else logging.WARNING
        # django-tasks-db says "starting" and "no more tasks" on every pass: keep it quiet.
        logging.getLogger("django_tasks_db").setLevel(level)
        worker = new_worker(options["worker_id"])
        if not options["once"]:
            worker.configure_signals()
        if options["verbosity"] > 0:
            self.stdout.write(
                "PeerPath worker started: "
                + (
                    "running queued jobs and the schedule."
                    if runs_jobs_here()
                    else "keeping the schedule; the task backend's own workers run the jobs."
                )
            )
        work_forever(worker, interval=options["interval"], once=options["once"])
