"""Contact records, accompanying and signposting on a person's record.

Every view fetches the person with `get_person_or_404` first (scoped to the caller's
caseload, and audited), then the sub-object from that person's own records.
"""

from datetime import date
from typing import Any
from urllib.parse import urlencode

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST

from peerpath.caseload.models import Person
from peerpath.caseload.scoping import CASELOAD_ROLES, RECORD_READERS, get_person_or_404
from peerpath.core.access import roles
from peerpath.core.forms import add_service_errors
from peerpath.core.http import OrgRequest
from peerpath.core.once import creates_once
from peerpath.core.versioning import EditConflict, conflict_message, show_conflict

from . import selectors, services, wording
from .forms import (
    AmendmentForm,
    AppointmentForm,
    ContactNoteForm,
    HowItWentForm,
    OutcomeForm,
    ServiceSearchForm,
    SignpostForm,
    VersionForm,
)
from .models import ContactKind, ContactNote, SignedNoteError

NOTES_PER_PAGE = 20
SERVICES_PER_PAGE = 10


def _note_url(note: ContactNote) -> str:
    return reverse("contacts:note-detail", kwargs={"person": note.person_id, "pk": note.pk})


def _render(
    request: OrgRequest, template: str, context: dict[str, Any], *, status: int = 200
) -> HttpResponse:
    return TemplateResponse(request, f"contacts/{template}", context, status=status)


# Contact records


@roles(*RECORD_READERS)
@require_http_methods(["GET"])
def note_list(request: OrgRequest, person: int) -> HttpResponse:
    found = get_person_or_404(request, person, reason="contact records", read_only=True)
    page = Paginator(selectors.note_list_for_person(found), NOTES_PER_PAGE).get_page(
        request.GET.get("page")
    )
    return _render(request, "note_list.jinja", {"person": found, "page": page})


def _typed_date(day: date) -> str:
    """A date as people type it in the form (the hint's format)."""
    return day.strftime("%d/%m/%Y")


def _note_prefill(request: OrgRequest, person: Person) -> dict[str, Any]:
    """Starting values from a link (after an accompanied appointment, say)."""
    initial: dict[str, Any] = {"contact_on": _typed_date(timezone.localdate())}
    if request.GET.get("kind") in ContactKind.values:
        initial["kind"] = request.GET["kind"]
    try:
        on = date.fromisoformat(request.GET.get("contact_on", ""))
    except ValueError:
        on = None
    if on is not None and on <= timezone.localdate():
        initial["contact_on"] = _typed_date(on)
    if request.GET.get("place"):
        initial["place"] = request.GET["place"][:200]
    goal = selectors.goal_of_or_none(person, request.GET.get("goal"))
    if goal is not None:
        initial["goals"] = [goal.pk]
    return initial


def _as_typed(request: OrgRequest, names: tuple[str, ...]) -> dict[str, Any]:
    """The form as the writer left it, to show again without judging it (a wording check)."""
    typed: dict[str, Any] = {name: request.POST.get(name, "") for name in names}
    if "goals" in names:
        typed["goals"] = request.POST.getlist("goals")
    return typed


NOTE_FORM_FIELDS = (*services.NOTE_FIELDS, "goals", "version")


def _after_note_save(request: OrgRequest, note: ContactNote) -> HttpResponse:
    if "sign" in request.POST:
        return redirect("contacts:note-sign", person=note.person_id, pk=note.pk)
    findings = wording.check(note.note)
    messages.success(
        request,
        "Draft saved. Sign it when it is ready."
        if not findings
        else "Draft saved. Have a look at the wording suggestions below before you sign it.",
    )
    return redirect(_note_url(note))


