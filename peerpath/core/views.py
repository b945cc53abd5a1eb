"""Health check, the audit log, and the error pages (the home page is the workspace's)."""

import csv
from typing import Any

from django.http import (
    HttpRequest,
    HttpResponse,
    HttpResponseServerError,
    StreamingHttpResponse,
)
from django.shortcuts import render
from django.template.response import TemplateResponse
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from .access import public, roles
from .audit import audit
from .audit_presenters import audit_rows
from .dbrouter import reporting
from .exports import Echo, csv_safe
from .forms import AuditSearchForm
from .http import OrgRequest, no_personal_data
from .models import AuditAction
from .roles import Role
from .selectors import Cursor, audit_page, audit_search


@public
@no_personal_data
@require_http_methods(["GET"])
def accessibility(request: HttpRequest) -> HttpResponse:
    return TemplateResponse(request, "core/accessibility.jinja")


@public
@no_personal_data
@require_http_methods(["GET"])
def privacy(request: HttpRequest) -> HttpResponse:
    return TemplateResponse(request, "core/privacy.jinja")


@roles(Role.ORG_ADMIN)
@require_http_methods(["GET"])
@reporting
def audit_list(request: OrgRequest) -> HttpResponse:
    form = AuditSearchForm(request.GET or None)
    criteria = form.criteria()
    query = request.GET.copy()
    for cursor in ("older", "newer"):
        query.pop(cursor, None)
    page = (
        audit_page(
            criteria,
            actor=request.actor,
            older_than=Cursor.parse(request.GET.get("older")),
            newer_than=Cursor.parse(request.GET.get("newer")),
        )
        if criteria is not None
        else None
    )
    return TemplateResponse(
        request,
        "core/audit_list.jinja",
        {
            "form": form,
            "criteria": criteria,
            "page": page,
            "rows": audit_rows(page.events) if page else [],
            "query": query.urlencode(),
        },
    )


AUDIT_COLUMNS = (
    "at",
    "actor_label",
    "action",
    "outcome",
    "object_type",
    "object_id",
    "object_label",
    "person_id",
    "reason",
    "path",
    "ip_address",
    "user_agent",
)


@roles(Role.ORG_ADMIN)
@require_http_methods(["GET"])
@reporting
def audit_export(request: OrgRequest) -> HttpResponse | StreamingHttpResponse:
    form = AuditSearchForm(request.GET or None)
    criteria = form.criteria()
    if criteria is None:  # the page shows what to correct; the download has no rows
        return audit_list(request)
    events = audit_search(criteria, actor=request.actor)
    audit(
        request,
        action=AuditAction.EXPORT,
        object_type="core.auditevent",
        object_label="audit log (CSV)",
        reason=request.GET.urlencode()[:500],
    )
    writer = csv.writer(Echo())

    def rows() -> Any:
        yield writer.writerow(AUDIT_COLUMNS)
        for event in events.values_list(*AUDIT_COLUMNS).iterator(chunk_size=2000):
            yield writer.writerow([csv_safe(v) for v in event])

    stamp = timezone.localtime().strftime("%Y%m%d-%H%M")
    response = StreamingHttpResponse(rows(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="peerpath-audit-{stamp}.csv"'
    return response


def error_403(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return render(request, "errors/403.jinja", status=403)


def error_404(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return render(request, "errors/404.jinja", status=404)


PLAIN_500 = """<!DOCTYPE html><html lang="en-GB"><head><meta charset="utf-8">
<title>Sorry, there is a problem with the service - PeerPath</title></head><body>
<h1>Sorry, there is a problem with the service</h1>
<p>Please try again later. Anything you had already saved is safe.</p></body></html>"""


def error_500(request: HttpRequest) -> HttpResponse:
    try:
        return render(request, "errors/500.jinja", status=500)
    except Exception:  # the page itself needs the database; if that is what failed, say it plainly
        return HttpResponseServerError(PLAIN_500)


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    return render(request, "errors/csrf.jinja", status=403)
