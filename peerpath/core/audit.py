"""The auditor: services and views call it explicitly for every audited event.

One call writes one INSERT (a list of objects goes in one bulk insert), inside whatever
transaction the caller is in, so an audited write and its audit row commit together.
"""

from collections.abc import Iterable
from typing import Any

from django.conf import settings
from django.db import models
from django.http import HttpRequest
from django.utils import timezone

from .models import AuditAction, AuditEvent, AuditOutcome

_MAX_UA = 300
_MAX_PATH = 500


def client_ip(request: HttpRequest) -> str | None:
    """The client's address; behind N trusted proxies, the Nth address from the right."""
    hops = getattr(settings, "PEERPATH_PROXY_COUNT", 0)
    if hops:
        forwarded = [a.strip() for a in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
        forwarded = [a for a in forwarded if a]
        if len(forwarded) >= hops:
            return forwarded[-hops]
    return request.META.get("REMOTE_ADDR") or None


def _describe(obj: models.Model | None) -> tuple[str, str, str]:
    if obj is None:
        return "", "", ""
    return obj._meta.label_lower, str(obj.pk), str(obj)[:200]


def _role_of(request: HttpRequest | None) -> str:
    """The role the request acts in: the one a page set (`request.audit_role`, e.g. the
    caseload check knows whether a PSW or their supervisor is reading), else the actor's
    only role in the organisation. No query."""
    if request is None:
        return ""
    role = getattr(request, "audit_role", "")
    if role:
        return str(role)
    roles = getattr(request, "roles", None) or ()
    return str(next(iter(roles))) if len(roles) == 1 else ""


def _event(
    request: HttpRequest | None,
    *,
    action: AuditAction,
    outcome: AuditOutcome,
    object_type: str,
    object_id: str,
    object_label: str,
    person_id: int | None,
    reason: str,
    actor: Any,
    organisation_id: int | None,
) -> AuditEvent:
    if actor is None and request is not None:
        actor = getattr(request, "user", None)
    if actor is not None and not getattr(actor, "is_authenticated", False):
        actor = None
    if organisation_id is None and request is not None:
        organisation = getattr(request, "organisation", None)
        organisation_id = organisation.pk if organisation is not None else None
    return AuditEvent(
        actor_role=_role_of(request) if actor is not None else "",
        by_subject=person_id is not None
        and person_id == getattr(request, "audit_subject_person_id", None),
        at=timezone.now(),
        actor_id=actor.pk if actor is not None else None,
        actor_label=getattr(actor, "email", "") if actor is not None else "",
        organisation_id=organisation_id,
        action=action,
        outcome=outcome,
        object_type=object_type,
        object_id=object_id[:64],
        object_label=object_label[:200],
        person_id=person_id,
        reason=reason,
        path=request.get_full_path()[:_MAX_PATH] if request is not None else "",
        ip_address=client_ip(request) if request is not None else None,
        user_agent=request.META.get("HTTP_USER_AGENT", "")[:_MAX_UA] if request else "",
    )


def audit(
    request: HttpRequest | None,
    *,
    action: AuditAction,
    obj: models.Model | None = None,
    outcome: AuditOutcome = AuditOutcome.ALLOWED,
    object_type: str = "",
    object_id: str = "",
    object_label: str = "",
    person_id: int | None = None,
    reason: str = "",
    actor: Any = None,
    organisation_id: int | None = None,
) -> AuditEvent:
    """Write one audit row. `obj` fills the object fields unless they are given."""
    described = _describe(obj)
    event = _event(
        request,
        action=action,
        outcome=outcome,
        object_type=object_type or described[0],
        object_id=object_id or described[1],
        object_label=object_label or described[2],
        person_id=person_id,
        reason=reason,
        actor=actor,
        organisation_id=organisation_id,
    )
    event.save()
    return event


def audit_for_organisations(
    request: HttpRequest | None,
    *,
    organisation_ids: Iterable[int | None],
    action: AuditAction,
    obj: models.Model | None = None,
    outcome: AuditOutcome = AuditOutcome.ALLOWED,
    object_type: str = "",
    object_label: str = "",
    actor: Any = None,
    reason: str = "",
) -> list[AuditEvent]:
    """The same event in several organisations' logs (an account in more than one), one INSERT."""
    described = _describe(obj)
    events = [
        _event(
            request,
            action=action,
            outcome=outcome,
            object_type=object_type or described[0],
            object_id=described[1],
            object_label=object_label or described[2],
            person_id=None,
            reason=reason,
            actor=actor,
            organisation_id=organisation_id,
        )
        for organisation_id in organisation_ids
    ]
    return AuditEvent.objects.bulk_create(events)


def audit_many(
    request: HttpRequest,
    *,
    action: AuditAction,
    objects: Iterable[models.Model],
    person_id_of: Any = None,
    reason: str = "",
) -> list[AuditEvent]:
    """Audit a list of objects shown or exported together, in one INSERT."""
    events = []
    for obj in objects:
        object_type, object_id, object_label = _describe(obj)
        events.append(
            _event(
                request,
                action=action,
                outcome=AuditOutcome.ALLOWED,
                object_type=object_type,
                object_id=object_id,
                object_label=object_label,
                person_id=person_id_of(obj) if person_id_of else None,
                reason=reason,
                actor=None,
                organisation_id=None,
            )
        )
    return AuditEvent.objects.bulk_create(events) if events else []
