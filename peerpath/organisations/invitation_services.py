"""Writes about invitations: sending, sending again, accepting, withdrawing. Each is atomic
and audited; emails are queued in the same transaction and sent by the worker once it
commits (peerpath/jobs/mail.py), so a mail outage never undoes or hides an invitation.

An invitation is how a new account is set up: its link (invitation_tokens.py) lets the
person choose a password, which also proves their email address.
"""

from datetime import timedelta
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.contrib.auth import password_validation
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import HttpRequest
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from peerpath.accounts.adapter import user_is_staff
from peerpath.accounts.services import email_address_verify
from peerpath.core.audit import audit
from peerpath.core.models import AuditAction, AuditOutcome
from peerpath.core.roles import Role
from peerpath.jobs.mail import EmailKind, email_enqueue

from .invitation_tokens import INVITATION_VALID_FOR, invitation_token
from .models import Invitation, Organisation, Team
from .selectors import (
    InvitationLink,
    LinkProblem,
    invitation_from_link,
    invitations_waiting_for_email,
)

if TYPE_CHECKING:
    from peerpath.accounts.models import User

# A new link asked for by the invitee (not the admin) is sent at most this often, so the
# button on an expired link's page cannot be used to flood someone's inbox.
RENEW_AT_MOST_EVERY = timedelta(minutes=10)

ACCEPTED = "invitation accepted: password created, email address verified"
RESENT_BY_ADMIN = "invitation sent again; earlier links no longer work"
RENEWED_FOR_INVITEE = "new invitation link sent at the invitee's request"
PROBLEM_REASONS = {
    LinkProblem.NOT_RECOGNISED: "invitation link not recognised",
    LinkProblem.EXPIRED: "invitation link expired",
    LinkProblem.REPLACED: "invitation link replaced by a newer one",
    LinkProblem.USED: "invitation link already used",
    LinkProblem.WITHDRAWN: "invitation withdrawn",
}


class InvitationNotUsable(Exception):
    def __init__(self, link: InvitationLink) -> None:
        super().__init__(link.problem)
        self.link = link


def roles_text(roles: "set[Role] | list[Role]") -> str:
    return ", ".join(r.label for r in sorted(roles, key=list(Role).index))


def absolute_url(request: HttpRequest | None, path: str, base_url: str) -> str:
    if request is not None:
        return request.build_absolute_uri(path)
    return (base_url or settings.PEERPATH_BASE_URL).rstrip("/") + path


def invitation_url(request: HttpRequest | None, invitation: Invitation, base_url: str = "") -> str:
    token = invitation_token(invitation)
    path = reverse("organisations:invitation-accept", kwargs={"token": token})
    return absolute_url(request, path, base_url)


def invitation_email_send(
    *,
    user: Any,
    organisation: Organisation,
    roles: "set[Role] | list[Role]",
    invited_by: "User | None",
    request: HttpRequest | None,
    base_url: str,
    invitation: Invitation | None,
) -> None:
    """Queue the invitation email, with the link, or (for someone who already has a
    password) a note to sign in as usual; the worker sends it once the caller commits."""
    context = {
        "user": user,
        "organisation": organisation,
        "roles": roles_text(roles),
        "invited_by": invited_by,
        "link": invitation_url(request, invitation, base_url) if invitation else None,
        "expires_at": invitation.expires_at if invitation else None,
        "staff": bool(set(roles) - {Role.TRAINEE, Role.PERSON, Role.CARER}),
        "login_link": absolute_url(request, reverse("account_login"), base_url),
    }
    message = render_to_string("organisations/email/invitation.txt", context)
    email_enqueue(
        subject=f"PeerPath: you have been invited to {organisation}",
        body=message,
        to=[user.email],
        kind=EmailKind.INVITATION,
        organisation_id=organisation.pk,
    )


