"""A programme's assessments and eligibility criteria: add, make optional, remove."""

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.views.decorators.http import require_http_methods, require_POST

from peerpath.core.access import get_in_organisation_or_404, roles
from peerpath.core.forms import add_service_errors
from peerpath.core.http import OrgRequest
from peerpath.core.roles import Role
from peerpath.core.versioning import EditConflict, VersionField, conflict_message
from peerpath.training import selectors, services
from peerpath.training.models import (
    AssessmentKind,
    AssessmentRequirement,
    CertificateIssuer,
    EligibilityCriterion,
    Programme,
)

EDITORS = (Role.ORG_ADMIN, Role.COORDINATOR)


class AssessmentForm(forms.Form):
    kind = forms.ChoiceField(choices=AssessmentKind.choices, label="Kind")
    title = forms.CharField(max_length=200, error_messages={"required": "Enter a title."})
    description = forms.CharField(widget=forms.Textarea(attrs={"rows": 3}), required=False)
    required = forms.BooleanField(required=False, initial=True, label="Must be passed to graduate")


class AssessmentChangeForm(forms.Form):
    """The buttons beside an assessment carry the version the page showed."""

    version = VersionField()


class EligibilityForm(forms.Form):
    text = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
        label="Who the programme is for",
        help_text="Applicants answer each criterion in their own words.",
        error_messages={"required": "Describe the criterion."},
    )


class CertificateForm(forms.Form):
    certificate_title = forms.CharField(
        max_length=200,
        label="Certificate",
        help_text="As it is called, for example “Graduation certificate”",
        error_messages={"required": "Enter the certificate's name."},
    )
    issuer = forms.ChoiceField(
        choices=CertificateIssuer.choices,
        widget=forms.RadioSelect,
        label="Who issues it",
        initial=CertificateIssuer.ORGANISATION,
        error_messages={"required": "Choose who issues it."},
    )
    awarding_body = forms.CharField(
        max_length=200,
        required=False,
        label="Awarding body (if an awarding body issues it)",
        help_text="PeerPath prints only the certificates your organisation issues",
    )


class CourseworkForm(forms.Form):
    coursework_title = forms.CharField(
        max_length=200,
        label="Coursework",
        help_text="Work trainees do that is not assessed, for example weekly homework",
        error_messages={"required": "Enter the coursework."},
    )
    coursework_description = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 2}), required=False, label="Description (optional)"
    )


def _own(request: OrgRequest, pk: int) -> Programme:
    return get_in_organisation_or_404(
        request, selectors.programmes.own_programmes(actor=request.actor), pk=pk
    )


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
            "certificates": selectors.programmes.programme_certificates(programme),
            "coursework": selectors.programmes.programme_coursework(programme),
            "assessment_form": extra.get("assessment_form") or AssessmentForm(),
            "eligibility_form": extra.get("eligibility_form") or EligibilityForm(),
            "certificate_form": extra.get("certificate_form") or CertificateForm(),
            "coursework_form": extra.get("coursework_form") or CourseworkForm(),
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
    if "remove_certificate" in request.POST or "remove_coursework" in request.POST:
        return _remove_item(request, programme)
    if "certificate_title" in request.POST:
        form_c = CertificateForm(request.POST)
        if form_c.is_valid():
            try:
                services.requirements.certificate_add(
                    programme=programme,
                    title=form_c.cleaned_data["certificate_title"],
                    issuer=form_c.cleaned_data["issuer"],
                    awarding_body=form_c.cleaned_data["awarding_body"],
                    by=request.actor.user,
                    request=request,
                )
            except ValidationError as error:
                add_service_errors(form_c, error)
            else:
                messages.success(request, "Certificate added.")
                return redirect("training:programme-requirements", pk=programme.pk)
        return _page(request, programme, status=400, certificate_form=form_c)
    if "coursework_title" in request.POST:
        form_w = CourseworkForm(request.POST)
        if form_w.is_valid():
            services.requirements.coursework_add(
                programme=programme,
                title=form_w.cleaned_data["coursework_title"],
                description=form_w.cleaned_data["coursework_description"],
                by=request.actor.user,
                request=request,
            )
            messages.success(request, "Coursework added.")
            return redirect("training:programme-requirements", pk=programme.pk)
        return _page(request, programme, status=400, coursework_form=form_w)
    if "kind" in request.POST:
        form = AssessmentForm(request.POST)
        if form.is_valid():
            services.requirements.assessment_add(
                programme=programme, by=request.actor.user, request=request, **form.cleaned_data
            )
            messages.success(request, "Assessment added.")
            return redirect("training:programme-requirements", pk=programme.pk)
        return _page(request, programme, status=400, assessment_form=form)
    form_e = EligibilityForm(request.POST)
    if form_e.is_valid():
        services.requirements.eligibility_add(
            programme=programme,
            text=form_e.cleaned_data["text"],
            by=request.actor.user,
            request=request,
        )
        messages.success(request, "Criterion added.")
        return redirect("training:programme-requirements", pk=programme.pk)
    return _page(request, programme, status=400, eligibility_form=form_e)


