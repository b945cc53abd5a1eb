"""Writes about user accounts that an organisation admin makes for someone. Audited."""

from typing import Any

from allauth.mfa.models import Authenticator
from axes.models import AccessAttempt
from django.db import transaction
from django.http import HttpRequest

from peerpath.core.audit import audit
from peerpath.core.models import AuditAction


def account_unlock(
    *, user: Any, organisation_id: int, by: Any, request: HttpRequest | None = None
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
    *, user: Any, organisation_id: int, by: Any, request: HttpRequest | None = None
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
