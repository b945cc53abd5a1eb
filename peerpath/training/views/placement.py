"""Placement and portfolio pages, for the trainee, their supervisor and the course team."""

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.views.decorators.http import require_http_methods, require_POST

from peerpath.core.access import get_in_organisation_or_404, roles
from peerpath.core.formpage import form_page
from peerpath.core.forms import add_service_errors
from peerpath.core.http import OrgRequest
from peerpath.core.once import creates_once
from peerpath.core.roles import Role
from peerpath.training import selectors, services
from peerpath.training.forms.placement import DayForm, PlacementForm, ReviewForm
from peerpath.training.models import Enrolment, Placement, PlacementDay

COURSE_TEAM = (Role.ORG_ADMIN, Role.COORDINATOR, Role.TRAINER)
SIGNERS = (Role.TRAINER, Role.SUPERVISOR, Role.COORDINATOR)
EVERYONE = (Role.TRAINEE, Role.SUPERVISOR, *COURSE_TEAM)


def _placement(request: OrgRequest, pk: int, *, may: str = "") -> Placement:
    """The placement, if the actor may see it (the read is audited) and, with `may`, do
    that to it; else 404."""
    found = get_in_organisation_or_404(
        request, selectors.placement.placements_visible(actor=request.actor), audit_read=True, pk=pk
    )
    if may and not request.actor.may(may, found):
        raise Http404
    return found


def _placement_page(
    request: OrgRequest, found: Placement, status: int = 200, **forms_: Any
) -> HttpResponse:
    can_supervise = request.actor.may("training.supervise_placement", found)
    return TemplateResponse(
        request,
        "training/placement_detail.jinja",
        {
            "placement": found,
            "days": list(found.days.select_related("confirmed_by")),
            "reviews": list(found.reviews.select_related("by")),
            "confirmed": selectors.placement.confirmed_days(found),
            "required": found.enrolment.cohort.programme.placement_days_required,
            "is_trainee": request.actor.may("training.log_placement_day", found),
            "can_supervise": can_supervise,
            "day_form": forms_.get("day_form") or DayForm(),
            "review_form": forms_.get("review_form") or ReviewForm(),
            "error": forms_.get("error", ""),
        },
        status=status,
    )


@roles(Role.SUPERVISOR, Role.COORDINATOR, Role.ORG_ADMIN)
@require_http_methods(["GET"])
def placement_list(request: OrgRequest) -> HttpResponse:
    """Where a peer supervisor finds the trainees they support on placement (and the days
    waiting for them to confirm); the course's coordinator sees every placement."""
    return TemplateResponse(
        request,
        "training/placement_list.jinja",
        {
            "placements": selectors.placement.placements_for(actor=request.actor),
            "everyone": selectors.placement.sees_every_placement(request.actor),
        },
    )


@roles(Role.ORG_ADMIN, Role.COORDINATOR)
@require_http_methods(["GET", "POST"])
@creates_once
def placement_create(request: OrgRequest, pk: int) -> HttpResponseBase:
    enrolment: Enrolment = get_in_organisation_or_404(
        request, selectors.delivery.enrolments_of(actor=request.actor), pk=pk
    )

    def form(data: Any) -> PlacementForm:
        return PlacementForm(
            data,
            teams=selectors.placement.teams_of(actor=request.actor),
            supervisors=selectors.placement.supervisors_of(actor=request.actor),
        )

    def save(form: PlacementForm) -> HttpResponseBase:
        created = services.placement.placement_create(
            enrolment=enrolment, by=request.actor.user, request=request, **form.cleaned_data
        )
        messages.success(request, "Placement arranged.")
        return redirect("training:placement-detail", pk=created.pk)

    return form_page(
        request, form, "training/placement_create.jinja", {"enrolment": enrolment}, save=save
    )


@roles(*EVERYONE)
@require_http_methods(["GET"])
def placement_detail(request: OrgRequest, pk: int) -> HttpResponse:
    return _placement_page(request, _placement(request, pk))


@roles(Role.TRAINEE)
@require_POST
@creates_once
def placement_day(request: OrgRequest, pk: int) -> HttpResponse:
    found = _placement(request, pk, may="training.log_placement_day")
    form = DayForm(request.POST)
    if form.is_valid():
        try:
            services.placement.placement_day_log(
                placement=found, by=request.actor.user, request=request, **form.cleaned_data
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, "Day logged. Your supervisor can now confirm it.")
            return redirect("training:placement-detail", pk=found.pk)
    return _placement_page(request, found, status=400, day_form=form)


@roles(Role.SUPERVISOR, Role.COORDINATOR, Role.ORG_ADMIN)
@require_POST
def placement_day_confirm(request: OrgRequest, pk: int) -> HttpResponse:
    day: PlacementDay = get_in_organisation_or_404(
        request, selectors.placement.placement_days_of(actor=request.actor), pk=pk
    )
    found = _placement(request, day.placement_id, may="training.supervise_placement")
    services.placement.placement_day_confirm(day=day, by=request.actor.user, request=request)
    messages.success(request, f"{day.date:%-d %B %Y} confirmed.")
    return redirect("training:placement-detail", pk=found.pk)


@roles(Role.SUPERVISOR, Role.COORDINATOR, Role.ORG_ADMIN)
@require_POST
@creates_once
def placement_review(request: OrgRequest, pk: int) -> HttpResponse:
    found = _placement(request, pk, may="training.supervise_placement")
    form = ReviewForm(request.POST)
    if form.is_valid():
        try:
            services.placement.placement_review_add(
                placement=found, by=request.actor.user, request=request, **form.cleaned_data
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, "Review saved.")
            return redirect("training:placement-detail", pk=found.pk)
    return _placement_page(request, found, status=400, review_form=form)


@roles(Role.SUPERVISOR, Role.COORDINATOR, Role.ORG_ADMIN)
@require_POST
def placement_sign_off(request: OrgRequest, pk: int) -> HttpResponse:
    found = _placement(request, pk, may="training.supervise_placement")
    try:
        services.placement.placement_sign_off(
            placement=found, by=request.actor.user, request=request
        )
    except ValidationError as error:
        return _placement_page(request, found, status=400, error=" ".join(error.messages))
    messages.success(request, "Placement signed off.")
    return redirect("training:placement-detail", pk=found.pk)
