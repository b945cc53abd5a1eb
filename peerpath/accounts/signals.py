"""Audit log-ins, log-outs, failed log-ins (a wrong password or two-factor code) and
lock-outs; count a wrong two-factor code towards the lock-out; and start the session clock.
(A password reset as proof of the address finishes an invitation: `organisations.signals`.)

These are the only hooks Django, django-axes and allauth offer for these events, so this
module and `organisations.signals` are the only places PeerPath acts from signal receivers
(ADR-003).
"""

import time
from typing import Any

from allauth.mfa.signals import authentication_failed
from axes.signals import user_locked_out
from django.contrib.auth import get_user_model
from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.dispatch import receiver
from django.http import HttpRequest

from peerpath.core.audit import audit_for_organisations
from peerpath.core.middleware import SESSION_LOGIN_AT
from peerpath.core.models import AuditAction, AuditOutcome

from .lockout import credentials_for, username_for_lockout


def _user_by_email(email: str) -> Any:
    return get_user_model().objects.filter(email__iexact=email).first() if email else None


def _audit_account_event(
    request: HttpRequest | None,
    *,
    user: Any,
    action: AuditAction,
    outcome: AuditOutcome = AuditOutcome.ALLOWED,
    label: str = "",
    reason: str = "",
) -> None:
    """One row for each organisation the account belongs to, so each one's admins see it."""
    organisation_ids = (
        sorted(set(user.memberships.values_list("organisation_id", flat=True))) if user else []
    )
    audit_for_organisations(
        request,
        organisation_ids=organisation_ids or [None],
        action=action,
        outcome=outcome,
        obj=user,
        object_type="accounts.user",
        object_label=user.email if user else label[:200],
        actor=user if outcome == AuditOutcome.ALLOWED else None,
        reason=reason,
    )


@receiver(user_logged_in)
def audit_login(sender: Any, request: HttpRequest | None, user: Any, **kwargs: Any) -> None:
    _audit_account_event(request, user=user, action=AuditAction.LOGIN)


@receiver(user_logged_in)
def start_session_clock(sender: Any, request: HttpRequest | None, user: Any, **kwargs: Any) -> None:
    """The 12-hour limit counts from log-in (core.middleware.SessionLifetimeMiddleware)."""
    if request is not None and hasattr(request, "session"):
        request.session[SESSION_LOGIN_AT] = int(time.time())


@receiver(user_logged_out)
def audit_logout(sender: Any, request: HttpRequest | None, user: Any, **kwargs: Any) -> None:
    if user is not None:
        _audit_account_event(request, user=user, action=AuditAction.LOGOUT)


@receiver(user_login_failed)
def audit_login_failed(
    sender: Any,
    credentials: dict[str, Any],
    request: HttpRequest | None = None,
    second_factor: bool = False,
    **kwargs: Any,
) -> None:
    email = username_for_lockout(request, credentials) if request is not None else ""
    user = _user_by_email(email)
    locked = bool(getattr(request, "axes_locked_out", False))
    wrong = "wrong two-factor code" if second_factor else "wrong email or password"
    _audit_account_event(
        request,
        user=user,
        action=AuditAction.LOGIN_FAILED,
        outcome=AuditOutcome.DENIED,
        label=email,
        reason="account locked" if locked else wrong,
    )


@receiver(authentication_failed)
def count_wrong_code_as_failed_log_in(
    sender: Any,
    request: HttpRequest | None,
    user: Any,
    reauthentication: bool = False,
    **kwargs: Any,
) -> None:
    """A wrong two-factor code (or recovery code) at log-in is a failed log-in: sent as
    Django's `user_login_failed`, django-axes counts it against the account with wrong
    passwords (five of either lock it) and `audit_login_failed` audits it. Asked again while
    signed in (before changing two-factor settings), it is audited but locks nothing."""
    if reauthentication:
        _audit_account_event(
            request,
            user=user,
            action=AuditAction.LOGIN_FAILED,
            outcome=AuditOutcome.DENIED,
            reason="wrong two-factor code when confirming identity",
        )
        return
    user_login_failed.send(
        sender=__name__, credentials=credentials_for(user), request=request, second_factor=True
    )


@receiver(user_locked_out)
def audit_locked_out(
    sender: Any, request: HttpRequest, username: str | None, ip_address: str, **kwargs: Any
) -> None:
    _audit_account_event(
        request,
        user=_user_by_email(username or ""),
        action=AuditAction.LOCKED_OUT,
        outcome=AuditOutcome.DENIED,
        label=username or "",
        reason="too many failed log-ins",
    )
