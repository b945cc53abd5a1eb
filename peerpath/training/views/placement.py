"""Placement and portfolio pages, for the trainee, their supervisor and the course team."""

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.views.decorators.http import require_http_methods, require_POST

from peerpath.core.access import get_in_organisation_or_404, roles
from peerpath.core.audit import audit
from peerpath.core.forms import add_service_errors
from peerpath.core.http import OrgRequest
from peerpath.core.models import AuditAction
from peerpath.core.once import creates_once
from peerpath.core.roles import Role

from . import delivery, placement, portfolio, selectors
from .models import Enrolment, Placement, PlacementDay, PortfolioEntry
from .practice_forms import DayForm, EvidenceForm, PlacementForm, ReviewForm

COURSE_TEAM = (Role.ORG_ADMIN, Role.COORDINATOR, Role.TRAINER)
SIGNERS = (Role.TRAINER, Role.SUPERVISOR, Role.COORDINATOR)
EVERYONE = (Role.TRAINEE, Role.SUPERVISOR, *COURSE_TEAM)


def _placement(request: OrgRequest, pk: int) -> Placement:
    found = get_in_organisation_or_404(request, placement.placement_lookup(), pk=pk)
    is_trainee = found.enrolment.trainee_id == request.user.pk
    is_supervisor = found.supervisor_id == request.user.pk
    if not (is_trainee or is_supervisor or set(COURSE_TEAM) & request.roles):
        raise Http404
    return found


def _require_supervising(request: OrgRequest, found: Placement) -> None:
    """Only the named supervisor (or the course's coordinator) confirms, reviews, signs off."""
    if (
        found.supervisor_id != request.user.pk
        and not {Role.COORDINATOR, Role.ORG_ADMIN} & request.roles
    ):
        raise Http404


