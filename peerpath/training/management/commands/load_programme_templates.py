"""Load the shipped programme templates (idempotent)."""

from typing import Any

from django.core.management.base import BaseCommand

from peerpath.training.services.programme_templates import programme_templates_load


class Command(BaseCommand):
    help = "Create the programme templates described in the sources that are not there yet."

    def handle(self, *args: Any, **options: Any) -> None:
        created = programme_templates_load()
        self.stdout.write(f"Programme templates ready ({created} new).")
