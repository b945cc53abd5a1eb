"""Pages of retention: the records whose retention period has passed, for review."""

from django.core.paginator import Paginator
from django.http import HttpResponse
from django.template.response import TemplateResponse
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from peerpath.core.access import roles
from peerpath.core.audit import audit_many
from peerpath.core.http import OrgRequest
from peerpath.core.models import AuditAction
from peerpath.core.roles import Role

from . import retention

PAGE_SIZE = 25


@roles(Role.ORG_ADMIN)
@require_http_methods(["GET"])
def retention_list(request: OrgRequest) -> HttpResponse:
    today = timezone.localdate()
    rows = retention.retention_due(actor=request.actor, today=today)
    page = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))
    audit_many(
        request,
        action=AuditAction.VIEW,
        objects=page.object_list,
        person_id_of=lambda person: person.pk,
        reason="records due for retention review",
    )
    return TemplateResponse(
        request,
        "rights/retention_list.jinja",
        {"page": page, "today": today, "organisation": request.actor.organisation},
    )
