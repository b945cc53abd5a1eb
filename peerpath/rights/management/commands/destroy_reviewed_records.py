"""Destroy the records whose destruction one admin decided and a second confirmed, after
their retention period (peerpath/rights/retention.py). Prints the plan; destroys only with
--yes. Each record is destroyed in one transaction that writes an audited tombstone first.

Run it as the database owner, as for `migrate` (README, "Production deployment"):

    DATABASE_URL="$DATABASE_OWNER_URL" manage.py destroy_reviewed_records --yes --by "Name"

On PostgreSQL the protected tables (signed notes, plan versions, a concern's timeline,
note responses) refuse DELETE, and only their owner may switch their triggers off: inside
each record's transaction, for its deletes only (ADR-013). Run as the application role it
says the command above and stops before destroying anything. Audit rows are never deleted.
"""

from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser

from peerpath.rights.retention import (
    check_owner,
    confirmed_destructions,
    destroy_record,
    destruction_plan,
)


class Command(BaseCommand):
    help = "Destroy records after a confirmed retention review, leaving a tombstone."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--yes", action="store_true", help="Destroy, not only plan.")
        parser.add_argument("--by", default="system owner", help="Who runs it, for the tombstone.")

    def handle(self, *args: Any, **options: Any) -> None:
        reviews = list(confirmed_destructions())
        if not reviews:
            self.stdout.write("No record has a confirmed review to destroy it. Nothing done.")
            return
        for review in reviews:
            person = review.person
            plan = destruction_plan(person)
            self.stdout.write(
                f"Record P{review.person_id} ({review.organisation.name}): review {review.pk}, "
                f"decided by {review.decided_by.display_name}, confirmed by "
                f"{review.confirmed_by.display_name if review.confirmed_by else '-'}"
            )
            for source, count in plan.items():
                self.stdout.write(f"  {source}: {count}")
        if not options["yes"]:
            self.stdout.write("Plan only. Run again with --yes to destroy these records.")
            return
        try:
            check_owner(options["by"])
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from error
        for review in reviews:
            try:
                tombstone = destroy_record(review=review, by_label=options["by"])
            except ValidationError as error:
                self.stdout.write(f"Record P{review.person_id} kept: {' '.join(error.messages)}")
                continue
            self.stdout.write(f"Record {tombstone.person_ref} destroyed; tombstone {tombstone.pk}.")
