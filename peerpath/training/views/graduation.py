"""Graduation pages: eligibility, the award and certificate, outcomes; the public checker."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.views.decorators.http import require_http_methods, require_POST

from peerpath.core.access import get_in_organisation_or_404, public, roles
from peerpath.core.audit import audit
from peerpath.core.forms import add_service_errors
from peerpath.core.http import OrgRequest
from peerpath.core.models import AuditAction
from peerpath.core.once import creates_once
from peerpath.core.roles import Role
from peerpath.training import selectors, services
from peerpath.training.forms.graduation import OutcomeForm, VerifyForm
from peerpath.training.models import Award, Enrolment

COURSE_TEAM = (Role.ORG_ADMIN, Role.COORDINATOR, Role.TRAINER)
AWARDERS = (Role.ORG_ADMIN, Role.COORDINATOR)


def _graduation_page(
    request: OrgRequest, enrolment: Enrolment, status: int = 200, **extra: object
) -> HttpResponse:
    results = selectors.graduation.eligibility(enrolment)
    award = getattr(enrolment, "award", None)
    return TemplateResponse(
        request,
        "training/graduation.jinja",
        {
            "enrolment": enrolment,
            "results": results,
            "eligible": selectors.graduation.is_eligible(results),
            "award": award,
            "outcomes": list(award.outcomes.select_related("team")) if award else [],
            "external_certificates": selectors.graduation.external_certificates(award)
            if award
            else [],
            "can_award": bool(set(AWARDERS) & request.roles),
            "outcome_form": extra.get("outcome_form")
            or OutcomeForm(teams=selectors.placement.teams_of(actor=request.actor)),
            "error": extra.get("error", ""),
        },
        status=status,
    )


@roles(*COURSE_TEAM)
@require_http_methods(["GET", "POST"])
def graduation_page(request: OrgRequest, pk: int) -> HttpResponse:
    enrolment: Enrolment = get_in_organisation_or_404(
        request, selectors.delivery.enrolments_of(actor=request.actor), pk=pk
    )
    if request.method == "POST":
        if not set(AWARDERS) & request.roles:
            return TemplateResponse(request, "errors/403.jinja", status=403)
        try:
            award = services.graduation.graduate(
                enrolment=enrolment, by=request.actor.user, request=request
            )
        except ValidationError as error:
            return _graduation_page(request, enrolment, status=400, error=" ".join(error.messages))
        messages.success(
            request, f"{award.trainee_name} has graduated. Certificate {award.certificate_number}."
        )
        return redirect("training:graduation", pk=enrolment.pk)
    return _graduation_page(request, enrolment)


@roles(Role.TRAINEE, Role.PSW, *COURSE_TEAM)
@require_http_methods(["GET"])
def certificate(request: OrgRequest, pk: int) -> HttpResponse:
    award: Award = get_in_organisation_or_404(
        request, selectors.graduation.awards_of(actor=request.actor), pk=pk
    )
    if award.enrolment.trainee_id != request.user.pk and not set(COURSE_TEAM) & request.roles:
        raise Http404
    if not award.certificate_title:
        raise Http404  # the programme names no certificate of its own to issue
    audit(request, action=AuditAction.EXPORT, obj=award, reason="certificate PDF")
    pdf = selectors.graduation.certificate_pdf(award, base_url=request.build_absolute_uri("/"))
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = (
        f'attachment; filename="certificate-{award.certificate_number}.pdf"'
    )
    return response


@roles(*AWARDERS)
@require_POST
@creates_once
def outcome_add(request: OrgRequest, pk: int) -> HttpResponse:
    award: Award = get_in_organisation_or_404(
        request, selectors.graduation.awards_of(actor=request.actor), pk=pk
    )
    form = OutcomeForm(request.POST, teams=selectors.placement.teams_of(actor=request.actor))
    if form.is_valid():
        try:
            services.graduation.outcome_record(
                award=award, by=request.actor.user, request=request, **form.cleaned_data
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, "Outcome recorded.")
            return redirect("training:graduation", pk=award.enrolment_id)
    return _graduation_page(request, award.enrolment, status=400, outcome_form=form)


@public
@require_http_methods(["GET"])
def verify(request: HttpRequest) -> HttpResponse:
    form = VerifyForm(request.GET or None)
    if form.is_valid():
        typed = form.cleaned_data["number"]
        number = selectors.graduation.certificate_number_typed(typed)
        if number is not None:
            return redirect("training:verify-number", number=number)
        # Not the shape of any certificate number (a slash, say): the answer is no, here.
        return _verify_answer(request, typed.strip(), award=None)
    return TemplateResponse(
        request, "training/verify.jinja", {"form": form, "award": None, "checked": False}
    )


@public
@require_http_methods(["GET"])
def verify_number(request: HttpRequest, number: str) -> HttpResponse:
    """Confirms a real certificate with only its name, programme and date; nothing else."""
    return _verify_answer(request, number, award=selectors.graduation.award_by_number(number))


def _verify_answer(request: HttpRequest, number: str, *, award: Award | None) -> HttpResponse:
    return TemplateResponse(
        request,
        "training/verify.jinja",
        {
            "form": VerifyForm(initial={"number": number}),
            "award": award,
            "checked": True,
            "number": number,
        },
        status=200 if award else 404,
    )
