"""Escalate overdue safeguarding concerns (hazard H2). Run it every few minutes (cron or a
task runner); it is safe to run again or twice at once: each concern is escalated once.
"""

from typing import Any

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from peerpath.governance import selectors, services


class Command(BaseCommand):
    help = (
        "Email the other safeguarding leads (else the organisation admins) about every open "
        "safeguarding concern past its due time that has not been escalated yet."
    )

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument(
            "--base-url",
            required=True,
            help="where PeerPath is served, for the link in the email, "
            "e.g. https://peerpath.example.org",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        now = timezone.now()
        escalated, failed = 0, []
        for concern_id in selectors.concerns_to_escalate(now):
            try:
                done = services.concern_escalate(concern_id, now=now, base_url=options["base_url"])
            except services.NobodyToTell:
                # Not marked escalated: it will be as soon as someone is given the role.
                self.stderr.write(
                    f"Concern {concern_id} is overdue but its organisation has no safeguarding "
                    "lead or organisation admin to tell. Give someone the safeguarding lead role."
                )
                continue
            except Exception as error:  # one failure (e.g. the mail server) must not stop the rest
                failed.append(concern_id)
                self.stderr.write(f"Concern {concern_id} was not escalated: {error!r}")
                continue
            if done is not None:  # None: closed or escalated by someone else meanwhile
                escalated += 1
        self.stdout.write(
            f"Escalated {escalated} overdue safeguarding concern{'s' if escalated != 1 else ''}."
        )
        if failed:
            # A non-zero exit, so the scheduler shows it; the next run tries them again.
            raise CommandError(f"{len(failed)} could not be escalated; they will be retried.")
