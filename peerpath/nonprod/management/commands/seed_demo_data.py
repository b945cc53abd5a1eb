"""Load the demo organisations and log-ins. Safe to run again: it changes nothing twice."""

from datetime import timedelta
from typing import Any

from allauth.mfa.models import Authenticator
from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes
from allauth.mfa.totp.internal.auth import TOTP
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify

from peerpath.accounts.services import email_address_verify
from peerpath.core.roles import Role
from peerpath.nonprod.caseload_demo import seed_caseload
from peerpath.nonprod.consent_demo import seed_consent
from peerpath.nonprod.contacts_demo import seed_contacts
from peerpath.nonprod.demo import (
    DEMO_OUTSIDE_ORGANISATION,
    DEMO_PASSWORD,
    DEMO_TEAMS,
    DEMO_TOTP_SECRET,
    DEMO_USERS,
)
from peerpath.nonprod.forums_demo import seed_forums
from peerpath.nonprod.learning_demo import seed_learning
from peerpath.nonprod.observation_demo import seed_observation
from peerpath.nonprod.oversight_demo import seed_oversight
from peerpath.nonprod.recovery_demo import seed_recovery
from peerpath.nonprod.rights_demo import seed_rights
from peerpath.nonprod.supervision_demo import seed_supervision
from peerpath.nonprod.training_demo import seed_training
from peerpath.nonprod.wellbeing_demo import seed_wellbeing
from peerpath.nonprod.workforce_demo import seed_workforce
from peerpath.organisations.invitation_tokens import INVITATION_VALID_FOR
from peerpath.organisations.models import (
    Invitation,
    Membership,
    Organisation,
    OrganisationKind,
    Team,
)

# Someone the admin invited a few days ago who has not set up their account yet.
INVITED = ("sian.hughes@peerpath.example", "Sian Hughes", Role.TRAINER, DEMO_TEAMS[1])
INVITED_DAYS_AGO = 3


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
            created += seed_contacts(home)
            created += seed_consent(home)
            # After graduation: employment first, then the work that hangs off it.
            created += seed_workforce(home)
            created += seed_wellbeing(home)
            created += seed_supervision(home)
            created += seed_learning(home)
            created += seed_observation(home)
            created += seed_forums(home)
            created += seed_recovery(home)
            created += seed_oversight(home)
            created += seed_rights(home)
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
        created += _invitation_waiting(home, teams)
        return created


def _invitation_waiting(home: Organisation, teams: dict[str, Team]) -> int:
    """A new trainer invited by the admin a few days ago, as `user_invite` leaves them: an
    account with no password, their role, and a link not used yet (the demo sends no email)."""
    email, full_name, role, team_name = INVITED
    users = get_user_model().objects
    if users.filter(email=email).exists():
        return 0
    sent = timezone.now() - timedelta(days=INVITED_DAYS_AGO)
    user = users.create_user(email=email, password=None, full_name=full_name, date_joined=sent)
    team = teams[team_name]
    Membership.objects.create(user=user, organisation=home, role=role, team=team)
    Invitation.objects.create(
        organisation=home,
        user=user,
        email=email,
        roles=role.value,
        team=team,
        invited_by=users.get(email=DEMO_USERS[0].email),
        created_at=sent,
        sent_at=sent,
        expires_at=sent + INVITATION_VALID_FOR,
    )
    return 1
