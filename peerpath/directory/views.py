"""The service directory: search for every staff role; maintained by admins and PSWs."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST

from peerpath.core.access import get_in_organisation_or_404, roles
from peerpath.core.http import OrgRequest
from peerpath.core.once import creates_once
from peerpath.core.roles import STAFF_ROLES, Role
from peerpath.core.versioning import EditConflict, show_conflict

from . import selectors, services
from .forms import FIELDS, SearchForm, ServiceForm

READERS = tuple(sorted(STAFF_ROLES))
EDITORS = (Role.ORG_ADMIN, Role.PSW)


@roles(*READERS)
@require_http_methods(["GET"])
def service_list(request: OrgRequest) -> HttpResponse:
    form = SearchForm(request.GET)
    criteria = form.cleaned_data if form.is_valid() else {}
    results = selectors.service_search(
        request.organisation,
        text=criteria.get("q", "").strip(),
        need=criteria.get("need", "").strip(),
        locality=criteria.get("locality", "").strip(),
    )
    page = Paginator(results, 25).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return TemplateResponse(
        request,
        "directory/service_list.jinja",
        {
            "form": form,
            "page": page,
            "query": query.urlencode(),
            "today": timezone.localdate(),
            "can_edit": bool(set(EDITORS) & request.roles),
        },
    )


@roles(*READERS)
@require_http_methods(["GET"])
def service_detail(request: OrgRequest, pk: int) -> HttpResponse:
    service = get_in_organisation_or_404(request, selectors.service_lookup(), pk=pk)
    return TemplateResponse(
        request,
        "directory/service_detail.jinja",
        {
            "service": service,
            "today": timezone.localdate(),
            "can_edit": bool(set(EDITORS) & request.roles),
        },
    )


@roles(*EDITORS)
@require_http_methods(["GET", "POST"])
@creates_once
def service_create(request: OrgRequest) -> HttpResponse:
    form = ServiceForm(
        request.POST if request.method == "POST" else None,
        initial={"last_checked_on": timezone.localdate()},
    )
    if request.method == "POST" and form.is_valid():
        data = {name: form.cleaned_data[name] for name in FIELDS}
        service = services.service_create(
            organisation=request.organisation, data=data, by=request.user, request=request
        )
        messages.success(request, f"“{service.name}” added to the directory.")
        return redirect("directory:service-detail", pk=service.pk)
    return TemplateResponse(
        request,
        "directory/service_form.jinja",
        {"form": form, "service": None},
        status=400 if form.errors else 200,
    )


@roles(*EDITORS)
@require_http_methods(["GET", "POST"])
def service_edit(request: OrgRequest, pk: int) -> HttpResponse:
    service = get_in_organisation_or_404(request, selectors.service_lookup(), pk=pk)
    form = ServiceForm(
        request.POST if request.method == "POST" else None,
        instance=service,
        initial={"version": service.version},
    )
    if request.method == "POST" and form.is_valid():
        data = {name: form.cleaned_data[name] for name in FIELDS}
        try:
            services.service_update(
                service=service,
                data=data,
                expected_version=form.cleaned_data["version"] or 0,
                by=request.user,
                request=request,
            )
        except EditConflict as conflict:
            show_conflict(form, conflict, what="this entry")
        else:
            messages.success(request, f"“{service.name}” saved.")
            return redirect("directory:service-detail", pk=service.pk)
    return TemplateResponse(
        request,
        "directory/service_form.jinja",
        {"form": form, "service": service},
        status=400 if form.errors else 200,
    )


@roles(*EDITORS)
@require_POST
def service_checked(request: OrgRequest, pk: int) -> HttpResponse:
    service = get_in_organisation_or_404(request, selectors.service_lookup(), pk=pk)
    services.service_mark_checked(service=service, by=request.user, request=request)
    messages.success(request, f"“{service.name}” marked as checked today.")
    return redirect("directory:service-detail", pk=service.pk)
