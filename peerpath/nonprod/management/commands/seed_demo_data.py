"""Load the demo organisations and log-ins. Safe to run again: it changes nothing twice."""

from typing import Any

from allauth.mfa.models import Authenticator
from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes
from allauth.mfa.totp.internal.auth import TOTP
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils.text import slugify

from peerpath.accounts.services import email_address_verify
from peerpath.nonprod.caseload_demo import seed_caseload
from peerpath.nonprod.demo import (
    DEMO_OUTSIDE_ORGANISATION,
    DEMO_PASSWORD,
    DEMO_TEAMS,
    DEMO_TOTP_SECRET,
    DEMO_USERS,
)
from peerpath.nonprod.training_demo import seed_training
from peerpath.organisations.models import Membership, Organisation, OrganisationKind, Team


class Command(BaseCommand):
    help = "Create the demo organisations, teams and one log-in per role (idempotent)."

    def handle(self, *args: Any, **options: Any) -> None:
        call_command("import_framework", stdout=self.stdout)
        call_command("load_programme_templates", stdout=self.stdout)
        with transaction.atomic():
            created = self._seed()
            home = Organisation.objects.get(name=DEMO_USERS[0].organisation)
            created += seed_training(home)
            created += seed_caseload(home)
        self.stdout.write(f"Demo data ready ({created} new records).")

    def _seed(self) -> int:
        created = 0
        organisations: dict[str, Organisation] = {}
        for demo in DEMO_USERS:
            if demo.organisation not in organisations:
                kind = (
                    OrganisationKind.RECOVERY_COLLEGE
                    if demo.organisation == DEMO_OUTSIDE_ORGANISATION
                    else OrganisationKind.NHS_TRUST
                )
                organisation, new = Organisation.objects.get_or_create(
                    name=demo.organisation,
                    defaults={
                        "slug": slugify(demo.organisation)[:60],
                        "kind": kind,
                        # The demo trust shows a published curriculum; the college does not.
                        "publishes_framework": kind == OrganisationKind.NHS_TRUST,
                    },
                )
                organisations[demo.organisation] = organisation
                created += new
        home = organisations[DEMO_USERS[0].organisation]
        teams = {}
        for name in DEMO_TEAMS:
            teams[name], new = Team.objects.get_or_create(organisation=home, name=name)
            created += new
        users = get_user_model().objects
        for demo in DEMO_USERS:
            user = users.filter(email=demo.email).first()
            if user is None:
                user = users.create_user(
                    email=demo.email, password=DEMO_PASSWORD, full_name=demo.full_name
                )
                created += 1
            # As if they had accepted an invitation: their address is proved.
            created += email_address_verify(user=user)
            _, new = Membership.objects.get_or_create(
                user=user,
                organisation=organisations[demo.organisation],
                role=demo.role,
                defaults={"team": teams.get(demo.team) if demo.team else None},
            )
            created += new
            has_totp = Authenticator.objects.filter(
                user=user, type=Authenticator.Type.TOTP
            ).exists()
            if demo.is_staff_role and not has_totp:
                TOTP.activate(user, DEMO_TOTP_SECRET)
                # As after the onboarding's two-factor set-up: recovery codes are made too.
                RecoveryCodes.activate(user)
                created += 1
        return created
