"""The token in an invitation link: Django's signing, with an expiry.

The token names an invitation and the version of its link. It is signed (so it cannot be
made up or changed) and time-stamped (so it stops working after `INVITATION_VALID_FOR`).
Sending the invitation again bumps the version, which retires every earlier link.
"""

from dataclasses import dataclass
from datetime import timedelta

from django.core import signing

from .models import Invitation

INVITATION_VALID_FOR = timedelta(days=7)
_SALT = "peerpath.organisations.invitation"


@dataclass(frozen=True)
class TokenContent:
    invitation_id: int
    link_version: int
    # The signature is genuine but older than INVITATION_VALID_FOR.
    expired: bool


def invitation_token(invitation: Invitation) -> str:
    return signing.dumps({"i": invitation.pk, "v": invitation.link_version}, salt=_SALT)


def read_invitation_token(token: str) -> TokenContent | None:
    """What a token says, or None when it was not made by PeerPath (cut short, changed)."""
    try:
        data = signing.loads(token, salt=_SALT, max_age=INVITATION_VALID_FOR)
        expired = False
    except signing.SignatureExpired:
        # Genuine, only old: read it again without the age limit to say which invitation.
        data = signing.loads(token, salt=_SALT)
        expired = True
    except (signing.BadSignature, ValueError, UnicodeError):
        return None
    if not isinstance(data, dict):
        return None
    invitation_id, version = data.get("i"), data.get("v")
    if not isinstance(invitation_id, int) or not isinstance(version, int):
        return None
    return TokenContent(invitation_id=invitation_id, link_version=version, expired=expired)