def invitation_create(
    *,
    organisation: Organisation,
    user: Any,
    roles: set[Role],
    team: Team | None,
    by: "User | None",
    request: HttpRequest | None = None,
    base_url: str = "",
) -> Invitation:
    """Record the invitation of someone who has no password yet, and email them its link.

    Call inside the transaction that grants their roles (organisations.services.user_invite).
    """
    now = timezone.now()
    invitation = Invitation(
        organisation=organisation,
        user=user,
        email=user.email,
        roles=",".join(sorted(r.value for r in roles)),
        team=team,
        invited_by=by,
        created_at=now,
        sent_at=now,
        expires_at=now + INVITATION_VALID_FOR,
    )
    invitation.full_clean()
    invitation.save()
    audit(
        request,
        action=AuditAction.CREATE,
        obj=invitation,
        actor=by,
        organisation_id=organisation.pk,
        reason=(
            f"invitation sent: {roles_text(roles)}; "
            f"link works until {timezone.localtime(invitation.expires_at):%-d %B %Y %H:%M}"
        ),
    )
    invitation_email_send(
        user=user,
        organisation=organisation,
        roles=roles,
        invited_by=by,
        request=request,
        base_url=base_url,
        invitation=invitation,
    )
    return invitation


def _send_again(
    invitation: Invitation,
    *,
    by: "User | None",
    request: HttpRequest | None,
    reason: str,
    base_url: str,
) -> None:
    """A new link for a waiting invitation (the row is locked by the caller): every earlier
    link stops working, the new one works for INVITATION_VALID_FOR."""
    now = timezone.now()
    invitation.email = invitation.user.email
    invitation.link_version += 1
    invitation.sent_at = now
    invitation.send_count += 1
    invitation.expires_at = now + INVITATION_VALID_FOR
    invitation.save(update_fields=["email", "link_version", "sent_at", "send_count", "expires_at"])
    audit(
        request,
        action=AuditAction.UPDATE,
        obj=invitation,
        actor=by,
        organisation_id=invitation.organisation_id,
        reason=reason,
    )
    invitation_email_send(
        user=invitation.user,
        organisation=invitation.organisation,
        roles=invitation.role_list,
        invited_by=invitation.invited_by,
        request=request,
        base_url=base_url,
        invitation=invitation,
    )


def _locked(invitation: Invitation) -> Invitation:
    return (
        Invitation.objects.select_for_update(of=("self",))
        .select_related("user", "organisation", "invited_by")
        .get(pk=invitation.pk)
    )


def invitation_resend(
    *, invitation: Invitation, by: "User", request: HttpRequest | None = None, base_url: str = ""
) -> Invitation:
    """An organisation admin sends a waiting invitation again (a new link; old ones stop)."""
    with transaction.atomic():
        invitation = _locked(invitation)
        if invitation.accepted_at is not None:
            raise ValidationError(
                f"{invitation.user.display_name} has already accepted their invitation."
            )
        if invitation.withdrawn_at is not None:
            raise ValidationError(
                f"This invitation was withdrawn. Invite {invitation.user.display_name} again."
            )
        _send_again(invitation, by=by, request=request, reason=RESENT_BY_ADMIN, base_url=base_url)
    return invitation


def invitation_renew_for_invitee(*, invitation: Invitation, request: HttpRequest) -> bool:
    """The invitee asks for a new link (theirs expired or was replaced). It goes to the
    invited address only. False when one was sent in the last RENEW_AT_MOST_EVERY."""
    with transaction.atomic():
        invitation = _locked(invitation)
        if not invitation.is_waiting:
            return False
        if invitation.sent_at > timezone.now() - RENEW_AT_MOST_EVERY:
            return False
        _send_again(invitation, by=None, request=request, reason=RENEWED_FOR_INVITEE, base_url="")
    return True


def invitation_request_new_link(*, email: str, request: HttpRequest) -> None:
    """Someone types the address their invitation went to: each invitation waiting for it
    gets a new link, sent to that address. The caller says the same thing whatever happens,
    so the answer never reveals whether an address has an account."""
    waiting = invitations_waiting_for_email(email)
    for invitation in waiting:
        invitation_renew_for_invitee(invitation=invitation, request=request)
    if not waiting:
        audit(
            request,
            action=AuditAction.UPDATE,
            outcome=AuditOutcome.NOT_FOUND,
            object_type="organisations.invitation",
            reason="new invitation link asked for: no invitation waiting for that address",
        )


