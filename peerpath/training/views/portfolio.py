"""Portfolio pages: a trainee's portfolio, an entry with its evidence, the review queue."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.views.decorators.http import require_http_methods

from peerpath.core.access import get_in_organisation_or_404, roles
from peerpath.core.forms import add_service_errors
from peerpath.core.http import OrgRequest
from peerpath.core.roles import Role
from peerpath.training import selectors, services
from peerpath.training.forms.portfolio import EvidenceForm
from peerpath.training.models import Enrolment, PortfolioEntry
from peerpath.training.views.placement import COURSE_TEAM, SIGNERS


@roles(Role.TRAINEE, Role.PSW)
@require_http_methods(["GET"])
def my_portfolio(request: OrgRequest) -> HttpResponse:
    """The person's portfolios, from every programme they trained on; they keep it as a PSW."""
    books = []
    for enrolment in selectors.delivery.trainee_enrolments(actor=request.actor):
        services.portfolio.portfolio_sync(enrolment)
        books.append((enrolment, selectors.portfolio.portfolio_entries(enrolment)))
    return TemplateResponse(request, "training/my_portfolio.jinja", {"books": books})


@roles(*COURSE_TEAM, Role.SUPERVISOR)
@require_http_methods(["GET"])
def enrolment_portfolio(request: OrgRequest, pk: int) -> HttpResponse:
    enrolment: Enrolment = get_in_organisation_or_404(
        request, selectors.delivery.enrolments_of(actor=request.actor), audit_read=True, pk=pk
    )
    services.portfolio.portfolio_sync(enrolment)
    return TemplateResponse(
        request,
        "training/enrolment_portfolio.jinja",
        {"enrolment": enrolment, "entries": selectors.portfolio.portfolio_entries(enrolment)},
    )


@roles(Role.TRAINEE, Role.PSW, *SIGNERS, Role.ORG_ADMIN)
@require_http_methods(["GET", "POST"])
def portfolio_entry(request: OrgRequest, pk: int) -> HttpResponse:
    entry: PortfolioEntry = get_in_organisation_or_404(
        request, selectors.portfolio.portfolio_entries_of(actor=request.actor), pk=pk
    )
    if not request.actor.may("training.view_portfolio_entry", entry):
        raise Http404
    is_owner = request.actor.may("training.add_portfolio_evidence", entry)
    can_sign = request.actor.may("training.sign_portfolio_entry", entry)
    submissions = selectors.portfolio.own_submissions(entry.enrolment)
    days = selectors.portfolio.own_placement_days(entry.enrolment)
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
                    services.portfolio.evidence_add(
                        entry=entry, by=request.actor.user, request=request, **form.cleaned_data
                    )
                    messages.success(request, "Evidence added.")
                    return redirect("training:portfolio-entry", pk=entry.pk)
            elif "request_review" in request.POST and is_owner:
                services.portfolio.review_request(
                    entry=entry, by=request.actor.user, request=request
                )
                messages.success(
                    request, "Review requested. A trainer or supervisor will look at it."
                )
                return redirect("training:portfolio-entry", pk=entry.pk)
            elif "sign_off" in request.POST and can_sign:
                services.portfolio.sign_off(entry=entry, by=request.actor.user, request=request)
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
        {"entries": list(selectors.portfolio.review_queue(actor=request.actor))},
    )
