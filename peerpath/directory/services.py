"""Writes to the service directory: atomic, audited, no silent overwrite of an edit."""

from typing import Any

from django.db import transaction
from django.db.models import F
from django.http import HttpRequest
from django.utils import timezone

from peerpath.core.audit import audit
from peerpath.core.models import AuditAction
from peerpath.organisations.models import Organisation

from .models import Service


class EditConflict(Exception):
    """Someone else saved the entry since this edit began."""


def service_create(
    *, organisation: Organisation, data: dict[str, Any], by: Any, request: HttpRequest | None = None
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
    expected_version: int,
    by: Any,
    request: HttpRequest | None = None,
) -> Service:
    with transaction.atomic():
        updated = Service.objects.filter(pk=service.pk, version=expected_version).update(
            version=F("version") + 1, updated_at=timezone.now(), **data
        )
        if not updated:
            raise EditConflict
        service.refresh_from_db()
        audit(
            request,
            action=AuditAction.UPDATE,
            obj=service,
            actor=by,
            organisation_id=service.organisation_id,
            reason="changed: " + ", ".join(sorted(data)),
        )
    return service


def service_mark_checked(*, service: Service, by: Any, request: HttpRequest | None = None) -> None:
    with transaction.atomic():
        Service.objects.filter(pk=service.pk).update(
            last_checked_on=timezone.localdate(), version=F("version") + 1
        )
        audit(
            request,
            action=AuditAction.UPDATE,
            obj=service,
            actor=by,
            organisation_id=service.organisation_id,
            reason="details checked",
        )
