"""A programme's assessments and eligibility criteria: add, make optional, remove."""

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.views.decorators.http import require_http_methods, require_POST

from peerpath.core.access import get_in_organisation_or_404, roles
from peerpath.core.http import OrgRequest
from peerpath.core.roles import Role

from . import selectors, services
from .models import AssessmentKind, AssessmentRequirement, EligibilityCriterion, Programme

EDITORS = (Role.ORG_ADMIN, Role.COORDINATOR)


class AssessmentForm(forms.Form):
    kind = forms.ChoiceField(choices=AssessmentKind.choices, label="Kind")
    title = forms.CharField(max_length=200, error_messages={"required": "Enter a title."})
    description = forms.CharField(widget=forms.Textarea(attrs={"rows": 3}), required=False)
    required = forms.BooleanField(required=False, initial=True, label="Must be passed to graduate")


class EligibilityForm(forms.Form):
    text = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
        label="Who the programme is for",
        help_text="Applicants answer each criterion in their own words.",
        error_messages={"required": "Describe the criterion."},
    )


def _own(request: OrgRequest, pk: int) -> Programme:
    return get_in_organisation_or_404(request, selectors.programme_lookup(), pk=pk)


def _page(
    request: OrgRequest, programme: Programme, status: int = 200, **extra: object
) -> HttpResponse:
    return TemplateResponse(
        request,
        "training/programme_requirements.jinja",
        {
            "programme": programme,
            "assessments": list(programme.assessments.all()),
            "criteria": list(programme.criteria.all()),
            "assessment_form": extra.get("assessment_form") or AssessmentForm(),
            "eligibility_form": extra.get("eligibility_form") or EligibilityForm(),
            "error": extra.get("error", ""),
        },
        status=status,
    )


@roles(*EDITORS)
@require_http_methods(["GET", "POST"])
def programme_requirements(request: OrgRequest, pk: int) -> HttpResponse:
    programme = _own(request, pk)
    if request.method == "GET":
        return _page(request, programme)
    if "kind" in request.POST:
        form = AssessmentForm(request.POST)
        if form.is_valid():
            services.assessment_add(
                programme=programme, by=request.user, request=request, **form.cleaned_data
            )
            messages.success(request, "Assessment added.")
            return redirect("training:programme-requirements", pk=programme.pk)
        return _page(request, programme, status=400, assessment_form=form)
    form_e = EligibilityForm(request.POST)
    if form_e.is_valid():
        services.eligibility_add(
            programme=programme, text=form_e.cleaned_data["text"], by=request.user, request=request
        )
        messages.success(request, "Criterion added.")
        return redirect("training:programme-requirements", pk=programme.pk)
    return _page(request, programme, status=400, eligibility_form=form_e)


@roles(*EDITORS)
@require_POST
def assessment_change(request: OrgRequest, pk: int) -> HttpResponse:
    item: AssessmentRequirement = get_in_organisation_or_404(
        request, selectors.assessment_requirement_lookup(), pk=pk
    )
    try:
        if "remove" in request.POST:
            services.assessment_remove(item=item, by=request.user, request=request)
            messages.success(request, f"“{item.title}” removed.")
        else:
            required = request.POST.get("required") == "1"
            services.assessment_set_required(
                item=item, required=required, by=request.user, request=request
            )
            messages.success(
                request, f"“{item.title}” is now {'required' if required else 'optional'}."
            )
    except ValidationError as error:
        return _page(request, item.programme, status=400, error=" ".join(error.messages))
    return redirect("training:programme-requirements", pk=item.programme_id)


@roles(*EDITORS)
@require_POST
def eligibility_remove(request: OrgRequest, pk: int) -> HttpResponse:
    criterion: EligibilityCriterion = get_in_organisation_or_404(
        request, selectors.eligibility_lookup(), pk=pk
    )
    try:
        services.eligibility_remove(criterion=criterion, by=request.user, request=request)
    except ValidationError as error:
        return _page(request, criterion.programme, status=400, error=" ".join(error.messages))
    messages.success(request, "Criterion removed.")
    return redirect("training:programme-requirements", pk=criterion.programme_id)
