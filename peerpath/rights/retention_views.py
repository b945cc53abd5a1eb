"""Pages of retention: the records whose retention period has passed, for review by one
admin and confirmation by a second. Nothing here deletes anything: destruction is a
command (`manage.py destroy_reviewed_records`) run by the system owner."""

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST

from peerpath.core.access import get_in_organisation_or_404, roles
from peerpath.core.audit import audit_many
from peerpath.core.formpage import form_page
from peerpath.core.http import OrgRequest
from peerpath.core.models import AuditAction
from peerpath.core.roles import Role
from peerpath.core.versioning import EditConflict, posted_version

from . import retention
from .forms import RetentionReviewForm

PAGE_SIZE = 25


@roles(Role.ORG_ADMIN)
@require_http_methods(["GET"])
def retention_list(request: OrgRequest) -> HttpResponse:
    today = timezone.localdate()
    rows = retention.retention_due(actor=request.actor, today=today)
    page = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))
    audit_many(
        request,
        action=AuditAction.VIEW,
        objects=page.object_list,
        person_id_of=lambda person: person.pk,
        reason="records due for retention review",
    )
    return TemplateResponse(
        request,
        "rights/retention_list.jinja",
        {"page": page, "today": today, "organisation": request.actor.organisation},
    )


@roles(Role.ORG_ADMIN)
@require_http_methods(["GET", "POST"])
def retention_review(request: OrgRequest, pk: int) -> HttpResponseBase:
    today = timezone.localdate()
    found: Any = get_in_organisation_or_404(
        request,
        retention.retention_due(actor=request.actor, today=today),
        audit_read=True,
        pk=pk,
    )
    review = retention.latest_review(found)

    def save(form: RetentionReviewForm) -> HttpResponse:
        retention.retention_review_record(
            person=found,
            decision=form.cleaned_data["decision"],
            keep_until=form.cleaned_data["keep_until"],
            reason=form.cleaned_data["reason"],
            actor=request.actor,
            request=request,
        )
        messages.success(request, "Decision recorded.")
        return redirect("rights:retention-list")

    return form_page(
        request,
        RetentionReviewForm,
        "rights/retention_review.jinja",
        {
            "person": found,
            "review": review,
            "due_on": retention.due_for(request.actor.organisation, found),
            "may_confirm": review is not None
            and review.decision == "destroy"
            and review.confirmed_at is None
            and review.decided_by_id != request.user.pk,
        },
        save=save,
    )


@roles(Role.ORG_ADMIN)
@require_POST
def retention_confirm(request: OrgRequest, pk: int) -> HttpResponseBase:
    found: Any = get_in_organisation_or_404(
        request,
        retention.retention_due(actor=request.actor, today=timezone.localdate()),
        pk=pk,
    )
    review = retention.latest_review(found)
    try:
        if review is None:
            raise ValidationError("There is nothing to confirm.")
        retention.retention_review_confirm(
            review=review,
            expected_version=posted_version(request.POST),
            actor=request.actor,
            request=request,
        )
    except EditConflict:
        messages.error(request, "Someone else changed this review meanwhile. Check it again.")
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request,
            "Confirmed. The record is destroyed when the system owner next runs the "
            "destruction of reviewed records; a tombstone is kept.",
        )
    return redirect("rights:retention-review", pk=pk)
