"""Accompanying: appointments the PSW goes to with the person, and how each went.

Every view fetches the person with `@person_view` first (scoped to the caller's caseload,
and audited), then the appointment from that person's own records.
"""

from typing import Any
from urllib.parse import urlencode

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from peerpath.caseload.models import Person
from peerpath.caseload.scoping import CASELOAD_ROLES, RECORD_READERS, person_view
from peerpath.core.access import roles
from peerpath.core.formpage import form_page, form_status, posted
from peerpath.core.forms import add_service_errors
from peerpath.core.http import OrgRequest
from peerpath.core.once import creates_once
from peerpath.core.versioning import EditConflict, conflict_message, show_conflict

from . import selectors, services
from .forms import ANSWER_DONE, AppointmentForm, HowItWentForm, RequestAnswerForm, VersionForm
from .models import ContactKind


@roles(*RECORD_READERS)
@require_http_methods(["GET"])
@person_view("appointments", read_only=True)
def appointment_list(request: OrgRequest, person: Person) -> HttpResponse:
    now = timezone.now()
    return TemplateResponse(
        request,
        "contacts/appointment_list.jinja",
        {"person": person, "lists": selectors.appointment_lists(person, now=now), "now": now},
    )


@roles(*CASELOAD_ROLES)
@require_http_methods(["GET", "POST"])
@creates_once
@person_view("new appointment")
def appointment_create(request: OrgRequest, person: Person) -> HttpResponseBase:
    def save(form: AppointmentForm) -> HttpResponse:
        appointment = services.appointment_create(
            person=person,
            starts_at=form.starts_at(),
            what=form.cleaned_data["what"],
            place=form.cleaned_data["place"],
            goal=form.cleaned_data["goal"],
            by=request.user,
            request=request,
        )
        messages.success(request, f"“{appointment.what}” added.")
        return redirect("contacts:appointment-detail", person=person.pk, pk=appointment.pk)

    goals = selectors.goals_of(person)
    return form_page(
        request,
        lambda data: AppointmentForm(data, goals=goals),
        "contacts/appointment_form.jinja",
        {"person": person},
        save=save,
    )


@roles(*RECORD_READERS)
@require_http_methods(["GET"])
@person_view("appointment {pk}", read_only=True)
def appointment_detail(request: OrgRequest, person: Person, pk: int) -> HttpResponse:
    appointment = selectors.appointment_for_person_or_404(person, pk)
    prefill = {
        "kind": ContactKind.ACCOMPANYING,
        "contact_on": timezone.localtime(appointment.starts_at).date().isoformat(),
        "place": appointment.place,
    }
    if appointment.goal_id:
        prefill["goal"] = str(appointment.goal_id)
    return TemplateResponse(
        request,
        "contacts/appointment_detail.jinja",
        {
            "person": person,
            "appointment": appointment,
            "now": timezone.now(),
            "asked": selectors.requests_of(appointment),
            "write_note_url": reverse("contacts:note-create", kwargs={"person": person.pk})
            + "?"
            + urlencode(prefill),
        },
    )


def _appointment_closed(request: OrgRequest, appointment: Any) -> HttpResponse | None:
    if appointment.cancelled:
        messages.info(request, "This appointment was cancelled.")
    elif appointment.how_it_went:
        messages.info(request, "How it went is already recorded.")
    else:
        return None
    return redirect("contacts:appointment-detail", person=appointment.person_id, pk=appointment.pk)


@roles(*CASELOAD_ROLES)
@require_http_methods(["GET", "POST"])
@person_view("appointment {pk}")
def appointment_how_it_went(request: OrgRequest, person: Person, pk: int) -> HttpResponse:
    appointment = selectors.appointment_for_person_or_404(person, pk)
    form = HowItWentForm(posted(request), initial={"version": appointment.version})
    if request.method == "GET":
        closed = _appointment_closed(request, appointment)
        if closed is not None:
            return closed
    elif form.is_valid():
        try:
            services.appointment_record_how_it_went(
                appointment=appointment,
                text=form.cleaned_data["how_it_went"],
                expected_version=form.cleaned_data["version"],
                by=request.user,
                request=request,
            )
        except EditConflict as conflict:
            show_conflict(form, conflict, what="this appointment", saved=appointment)
        except services.AlreadyDone:
            what = "a cancellation" if appointment.cancelled else "how this appointment went"
            show_conflict(
                form, EditConflict(appointment.version), what=what, once=True, saved=appointment
            )
        else:
            messages.success(request, "Saved how it went.")
            return redirect("contacts:appointment-detail", person=person.pk, pk=appointment.pk)
    return TemplateResponse(
        request,
        "contacts/appointment_how_it_went.jinja",
        {"person": person, "appointment": appointment, "form": form},
        status=form_status(form),
    )


@roles(*CASELOAD_ROLES)
@require_http_methods(["GET", "POST"])
@person_view("appointment {pk}")
def appointment_cancel(request: OrgRequest, person: Person, pk: int) -> HttpResponse:
    appointment = selectors.appointment_for_person_or_404(person, pk)
    form = VersionForm(posted(request), initial={"version": appointment.version})
    if request.method == "GET":
        closed = _appointment_closed(request, appointment)
        if closed is not None:
            return closed
    elif form.is_valid():
        try:
            services.appointment_cancel(
                appointment=appointment,
                expected_version=form.cleaned_data["version"],
                by=request.user,
                request=request,
            )
        except (EditConflict, services.AlreadyDone):
            form.add_error(None, conflict_message("this appointment", typed=False))
        else:
            messages.success(request, f"“{appointment.what}” cancelled.")
            return redirect("contacts:appointment-detail", person=person.pk, pk=appointment.pk)
    return TemplateResponse(
        request,
        "contacts/appointment_cancel.jinja",
        {"person": person, "appointment": appointment, "form": form},
        status=form_status(form),
    )


@roles(*CASELOAD_ROLES)
@require_http_methods(["GET", "POST"])
@person_view("appointment {pk}")
def appointment_request_answer(
    request: OrgRequest, person: Person, pk: int, request_pk: int
) -> HttpResponse:
    """Answer the person's request to change or cancel: cancel it here, or say it is
    changed (after changing it), or say why not. Version-checked, once."""
    appointment = selectors.appointment_for_person_or_404(person, pk)
    made = selectors.request_of_or_404(appointment, request_pk)
    back = redirect("contacts:appointment-detail", person=person.pk, pk=appointment.pk)
    if request.method == "GET" and made.status != "waiting":
        messages.info(request, "This request is already answered.")
        return back
    form = RequestAnswerForm(posted(request), kind=made.kind, initial={"version": made.version})
    if request.method == "POST" and form.is_valid():
        try:
            services.appointment_request_answer(
                made=made,
                done=form.cleaned_data["decision"] == ANSWER_DONE,
                answer=form.cleaned_data["answer"],
                expected_version=form.cleaned_data["version"],
                by=request.user,
                request=request,
            )
        except EditConflict as conflict:
            show_conflict(form, conflict, what="this request", once=True, saved=made)
        except services.AlreadyDone:
            form.add_error(None, "How it went is already recorded, so it cannot be cancelled.")
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, f"Answered. {person.display_name} will see your answer.")
            return back
    return TemplateResponse(
        request,
        "contacts/appointment_request_answer.jinja",
        {"person": person, "appointment": appointment, "made": made, "form": form},
        status=form_status(form),
    )
