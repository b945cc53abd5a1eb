"""The pages that bring several apps' work together: each role's home page and the
overview of a person's record."""

from typing import cast

from django.http import HttpResponse
from django.template.response import TemplateResponse
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from peerpath.caseload import selectors as caseload
from peerpath.caseload.models import Person
from peerpath.caseload.scoping import RECORD_READERS, person_view
from peerpath.core.access import roles, signed_in
from peerpath.core.http import OrgRequest, PeerPathRequest
from peerpath.core.roles import STAFF_ROLES

from .home import home_sections
from .person_page import person_panels


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
    return TemplateResponse(
        request,
        "workspace/person_detail.jinja",
        {
            "person": person,
            "relationships": caseload.relationships_of(person),
            "family": caseload.family_of(person),
            "panels": person_panels(request, person),
            "today": timezone.localdate(),
        },
    )
