"""Load the competence framework from its data file (idempotent)."""

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from peerpath.framework.services import (
    DATA_FILE,
    FrameworkDataError,
    framework_import,
    load_data_file,
)


class Command(BaseCommand):
    help = (
        "Import the competence framework from a JSON data file (the bundled curriculum by "
        "default). Running it again with the same file changes nothing; a file with a new "
        "version number becomes the current version."
    )

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--file", type=Path, default=DATA_FILE, help="a JSON data file")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            framework, created = framework_import(load_data_file(options["file"]))
        except FrameworkDataError as error:
            raise CommandError(str(error)) from error
        counts = f"{framework.units.count()} units, {framework.statements.count()} statements"
        if created:
            self.stdout.write(f"Imported {framework} ({counts}).")
        else:
            self.stdout.write(f"{framework} is already imported ({counts}); nothing changed.")
