"""Print the competence framework as JSON (the data file's shape) or CSV."""

import json
from typing import Any

from django.core.management.base import BaseCommand, CommandError
from django.http import Http404

from peerpath.framework.selectors import framework_csv, framework_export, framework_get


class Command(BaseCommand):
    help = "Print the current competence framework (or --version N) as JSON or CSV."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--format", choices=("json", "csv"), default="json")
        parser.add_argument(
            "--framework-version", type=int, default=None, help="an earlier version by number"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            framework = framework_get(options["framework_version"])
        except Http404 as error:
            raise CommandError(
                "No competence framework is imported (run import_framework)."
            ) from error
        if options["format"] == "csv":
            self.stdout.write(framework_csv(framework), ending="")
        else:
            data = framework_export(framework)
            self.stdout.write(json.dumps(data, ensure_ascii=False, indent=2))
