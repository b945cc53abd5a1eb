"""Writes about user accounts: what an organisation admin does for someone (audited), and
the account steps of accepting an invitation."""

from typing import TYPE_CHECKING, Any

from allauth.account.internal.flows.reauthentication import reauthenticate_by_password
from allauth.account.models import EmailAddress
from allauth.account.utils import perform_login
from allauth.mfa.models import Authenticator
from axes.models import AccessAttempt
from django.db import transaction
from django.http import HttpRequest, HttpResponse

from peerpath.core.audit import audit
from peerpath.core.models import AuditAction

if TYPE_CHECKING:
    from peerpath.accounts.models import User


def account_unlock(
    *, user: Any, organisation_id: int, by: "User", request: HttpRequest | None = None
) -> None:
    """Lift a lock-out early (for example once the admin has checked it was the person)."""
    with transaction.atomic():
        AccessAttempt.objects.filter(username=user.email.lower()).delete()
        audit(
            request,
            action=AuditAction.UPDATE,
            obj=user,
            actor=by,
            organisation_id=organisation_id,
            reason="account unlocked",
        )


def two_factor_reset(
    *, user: Any, organisation_id: int, by: "User", request: HttpRequest | None = None
) -> None:
    """Remove the person's authenticator app and recovery codes (a lost or new phone).

    Staff are asked to set up a new one at their next log-in.
    """
    with transaction.atomic():
        Authenticator.objects.filter(user=user).delete()
        audit(
            request,
            action=AuditAction.UPDATE,
            obj=user,
            actor=by,
            organisation_id=organisation_id,
            reason="two-factor authentication reset",
        )


def email_address_verify(*, user: Any) -> bool:
    """Record the account's email address as verified and primary (allauth's EmailAddress).

    Call it when an emailed link has been used (an invitation, a password reset): reaching
    that inbox proves the address. Until it is verified allauth will not let anyone add an
    authenticator app, so staff could not finish setting up. The caller audits. Returns
    True when something changed (so seeding the demo twice changes nothing).
    """
    with transaction.atomic():
        addresses = list(EmailAddress.objects.select_for_update().filter(user=user))
        current = next((a for a in addresses if a.email.lower() == user.email.lower()), None)
        if current is not None and current.verified and current.primary:
            return False
        for other in addresses:
            if other is not current and other.primary:
                other.primary = False
                other.save(update_fields=["primary"])
        if current is None:
            EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
        else:
            current.verified = current.primary = True
            current.save(update_fields=["verified", "primary"])
    return True


def account_log_in(request: HttpRequest, *, user: Any, redirect_url: str) -> HttpResponse:
    """Log the person in after they accepted an invitation, and go on to `redirect_url`.

    Through allauth's own log-in flow, so its stages run (an account that somehow already
    has an authenticator is asked for its code) and the usual log-in audit and session clock
    follow. They have just chosen their password, so allauth counts that as a fresh
    confirmation of it: two-factor set-up, which asks for the password again otherwise,
    follows at once. allauth offers no public call for that record; the one used here is
    pinned with allauth in uv.lock, and the onboarding tests fail if it changes.
    """
    response = perform_login(request, user, redirect_url=redirect_url, email=user.email)
    if request.user.is_authenticated and request.user.pk == user.pk:
        reauthenticate_by_password(request)
    return response
