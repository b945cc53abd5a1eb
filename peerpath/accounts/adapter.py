"""allauth behaviour for PeerPath: accounts exist only by invitation."""

from allauth.account.adapter import DefaultAccountAdapter
from django.http import HttpRequest


class AccountAdapter(DefaultAccountAdapter):
    def is_open_for_signup(self, request: HttpRequest) -> bool:
        # Organisation admins invite people; nobody signs themselves up.
        return False
