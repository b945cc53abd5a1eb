"""The pages that bring several apps' work together: each role's home page and the
overview of a person's record."""

import csv
from typing import cast

from django.core.paginator import Paginator
from django.http import HttpResponse
from django.template.response import TemplateResponse
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from peerpath.caseload.models import Person
from peerpath.caseload.scoping import RECORD_READERS, person_view
from peerpath.core.access import roles, signed_in
from peerpath.core.audit import audit
from peerpath.core.exports import Echo, csv_safe
from peerpath.core.http import OrgRequest, PeerPathRequest
from peerpath.core.models import AuditAction
from peerpath.core.roles import STAFF_ROLES, Role

from . import workforce_view
from .home import home_sections
from .person_page import record_page

# Workers per page of the workforce view's table.
WORKERS_PER_PAGE = 25
# Workers in post without a supervision agreement in force, listed for coordinators: a
# page at a time, with its own page parameter.
UNSUPERVISED_PER_PAGE = 10
UNSUPERVISED_PAGE = "no_agreement_page"


@signed_in
@require_http_methods(["GET"])
def home(request: PeerPathRequest) -> HttpResponse:
    # With an organisation, the request is an OrgRequest: each role's section reads it.
    has_organisation = request.organisation is not None
    sections = home_sections(cast(OrgRequest, request)) if has_organisation else []
    return TemplateResponse(
        request,
        "workspace/home.jinja",
        {"sections": sections, "is_staff": bool(request.roles & STAFF_ROLES)},
    )


@roles(*RECORD_READERS)
@require_http_methods(["GET"])
@person_view("", read_only=True)  # reading the record is the reason; a lead reads only
def person_detail(request: OrgRequest, person: Person) -> HttpResponse:
    page = record_page(request, person)
    return TemplateResponse(
        request,
        "workspace/person_detail.jinja",
        {
            "person": person,
            "relationships": page.relationships,
            "family": page.family,
            "panels": page.panels,
            "today": timezone.localdate(),
        },
    )


@roles(Role.COORDINATOR, Role.ORG_ADMIN)
@require_http_methods(["GET"])
def workforce(request: OrgRequest) -> HttpResponse:
    """The peer development team's view of the workforce: figures, charts and a table of
    workers in post (dates and counts only)."""
    today = timezone.localdate()
    figures = workforce_view.figures(actor=request.actor, today=today)
    per_worker = workforce_view.per_worker(
        actor=request.actor, today=today, supervision=figures["supervision"]
    )
    page = Paginator(
        workforce_view.workers_in_post(actor=request.actor, today=today), WORKERS_PER_PAGE
    ).get_page(request.GET.get("page"))
    # In post with no supervision agreement in force: a count for everyone here; the peer
    # development team also sees who, each linked to their employment record.
    unsupervised = workforce_view.in_post_without_agreement(actor=request.actor, today=today)
    if request.actor.has(Role.COORDINATOR):
        no_agreement = Paginator(unsupervised, UNSUPERVISED_PER_PAGE).get_page(
            request.GET.get(UNSUPERVISED_PAGE)
        )
        no_agreement_count = no_agreement.paginator.count
    else:
        no_agreement, no_agreement_count = None, unsupervised.count()
    return TemplateResponse(
        request,
        "workspace/workforce.jinja",
        {
            **figures,
            "no_agreement": no_agreement,
            "no_agreement_count": no_agreement_count,
            "no_agreement_param": UNSUPERVISED_PAGE,
            "page": page,
            "rows": per_worker.rows(page.object_list),
            "units_due_total": sum(per_worker.units_due.values()),
            "refreshers_due_total": sum(per_worker.refreshers_due.values()),
            "today": today,
        },
    )


@roles(Role.COORDINATOR, Role.ORG_ADMIN)
@require_http_methods(["GET"])
def workforce_export(request: OrgRequest) -> HttpResponse:
    """The workforce view's per-worker table as CSV, every worker in post: audited as an
    export."""
    today = timezone.localdate()
    per_worker = workforce_view.per_worker(actor=request.actor, today=today)
    rows = per_worker.rows(workforce_view.workers_in_post(actor=request.actor, today=today))
    audit(
        request,
        action=AuditAction.EXPORT,
        object_type="workforce.employmentrecord",
        object_label="workforce view (CSV)",
        reason=f"{len(rows)} workers in post",
    )
    writer = csv.writer(Echo())
    lines = [writer.writerow(workforce_view.CSV_COLUMNS)]
    lines += [writer.writerow([csv_safe(v) for v in row.csv_row()]) for row in rows]
    stamp = timezone.localtime().strftime("%Y%m%d-%H%M")
    response = HttpResponse("".join(lines), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="peerpath-workforce-{stamp}.csv"'
    return response
