"""Signing in, shared by the tests (not a test module, so tests may import it)."""

import time
from typing import Any

from allauth.mfa import app_settings as mfa_settings
from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value
from django.test import Client

from peerpath.accounts.tests.factories import TEST_PASSWORD, TEST_TOTP_SECRET


def current_code(secret: str = TEST_TOTP_SECRET) -> str:
    """The authenticator code of this moment for the secret (the test personas' by default)."""
    return format_hotp_value(hotp_value(secret, int(time.time()) // mfa_settings.TOTP_PERIOD))


def log_in(client: Client, email: str, password: str = TEST_PASSWORD) -> Any:
    return client.post("/accounts/login/", {"login": email, "password": password})