@roles(*CASELOAD_ROLES)
@require_http_methods(["GET", "POST"])
@creates_once
def note_create(request: OrgRequest, person: int) -> HttpResponse:
    found = get_person_or_404(request, person, reason="new contact record")
    form = ContactNoteForm(
        request.POST if request.method == "POST" else None,
        goals=selectors.goals_of(found),
        initial=_note_prefill(request, found),
    )
    findings: list[wording.Finding] | None = None
    if request.method == "POST" and "check" in request.POST:
        findings = wording.check(request.POST.get("note", ""))
        form = ContactNoteForm(
            goals=selectors.goals_of(found), initial=_as_typed(request, NOTE_FORM_FIELDS)
        )
    elif request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            note = services.note_create(
                person=found,
                data=data,
                goals=data.get("goals", []),
                by=request.user,
                request=request,
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            return _after_note_save(request, note)
    return _render(
        request,
        "note_form.jinja",
        {"person": found, "form": form, "note": None, "findings": findings},
        status=400 if form.errors else 200,
    )


@roles(*RECORD_READERS)
@require_http_methods(["GET"])
def note_detail(request: OrgRequest, person: int, pk: int) -> HttpResponse:
    found = get_person_or_404(request, person, reason=f"contact record {pk}", read_only=True)
    note = selectors.note_for_person_or_404(found, pk)
    return _render(
        request,
        "note_detail.jinja",
        {
            "person": found,
            "note": note,
            "amendments": list(note.amendments.all()),
            "findings": None if note.is_signed else wording.check(note.note),
            "is_author": note.author_id == request.user.pk,
        },
    )


def _only_the_author(request: OrgRequest, note: ContactNote) -> HttpResponse:
    messages.info(
        request,
        f"Only {note.author.display_name}, who wrote this draft, can change or sign it.",
    )
    return redirect(_note_url(note))


def _signed(request: OrgRequest, person: Person, note: ContactNote) -> HttpResponse:
    return _render(request, "note_signed.jinja", {"person": person, "note": note}, status=403)


@roles(*CASELOAD_ROLES)
@require_http_methods(["GET", "POST"])
def note_edit(request: OrgRequest, person: int, pk: int) -> HttpResponse:
    found = get_person_or_404(request, person, reason=f"contact record {pk}")
    note = selectors.note_for_person_or_404(found, pk)
    if note.is_signed:
        return _signed(request, found, note)
    if note.author_id != request.user.pk:
        return _only_the_author(request, note)
    form = ContactNoteForm(
        request.POST if request.method == "POST" else None,
        goals=selectors.goals_of(found),
        initial={
            **{name: getattr(note, name) for name in services.NOTE_FIELDS},
            "contact_on": _typed_date(note.contact_on),
            "goals": [g.pk for g in note.goals.all()],
            "version": note.version,
        },
    )
    findings: list[wording.Finding] | None = None
    if request.method == "POST" and "check" in request.POST:
        findings = wording.check(request.POST.get("note", ""))
        form = ContactNoteForm(
            goals=selectors.goals_of(found), initial=_as_typed(request, NOTE_FORM_FIELDS)
        )
    elif request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.note_update_draft(
                note=note,
                data=data,
                goals=data.get("goals", []),
                expected_version=data["version"] or 0,
                by=request.user,
                request=request,
            )
        except SignedNoteError:
            return _signed(request, found, note)
        except EditConflict as conflict:
            show_conflict(form, conflict, what="this draft", own=True, saved=note)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            return _after_note_save(request, note)
    return _render(
        request,
        "note_form.jinja",
        {"person": found, "form": form, "note": note, "findings": findings},
        status=400 if form.errors else 200,
    )


@roles(*CASELOAD_ROLES)
@require_http_methods(["GET", "POST"])
def note_sign(request: OrgRequest, person: int, pk: int) -> HttpResponse:
    found = get_person_or_404(request, person, reason=f"contact record {pk}")
    note = selectors.note_for_person_or_404(found, pk)
    if note.is_signed:
        messages.info(request, "This note is already signed. Add an amendment to correct it.")
        return redirect(_note_url(note))
    if note.author_id != request.user.pk:
        return _only_the_author(request, note)
    form = VersionForm(
        request.POST if request.method == "POST" else None, initial={"version": note.version}
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.note_sign(
                note=note,
                expected_version=form.cleaned_data["version"],
                by=request.user,
                request=request,
            )
        except SignedNoteError:
            messages.info(request, "This note is already signed.")
            return redirect(_note_url(note))
        except EditConflict:
            note = selectors.note_for_person_or_404(found, pk)
            # Bound to the version now saved, so signing again signs what is shown below.
            form = VersionForm({"version": note.version})
            form.is_valid()
            form.add_error(None, conflict_message("this draft", own=True, typed=False))
        else:
            messages.success(request, "Note signed. It can no longer be changed, only amended.")
            return redirect(_note_url(note))
    return _render(
        request,
        "note_sign.jinja",
        {"person": found, "note": note, "form": form, "findings": wording.check(note.note)},
        status=400 if form.errors else 200,
    )


@roles(*CASELOAD_ROLES)
@require_http_methods(["GET", "POST"])
@creates_once
def note_amend(request: OrgRequest, person: int, pk: int) -> HttpResponse:
    found = get_person_or_404(request, person, reason=f"contact record {pk}")
    note = selectors.note_for_person_or_404(found, pk)
    if not note.is_signed:
        messages.info(request, "This note is still a draft: its author can edit it directly.")
        return redirect(_note_url(note))
    amendments = list(note.amendments.all())
    latest = amendments[-1].text if amendments else note.note
    form = AmendmentForm(
        request.POST if request.method == "POST" else None, initial={"text": latest}
    )
    findings: list[wording.Finding] | None = None
    if request.method == "POST" and "check" in request.POST:
        findings = wording.check(request.POST.get("text", ""))
        form = AmendmentForm(initial=_as_typed(request, ("text", "reason")))
    elif request.method == "POST" and form.is_valid():
        try:
            services.note_amend(
                note=note,
                text=form.cleaned_data["text"],
                reason=form.cleaned_data["reason"],
                by=request.user,
                request=request,
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, "Amendment added. The signed note and every amendment stay.")
            return redirect(_note_url(note))
    return _render(
        request,
        "note_amend.jinja",
        {
            "person": found,
            "note": note,
            "amendments": amendments,
            "form": form,
            "findings": findings,
        },
        status=400 if form.errors else 200,
    )


@roles(*CASELOAD_ROLES)
@require_POST
def wording_check(request: OrgRequest) -> HttpResponse:
    """HTMX: wording suggestions for the text being written; reads and stores nothing."""
    field = request.GET.get("field", "note")
    text = request.POST.get(field if field in ("note", "text") else "note", "")[:20_000]
    return _render(request, "_wording.jinja", {"findings": wording.check(text), "live": True})


# Accompanying


@roles(*RECORD_READERS)
@require_http_methods(["GET"])
def appointment_list(request: OrgRequest, person: int) -> HttpResponse:
    found = get_person_or_404(request, person, reason="appointments", read_only=True)
    now = timezone.now()
    return _render(
        request,
        "appointment_list.jinja",
        {"person": found, "lists": selectors.appointment_lists(found, now=now), "now": now},
    )


@roles(*CASELOAD_ROLES)
@require_http_methods(["GET", "POST"])
@creates_once
def appointment_create(request: OrgRequest, person: int) -> HttpResponse:
    found = get_person_or_404(request, person, reason="new appointment")
    form = AppointmentForm(
        request.POST if request.method == "POST" else None, goals=selectors.goals_of(found)
    )
    if request.method == "POST" and form.is_valid():
        try:
            appointment = services.appointment_create(
                person=found,
                starts_at=form.starts_at(),
                what=form.cleaned_data["what"],
                place=form.cleaned_data["place"],
                goal=form.cleaned_data["goal"],
                by=request.user,
                request=request,
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, f"“{appointment.what}” added.")
            return redirect("contacts:appointment-detail", person=found.pk, pk=appointment.pk)
    return _render(
        request,
        "appointment_form.jinja",
        {"person": found, "form": form},
        status=400 if form.errors else 200,
    )


@roles(*RECORD_READERS)
@require_http_methods(["GET"])
def appointment_detail(request: OrgRequest, person: int, pk: int) -> HttpResponse:
    found = get_person_or_404(request, person, reason=f"appointment {pk}", read_only=True)
    appointment = selectors.appointment_for_person_or_404(found, pk)
    prefill = {
        "kind": ContactKind.ACCOMPANYING,
        "contact_on": timezone.localtime(appointment.starts_at).date().isoformat(),
        "place": appointment.place,
    }
    if appointment.goal_id:
        prefill["goal"] = str(appointment.goal_id)
    return _render(
        request,
        "appointment_detail.jinja",
        {
            "person": found,
            "appointment": appointment,
            "now": timezone.now(),
            "write_note_url": reverse("contacts:note-create", kwargs={"person": found.pk})
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
def appointment_how_it_went(request: OrgRequest, person: int, pk: int) -> HttpResponse:
    found = get_person_or_404(request, person, reason=f"appointment {pk}")
    appointment = selectors.appointment_for_person_or_404(found, pk)
    form = HowItWentForm(
        request.POST if request.method == "POST" else None,
        initial={"version": appointment.version},
    )
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
            return redirect("contacts:appointment-detail", person=found.pk, pk=appointment.pk)
    return _render(
        request,
        "appointment_how_it_went.jinja",
        {"person": found, "appointment": appointment, "form": form},
        status=400 if form.errors else 200,
    )


@roles(*CASELOAD_ROLES)
@require_http_methods(["GET", "POST"])
def appointment_cancel(request: OrgRequest, person: int, pk: int) -> HttpResponse:
    found = get_person_or_404(request, person, reason=f"appointment {pk}")
    appointment = selectors.appointment_for_person_or_404(found, pk)
    form = VersionForm(
        request.POST if request.method == "POST" else None,
        initial={"version": appointment.version},
    )
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
            return redirect("contacts:appointment-detail", person=found.pk, pk=appointment.pk)
    return _render(
        request,
        "appointment_cancel.jinja",
        {"person": found, "appointment": appointment, "form": form},
        status=400 if form.errors else 200,
    )


# Signposting


@roles(*RECORD_READERS)
@require_http_methods(["GET"])
def signpost_list(request: OrgRequest, person: int) -> HttpResponse:
    found = get_person_or_404(request, person, reason="signposting", read_only=True)
    return _render(
        request,
        "signpost_list.jinja",
        {
            "person": found,
            "lists": selectors.signpost_lists(found),
            "today": timezone.localdate(),
        },
    )


@roles(*CASELOAD_ROLES)
@require_http_methods(["GET", "POST"])
@creates_once
def signpost_create(request: OrgRequest, person: int) -> HttpResponse:
    """Two steps on one page: find a service in the directory, then the signposting form."""
    found = get_person_or_404(request, person, reason="new signpost")
    chosen = request.POST.get("service") if request.method == "POST" else request.GET.get("service")
    service = selectors.service_or_none(request.organisation, chosen)
    if service is None:
        search = ServiceSearchForm(request.GET)
        criteria = search.cleaned_data if search.is_valid() else {}
        results = selectors.services_to_signpost(
            request.organisation,
            text=criteria.get("q", "").strip(),
            need=criteria.get("need", "").strip(),
            locality=criteria.get("locality", "").strip(),
        )
        page = Paginator(results, SERVICES_PER_PAGE).get_page(request.GET.get("page"))
        query = request.GET.copy()
        query.pop("page", None)
        return _render(
            request,
            "signpost_choose.jinja",
            {
                "person": found,
                "search": search,
                "page": page,
                "query": query.urlencode(),
                "searched": any(request.GET.get(k) for k in ("q", "need", "locality")),
                "today": timezone.localdate(),
                "missing": request.method == "POST",
            },
            status=400 if request.method == "POST" else 200,
        )
    form = SignpostForm(request.POST if request.method == "POST" else None, person=found)
    if request.method == "POST" and form.is_valid():
        try:
            signpost = services.signpost_create(
                person=found,
                service=service,
                willing_and_able=form.cleaned_data["willing_and_able"],
                note=form.cleaned_data["note"],
                follow_up_on=form.cleaned_data["follow_up_on"],
                by=request.user,
                request=request,
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request,
                f"Signposted to {service.name}. Follow up on "
                f"{signpost.follow_up_on.strftime('%-d %B %Y')}.",
            )
            return redirect("contacts:signpost-detail", person=found.pk, pk=signpost.pk)
    return _render(
        request,
        "signpost_form.jinja",
        {"person": found, "service": service, "form": form, "today": timezone.localdate()},
        status=400 if form.errors else 200,
    )


@roles(*RECORD_READERS)
@require_http_methods(["GET"])
def signpost_detail(request: OrgRequest, person: int, pk: int) -> HttpResponse:
    found = get_person_or_404(request, person, reason=f"signpost {pk}", read_only=True)
    signpost = selectors.signpost_for_person_or_404(found, pk)
    return _render(
        request,
        "signpost_detail.jinja",
        {"person": found, "signpost": signpost, "today": timezone.localdate()},
    )


@roles(*CASELOAD_ROLES)
@require_http_methods(["GET", "POST"])
def signpost_outcome(request: OrgRequest, person: int, pk: int) -> HttpResponse:
    found = get_person_or_404(request, person, reason=f"signpost {pk}")
    signpost = selectors.signpost_for_person_or_404(found, pk)
    if request.method == "GET" and signpost.outcome:
        messages.info(request, "The outcome is already recorded.")
        return redirect("contacts:signpost-detail", person=found.pk, pk=signpost.pk)
    form = OutcomeForm(
        request.POST if request.method == "POST" else None,
        initial={"version": signpost.version},
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.signpost_record_outcome(
                signpost=signpost,
                outcome=form.cleaned_data["outcome"],
                note=form.cleaned_data["outcome_note"],
                expected_version=form.cleaned_data["version"],
                by=request.user,
                request=request,
            )
        except EditConflict as conflict:
            show_conflict(form, conflict, what="this signpost", saved=signpost)
        except services.AlreadyDone:
            show_conflict(
                form,
                EditConflict(signpost.version),
                what="the outcome of this signpost",
                once=True,
                saved=signpost,
            )
        else:
            messages.success(request, "Outcome recorded.")
            return redirect("contacts:signpost-detail", person=found.pk, pk=signpost.pk)
    return _render(
        request,
        "signpost_outcome.jinja",
        {"person": found, "signpost": signpost, "form": form},
        status=400 if form.errors else 200,
    )
