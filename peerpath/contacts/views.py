"""Contact records on a person's record: notes of each contact, drafted, signed, amended.

Accompanying is in `appointment_views`, signposting in `signpost_views`.

Every view fetches the person with `@person_view` first (scoped to the caller's caseload,
and audited), then the sub-object from that person's own records.
"""

from collections.abc import Callable
from datetime import date
from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpResponse, QueryDict
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST

from peerpath.caseload.models import Person
from peerpath.caseload.scoping import CASELOAD_ROLES, RECORD_READERS, person_view
from peerpath.core.access import roles
from peerpath.core.formpage import form_status, posted
from peerpath.core.forms import add_service_errors
from peerpath.core.http import OrgRequest
from peerpath.core.once import creates_once
from peerpath.core.versioning import EditConflict, conflict_message, show_conflict

from . import selectors, services, wording
from .forms import AmendmentForm, ContactNoteForm, LiftForm, VersionForm, WithholdForm
from .models import ContactKind, ContactNote, SignedNoteError

NOTES_PER_PAGE = 20


def _note_url(note: ContactNote) -> str:
    return reverse("contacts:note-detail", kwargs={"person": note.person_id, "pk": note.pk})


# Contact records


@roles(*RECORD_READERS)
@require_http_methods(["GET"])
@person_view("contact records", read_only=True)
def note_list(request: OrgRequest, person: Person) -> HttpResponse:
    page = Paginator(selectors.note_list_for_person(person), NOTES_PER_PAGE).get_page(
        request.GET.get("page")
    )
    return TemplateResponse(request, "contacts/note_list.jinja", {"person": person, "page": page})


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
    return TemplateResponse(
        request,
        f"contacts/{template}",
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
    note.person = person
    return TemplateResponse(
        request,
        "contacts/note_detail.jinja",
        {
            "person": person,
            "note": note,
            "amendments": list(note.amendments.all()),
            "responses": list(note.responses.all()),
            "withholding": selectors.withholding_in_force(note) if note.is_signed else None,
            "findings": None if note.is_signed else wording.check(note.note),
            "may_change_draft": request.actor.may("contacts.change_draft", note),
            "may_withhold": request.actor.may("contacts.withhold_note", note),
        },
    )


def _not_for_you_to_withhold(request: OrgRequest, note: ContactNote) -> HttpResponse:
    messages.info(
        request,
        "Only the note's author or a supervisor of the team can hold a note back or show it again.",
    )
    return redirect(_note_url(note))


@roles(*CASELOAD_ROLES)
@require_http_methods(["GET", "POST"])
@person_view("contact record {pk}")
def note_withhold(request: OrgRequest, person: Person, pk: int) -> HttpResponse:
    """Hold a signed note back from the person, with the reason next to the choice."""
    note = selectors.note_for_person_or_404(person, pk)
    note.person = person
    if not request.actor.may("contacts.withhold_note", note):
        return _not_for_you_to_withhold(request, note)
    if selectors.withholding_in_force(note) is not None:
        messages.info(request, f"This note is already held back from {person.display_name}.")
        return redirect(_note_url(note))
    form = WithholdForm(posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            services.note_withhold(
                note=note,
                reason_kind=form.cleaned_data["reason_kind"],
                reason=form.cleaned_data["reason"],
                by=request.user,
                request=request,
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, f"The note is held back from {person.display_name}.")
            return redirect(_note_url(note))
    return TemplateResponse(
        request,
        "contacts/note_withhold.jinja",
        {"person": person, "note": note, "form": form},
        status=form_status(form),
    )


@roles(*CASELOAD_ROLES)
@require_http_methods(["GET", "POST"])
@person_view("contact record {pk}")
def note_withhold_lift(request: OrgRequest, person: Person, pk: int) -> HttpResponse:
    """Show a held-back note to the person again, saying why; the record of it stays."""
    note = selectors.note_for_person_or_404(person, pk)
    note.person = person
    if not request.actor.may("contacts.withhold_note", note):
        return _not_for_you_to_withhold(request, note)
    withholding = selectors.withholding_in_force(note)
    if withholding is None:
        messages.info(request, f"{person.display_name} can already read this note.")
        return redirect(_note_url(note))
    form = LiftForm(posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            services.note_withholding_lift(
                withholding=withholding,
                reason=form.cleaned_data["lift_reason"],
                by=request.user,
                request=request,
            )
        except services.AlreadyDone:
            messages.info(request, f"{person.display_name} can already read this note.")
            return redirect(_note_url(note))
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, f"{person.display_name} can read this note now.")
            return redirect(_note_url(note))
    return TemplateResponse(
        request,
        "contacts/note_withhold_lift.jinja",
        {"person": person, "note": note, "withholding": withholding, "form": form},
        status=form_status(form),
    )


def _only_the_author(request: OrgRequest, note: ContactNote) -> HttpResponse:
    messages.info(
        request,
        f"Only {note.author.display_name}, who wrote this draft, can change or sign it.",
    )
    return redirect(_note_url(note))


def _signed(request: OrgRequest, person: Person, note: ContactNote) -> HttpResponse:
    return TemplateResponse(
        request, "contacts/note_signed.jinja", {"person": person, "note": note}, status=403
    )


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
    return TemplateResponse(
        request,
        "contacts/note_sign.jinja",
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
    return TemplateResponse(
        request, "contacts/_wording.jinja", {"findings": wording.check(text), "live": True}
    )
