"""A password set from a reset link finishes the account's invitation (allauth's signal:
the only hook it offers for that moment)."""

from typing import Any

from allauth.account.signals import password_reset
from django.dispatch import receiver
from django.http import HttpRequest

from .invitation_services import invitations_accept_by_password_reset


@receiver(password_reset)
def verify_address_on_password_reset(
    sender: Any, request: HttpRequest | None, user: Any, **kwargs: Any
) -> None:
    """A password set from a reset link emailed to the account proves its address, as an
    invitation link does: without this, someone who set their first password that way
    (the old invitation links were reset links) could never add an authenticator app."""
    invitations_accept_by_password_reset(user=user, request=request)
