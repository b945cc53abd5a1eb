"""Filters for allauth's account pages, which are Django templates."""

from typing import Any

from django import template

from peerpath.accounts.adapter import user_is_staff

register = template.Library()


@register.filter
def keeps_two_factor(user: Any) -> bool:
    """Staff cannot switch two-factor authentication off (accounts/adapter.py)."""
    return bool(user.is_authenticated and user_is_staff(user))


@register.filter
def authenticator_types(user: Any) -> set[str]:
    """The kinds of second step this user has set up ("totp", "webauthn", ...), so the
    two-factor page at log-in asks for what they have: a passkey, or an app's code."""
    from allauth.mfa.models import Authenticator

    if user is None or not user.pk:
        return set()
    return set(Authenticator.objects.filter(user_id=user.pk).values_list("type", flat=True))
