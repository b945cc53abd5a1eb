"""The service directory: search for every staff role; maintained by admins and PSWs."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST

from peerpath.core.access import get_in_organisation_or_404, roles
from peerpath.core.formpage import form_page
from peerpath.core.http import OrgRequest
from peerpath.core.once import creates_once
from peerpath.core.roles import STAFF_ROLES

from . import selectors, services
from .forms import FIELDS, SearchForm, ServiceForm
from .rules import EDITORS

READERS = tuple(sorted(STAFF_ROLES))


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
            "can_edit": request.actor.has(*EDITORS),
        },
    )


@roles(*READERS)
@require_http_methods(["GET"])
def service_detail(request: OrgRequest, pk: int) -> HttpResponse:
    service = get_in_organisation_or_404(request, selectors.services_of(actor=request.actor), pk=pk)
    return TemplateResponse(
        request,
        "directory/service_detail.jinja",
        {
            "service": service,
            "today": timezone.localdate(),
            "can_edit": request.actor.may("directory.edit_service", service),
        },
    )


@roles(*EDITORS)
@require_http_methods(["GET", "POST"])
@creates_once
def service_create(request: OrgRequest) -> HttpResponseBase:
    def save(form: ServiceForm) -> HttpResponse:
        data = {name: form.cleaned_data[name] for name in FIELDS}
        service = services.service_create(
            organisation=request.organisation, data=data, by=request.user, request=request
        )
        messages.success(request, f"“{service.name}” added to the directory.")
        return redirect("directory:service-detail", pk=service.pk)

    return form_page(
        request,
        lambda data: ServiceForm(data, initial={"last_checked_on": timezone.localdate()}),
        "directory/service_form.jinja",
        {"service": None},
        save=save,
    )


@roles(*EDITORS)
@require_http_methods(["GET", "POST"])
def service_edit(request: OrgRequest, pk: int) -> HttpResponseBase:
    service = get_in_organisation_or_404(request, selectors.services_of(actor=request.actor), pk=pk)

    def save(form: ServiceForm) -> HttpResponse:
        services.service_update(
            service=service,
            data={name: form.cleaned_data[name] for name in FIELDS},
            expected_version=form.cleaned_data["version"] or 0,
            by=request.user,
            request=request,
        )
        messages.success(request, f"“{service.name}” saved.")
        return redirect("directory:service-detail", pk=service.pk)

    return form_page(
        request,
        lambda data: ServiceForm(data, instance=service, initial={"version": service.version}),
        "directory/service_form.jinja",
        {"service": service},
        save=save,
        conflict="this entry",
    )


@roles(*EDITORS)
@require_POST
def service_checked(request: OrgRequest, pk: int) -> HttpResponse:
    service = get_in_organisation_or_404(request, selectors.services_of(actor=request.actor), pk=pk)
    services.service_mark_checked(service=service, by=request.user, request=request)
    messages.success(request, f"“{service.name}” marked as checked today.")
    return redirect("directory:service-detail", pk=service.pk)
