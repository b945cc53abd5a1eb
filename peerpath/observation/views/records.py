"""The worker's competence record: a section at a time, whole to print, and the list."""

from typing import Any

from django.core.paginator import Paginator
from django.http import HttpResponse
from django.template.response import TemplateResponse
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from peerpath.core.access import get_in_organisation_or_404, roles
from peerpath.core.http import OrgRequest
from peerpath.core.roles import Role
from peerpath.framework import selectors as framework
from peerpath.framework.models import Section

from .. import selectors
from ._shared import GUIDANCE, PAGE_SIZE


@roles(Role.SUPERVISOR, Role.TRAINER, Role.COORDINATOR)
@require_http_methods(["GET"])
def record_list(request: OrgRequest) -> HttpResponse:
    workers = selectors.workers_with_records(actor=request.actor, today=timezone.localdate())
    page = Paginator(workers, PAGE_SIZE).get_page(request.GET.get("page"))
    return TemplateResponse(request, "observation/record_list.jinja", {"page": page})


def _record_context(request: OrgRequest, worker_id: int, *, whole: bool) -> dict[str, Any]:
    worker = get_in_organisation_or_404(
        request,
        selectors.record_workers(actor=request.actor, today=timezone.localdate()),
        audit_read=True,
        belongs=lambda obj, organisation: True,  # record_workers is of the organisation
        pk=worker_id,
    )
    current = framework.framework_get()
    sections = selectors.record_sections(current.pk)
    section: Section | None = None
    if not whole and sections:
        number = request.GET.get("section", "")
        section = next((s for s in sections if str(s.number) == number), sections[0])
    return {
        "worker": worker,
        "is_own": worker.pk == request.user.pk,
        "summary": selectors.record_summary(request.organisation, worker.pk),
        "sections": sections,
        "section": section,
        "units": selectors.record_units(request.organisation, worker.pk, current.pk, section),
        "guidance": GUIDANCE,
    }


RECORD_READERS = (Role.PSW, Role.TRAINEE, Role.SUPERVISOR, Role.TRAINER, Role.COORDINATOR)


@roles(*RECORD_READERS)
@require_http_methods(["GET"])
def record(request: OrgRequest, worker: int) -> HttpResponse:
    """The worker's competence record, one section of the framework at a time."""
    return TemplateResponse(
        request, "observation/record.jinja", _record_context(request, worker, whole=False)
    )


@roles(*RECORD_READERS)
@require_http_methods(["GET"])
def record_print(request: OrgRequest, worker: int) -> HttpResponse:
    """The whole record on one page, to print."""
    return TemplateResponse(
        request, "observation/record_print.jinja", _record_context(request, worker, whole=True)
    )


@roles(Role.PSW, Role.TRAINEE)
@require_http_methods(["GET"])
def my_record(request: OrgRequest) -> HttpResponse:
    """The worker's own competence record, from their home page."""
    return TemplateResponse(
        request, "observation/record.jinja", _record_context(request, request.user.pk, whole=False)
    )