def _remove_item(request: OrgRequest, programme: Programme) -> HttpResponse:
    """Remove one of the programme's certificates or coursework, named by its id."""
    if "remove_certificate" in request.POST:
        certificate = next(
            (
                c
                for c in selectors.programmes.programme_certificates(programme)
                if str(c.pk) == request.POST["remove_certificate"]
            ),
            None,
        )
        if certificate is not None:
            services.requirements.certificate_remove(
                certificate=certificate, by=request.actor.user, request=request
            )
            messages.success(request, f"“{certificate.title}” removed.")
    else:
        work = next(
            (
                w
                for w in selectors.programmes.programme_coursework(programme)
                if str(w.pk) == request.POST["remove_coursework"]
            ),
            None,
        )
        if work is not None:
            services.requirements.coursework_remove(
                work=work, by=request.actor.user, request=request
            )
            messages.success(request, f"“{work.title}” removed.")
    return redirect("training:programme-requirements", pk=programme.pk)


@roles(*EDITORS)
@require_POST
def assessment_change(request: OrgRequest, pk: int) -> HttpResponse:
    """Make one of the programme's assessments required or optional, or remove it: the
    buttons beside it on the requirements page, with the version the page showed."""
    item: AssessmentRequirement = get_in_organisation_or_404(
        request, selectors.programmes.assessments_of(actor=request.actor), pk=pk
    )
    form = AssessmentChangeForm(request.POST)
    form.is_valid()  # the version field never fails: a bad value cleans to None, a conflict
    version = form.cleaned_data["version"]
    try:
        if "remove" in request.POST:
            services.requirements.assessment_remove(
                item=item, expected_version=version, by=request.actor.user, request=request
            )
            messages.success(request, f"“{item.title}” removed.")
        else:
            required = request.POST.get("required") == "1"
            services.requirements.assessment_set_required(
                item=item,
                required=required,
                expected_version=version,
                by=request.actor.user,
                request=request,
            )
            messages.success(
                request, f"“{item.title}” is now {'required' if required else 'optional'}."
            )
    except EditConflict:
        return _page(
            request,
            item.programme,
            status=400,
            error=conflict_message(f"a change to “{item.title}”", typed=False),
        )
    except ValidationError as error:
        return _page(request, item.programme, status=400, error=" ".join(error.messages))
    return redirect("training:programme-requirements", pk=item.programme_id)


@roles(*EDITORS)
@require_POST
def eligibility_remove(request: OrgRequest, pk: int) -> HttpResponse:
    criterion: EligibilityCriterion = get_in_organisation_or_404(
        request, selectors.programmes.eligibility_criteria_of(actor=request.actor), pk=pk
    )
    try:
        services.requirements.eligibility_remove(
            criterion=criterion, by=request.actor.user, request=request
        )
    except ValidationError as error:
        return _page(request, criterion.programme, status=400, error=" ".join(error.messages))
    messages.success(request, "Criterion removed.")
    return redirect("training:programme-requirements", pk=criterion.programme_id)