def _placement_page(
    request: OrgRequest, found: Placement, status: int = 200, **forms_: Any
) -> HttpResponse:
    audit(request, action=AuditAction.VIEW, obj=found)
    can_supervise = found.supervisor_id == request.user.pk or bool(
        {Role.COORDINATOR, Role.ORG_ADMIN} & request.roles
    )
    return TemplateResponse(
        request,
        "training/placement_detail.jinja",
        {
            "placement": found,
            "days": list(found.days.select_related("confirmed_by")),
            "reviews": list(found.reviews.select_related("by")),
            "confirmed": placement.confirmed_days(found),
            "required": found.enrolment.cohort.programme.placement_days_required,
            "is_trainee": found.enrolment.trainee_id == request.user.pk,
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
    everyone = bool({Role.COORDINATOR, Role.ORG_ADMIN} & request.roles)
    return TemplateResponse(
        request,
        "training/placement_list.jinja",
        {
            "placements": selectors.placements_for(
                request.user, request.organisation, everyone=everyone
            ),
            "everyone": everyone,
        },
    )


@roles(Role.ORG_ADMIN, Role.COORDINATOR)
@require_http_methods(["GET", "POST"])
@creates_once
def placement_create(request: OrgRequest, pk: int) -> HttpResponse:
    enrolment: Enrolment = get_in_organisation_or_404(request, delivery.enrolment_lookup(), pk=pk)
    form = PlacementForm(
        request.POST if request.method == "POST" else None,
        teams=delivery.teams_of(request.organisation),
        supervisors=delivery.supervisors_of(request.organisation),
    )
    if request.method == "POST" and form.is_valid():
        try:
            created = placement.placement_create(
                enrolment=enrolment, by=request.user, request=request, **form.cleaned_data
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, "Placement arranged.")
            return redirect("training:placement-detail", pk=created.pk)
    return TemplateResponse(
        request,
        "training/placement_create.jinja",
        {"enrolment": enrolment, "form": form},
        status=400 if form.errors else 200,
    )


@roles(*EVERYONE)
@require_http_methods(["GET"])
def placement_detail(request: OrgRequest, pk: int) -> HttpResponse:
    return _placement_page(request, _placement(request, pk))


@roles(Role.TRAINEE)
@require_POST
@creates_once
def placement_day(request: OrgRequest, pk: int) -> HttpResponse:
    found = _placement(request, pk)
    if found.enrolment.trainee_id != request.user.pk:
        raise Http404
    form = DayForm(request.POST)
    if form.is_valid():
        try:
            placement.placement_day_log(
                placement=found, by=request.user, request=request, **form.cleaned_data
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
    day: PlacementDay = get_in_organisation_or_404(request, delivery.placement_day_lookup(), pk=pk)
    found = _placement(request, day.placement_id)
    _require_supervising(request, found)
    placement.placement_day_confirm(day=day, by=request.user, request=request)
    messages.success(request, f"{day.date:%-d %B %Y} confirmed.")
    return redirect("training:placement-detail", pk=found.pk)


@roles(Role.SUPERVISOR, Role.COORDINATOR, Role.ORG_ADMIN)
@require_POST
@creates_once
def placement_review(request: OrgRequest, pk: int) -> HttpResponse:
    found = _placement(request, pk)
    _require_supervising(request, found)
    form = ReviewForm(request.POST)
    if form.is_valid():
        try:
            placement.placement_review_add(
                placement=found, by=request.user, request=request, **form.cleaned_data
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
    found = _placement(request, pk)
    _require_supervising(request, found)
    try:
        placement.placement_sign_off(placement=found, by=request.user, request=request)
    except ValidationError as error:
        return _placement_page(request, found, status=400, error=" ".join(error.messages))
    messages.success(request, "Placement signed off.")
    return redirect("training:placement-detail", pk=found.pk)


@roles(Role.TRAINEE, Role.PSW)
@require_http_methods(["GET"])
def my_portfolio(request: OrgRequest) -> HttpResponse:
    """The person's portfolios, from every programme they trained on; they keep it as a PSW."""
    books = []
    for enrolment in delivery.trainee_enrolments(request.user):
        portfolio.portfolio_sync(enrolment)
        books.append((enrolment, portfolio.portfolio_entries(enrolment)))
    return TemplateResponse(request, "training/my_portfolio.jinja", {"books": books})


@roles(*COURSE_TEAM, Role.SUPERVISOR)
@require_http_methods(["GET"])
def enrolment_portfolio(request: OrgRequest, pk: int) -> HttpResponse:
    enrolment: Enrolment = get_in_organisation_or_404(request, delivery.enrolment_lookup(), pk=pk)
    portfolio.portfolio_sync(enrolment)
    audit(request, action=AuditAction.VIEW, obj=enrolment, reason="portfolio")
    return TemplateResponse(
        request,
        "training/enrolment_portfolio.jinja",
        {"enrolment": enrolment, "entries": portfolio.portfolio_entries(enrolment)},
    )


@roles(Role.TRAINEE, Role.PSW, *SIGNERS, Role.ORG_ADMIN)
@require_http_methods(["GET", "POST"])
def portfolio_entry(request: OrgRequest, pk: int) -> HttpResponse:
    entry: PortfolioEntry = get_in_organisation_or_404(request, portfolio.entry_lookup(), pk=pk)
    is_owner = entry.enrolment.trainee_id == request.user.pk
    can_sign = bool(set(SIGNERS) & request.roles) and not is_owner
    if not (is_owner or can_sign or Role.ORG_ADMIN in request.roles):
        raise Http404
    submissions = delivery.own_submissions(entry.enrolment)
    days = delivery.own_placement_days(entry.enrolment)
    if not is_owner:
        submissions, days = submissions.none(), days.none()
    form = EvidenceForm(
        request.POST if request.method == "POST" and "note" in request.POST else None,
        submissions=submissions,
        days=days,
    )
    error = ""
    if request.method == "POST":
        try:
            if "note" in request.POST and is_owner:
                if form.is_valid():
                    portfolio.evidence_add(
                        entry=entry, by=request.user, request=request, **form.cleaned_data
                    )
                    messages.success(request, "Evidence added.")
                    return redirect("training:portfolio-entry", pk=entry.pk)
            elif "request_review" in request.POST and is_owner:
                portfolio.review_request(entry=entry, by=request.user, request=request)
                messages.success(
                    request, "Review requested. A trainer or supervisor will look at it."
                )
                return redirect("training:portfolio-entry", pk=entry.pk)
            elif "sign_off" in request.POST and can_sign:
                portfolio.sign_off(entry=entry, by=request.user, request=request)
                messages.success(request, f"{entry.statement.ref} signed off.")
                return redirect("training:portfolio-entry", pk=entry.pk)
            else:
                raise Http404
        except ValidationError as exc:
            if hasattr(exc, "error_dict"):
                add_service_errors(form, exc)
            else:
                error = " ".join(exc.messages)
    return TemplateResponse(
        request,
        "training/portfolio_entry.jinja",
        {
            "entry": entry,
            "evidence": list(
                entry.evidence.select_related("submission__assessment", "placement_day")
            ),
            "form": form,
            "is_owner": is_owner,
            "can_sign": can_sign,
            "error": error,
        },
        status=400 if (form.errors or error) else 200,
    )


@roles(*SIGNERS, Role.ORG_ADMIN)
@require_http_methods(["GET"])
def portfolio_review_queue(request: OrgRequest) -> HttpResponse:
    return TemplateResponse(
        request,
        "training/portfolio_review_queue.jinja",
        {"entries": list(portfolio.review_queue(request.organisation))},
    )
