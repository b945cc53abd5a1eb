"""Pages for submitting, marking and downloading assessed work."""

from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.views.decorators.http import require_http_methods

from peerpath.core.access import get_in_organisation_or_404, roles
from peerpath.core.audit import audit
from peerpath.core.formpage import form_page
from peerpath.core.http import OrgRequest
from peerpath.core.models import AuditAction
from peerpath.core.roles import Role
from peerpath.framework.selectors import framework_get, statement_get
from peerpath.training import selectors, services
from peerpath.training.models import AssessmentRequirement, MarkOutcome, Submission

MARKERS = (Role.ORG_ADMIN, Role.COORDINATOR, Role.TRAINER)


class SubmissionForm(forms.Form):
    text = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 12}),
        required=False,
        max_length=50_000,
        label="Your work",
        help_text="Write it here, attach a file, or both.",
    )
    upload = forms.FileField(
        required=False,
        label="Attach a file (optional)",
        help_text=services.assessment.FILE_HELP,
    )


class MarkForm(forms.Form):
    outcome = forms.ChoiceField(
        choices=MarkOutcome.choices,
        widget=forms.RadioSelect,
        label="Outcome",
        error_messages={"required": "Choose passed or resubmission requested."},
    )
    feedback = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 6}),
        max_length=10_000,
        label="Feedback",
        help_text="Start with what went well. The trainee reads this.",
        error_messages={"required": "Write feedback for the trainee."},
    )

    def __init__(self, *args: Any, criteria: list[Any], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.criteria = criteria
        for criterion in criteria:
            label = criterion.text + (
                f" ({criterion.statement.ref})" if criterion.statement else ""
            )
            self.fields[f"criterion_{criterion.pk}"] = forms.BooleanField(
                required=False, label=label
            )

    def criteria_met(self) -> dict[int, bool]:
        return {c.pk: bool(self.cleaned_data.get(f"criterion_{c.pk}")) for c in self.criteria}


class CriterionForm(forms.Form):
    text = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
        label="What the marker looks for",
        error_messages={"required": "Describe what the marker looks for."},
    )
    statement_ref = forms.CharField(
        required=False,
        max_length=20,
        label="Framework statement (optional)",
        help_text="Its reference, like 3.5.3",
    )


@roles(Role.TRAINEE)
@require_http_methods(["GET"])
def my_assessments(request: OrgRequest) -> HttpResponse:
    enrolment = selectors.assessment.trainee_enrolment(actor=request.actor)
    statuses = selectors.assessment.assessment_statuses(enrolment) if enrolment else []
    return TemplateResponse(
        request, "training/my_assessments.jinja", {"enrolment": enrolment, "statuses": statuses}
    )


@roles(Role.TRAINEE)
@require_http_methods(["GET", "POST"])
def my_assessment(request: OrgRequest, pk: int) -> HttpResponseBase:
    enrolment = selectors.assessment.trainee_enrolment(actor=request.actor)
    if enrolment is None:
        raise Http404
    statuses = {s.assessment.pk: s for s in selectors.assessment.assessment_statuses(enrolment)}
    if pk not in statuses:
        raise Http404
    status = statuses[pk]

    def save(form: SubmissionForm) -> HttpResponseBase:
        submission = services.assessment.submission_create(
            enrolment=enrolment,
            assessment=status.assessment,
            text=form.cleaned_data["text"],
            upload=form.cleaned_data["upload"],
            by=request.actor.user,
            request=request,
        )
        messages.success(request, f"Version {submission.number} submitted.")
        return redirect("training:my-assessments")

    return form_page(
        request,
        lambda data: SubmissionForm(data, request.FILES if data is not None else None),
        "training/my_assessment.jinja",
        {"status": status},
        save=save,
    )


@roles(*MARKERS)
@require_http_methods(["GET"])
def marking_queue(request: OrgRequest) -> HttpResponse:
    return TemplateResponse(
        request,
        "training/marking_queue.jinja",
        {"submissions": list(selectors.assessment.marking_queue(actor=request.actor))},
    )


@roles(*MARKERS)
@require_http_methods(["GET", "POST"])
def submission_mark(request: OrgRequest, pk: int) -> HttpResponseBase:
    submission: Submission = get_in_organisation_or_404(
        request, selectors.assessment.submissions_of(actor=request.actor), audit_read=True, pk=pk
    )
    criteria = list(submission.assessment.criteria.select_related("statement"))

    def save(form: MarkForm) -> HttpResponseBase:
        services.assessment.mark_record(
            submission=submission,
            outcome=form.cleaned_data["outcome"],
            feedback=form.cleaned_data["feedback"],
            criteria_met=form.criteria_met(),
            by=request.actor.user,
            request=request,
        )
        messages.success(request, "Marked. The trainee can now read your feedback.")
        return redirect("training:marking-queue")

    return form_page(
        request,
        lambda data: MarkForm(data, criteria=criteria),
        "training/submission_mark.jinja",
        {"submission": submission, "mark": getattr(submission, "mark", None)},
        save=save,
    )


@roles(Role.TRAINEE, *MARKERS)
@require_http_methods(["GET"])
def submission_download(request: OrgRequest, pk: int) -> FileResponse:
    """The attached file, as a download, for its trainee or the organisation's markers."""
    submission: Submission = get_in_organisation_or_404(
        request, selectors.assessment.submissions_of(actor=request.actor), pk=pk
    )
    is_owner = submission.enrolment.trainee_id == request.user.pk
    if not (is_owner or set(MARKERS) & request.roles) or not hasattr(submission, "file"):
        raise Http404
    audit(request, action=AuditAction.EXPORT, obj=submission, reason="file downloaded")
    attached = submission.file
    return FileResponse(
        attached.upload.open("rb"),
        as_attachment=True,
        filename=attached.original_name,
        content_type=attached.content_type,
    )


@roles(Role.ORG_ADMIN, Role.COORDINATOR, Role.TRAINER)
@require_http_methods(["GET", "POST"])
def assessment_criteria(request: OrgRequest, pk: int) -> HttpResponseBase:
    found: AssessmentRequirement = get_in_organisation_or_404(
        request,
        selectors.assessment.assessments_visible(actor=request.actor),
        belongs=selectors.assessment.assessment_visible,
        pk=pk,
    )

    def save(form: CriterionForm) -> HttpResponseBase:
        statement = None
        ref = form.cleaned_data["statement_ref"].strip()
        if ref:
            try:
                statement = statement_get(framework_get(), ref)
            except Http404 as error:
                raise ValidationError({"statement_ref": f"There is no statement {ref}."}) from error
        services.assessment.criterion_add(
            assessment=found,
            text=form.cleaned_data["text"],
            statement=statement,
            by=request.actor.user,
            request=request,
        )
        messages.success(request, "Criterion added.")
        return redirect("training:assessment-criteria", pk=found.pk)

    return form_page(
        request,
        CriterionForm,
        "training/assessment_criteria.jinja",
        {"assessment": found, "criteria": list(found.criteria.select_related("statement"))},
        save=save,
    )
