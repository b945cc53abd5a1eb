"""Writes to the service directory: atomic, audited, no silent overwrite of an edit."""

from typing import TYPE_CHECKING, Any

from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone

from peerpath.core.audit import audit
from peerpath.core.models import AuditAction
from peerpath.core.versioning import bump_version, save_if_unchanged
from peerpath.organisations.models import Organisation

from .models import Service

if TYPE_CHECKING:
    from peerpath.accounts.models import User


def service_create(
    *,
    organisation: Organisation,
    data: dict[str, Any],
    by: "User",
    request: HttpRequest | None = None,
) -> Service:
    with transaction.atomic():
        service = Service(organisation=organisation, **data)
        service.full_clean()
        service.save()
        audit(
            request,
            action=AuditAction.CREATE,
            obj=service,
            actor=by,
            organisation_id=organisation.pk,
        )
    return service


def service_update(
    *,
    service: Service,
    data: dict[str, Any],
    expected_version: int | None,
    by: "User",
    request: HttpRequest | None = None,
) -> Service:
    """Change the entry, refusing (EditConflict) if someone else saved it since
    `expected_version`."""
    with transaction.atomic():
        save_if_unchanged(
            service,
            expected_version=expected_version,
            changes={**data, "updated_at": timezone.now()},
        )
        audit(
            request,
            action=AuditAction.UPDATE,
            obj=service,
            actor=by,
            organisation_id=service.organisation_id,
            reason="changed: " + ", ".join(sorted(data)),
        )
    return service


def service_mark_checked(
    *, service: Service, by: "User", request: HttpRequest | None = None
) -> None:
    with transaction.atomic():
        # An edit form opened before the check must not put the old date back.
        bump_version(Service.objects.filter(pk=service.pk), last_checked_on=timezone.localdate())
        audit(
            request,
            action=AuditAction.UPDATE,
            obj=service,
            actor=by,
            organisation_id=service.organisation_id,
            reason="details checked",
        )
