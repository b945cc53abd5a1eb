"""Tools used alongside goals and plans: coping and problem-solving worksheets (unit 3.3),
meaningful activities (3.2) and digital interventions (5.3)."""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.contrib import messages
from django.db import models
from django.http import HttpResponse, QueryDict
from django.http.response import HttpResponseBase
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.views.decorators.http import require_http_methods

from peerpath.caseload.models import Person
from peerpath.caseload.scoping import CASELOAD_ROLES, RECORD_READERS, person_view
from peerpath.core.access import roles
from peerpath.core.formpage import form_page
from peerpath.core.http import OrgRequest
from peerpath.core.once import creates_once

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
) -> HttpResponseBase:
    def make(data: QueryDict | None) -> ToolForm:
        if obj is None:
            return tool.form(data)
        version = getattr(obj, "version", 0)
        return tool.form(data, instance=obj, initial={"version": version}, editing=True)

    def save(form: ToolForm) -> HttpResponse:
        if obj is None:
            saved = tool.create(
                person=person, data=form.data_for_save(), by=request.user, request=request
            )
        else:
            saved = tool.update(
                **{tool.update_arg: obj},
                data=form.data_for_save(),
                expected_version=form.cleaned_data["version"],
                by=request.user,
                request=request,
            )
        messages.success(request, f"The {tool.what} is saved.")
        return done(saved)

    return form_page(
        request,
        make,
        "recovery/tool_form.jinja",
        {"person": person, "tool": tool, "obj": obj},
        save=save,
        conflict=f"this {tool.what}",
    )


def _to_tools(person: Person) -> Callable[[Any], HttpResponse]:
    return lambda saved: redirect("recovery:tool-list", person=person.pk)


def _to_worksheet(person: Person) -> Callable[[Any], HttpResponse]:
    return lambda saved: redirect("recovery:worksheet-detail", person=person.pk, pk=saved.pk)


@roles(*RECORD_READERS)
@require_http_methods(["GET"])
@person_view("recovery tools", read_only=True)
def tool_list(request: OrgRequest, person: Person) -> HttpResponse:
    return TemplateResponse(
        request,
        "recovery/tool_list.jinja",
        {
            "person": person,
            "worksheets": selectors.worksheets_of(person),
            "activities": selectors.activities_of(person),
            "digital": selectors.digital_of(person),
            "helpfulness": dict(Helpfulness.choices),
        },
    )


@roles(*CASELOAD_ROLES)
@require_http_methods(["GET", "POST"])
@creates_once
@person_view("start a coping worksheet")
def worksheet_create(request: OrgRequest, person: Person) -> HttpResponseBase:
    return _tool_form(request, person, WORKSHEET, None, _to_worksheet(person))


@roles(*RECORD_READERS)
@require_http_methods(["GET"])
@person_view("coping worksheet", read_only=True)
def worksheet_detail(request: OrgRequest, person: Person, pk: int) -> HttpResponse:
    worksheet = selectors.worksheet_for_person(person, pk)
    rows = [(label, getattr(worksheet, name)) for name, label in WORKSHEET_LABELS.items()]
    return TemplateResponse(
        request,
        "recovery/worksheet_detail.jinja",
        {"person": person, "worksheet": worksheet, "rows": rows},
    )


@roles(*CASELOAD_ROLES)
@require_http_methods(["GET", "POST"])
@person_view("edit a coping worksheet")
def worksheet_edit(request: OrgRequest, person: Person, pk: int) -> HttpResponseBase:
    worksheet = selectors.worksheet_for_person(person, pk)
    return _tool_form(request, person, WORKSHEET, worksheet, _to_worksheet(person))


@roles(*CASELOAD_ROLES)
@require_http_methods(["GET", "POST"])
@creates_once
@person_view("add a meaningful activity")
def activity_create(request: OrgRequest, person: Person) -> HttpResponseBase:
    return _tool_form(request, person, ACTIVITY, None, _to_tools(person))


@roles(*CASELOAD_ROLES)
@require_http_methods(["GET", "POST"])
@person_view("edit a meaningful activity")
def activity_edit(request: OrgRequest, person: Person, pk: int) -> HttpResponseBase:
    activity = selectors.activity_for_person(person, pk)
    return _tool_form(request, person, ACTIVITY, activity, _to_tools(person))


@roles(*CASELOAD_ROLES)
@require_http_methods(["GET", "POST"])
@creates_once
@person_view("add a digital intervention")
def digital_create(request: OrgRequest, person: Person) -> HttpResponseBase:
    return _tool_form(request, person, DIGITAL, None, _to_tools(person))


@roles(*CASELOAD_ROLES)
@require_http_methods(["GET", "POST"])
@person_view("edit a digital intervention")
def digital_edit(request: OrgRequest, person: Person, pk: int) -> HttpResponseBase:
    digital = selectors.digital_for_person(person, pk)
    return _tool_form(request, person, DIGITAL, digital, _to_tools(person))
