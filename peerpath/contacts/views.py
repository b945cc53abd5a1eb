"""Contact records, accompanying and signposting on a person's record.

Every view fetches the person with `@person_view` first (scoped to the caller's caseload,
and audited), then the sub-object from that person's own records.
"""

from collections.abc import Callable
from datetime import date
from typing import Any
from urllib.parse import urlencode

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpResponse, QueryDict
from django.http.response import HttpResponseBase
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST

from peerpath.caseload.models import Person
from peerpath.caseload.scoping import CASELOAD_ROLES, RECORD_READERS, person_view
from peerpath.core.access import roles
from peerpath.core.formpage import form_page, form_status, posted
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
@person_view("contact records", read_only=True)
def note_list(request: OrgRequest, person: Person) -> HttpResponse:
    page = Paginator(selectors.note_list_for_person(person), NOTES_PER_PAGE).get_page(
        request.GET.get("page")
    )
    return _render(request, "note_list.jinja", {"person": person, "page": page})


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


def _writing_page(
    request: OrgRequest,
    template: str,
    context: dict[str, Any],
    *,
    form: Callable[[QueryDict | None, dict[str, Any]], forms.BaseForm],
    initial: dict[str, Any],
    fields: tuple[str, ...],
    checks: str,
    save: Callable[[Any], HttpResponse | None],
) -> HttpResponse:
    """A page where the writer writes about the person (a contact note, an amendment).

    `form(data, initial)` makes its form. Besides saving, the writer may ask for a wording
    check (the "check" button): it suggests better words for the `checks` field and shows
    the form's `fields` again as typed, judging and saving nothing. On a valid save,
    `save(form)` answers with a response, or with None once it has put what went wrong on
    the form (a `ValidationError` it raises is put there, too).
    """
    findings: list[wording.Finding] | None = None
    if request.method == "POST" and "check" in request.POST:
        findings = wording.check(request.POST.get(checks, ""))
        shown = form(None, _as_typed(request, fields))
    else:
        shown = form(posted(request), initial)
        if request.method == "POST" and shown.is_valid():
            try:
                answer = save(shown)
            except ValidationError as error:
                add_service_errors(shown, error)
            else:
                if answer is not None:
                    return answer
    return _render(
        request,
        template,
        {**context, "form": shown, "findings": findings},
        status=form_status(shown),
    )


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


def _note_form(person: Person) -> Callable[[QueryDict | None, dict[str, Any]], ContactNoteForm]:
    goals = selectors.goals_of(person)
    return lambda data, initial: ContactNoteForm(data, goals=goals, initial=initial)


@roles(*CASELOAD_ROLES)
@require_http_methods(["GET", "POST"])
@creates_once
@person_view("new contact record")
def note_create(request: OrgRequest, person: Person) -> HttpResponse:
    def save(form: ContactNoteForm) -> HttpResponse:
        data = form.cleaned_data
        note = services.note_create(
            person=person, data=data, goals=data.get("goals", []), by=request.user, request=request
        )
        return _after_note_save(request, note)

    return _writing_page(
        request,
        "note_form.jinja",
        {"person": person, "note": None},
        form=_note_form(person),
        initial=_note_prefill(request, person),
        fields=NOTE_FORM_FIELDS,
        checks="note",
        save=save,
    )


