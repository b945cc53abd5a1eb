"""Reads about user accounts."""

from dataclasses import dataclass
from typing import Any

from allauth.mfa.models import Authenticator
from axes.models import AccessAttempt
from django.conf import settings
from django.utils import timezone


def user_has_totp(user: Any) -> bool:
    """True when the user has set up an authenticator app (one query)."""
    return Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists()


def account_locked(user: Any) -> bool:
    """True while django-axes keeps the account locked after repeated wrong passwords."""
    return AccessAttempt.objects.filter(
        username=user.email.lower(),
        failures_since_start__gte=settings.AXES_FAILURE_LIMIT,
        attempt_time__gte=timezone.now() - settings.AXES_COOLOFF_TIME,
    ).exists()


@dataclass(frozen=True)
class AccountStatus:
    password_chosen: bool
    two_factor: bool
    locked: bool


def account_status(user: Any) -> AccountStatus:
    return AccountStatus(
        password_chosen=user.has_usable_password(),
        two_factor=user_has_totp(user),
        locked=account_locked(user),
    )
