"""Required refreshers: the organisation sets them, a worker's completions are recorded,
and what is due soon or overdue is flagged (refreshers.py works out when)."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from peerpath.core.access import get_in_organisation_or_404, roles
from peerpath.core.formpage import form_page
from peerpath.core.http import OrgRequest
from peerpath.core.once import creates_once
from peerpath.core.roles import Role
from peerpath.framework.selectors import framework_get

from . import selectors, services
from .forms import RefresherCompletionForm, RefresherEditForm, RefresherForm, RefresherRetireForm
from .models import Refresher
from .refreshers import (
    DUE_SOON,
    all_refreshers_of,
    refresher_status,
    refreshers_due,
    refreshers_of,
    retired_completions,
    retired_refreshers_of,
)
from .views import LEARNING, PAGE_SIZE, _employment, _me

# Who sets the organisation's refreshers: the peer development team, or an org admin.
SETTERS = (Role.COORDINATOR, Role.ORG_ADMIN)


@roles(*SETTERS)
@require_http_methods(["GET"])
def refreshers(request: OrgRequest) -> HttpResponse:
    """The organisation's refreshers and every worker in post's due soon or overdue."""
    actor = request.actor
    flagged = refreshers_due(actor.organisation, timezone.localdate())
    page = Paginator(flagged, PAGE_SIZE).get_page(request.GET.get("page"))
    return TemplateResponse(
        request,
        "learning/refreshers.jinja",
        {
            "refreshers": list(refreshers_of(actor=actor)),
            "retired": list(retired_refreshers_of(actor=actor)),
            "page": page,
            "may_open_workers": actor.has(Role.COORDINATOR),
            "soon_days": DUE_SOON.days,
        },
    )


@roles(*SETTERS)
@require_http_methods(["GET", "POST"])
@creates_once
def refresher_create(request: OrgRequest) -> HttpResponseBase:
    units = selectors.framework_units(framework_get())

    def save(form: RefresherForm) -> HttpResponseBase:
        made = services.refresher_create(
            organisation_id=request.actor.organisation_id or 0,
            name=form.cleaned_data["name"],
            unit=form.cleaned_data["unit"],
            every_months=form.cleaned_data["every_months"],
            description=form.cleaned_data["description"],
            by=_me(request),
            request=request,
        )
        messages.success(request, f"{made.name} refresher added.")
        return redirect("learning:refreshers")

    return form_page(
        request,
        lambda data: RefresherForm(data, units=units),
        "learning/refresher_create.jinja",
        {},
        save=save,
    )


def _refresher_to_change(request: OrgRequest, pk: int) -> Refresher:
    refresher = get_in_organisation_or_404(request, all_refreshers_of(actor=request.actor), pk=pk)
    if not request.actor.may("learning.change_refresher", refresher):
        raise Http404
    return refresher


@roles(*SETTERS)
@require_http_methods(["GET", "POST"])
def refresher_edit(request: OrgRequest, pk: int) -> HttpResponseBase:
    """Change a required refresher: name, unit, how often, description."""
    refresher = _refresher_to_change(request, pk)
    units = selectors.framework_units(framework_get())

    def save(form: RefresherEditForm) -> HttpResponseBase:
        services.refresher_edit(
            refresher=refresher,
            name=form.cleaned_data["name"],
            unit=form.cleaned_data["unit"],
            every_months=form.cleaned_data["every_months"],
            description=form.cleaned_data["description"],
            expected_version=form.cleaned_data["version"],
            by=_me(request),
            request=request,
        )
        messages.success(request, f"{form.cleaned_data['name'].strip()} refresher saved.")
        return redirect("learning:refreshers")

    return form_page(
        request,
        lambda data: RefresherEditForm(
            data,
            units=units,
            initial={
                "version": refresher.version,
                "name": refresher.name,
                "unit": refresher.unit_id,
                "every_months": refresher.every_months,
                "description": refresher.description,
            },
        ),
        "learning/refresher_edit.jinja",
        {"refresher": refresher},
        save=save,
        conflict="this refresher",
    )


@roles(*SETTERS)
@require_http_methods(["GET", "POST"])
def refresher_retire(request: OrgRequest, pk: int) -> HttpResponseBase:
    """Confirm retiring a refresher: due for nobody from now on, kept with its history."""
    refresher = _refresher_to_change(request, pk)

    def save(form: RefresherRetireForm) -> HttpResponseBase:
        services.refresher_retire(
            refresher=refresher,
            expected_version=form.cleaned_data["version"],
            by=_me(request),
            request=request,
        )
        messages.success(request, f"{refresher.name} refresher retired. It is due for nobody now.")
        return redirect("learning:refreshers")

    return form_page(
        request,
        lambda data: RefresherRetireForm(data, initial={"version": refresher.version}),
        "learning/refresher_retire.jinja",
        {"refresher": refresher, "completions": refresher.completions.count()},
        save=save,
        conflict="this refresher",
    )


@roles(*LEARNING)
@require_http_methods(["GET"])
def worker_refreshers(request: OrgRequest, worker: int) -> HttpResponse:
    employment = _employment(request, worker)
    rows = refresher_status(actor=request.actor, today=timezone.localdate(), worker_id=worker)
    return TemplateResponse(
        request,
        "learning/worker_refreshers.jinja",
        {
            "employment": employment,
            "rows": rows,
            "retired_done": list(retired_completions(actor=request.actor, worker_id=worker)[:50]),
            "is_own": employment.worker_id == request.actor.user_id,
            "can_record": request.actor.may("learning.record_refresher", employment),
        },
    )


@roles(*LEARNING)
@require_http_methods(["GET", "POST"])
@creates_once
def refresher_complete(request: OrgRequest, worker: int) -> HttpResponseBase:
    employment = _employment(request, worker)
    if not request.actor.may("learning.record_refresher", employment):
        raise Http404
    choices = refreshers_of(actor=request.actor)
    chosen = request.GET.get("refresher")
    initial = {"refresher": chosen} if chosen and chosen.isdigit() else {}

    def save(form: RefresherCompletionForm) -> HttpResponseBase:
        services.refresher_complete(
            refresher=form.cleaned_data["refresher"],
            worker=employment.worker,
            completed_on=form.cleaned_data["completed_on"],
            note=form.cleaned_data["note"],
            by=_me(request),
            request=request,
        )
        messages.success(request, "Refresher recorded.")
        return redirect("learning:worker-refreshers", worker=worker)

    return form_page(
        request,
        lambda data: RefresherCompletionForm(data, refreshers=choices, initial=initial),
        "learning/refresher_complete.jinja",
        {"employment": employment},
        save=save,
    )
