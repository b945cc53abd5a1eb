"""Print the demo log-ins, and the current two-factor code for the demo staff accounts."""

import time
from typing import Any

from allauth.mfa import app_settings
from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value
from django.core.management.base import BaseCommand

from peerpath.nonprod.demo import DEMO_PASSWORD, DEMO_TOTP_SECRET, DEMO_USERS


def current_demo_code() -> str:
    counter = int(time.time()) // app_settings.TOTP_PERIOD
    return format_hotp_value(hotp_value(DEMO_TOTP_SECRET, counter))


class Command(BaseCommand):
    help = "Show the demo log-ins and the current demo two-factor code."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--code", action="store_true", help="print only the current code")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["code"]:
            self.stdout.write(current_demo_code())
            return
        self.stdout.write("")
        self.stdout.write(f"Demo log-ins (password for all: {DEMO_PASSWORD})")
        for demo in DEMO_USERS:
            two_factor = "two-factor" if demo.is_staff_role else ""
            self.stdout.write(
                f"  {demo.email:34} {demo.role.label:30} {demo.organisation:32} {two_factor}"
            )
        self.stdout.write("")
        self.stdout.write("Staff accounts ask for a two-factor code after the password.")
        self.stdout.write(f"  Add this secret to an authenticator app: {DEMO_TOTP_SECRET}")
        self.stdout.write("  or get the current code with: make demo-code")
        self.stdout.write("")
