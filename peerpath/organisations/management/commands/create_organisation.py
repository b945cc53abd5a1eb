"""Create an organisation and invite its first organisation admin.

PeerPath has no Django admin, so platform operators start an organisation here; from then
on its own admins manage people and teams in PeerPath's pages.
"""

from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from peerpath.core.roles import Role
from peerpath.organisations.models import OrganisationKind
from peerpath.organisations.services import organisation_create, user_invite


class Command(BaseCommand):
    help = "Create an organisation and email an invitation to its first organisation admin."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--name", required=True, help="e.g. 'Riverside NHS Foundation Trust'")
        parser.add_argument("--kind", required=True, choices=OrganisationKind.values)
        parser.add_argument("--admin-email", required=True)
        parser.add_argument("--admin-name", required=True)
        parser.add_argument(
            "--base-url",
            required=True,
            help="where PeerPath is served, e.g. https://peerpath.example.org",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            with transaction.atomic():
                organisation = organisation_create(name=options["name"], kind=options["kind"])
                user_invite(
                    organisation=organisation,
                    email=options["admin_email"].strip().lower(),
                    full_name=options["admin_name"],
                    roles={Role.ORG_ADMIN},
                    team=None,
                    by=None,
                    base_url=options["base_url"],
                )
        except ValidationError as error:
            raise CommandError("; ".join(error.messages)) from error
        admin = options["admin_email"]
        self.stdout.write(f"Created {organisation} and invited {admin} as its organisation admin.")
