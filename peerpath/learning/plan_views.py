"""The continuing development plan (framework unit 1.5): the worker picks units with their
supervisor, records learning against them, and their supervisor signs each unit off."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from peerpath.core.access import get_in_organisation_or_404, roles
from peerpath.core.formpage import form_page, form_status, posted
from peerpath.core.forms import add_service_errors
from peerpath.core.http import OrgRequest
from peerpath.core.once import creates_once
from peerpath.core.roles import Role
from peerpath.core.versioning import EditConflict, show_conflict
from peerpath.framework.selectors import framework_get

from . import selectors, services
from .forms import OPTIONAL_SECTION, LearningRecordForm, PlanUnitForm, SignOffForm
from .models import PlanUnit
from .views import LEARNING, PAGE_SIZE, SIGNERS, _employment, _me

# "Peer support workers would not be expected to undertake training in all the areas listed
# in this section, but may build up (and so extend) their skills over time." (seed 004)
BUILD_UP = (
    "Peer support workers would not be expected to undertake training in all the areas "
    "listed in this section, but may build up (and so extend) their skills over time."
)


@roles(*LEARNING)
@require_http_methods(["GET"])
def plan(request: OrgRequest, worker: int) -> HttpResponse:
    employment = _employment(request, worker)
    units = selectors.plan(
        worker, selectors.plan_units_of(actor=request.actor, today=timezone.localdate())
    )
    page = Paginator(units, PAGE_SIZE).get_page(request.GET.get("page"))
    return TemplateResponse(
        request,
        "learning/plan.jinja",
        {
            "employment": employment,
            "page": page,
            "is_own": employment.worker_id == request.actor.user_id,
            "can_add": request.actor.may("learning.add_plan_unit", employment),
            "build_up": BUILD_UP,
            "optional_section": OPTIONAL_SECTION,
        },
    )


@roles(*LEARNING)
@require_http_methods(["GET", "POST"])
@creates_once
def plan_unit_add(request: OrgRequest, worker: int) -> HttpResponseBase:
    employment = _employment(request, worker)
    if not request.actor.may("learning.add_plan_unit", employment):
        raise Http404
    units = selectors.units_to_add(framework_get(), worker)

    def save(form: PlanUnitForm) -> HttpResponseBase:
        added = services.plan_unit_add(
            worker=employment.worker,
            organisation_id=employment.organisation_id,
            unit=form.cleaned_data["unit"],
            what_i_want_to_learn=form.cleaned_data["what_i_want_to_learn"],
            review_by=form.cleaned_data["review_by"],
            by=_me(request),
            request=request,
        )
        messages.success(request, f"Unit {added.unit.code} added to the plan.")
        return redirect("learning:plan-unit", pk=added.pk)

    return form_page(
        request,
        lambda data: PlanUnitForm(data, units=units),
        "learning/plan_unit_add.jinja",
        {"employment": employment, "build_up": BUILD_UP},
        save=save,
    )


def _plan_unit(request: OrgRequest, pk: int) -> PlanUnit:
    return get_in_organisation_or_404(
        request,
        selectors.plan_units_of(actor=request.actor, today=timezone.localdate()),
        audit_read=True,
        pk=pk,
    )


@roles(*LEARNING)
@require_http_methods(["GET", "POST"])
def plan_unit(request: OrgRequest, pk: int) -> HttpResponseBase:
    """One unit of the plan: its learning, and its sign-off by the worker's supervisor."""
    unit = _plan_unit(request, pk)
    can_sign = request.actor.may("learning.sign_plan_unit", unit)
    form = SignOffForm(posted(request), initial={"version": unit.version})
    error = ""
    if request.method == "POST":
        if not can_sign and not request.actor.may("learning.sign_for_worker", unit):
            raise Http404
        if not can_sign:
            # Signed off by someone else since this page was opened.
            form.is_valid()
            show_conflict(form, EditConflict(unit.version), what="this unit")
        elif form.is_valid():
            try:
                services.plan_unit_sign_off(
                    plan_unit=unit,
                    comment=form.cleaned_data["comment"],
                    expected_version=form.cleaned_data["version"],
                    by=_me(request),
                    request=request,
                )
                messages.success(request, f"Unit {unit.unit.code} signed off.")
                return redirect("learning:plan-unit", pk=unit.pk)
            except EditConflict as conflict:
                show_conflict(form, conflict, what="this unit")
            except ValidationError as exc:
                if hasattr(exc, "error_dict"):
                    add_service_errors(form, exc)
                else:
                    error = " ".join(exc.messages)
    return TemplateResponse(
        request,
        "learning/plan_unit.jinja",
        {
            "item": unit,
            "statements": list(unit.unit.statements.order_by("number")),
            "records": list(unit.records.select_related("recorded_by")),
            "can_record": request.actor.may("learning.record_learning", unit),
            "can_sign": can_sign,
            "show_sign": can_sign or bool(form.errors),
            "is_own": unit.worker_id == request.actor.user_id,
            "form": form,
            "error": error,
        },
        status=400 if error else form_status(form),
    )


@roles(Role.PSW)
@require_http_methods(["GET", "POST"])
@creates_once
def learning_record_add(request: OrgRequest, pk: int) -> HttpResponseBase:
    unit = _plan_unit(request, pk)
    if not request.actor.may("learning.record_learning", unit):
        raise Http404

    def save(form: LearningRecordForm) -> HttpResponseBase:
        services.learning_record_add(
            plan_unit=unit, by=_me(request), request=request, **form.cleaned_data
        )
        messages.success(request, "Learning recorded.")
        return redirect("learning:plan-unit", pk=unit.pk)

    return form_page(
        request,
        LearningRecordForm,
        "learning/learning_record_add.jinja",
        {"item": unit},
        save=save,
        conflict="this unit",
    )


@roles(*SIGNERS)
@require_http_methods(["GET"])
def workers(request: OrgRequest) -> HttpResponse:
    """The peer workers whose learning the actor follows: the people they supervise (the
    peer development team: everyone in post)."""
    rows = selectors.learners(actor=request.actor, today=timezone.localdate()).exclude(
        worker_id=request.actor.user_id
    )
    page = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))
    return TemplateResponse(request, "learning/workers.jinja", {"page": page})
