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

from peerpath.core.access import roles
from peerpath.core.formpage import form_page
from peerpath.core.http import OrgRequest
from peerpath.core.once import creates_once
from peerpath.core.roles import Role
from peerpath.framework.selectors import framework_get

from . import selectors, services
from .forms import RefresherCompletionForm, RefresherForm
from .refreshers import DUE_SOON, refresher_status, refreshers_due, refreshers_of
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
