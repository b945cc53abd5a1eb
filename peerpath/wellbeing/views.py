"""The worker's own wellbeing pages. Each is the worker's alone: the plan and check-ins
are read through the signed-in worker (`request.actor`), never from an id in the URL that
could name someone else's; a check-in's id is looked up among the worker's own."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from peerpath.core.access import deny, get_in_organisation_or_404, roles
from peerpath.core.formpage import form_page, form_status, posted
from peerpath.core.forms import add_service_errors
from peerpath.core.http import OrgRequest
from peerpath.core.once import creates_once
from peerpath.core.roles import Role
from peerpath.core.versioning import EditConflict, show_conflict

from . import parts, selectors, services
from .forms import CheckInForm, PlanForm, ShareForm

# Employed peer workers, and trainees, who may keep a plan of their own too.
WORKERS = (Role.PSW, Role.TRAINEE)
CHECK_INS_PAGE = 20
RECENT_CHECK_INS = 3


def _guidance() -> dict[str, object]:
    return {
        "unit_title": parts.UNIT_4_1_TITLE,
        "unit_aims": parts.UNIT_4_1_AIMS,
        "unit_statements": parts.UNIT_4_1,
    }


@roles(*WORKERS)
@require_http_methods(["GET"])
def overview(request: OrgRequest) -> HttpResponse:
    plan = selectors.my_plan(actor=request.actor)
    current = selectors.plan_version(plan, plan.current_version) if plan else None
    check_ins = list(selectors.my_check_ins(actor=request.actor)[: RECENT_CHECK_INS + 1])
    return TemplateResponse(
        request,
        "wellbeing/overview.jinja",
        {
            **_guidance(),
            "plan": plan,
            "current": current,
            "parts": selectors.plan_parts(current),
            "check_ins": check_ins[:RECENT_CHECK_INS],
            "more_check_ins": len(check_ins) > RECENT_CHECK_INS,
        },
    )


# Not `creates_once`: the version check refuses a second send of the same form, the
# first version's too (it was based on no version at all).
@roles(*WORKERS)
@require_http_methods(["GET", "POST"])
def plan_edit(request: OrgRequest) -> HttpResponse:
    plan = selectors.my_plan(actor=request.actor)
    current = selectors.plan_version(plan, plan.current_version) if plan else None
    initial: dict[str, object] = {"based_on": current.number if current else 0}
    if current is not None:
        initial.update(current.content)
        initial.update({f"share_{key}": True for key in current.shared})
    form = PlanForm(posted(request), initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            version = services.plan_save(
                organisation=request.organisation,
                content=form.content(),
                shared=form.shared(),
                expected_version=form.cleaned_data["based_on"],
                by=request.user,
                request=request,
            )
        except EditConflict as conflict:
            show_conflict(
                form,
                conflict,
                what=f"a new version of your wellbeing plan (version {conflict.latest})",
                own=True,
                field="based_on",
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, f"Version {version.number} of your wellbeing plan saved.")
            return redirect("wellbeing:overview")
    return TemplateResponse(
        request,
        "wellbeing/plan_form.jinja",
        {**_guidance(), "form": form, "current": current},
        status=form_status(form),
    )


@roles(*WORKERS)
@require_http_methods(["GET"])
def plan_history(request: OrgRequest) -> HttpResponse:
    plan = selectors.my_plan(actor=request.actor)
    return TemplateResponse(
        request,
        "wellbeing/plan_history.jinja",
        {"plan": plan, "versions": list(selectors.plan_versions(plan)) if plan else []},
    )


@roles(*WORKERS)
@require_http_methods(["GET"])
def plan_version(request: OrgRequest, number: int) -> HttpResponse:
    plan = selectors.my_plan(actor=request.actor)
    if plan is None:
        raise Http404
    version = selectors.plan_version(plan, number)
    return TemplateResponse(
        request,
        "wellbeing/plan_version.jinja",
        {
            "plan": plan,
            "version": version,
            "parts": selectors.plan_parts(version),
            "superseded": version.number < plan.current_version,
        },
    )


@roles(*WORKERS)
@require_http_methods(["GET"])
def check_in_list(request: OrgRequest) -> HttpResponse:
    page = Paginator(selectors.my_check_ins(actor=request.actor), CHECK_INS_PAGE).get_page(
        request.GET.get("page")
    )
    return TemplateResponse(request, "wellbeing/check_in_list.jinja", {"page": page})


@roles(*WORKERS)
@require_http_methods(["GET", "POST"])
@creates_once
def check_in_create(request: OrgRequest) -> HttpResponseBase:
    def save(form: CheckInForm) -> HttpResponse:
        services.check_in_add(
            organisation=request.organisation,
            data=dict(form.cleaned_data),
            by=request.user,
            request=request,
        )
        shared = form.cleaned_data["shared"]
        messages.success(
            request,
            "Check-in saved and shared with your supervisor."
            if shared
            else "Check-in saved. Only you can see it.",
        )
        return redirect("wellbeing:check-in-list")

    return form_page(
        request,
        lambda data: CheckInForm(data, initial={"on": timezone.localdate()}),
        "wellbeing/check_in_form.jinja",
        {},
        save=save,
    )


@roles(*WORKERS)
@require_http_methods(["POST"])
def check_in_share(request: OrgRequest, pk: int) -> HttpResponseBase:
    check_in = get_in_organisation_or_404(
        request, selectors.my_check_ins(actor=request.actor), pk=pk
    )
    if not request.actor.may("wellbeing.change_own", check_in):
        return deny(request, reason="not their own check-in")
    form = ShareForm(request.POST)
    if form.is_valid():
        services.check_in_share(
            check_in=check_in, shared=form.cleaned_data["shared"], by=request.user, request=request
        )
        messages.success(
            request,
            "Check-in shared with your supervisor."
            if check_in.shared
            else "Check-in no longer shared. Only you can see it.",
        )
    else:
        messages.error(request, "Choose whether to share this check-in.")
    return redirect("wellbeing:check-in-list")
