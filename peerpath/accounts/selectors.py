"""Reads about user accounts."""

from typing import Any

from allauth.mfa.models import Authenticator


def user_has_totp(user: Any) -> bool:
    """True when the user has set up an authenticator app (one query)."""
    return Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists()
