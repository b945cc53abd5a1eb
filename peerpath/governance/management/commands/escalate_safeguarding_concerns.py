"""Escalate overdue safeguarding concerns now (hazard H2).

The worker already does this every five minutes (peerpath/jobs/periodic.py), with no cron
to set up; this command is the same escalation run by hand. It is safe to run again, or
beside the worker: each concern is escalated once.
"""

from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from peerpath.governance import services


class Command(BaseCommand):
    help = (
        "Email the other safeguarding leads (else the organisation admins) about every open "
        "safeguarding concern past its due time that has not been escalated yet. The worker "
        "does this every five minutes; this runs it now."
    )

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument(
            "--base-url",
            default="",
            help="where PeerPath is served, for the link in the email, "
            "e.g. https://peerpath.example.org (default: the PEERPATH_BASE_URL setting)",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        base_url = options["base_url"] or settings.PEERPATH_BASE_URL
        if not base_url:
            raise CommandError("Give --base-url, or set PEERPATH_BASE_URL.")
        run = services.concerns_escalate_overdue(base_url=base_url)
        for concern_id in run.nobody_to_tell:
            self.stderr.write(
                f"Concern {concern_id} is overdue but its organisation has no safeguarding "
                "lead or organisation admin to tell. Give someone the safeguarding lead role."
            )
        for concern_id, error in run.failed:
            self.stderr.write(f"Concern {concern_id} was not escalated: {error}")
        escalated = run.escalated
        self.stdout.write(
            f"Escalated {escalated} overdue safeguarding concern{'s' if escalated != 1 else ''}."
        )
        if run.failed:
            # A non-zero exit, so whoever ran it sees it; the next run tries them again.
            raise CommandError(f"{len(run.failed)} could not be escalated; they will be retried.")
