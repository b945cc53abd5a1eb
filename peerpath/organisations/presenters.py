"""Display text for the organisation admin's pages and the invitation pages."""

from dataclasses import dataclass
from typing import Any

from django.utils import timezone

from peerpath.core.roles import Role

from .models import Invitation

DATE = "%-d %B %Y"


def day(value: Any) -> str:
    return timezone.localtime(value).strftime(DATE)


def roles_sentence(roles: "list[Role] | tuple[Role, ...]") -> str:
    """ "Trainer", "Trainer and Peer support worker", "A, B and C"."""
    labels = [r.label for r in sorted(roles, key=list(Role).index)]
    if len(labels) <= 1:
        return "".join(labels)
    return ", ".join(labels[:-1]) + " and " + labels[-1]


def masked_email(email: str) -> str:
    """ "s***@riverside.example": enough to recognise, not enough to harvest."""
    local, _, domain = email.partition("@")
    return f"{local[:1]}***@{domain}" if domain else "your email address"


def inviter_name(invitation: Invitation) -> str:
    return invitation.invited_by.display_name if invitation.invited_by else "The PeerPath team"


@dataclass(frozen=True)
class InvitationRow:
    invitation: Invitation
    name: str
    email: str
    roles: str
    invited_by: str
    sent: str
    link: str
    expired: bool


def invitation_row(invitation: Invitation) -> InvitationRow:
    """One row of "Invitations not accepted". Reads `user.org_memberships` when prefetched
    (selectors.invitations_waiting_with_roles): the roles the person holds here now."""
    memberships = getattr(invitation.user, "org_memberships", None)
    roles = (
        sorted((Role(m.role) for m in memberships), key=list(Role).index)
        if memberships is not None
        else invitation.role_list
    )
    sent = day(invitation.sent_at)
    if invitation.send_count > 1:
        sent += f" (sent {invitation.send_count} times)"
    expired = invitation.has_expired
    link = (
        f"Expired on {day(invitation.expires_at)}"
        if expired
        else f"Works until {day(invitation.expires_at)}"
    )
    return InvitationRow(
        invitation=invitation,
        name=invitation.user.full_name or invitation.user.email,
        email=invitation.user.email,
        roles=", ".join(r.label for r in roles),
        invited_by=inviter_name(invitation),
        sent=sent,
        link=link,
        expired=expired,
    )


def invitation_status(invitation: Invitation | None, user: Any) -> str:
    """The "Account" line on a person's page."""
    if invitation is not None:
        state = (
            f"the link expired on {day(invitation.expires_at)}"
            if invitation.has_expired
            else f"the link works until {day(invitation.expires_at)}"
        )
        return f"Invitation sent {day(invitation.sent_at)}, not accepted yet ({state})"
    if user.has_usable_password():
        return "Account set up"
    return "No password yet"