@roles(*RECORD_READERS)
@require_http_methods(["GET"])
@person_view("contact record {pk}", read_only=True)
def note_detail(request: OrgRequest, person: Person, pk: int) -> HttpResponse:
    note = selectors.note_for_person_or_404(person, pk)
    return _render(
        request,
        "note_detail.jinja",
        {
            "person": person,
            "note": note,
            "amendments": list(note.amendments.all()),
            "findings": None if note.is_signed else wording.check(note.note),
            "may_change_draft": request.actor.may("contacts.change_draft", note),
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
@person_view("contact record {pk}")
def note_edit(request: OrgRequest, person: Person, pk: int) -> HttpResponse:
    note = selectors.note_for_person_or_404(person, pk)
    if note.is_signed:
        return _signed(request, person, note)
    if not request.actor.may("contacts.change_draft", note):
        return _only_the_author(request, note)

    def save(form: ContactNoteForm) -> HttpResponse | None:
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
            return _signed(request, person, note)
        except EditConflict as conflict:
            show_conflict(form, conflict, what="this draft", own=True, saved=note)
            return None
        return _after_note_save(request, note)

    return _writing_page(
        request,
        "note_form.jinja",
        {"person": person, "note": note},
        form=_note_form(person),
        initial={
            **{name: getattr(note, name) for name in services.NOTE_FIELDS},
            "contact_on": _typed_date(note.contact_on),
            "goals": [g.pk for g in note.goals.all()],
            "version": note.version,
        },
        fields=NOTE_FORM_FIELDS,
        checks="note",
        save=save,
    )


@roles(*CASELOAD_ROLES)
@require_http_methods(["GET", "POST"])
@person_view("contact record {pk}")
def note_sign(request: OrgRequest, person: Person, pk: int) -> HttpResponse:
    note = selectors.note_for_person_or_404(person, pk)
    if note.is_signed:
        messages.info(request, "This note is already signed. Add an amendment to correct it.")
        return redirect(_note_url(note))
    if not request.actor.may("contacts.change_draft", note):
        return _only_the_author(request, note)
    form = VersionForm(posted(request), initial={"version": note.version})
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
            note = selectors.note_for_person_or_404(person, pk)
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
        {"person": person, "note": note, "form": form, "findings": wording.check(note.note)},
        status=form_status(form),
    )


@roles(*CASELOAD_ROLES)
@require_http_methods(["GET", "POST"])
@creates_once
@person_view("contact record {pk}")
def note_amend(request: OrgRequest, person: Person, pk: int) -> HttpResponse:
    note = selectors.note_for_person_or_404(person, pk)
    if not note.is_signed:
        messages.info(request, "This note is still a draft: its author can edit it directly.")
        return redirect(_note_url(note))
    amendments = list(note.amendments.all())
    latest = amendments[-1].text if amendments else note.note

    def save(form: AmendmentForm) -> HttpResponse:
        services.note_amend(
            note=note,
            text=form.cleaned_data["text"],
            reason=form.cleaned_data["reason"],
            by=request.user,
            request=request,
        )
        messages.success(request, "Amendment added. The signed note and every amendment stay.")
        return redirect(_note_url(note))

    return _writing_page(
        request,
        "note_amend.jinja",
        {"person": person, "note": note, "amendments": amendments},
        form=lambda data, initial: AmendmentForm(data, initial=initial),
        initial={"text": latest},
        fields=("text", "reason"),
        checks="text",
        save=save,
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
@person_view("appointments", read_only=True)
def appointment_list(request: OrgRequest, person: Person) -> HttpResponse:
    now = timezone.now()
    return _render(
        request,
        "appointment_list.jinja",
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
    return _render(
        request,
        "appointment_detail.jinja",
        {
            "person": person,
            "appointment": appointment,
            "now": timezone.now(),
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
    form = HowItWentForm(
        posted(request),
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
            return redirect("contacts:appointment-detail", person=person.pk, pk=appointment.pk)
    return _render(
        request,
        "appointment_how_it_went.jinja",
        {"person": person, "appointment": appointment, "form": form},
        status=form_status(form),
    )


@roles(*CASELOAD_ROLES)
@require_http_methods(["GET", "POST"])
@person_view("appointment {pk}")
def appointment_cancel(request: OrgRequest, person: Person, pk: int) -> HttpResponse:
    appointment = selectors.appointment_for_person_or_404(person, pk)
    form = VersionForm(
        posted(request),
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
            return redirect("contacts:appointment-detail", person=person.pk, pk=appointment.pk)
    return _render(
        request,
        "appointment_cancel.jinja",
        {"person": person, "appointment": appointment, "form": form},
        status=form_status(form),
    )


# Signposting


@roles(*RECORD_READERS)
@require_http_methods(["GET"])
@person_view("signposting", read_only=True)
def signpost_list(request: OrgRequest, person: Person) -> HttpResponse:
    return _render(
        request,
        "signpost_list.jinja",
        {
            "person": person,
            "lists": selectors.signpost_lists(person),
            "today": timezone.localdate(),
        },
    )


@roles(*CASELOAD_ROLES)
@require_http_methods(["GET", "POST"])
@creates_once
@person_view("new signpost")
def signpost_create(request: OrgRequest, person: Person) -> HttpResponseBase:
    """Two steps on one page: find a service in the directory, then the signposting form."""
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
                "person": person,
                "search": search,
                "page": page,
                "query": query.urlencode(),
                "searched": any(request.GET.get(k) for k in ("q", "need", "locality")),
                "today": timezone.localdate(),
                "missing": request.method == "POST",
            },
            status=400 if request.method == "POST" else 200,
        )

    def save(form: SignpostForm) -> HttpResponse:
        signpost = services.signpost_create(
            person=person,
            service=service,
            willing_and_able=form.cleaned_data["willing_and_able"],
            note=form.cleaned_data["note"],
            follow_up_on=form.cleaned_data["follow_up_on"],
            by=request.user,
            request=request,
        )
        messages.success(
            request,
            f"Signposted to {service.name}. Follow up on "
            f"{signpost.follow_up_on.strftime('%-d %B %Y')}.",
        )
        return redirect("contacts:signpost-detail", person=person.pk, pk=signpost.pk)

    return form_page(
        request,
        lambda data: SignpostForm(data, person=person),
        "contacts/signpost_form.jinja",
        {"person": person, "service": service, "today": timezone.localdate()},
        save=save,
    )


@roles(*RECORD_READERS)
@require_http_methods(["GET"])
@person_view("signpost {pk}", read_only=True)
def signpost_detail(request: OrgRequest, person: Person, pk: int) -> HttpResponse:
    signpost = selectors.signpost_for_person_or_404(person, pk)
    return _render(
        request,
        "signpost_detail.jinja",
        {"person": person, "signpost": signpost, "today": timezone.localdate()},
    )


@roles(*CASELOAD_ROLES)
@require_http_methods(["GET", "POST"])
@person_view("signpost {pk}")
def signpost_outcome(request: OrgRequest, person: Person, pk: int) -> HttpResponse:
    signpost = selectors.signpost_for_person_or_404(person, pk)
    if request.method == "GET" and signpost.outcome:
        messages.info(request, "The outcome is already recorded.")
        return redirect("contacts:signpost-detail", person=person.pk, pk=signpost.pk)
    form = OutcomeForm(
        posted(request),
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
            return redirect("contacts:signpost-detail", person=person.pk, pk=signpost.pk)
    return _render(
        request,
        "signpost_outcome.jinja",
        {"person": person, "signpost": signpost, "form": form},
        status=form_status(form),
    )
