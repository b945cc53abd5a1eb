"""allauth behaviour for PeerPath: accounts exist only by invitation."""

from typing import Any

from allauth.account.adapter import DefaultAccountAdapter
from allauth.mfa.adapter import DefaultMFAAdapter
from allauth.mfa.models import Authenticator
from django.http import HttpRequest

from peerpath.core.roles import STAFF_ROLES


def user_is_staff(user: Any) -> bool:
    """Staff: a staff role in any organisation."""
    return bool(user.memberships.filter(role__in=STAFF_ROLES).exists())


QUIET_MESSAGES = frozenset(
    {"account/messages/logged_in.txt", "mfa/messages/recovery_codes_generated.txt"}
)


class AccountAdapter(DefaultAccountAdapter):
    def is_open_for_signup(self, request: HttpRequest) -> bool:
        # Organisation admins invite people; nobody signs themselves up.
        return False

    def add_message(
        self,
        request: HttpRequest,
        level: int,
        message_template: str | None = None,
        message_context: Any = None,
        extra_tags: str = "",
        message: Any = None,
    ) -> None:
        # The home page greets people by name; "Successfully signed in" adds nothing. The
        # recovery codes page shows the new codes, so saying they were made adds nothing.
        if message_template in QUIET_MESSAGES:
            return
        super().add_message(request, level, message_template, message_context, extra_tags, message)


class MFAAdapter(DefaultMFAAdapter):
    def can_delete_authenticator(self, authenticator: Authenticator) -> bool:
        # Staff hold other people's information: they keep two-factor authentication on.
        return not user_is_staff(authenticator.user)
