"""Pages of corrections (rectification): the person says something in their record is
wrong; their worker or supervisor answers with a correction or a reason. Both are kept and
shown to the person."""

from typing import Any

from django import forms
from django.contrib import messages
from django.http import Http404, HttpResponse, QueryDict
from django.http.response import HttpResponseBase
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.views.decorators.http import require_http_methods

from peerpath.caseload.models import Person
from peerpath.caseload.scoping import CASELOAD_ROLES, own_record_view, person_view
from peerpath.core.access import roles
from peerpath.core.formpage import form_page
from peerpath.core.http import OrgRequest
from peerpath.core.once import creates_once
from peerpath.core.roles import Role

from . import selectors, services
from .forms import AnswerForm, CorrectionForm


@roles(Role.PERSON)
@require_http_methods(["GET"])
@own_record_view("my corrections")
def my_corrections(request: OrgRequest, person: Person) -> HttpResponse:
    return TemplateResponse(
        request,
        "rights/my_corrections.jinja",
        {"person": person, "rows": list(selectors.own_corrections(person)[:50])},
    )


def _correction_form(person: Person, data: QueryDict | None) -> CorrectionForm:
    form = CorrectionForm(data)
    notes = list(selectors.signed_notes_of(person)[:30])
    form.fields["note"] = forms.TypedChoiceField(
        label="Which note?",
        required=False,
        coerce=int,
        choices=[("", "Choose a note")]
        + [(n.pk, f"Note of {n.contact_on:%-d %B %Y}") for n in notes],
        help_text="Only when it is about a note.",
    )
    form.notes = {n.pk: n for n in notes}  # type: ignore[attr-defined]
    return form


@roles(Role.PERSON)
@require_http_methods(["GET", "POST"])
@creates_once
@own_record_view("ask for a correction")
def my_correction_create(request: OrgRequest, person: Person) -> HttpResponseBase:
    def save(form: Any) -> HttpResponse:
        note = form.notes.get(form.cleaned_data.get("note"))
        services.rectification_create(
            person=person,
            about=form.cleaned_data["about"],
            what_is_wrong=form.cleaned_data["what_is_wrong"],
            should_say=form.cleaned_data["should_say"],
            note=note,
            by=request.user,
            request=request,
        )
        messages.success(request, "Thank you. Your worker will look at it and answer you here.")
        return redirect("rights:my-corrections")

    return form_page(
        request,
        lambda data: _correction_form(person, data),
        "rights/my_correction_form.jinja",
        {"person": person},
        save=save,
    )


@roles(*CASELOAD_ROLES)
@require_http_methods(["GET", "POST"])
@person_view("correction {pk}")
def correction_answer(request: OrgRequest, person: Person, pk: int) -> HttpResponseBase:
    rectification = selectors.person_corrections(person).filter(pk=pk).first()
    if rectification is None:
        raise Http404
    may_answer = request.actor.may("rights.answer_correction", rectification)
    if request.method == "POST" and not may_answer:
        raise Http404

    def save(form: AnswerForm) -> HttpResponse:
        services.rectification_answer(
            rectification=rectification,
            status=form.cleaned_data["status"],
            answer=form.cleaned_data["answer"],
            amend_note=form.cleaned_data["amend_note"],
            expected_version=form.cleaned_data["version"],
            by=request.user,
            request=request,
        )
        messages.success(request, "Answer saved. The person sees it with their request.")
        return redirect("workspace:person-detail", person=person.pk)

    return form_page(
        request,
        lambda data: AnswerForm(data, initial={"version": rectification.version}),
        "rights/correction_answer.jinja",
        {"person": person, "rectification": rectification, "may_answer": may_answer},
        save=save,
        conflict="this correction",
    )
