"""Development plans for an area of significant concern: open, read, review, close."""

from datetime import timedelta

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpResponse
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

from .. import selectors, services
from ..forms import (
    CloseForm,
    PlanForm,
    ReviewForm,
)
from ..models import DevelopmentPlan
from ._shared import PAGE_SIZE, _observation, _visible

PLAN_READERS = (Role.PSW, Role.SUPERVISOR, Role.COORDINATOR)


PLAN_KEEPERS = (Role.SUPERVISOR, Role.COORDINATOR)


# The next review a review form suggests: four weeks on, which the reviewer can change.
NEXT_REVIEW_AFTER = timedelta(weeks=4)


def _plan(request: OrgRequest, pk: int, *, may: str = "") -> DevelopmentPlan:
    """A plan the actor may see (only the worker, their supervisors and the peer
    development lead), its read audited; with `may`, one the actor may also do that to now
    (else 404)."""
    found: DevelopmentPlan = _visible(
        request,
        selectors.development_plans_of(actor=request.actor, today=timezone.localdate()),
        pk,
        view="observation.view_development_plan",
        may=may,
    )
    return found


def _to_plan(request: OrgRequest, plan: DevelopmentPlan, message: str) -> HttpResponseBase:
    """Say what was saved, back on the plan's page."""
    messages.success(request, message)
    return redirect("observation:plan-detail", pk=plan.pk)


@roles(*PLAN_READERS)
@require_http_methods(["GET"])
def plan_list(request: OrgRequest) -> HttpResponse:
    today = timezone.localdate()
    plans = selectors.development_plans_of(actor=request.actor, today=today)
    page = Paginator(plans, PAGE_SIZE).get_page(request.GET.get("page"))
    return TemplateResponse(request, "observation/plan_list.jinja", {"page": page, "today": today})


@roles(*PLAN_KEEPERS)
@require_http_methods(["GET", "POST"])
@creates_once
def plan_create(request: OrgRequest, pk: int) -> HttpResponseBase:
    observation = _observation(request, pk, may="observation.open_development_plan")
    rated = selectors.statements_rated(observation)

    def save(form: PlanForm) -> HttpResponseBase:
        plan = services.plan_open(
            observation=observation,
            concern=form.cleaned_data["concern"],
            statements=form.cleaned_data["statements"],
            agreed_support=form.cleaned_data["agreed_support"],
            next_review_on=form.cleaned_data["next_review_on"],
            by=request.user,
            request=request,
        )
        return _to_plan(request, plan, "Development plan opened.")

    return form_page(
        request,
        lambda data: PlanForm(data, statements=rated),
        "observation/plan_form.jinja",
        {"observation": observation},
        save=save,
    )


@roles(*PLAN_READERS)
@require_http_methods(["GET"])
def plan_detail(request: OrgRequest, pk: int) -> HttpResponse:
    plan = _plan(request, pk)
    return TemplateResponse(
        request,
        "observation/plan_detail.jinja",
        {
            "plan": plan,
            "statements": list(plan.statements.order_by("unit__order", "number")),
            "reviews": list(plan.reviews.select_related("by")),
            "may_review": request.actor.may("observation.review_development_plan", plan),
            "today": timezone.localdate(),
        },
    )


@roles(*PLAN_KEEPERS)
@require_http_methods(["GET", "POST"])
def plan_review(request: OrgRequest, pk: int) -> HttpResponseBase:
    plan = _plan(request, pk, may="observation.review_development_plan")

    def save(form: ReviewForm) -> HttpResponseBase:
        services.plan_review(
            plan=plan,
            reviewed_on=form.cleaned_data["reviewed_on"],
            progress=form.cleaned_data["progress"],
            next_review_on=form.cleaned_data["next_review_on"],
            expected_version=form.cleaned_data["version"],
            by=request.user,
            request=request,
        )
        return _to_plan(request, plan, "Review recorded.")

    return form_page(
        request,
        lambda data: ReviewForm(
            data,
            initial={
                "version": plan.version,
                "reviewed_on": timezone.localdate(),
                "next_review_on": timezone.localdate() + NEXT_REVIEW_AFTER,
            },
        ),
        "observation/plan_review.jinja",
        {"plan": plan},
        save=save,
        conflict="this plan",
    )


@roles(*PLAN_KEEPERS)
@require_http_methods(["GET", "POST"])
def plan_close(request: OrgRequest, pk: int) -> HttpResponseBase:
    plan = _plan(request, pk, may="observation.review_development_plan")

    def save(form: CloseForm) -> HttpResponseBase:
        services.plan_close(
            plan=plan,
            closed_on=form.cleaned_data["closed_on"],
            outcome=form.cleaned_data["outcome"],
            expected_version=form.cleaned_data["version"],
            by=request.user,
            request=request,
        )
        return _to_plan(request, plan, "Development plan closed.")

    return form_page(
        request,
        lambda data: CloseForm(data, initial={"version": plan.version}),
        "observation/plan_close.jinja",
        {"plan": plan},
        save=save,
        conflict="this plan",
    )