def invitation_accept(*, token: str, password: str, request: HttpRequest) -> Any:
    """Accept the invitation the link names: set the password (Django's validators), verify
    and make primary the email address, and mark every invitation waiting for this account
    accepted (one in each organisation that invited them). Returns the user.

    Raises InvitationNotUsable when the link cannot be used (checked again under a lock, so
    two tabs cannot both use it), ValidationError for a password the validators refuse.
    """
    with transaction.atomic():
        link = invitation_from_link(token, for_update=True)
        if not link.usable or link.invitation is None:
            raise InvitationNotUsable(link)
        user = link.invitation.user
        password_validation.validate_password(password, user)
        user.set_password(password)
        user.save(update_fields=["password"])
        email_address_verify(user=user)
        _accept_all_waiting(user, request=request, reason=ACCEPTED)
    password_validation.password_changed(password, user)
    return user


def _accept_all_waiting(user: Any, *, request: HttpRequest | None, reason: str) -> int:
    now = timezone.now()
    waiting = list(
        Invitation.objects.select_for_update().filter(
            user=user, accepted_at__isnull=True, withdrawn_at__isnull=True
        )
    )
    for invitation in waiting:
        invitation.accepted_at = now
        invitation.save(update_fields=["accepted_at"])
        audit(
            request,
            action=AuditAction.UPDATE,
            obj=invitation,
            actor=user,
            organisation_id=invitation.organisation_id,
            reason=reason,
        )
    return len(waiting)


def invitations_accept_by_password_reset(*, user: Any, request: HttpRequest | None) -> None:
    """A password set from a password-reset link proves the address as an invitation's
    link does: verify it, and count any invitation still waiting as accepted. This keeps
    people invited with the old reset-style links (and anyone else who resets) from being
    stuck unable to set up two-factor authentication."""
    with transaction.atomic():
        verified = email_address_verify(user=user)
        accepted = _accept_all_waiting(
            user,
            request=request,
            reason="invitation accepted: password created from a password-reset link, "
            "email address verified",
        )
        if verified and not accepted:
            organisations = set(user.memberships.values_list("organisation_id", flat=True))
            for organisation_id in sorted(organisations) or [None]:
                audit(
                    request,
                    action=AuditAction.UPDATE,
                    obj=user,
                    actor=user,
                    organisation_id=organisation_id,
                    reason="email address verified by a password-reset link",
                )


def invitations_withdraw(
    *, organisation: Organisation, user: Any, by: "User", request: HttpRequest | None = None
) -> None:
    """Their roles here were taken away before they accepted: the link stops working.

    Call inside the transaction that removes the memberships (services.membership_remove).
    """
    now = timezone.now()
    waiting = Invitation.objects.for_organisation(organisation).waiting().filter(user=user)
    for invitation in waiting.select_for_update():
        invitation.withdrawn_at = now
        invitation.save(update_fields=["withdrawn_at"])
        audit(
            request,
            action=AuditAction.UPDATE,
            obj=invitation,
            actor=by,
            organisation_id=organisation.pk,
            reason="invitation withdrawn: removed from the organisation before accepting",
        )


def invitation_link_opened(*, invitation: Invitation, request: HttpRequest) -> None:
    """Audit that a usable link was opened (the welcome page was shown)."""
    audit(
        request,
        action=AuditAction.VIEW,
        obj=invitation,
        organisation_id=invitation.organisation_id,
        reason="invitation link opened",
    )


def invitation_link_refused(*, link: InvitationLink, request: HttpRequest) -> None:
    """Audit a visit to a link that cannot be used (someone may be trying an old link)."""
    invitation = link.invitation
    audit(
        request,
        action=AuditAction.VIEW,
        outcome=AuditOutcome.DENIED if invitation else AuditOutcome.NOT_FOUND,
        obj=invitation,
        object_type="organisations.invitation",
        organisation_id=invitation.organisation_id if invitation else None,
        reason=PROBLEM_REASONS[link.problem],
    )


def invitation_leads_to_two_factor(user: Any) -> bool:
    """Staff (in any organisation) set up two-factor authentication next."""
    return user_is_staff(user)
