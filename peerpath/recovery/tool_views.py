"""Tools used alongside goals and plans: coping and problem-solving worksheets (unit 3.3),
meaningful activities (3.2) and digital interventions (5.3)."""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.contrib import messages
from django.db import models
from django.http import HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.views.decorators.http import require_http_methods

from peerpath.caseload.models import Person
from peerpath.caseload.scoping import CASELOAD_ROLES, RECORD_READERS, get_person_or_404
from peerpath.core.access import roles
from peerpath.core.http import OrgRequest
from peerpath.core.once import creates_once
from peerpath.core.versioning import EditConflict, show_conflict

from . import selectors, services
from .forms import WORKSHEET_LABELS, ActivityForm, DigitalForm, ToolForm, WorksheetForm
from .models import Helpfulness


@dataclass(frozen=True)
class Tool:
    what: str  # "coping worksheet"
    form: type[ToolForm]
    create: Callable[..., Any]
    update: Callable[..., Any]
    update_arg: str  # the keyword the update service takes the object by
    new_heading: str


WORKSHEET = Tool(
    "coping worksheet",
    WorksheetForm,
    services.worksheet_create,
    services.worksheet_update,
    "worksheet",
    "Work through a problem together",
)
ACTIVITY = Tool(
    "meaningful activity",
    ActivityForm,
    services.activity_create,
    services.activity_update,
    "activity",
    "Add a meaningful activity",
)
DIGITAL = Tool(
    "digital intervention",
    DigitalForm,
    services.digital_create,
    services.digital_update,
    "digital",
    "Add an app, website or online group",
)


def _tool_form(
    request: OrgRequest,
    person: Person,
    tool: Tool,
    obj: models.Model | None,
    done: Callable[[Any], HttpResponse],
) -> HttpResponse:
    bound = request.POST if request.method == "POST" else None
    if obj is None:
        form = tool.form(bound)
    else:
        version = getattr(obj, "version", 0)
        form = tool.form(bound, instance=obj, initial={"version": version}, editing=True)
    if request.method == "POST" and form.is_valid():
        if obj is None:
            saved = tool.create(
                person=person, data=form.data_for_save(), by=request.user, request=request
            )
            messages.success(request, f"The {tool.what} is saved.")
            return done(saved)
        try:
            saved = tool.update(
                **{tool.update_arg: obj},
                data=form.data_for_save(),
                expected_version=form.cleaned_data["version"],
                by=request.user,
                request=request,
            )
        except EditConflict as conflict:
            show_conflict(form, conflict, what=f"this {tool.what}")
        else:
            messages.success(request, f"The {tool.what} is saved.")
            return done(saved)
    return TemplateResponse(
        request,
        "recovery/tool_form.jinja",
        {"person": person, "form": form, "tool": tool, "obj": obj},
        status=400 if form.errors else 200,
    )


def _to_tools(person: Person) -> Callable[[Any], HttpResponse]:
    return lambda saved: redirect("recovery:tool-list", person=person.pk)


def _to_worksheet(person: Person) -> Callable[[Any], HttpResponse]:
    return lambda saved: redirect("recovery:worksheet-detail", person=person.pk, pk=saved.pk)


@roles(*RECORD_READERS)
@require_http_methods(["GET"])
def tool_list(request: OrgRequest, person: int) -> HttpResponse:
    found = get_person_or_404(request, person, reason="recovery tools", read_only=True)
    return TemplateResponse(
        request,
        "recovery/tool_list.jinja",
        {
            "person": found,
            "worksheets": selectors.worksheets_of(found),
            "activities": selectors.activities_of(found),
            "digital": selectors.digital_of(found),
            "helpfulness": dict(Helpfulness.choices),
        },
    )


@roles(*CASELOAD_ROLES)
@require_http_methods(["GET", "POST"])
@creates_once
def worksheet_create(request: OrgRequest, person: int) -> HttpResponse:
    found = get_person_or_404(request, person, reason="start a coping worksheet")
    return _tool_form(request, found, WORKSHEET, None, _to_worksheet(found))


@roles(*RECORD_READERS)
@require_http_methods(["GET"])
def worksheet_detail(request: OrgRequest, person: int, pk: int) -> HttpResponse:
    found = get_person_or_404(request, person, reason="coping worksheet", read_only=True)
    worksheet = selectors.worksheet_for_person(found, pk)
    rows = [(label, getattr(worksheet, name)) for name, label in WORKSHEET_LABELS.items()]
    return TemplateResponse(
        request,
        "recovery/worksheet_detail.jinja",
        {"person": found, "worksheet": worksheet, "rows": rows},
    )


@roles(*CASELOAD_ROLES)
@require_http_methods(["GET", "POST"])
def worksheet_edit(request: OrgRequest, person: int, pk: int) -> HttpResponse:
    found = get_person_or_404(request, person, reason="edit a coping worksheet")
    worksheet = selectors.worksheet_for_person(found, pk)
    return _tool_form(request, found, WORKSHEET, worksheet, _to_worksheet(found))


@roles(*CASELOAD_ROLES)
@require_http_methods(["GET", "POST"])
@creates_once
def activity_create(request: OrgRequest, person: int) -> HttpResponse:
    found = get_person_or_404(request, person, reason="add a meaningful activity")
    return _tool_form(request, found, ACTIVITY, None, _to_tools(found))


@roles(*CASELOAD_ROLES)
@require_http_methods(["GET", "POST"])
def activity_edit(request: OrgRequest, person: int, pk: int) -> HttpResponse:
    found = get_person_or_404(request, person, reason="edit a meaningful activity")
    activity = selectors.activity_for_person(found, pk)
    return _tool_form(request, found, ACTIVITY, activity, _to_tools(found))


@roles(*CASELOAD_ROLES)
@require_http_methods(["GET", "POST"])
@creates_once
def digital_create(request: OrgRequest, person: int) -> HttpResponse:
    found = get_person_or_404(request, person, reason="add a digital intervention")
    return _tool_form(request, found, DIGITAL, None, _to_tools(found))


@roles(*CASELOAD_ROLES)
@require_http_methods(["GET", "POST"])
def digital_edit(request: OrgRequest, person: int, pk: int) -> HttpResponse:
    found = get_person_or_404(request, person, reason="edit a digital intervention")
    digital = selectors.digital_for_person(found, pk)
    return _tool_form(request, found, DIGITAL, digital, _to_tools(found))
