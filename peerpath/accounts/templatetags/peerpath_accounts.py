"""Filters for allauth's account pages, which are Django templates."""

from typing import Any

from django import template

from peerpath.accounts.adapter import user_is_staff

register = template.Library()


@register.filter
def keeps_two_factor(user: Any) -> bool:
    """Staff cannot switch two-factor authentication off (accounts/adapter.py)."""
    return bool(user.is_authenticated and user_is_staff(user))
