"""People supported: the caseload, the person's record, referrals and the peer relationship."""

from django.core.paginator import Paginator
from django.http import HttpResponse
from django.template.response import TemplateResponse
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from peerpath.core.access import roles
from peerpath.core.http import OrgRequest

from . import selectors
from .panels import person_panels
from .scoping import CASELOAD_ROLES, get_person_or_404


@roles(*CASELOAD_ROLES)
@require_http_methods(["GET"])
def caseload(request: OrgRequest) -> HttpResponse:
    text = request.GET.get("q", "").strip()[:100]
    people = selectors.caseload_rows(request, text=text)
    page = Paginator(people, 25).get_page(request.GET.get("page"))
    selectors.audit_listed(request, page.object_list)
    return TemplateResponse(
        request,
        "caseload/caseload.jinja",
        {"page": page, "q": text, "query": f"q={text}" if text else ""},
    )


@roles(*CASELOAD_ROLES)
@require_http_methods(["GET"])
def person_detail(request: OrgRequest, person: int) -> HttpResponse:
    found = get_person_or_404(request, person)
    return TemplateResponse(
        request,
        "caseload/person_detail.jinja",
        {
            "person": found,
            "relationships": selectors.relationships_of(found),
            "family": selectors.family_of(found),
            "panels": person_panels(request, found),
            "today": timezone.localdate(),
        },
    )
