"""The person supported's own contact records, appointments and signposts (under /my/).

Every view is `@roles(Role.PERSON)` and `@own_record_view(...)`: it gets the signed-in
person's own `Person`, never one named by the URL, and fetches each note, appointment or
signpost THROUGH that person, so another person's id (or a draft, or a note held back from
them) is a 404.
"""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from peerpath.caseload.models import Person
from peerpath.caseload.scoping import own_record_view
from peerpath.core.access import roles
from peerpath.core.formpage import form_status, posted
from peerpath.core.forms import add_service_errors
from peerpath.core.http import OrgRequest
from peerpath.core.once import creates_once
from peerpath.core.roles import Role

from . import selectors, services
from .forms import MY_OUTCOMES, AppointmentRequestForm, MyOutcomeForm, MyViewForm
from .signpost_views import record_outcome

MY_NOTES_PER_PAGE = 10


@roles(Role.PERSON)
@require_http_methods(["GET"])
@own_record_view("their own contact records")
def my_note_list(request: OrgRequest, person: Person) -> HttpResponse:
    page = Paginator(selectors.notes_for_person(person), MY_NOTES_PER_PAGE).get_page(
        request.GET.get("page")
    )
    return TemplateResponse(
        request, "contacts/my_note_list.jinja", {"person": person, "page": page}
    )


@roles(Role.PERSON)
@require_http_methods(["GET", "POST"])
@creates_once
@own_record_view("their own contact record {pk}")
def my_note_detail(request: OrgRequest, person: Person, pk: int) -> HttpResponse:
    """The note as signed, its amendments, the person's views, and a form to add one."""
    note = selectors.own_note_or_404(person, pk)
    form = MyViewForm(posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            services.note_response_add(
                note=note,
                person=person,
                text=form.cleaned_data["text"],
                by=request.user,
                request=request,
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, "Your view is saved with the note.")
            return redirect("contacts:my-note-detail", pk=note.pk)
    return TemplateResponse(
        request,
        "contacts/my_note_detail.jinja",
        {
            "person": person,
            "note": note,
            "amendments": list(note.amendments.all()),
            "responses": list(note.responses.all()),
            "form": form,
        },
        status=form_status(form),
    )


@roles(Role.PERSON)
@require_http_methods(["GET"])
@own_record_view("their own appointments")
def my_appointment_list(request: OrgRequest, person: Person) -> HttpResponse:
    now = timezone.now()
    return TemplateResponse(
        request,
        "contacts/my_appointment_list.jinja",
        {"person": person, "lists": selectors.own_appointments(person, now=now), "now": now},
    )


@roles(Role.PERSON)
@require_http_methods(["GET", "POST"])
@creates_once
@own_record_view("their own appointment {pk}")
def my_appointment_ask(request: OrgRequest, person: Person, pk: int) -> HttpResponse:
    """Ask to change or cancel an appointment; earlier questions and answers are shown."""
    appointment = selectors.appointment_for_person_or_404(person, pk)
    asked = selectors.requests_of(appointment)
    waiting = next((r for r in asked if r.status == "waiting"), None)
    now = timezone.now()
    open_to_ask = waiting is None and not appointment.cancelled and appointment.starts_at >= now
    form = AppointmentRequestForm(posted(request) if open_to_ask else None)
    if request.method == "POST" and open_to_ask and form.is_valid():
        try:
            services.appointment_request_create(
                appointment=appointment,
                person=person,
                kind=form.cleaned_data["kind"],
                message=form.cleaned_data["message"],
                by=request.user,
                request=request,
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            worker = appointment.worker.display_name
            messages.success(request, f"Sent. {worker} will answer you here.")
            return redirect("contacts:my-appointment-list")
    return TemplateResponse(
        request,
        "contacts/my_appointment_ask.jinja",
        {
            "person": person,
            "appointment": appointment,
            "asked": asked,
            "waiting": waiting,
            "open_to_ask": open_to_ask,
            "now": now,
            "form": form,
        },
        status=form_status(form),
    )


@roles(Role.PERSON)
@require_http_methods(["GET"])
@own_record_view("their own signposting")
def my_signpost_list(request: OrgRequest, person: Person) -> HttpResponse:
    return TemplateResponse(
        request,
        "contacts/my_signpost_list.jinja",
        {"person": person, "lists": selectors.signpost_lists(person), "said": dict(MY_OUTCOMES)},
    )


@roles(Role.PERSON)
@require_http_methods(["GET", "POST"])
@own_record_view("their own signpost {pk}")
def my_signpost_detail(request: OrgRequest, person: Person, pk: int) -> HttpResponse:
    """The service's details and, until someone has said, "I went" / "I didn't go" /
    "It's not for me" (`signpost_record_outcome`, by the person)."""
    signpost = selectors.signpost_for_person_or_404(person, pk)
    form = MyOutcomeForm(posted(request), initial={"version": signpost.version})
    if (
        request.method == "POST"
        and form.is_valid()
        and record_outcome(request, form, signpost, note="", what="what happened")
    ):
        messages.success(request, "Thank you. Your peer support worker will see your answer.")
        return redirect("contacts:my-signpost-detail", pk=signpost.pk)
    return TemplateResponse(
        request,
        "contacts/my_signpost_detail.jinja",
        {"person": person, "signpost": signpost, "form": form, "said": dict(MY_OUTCOMES)},
        status=form_status(form),
    )
