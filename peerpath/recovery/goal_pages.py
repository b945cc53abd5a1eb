"""The bodies shared by the staff pages (`views.py`, `document_views.py`) and the person's
own pages (`my_views.py`): adding a step, marking it done, recording progress, and a plan
as a PDF. Each caller has already fetched the person (its own way: the caseload check or
`own_record_view`) and the goal through that person; it passes its template and where to
go back to."""

from typing import Any

from django.contrib import messages
from django.http import HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import redirect
from django.utils import timezone

from peerpath.caseload.models import Person
from peerpath.core.formpage import form_page
from peerpath.core.http import OrgRequest

from . import selectors, services
from .documents import Kind
from .forms import ProgressForm, StepForm
from .models import Goal


def step_add_page(
    request: OrgRequest, goal: Goal, *, template: str, context: dict[str, Any], back: str
) -> HttpResponseBase:
    def save(form: StepForm) -> HttpResponse:
        services.goal_step_add(goal=goal, by=request.user, request=request, **form.cleaned_data)
        messages.success(request, "Step added.")
        return redirect(back)

    return form_page(request, StepForm, template, {**context, "goal": goal}, save=save)


def step_done_action(request: OrgRequest, goal: Goal, step: int, *, back: str) -> HttpResponse:
    done = services.goal_step_done(
        step=selectors.goal_step_for(goal, step), by=request.user, request=request
    )
    messages.success(request, f"Step done: “{done.text}”. Well done.")
    return redirect(back)


def progress_add_page(
    request: OrgRequest, goal: Goal, *, template: str, context: dict[str, Any], back: str
) -> HttpResponseBase:
    def save(form: ProgressForm) -> HttpResponse:
        update = services.goal_progress_record(
            goal=goal, by=request.user, request=request, **form.cleaned_data
        )
        messages.success(
            request,
            "Success recorded. Something to celebrate!"
            if update.is_success
            else "Progress recorded.",
        )
        return redirect(back)

    return form_page(
        request,
        lambda data: ProgressForm(data, initial={"on": timezone.localdate()}),
        template,
        {**context, "goal": goal},
        save=save,
    )


def plan_pdf_response(
    request: OrgRequest, person: Person, kind: Kind, document: Any, version: Any, filename: str
) -> HttpResponse:
    """The plan's version as a PDF (its download audited by the service), shown inline."""
    pdf = services.document_pdf(
        person=person,
        kind=kind,
        document=document,
        version=version,
        by=request.user,
        request=request,
    )
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response
