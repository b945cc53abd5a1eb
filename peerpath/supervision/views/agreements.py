"""Supervision agreements: choosing the worker, setting one up, reading, changing and
agreeing it."""

from typing import Any

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpResponse, HttpResponseRedirect, QueryDict
from django.http.response import HttpResponseBase
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST

from peerpath.core.access import get_in_organisation_or_404, roles
from peerpath.core.formpage import form_page
from peerpath.core.http import OrgRequest, search_text
from peerpath.core.once import creates_once
from peerpath.core.roles import Role

from .. import selectors, services
from ..forms import (
    AgreementForm,
)
from ._shared import (
    PARTIES,
    PER_PAGE,
    SETTERS_UP,
    _agreement_if,
    _agreement_or_404,
    _agreement_url,
    _confirmed,
    _unit_4_2,
)


@roles(*SETTERS_UP)
@require_http_methods(["GET"])
def worker_list(request: OrgRequest) -> HttpResponse:
    """Choose the peer support worker an agreement is for: a page at a time, searchable."""
    text = search_text(request, limit=100)
    page = Paginator(selectors.worker_choices(request.actor, text), PER_PAGE).get_page(
        request.GET.get("page")
    )
    agreements = selectors.agreements_by_worker(request.actor, [w.pk for w in page.object_list])
    return TemplateResponse(
        request,
        "supervision/worker_list.jinja",
        {"page": page, "text": text, "agreements": agreements},
    )


@roles(*SETTERS_UP)
@require_http_methods(["GET", "POST"])
@creates_once
def agreement_create(request: OrgRequest, worker: int) -> HttpResponseBase:
    # The worker chosen, of the actor's organisation (another's, or no PSW, is a 404).
    found = get_in_organisation_or_404(
        request, selectors.worker_choices(request.actor), belongs=lambda u, o: True, pk=worker
    )
    supervisors = selectors.supervisor_choices(request.actor, found.pk)

    def make(data: QueryDict | None) -> AgreementForm:
        initial: dict[str, Any] = {"every_weeks": 4, "starts_on": timezone.localdate()}
        if request.actor.has(Role.SUPERVISOR) and request.user.pk != found.pk:
            initial["supervisor"] = request.user.pk
        return AgreementForm(data, initial=initial, supervisors=supervisors)

    def save(form: AgreementForm) -> HttpResponse:
        agreement = services.agreement_create(
            organisation=request.organisation,
            worker=found,
            terms=services.AgreementTerms(**_terms(form)),
            by=request.user,
            request=request,
        )
        messages.success(request, f"Agreement set up. {found.display_name} agrees it next.")
        return redirect("supervision:agreement-detail", pk=agreement.pk)

    return form_page(
        request,
        make,
        "supervision/agreement_form.jinja",
        {"worker": found, "agreement": None, "unit": _unit_4_2()},
        save=save,
    )


def _terms(form: AgreementForm) -> dict[str, Any]:
    data = form.cleaned_data
    return {k: data[k] for k in services.AgreementTerms.__dataclass_fields__}


@roles(*SETTERS_UP, Role.PSW)
@require_http_methods(["GET"])
def agreement_detail(request: OrgRequest, pk: int) -> HttpResponse:
    agreement = _agreement_or_404(request, pk)
    actor = request.actor
    sessions = None
    if actor.may("supervision.view_session", agreement):
        sessions = Paginator(selectors.sessions_of(agreement), PER_PAGE).get_page(
            request.GET.get("page")
        )
    # Dates only (when the last session was held, when the next is due): for everyone who
    # may read the agreement, a coordinator too.
    rows = selectors.due_rows(
        selectors.agreements_visible(actor).filter(pk=agreement.pk), timezone.localdate()
    )
    due = rows[0].due if rows and agreement.is_agreed else None
    return TemplateResponse(
        request,
        "supervision/agreement_detail.jinja",
        {
            "agreement": agreement,
            "sessions": sessions,
            "due": due,
            "unit": _unit_4_2(),
            "may_change": actor.may("supervision.change_agreement", agreement),
            "may_agree": actor.may("supervision.agree_agreement", agreement),
            "may_schedule": actor.may("supervision.schedule_session", agreement),
        },
    )


@roles(*SETTERS_UP)
@require_http_methods(["GET", "POST"])
def agreement_edit(request: OrgRequest, pk: int) -> HttpResponseBase:
    agreement = _agreement_if(
        request,
        pk,
        "supervision.change_agreement",
        "Only the supervisor or the peer development team change it.",
    )
    if isinstance(agreement, HttpResponseRedirect):
        return agreement
    here = _agreement_url(agreement)
    supervisors = selectors.supervisor_choices(request.actor, agreement.worker_id)

    def make(data: QueryDict | None) -> AgreementForm:
        initial = {
            "version": agreement.version,
            "kind": agreement.kind,
            "supervisor": agreement.supervisor_id,
            "every_weeks": agreement.every_weeks,
            "where": agreement.where,
            "what_is_recorded": agreement.what_is_recorded,
            "confidentiality_limits": agreement.confidentiality_limits,
            "starts_on": agreement.starts_on,
            "ends_on": agreement.ends_on,
        }
        return AgreementForm(data, initial=initial, supervisors=supervisors)

    def save(form: AgreementForm) -> HttpResponse:
        services.agreement_update(
            agreement=agreement,
            terms=services.AgreementTerms(**_terms(form)),
            expected_version=form.cleaned_data["version"],
            by=request.user,
            request=request,
        )
        if agreement.is_agreed:
            messages.success(request, "Agreement saved.")
        else:
            messages.success(request, "Agreement changed. It needs agreeing again.")
        return HttpResponseRedirect(here)

    return form_page(
        request,
        make,
        "supervision/agreement_form.jinja",
        {"worker": agreement.worker, "agreement": agreement, "unit": _unit_4_2()},
        save=save,
        conflict="this agreement",
    )


@roles(*PARTIES)
@require_POST
def agreement_agree(request: OrgRequest, pk: int) -> HttpResponseBase:
    agreement = _agreement_if(
        request, pk, "supervision.agree_agreement", "There is nothing for you to agree here now."
    )
    if isinstance(agreement, HttpResponseRedirect):
        return agreement
    here = _agreement_url(agreement)
    refused = _confirmed(
        request,
        here,
        lambda version: services.agreement_agree(
            agreement=agreement, expected_version=version, by=request.user, request=request
        ),
        conflict="this agreement",
    )
    if refused is not None:
        return refused
    messages.success(request, "Your agreement is recorded.")
    return HttpResponseRedirect(here)
