"""Supervision's pages: agreements, sessions, actions, sign-off, addenda, supervisees.

Session content is fetched only through `selectors.sessions_visible` (the worker and the
supervisor of the agreement), so anyone else gets 404; what each of them may do to a
session is asked of `supervision/rules.py`.
"""

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpResponse, HttpResponseRedirect, QueryDict
from django.http.response import HttpResponseBase
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST

from peerpath.caseload.selectors import audit_listed
from peerpath.core.access import get_in_organisation_or_404, roles
from peerpath.core.formpage import form_page
from peerpath.core.http import OrgRequest, search_text
from peerpath.core.once import creates_once
from peerpath.core.roles import Role
from peerpath.core.versioning import EditConflict, conflict_message, posted_version
from peerpath.wellbeing.selectors import shared_with_supervisor

from . import selectors, services
from .forms import (
    ActionForm,
    AddendumForm,
    AgreementForm,
    RecordForm,
    ScheduleForm,
    WorkerPartForm,
)
from .models import SupervisionAgreement, SupervisionSession

PER_PAGE = 20
SETTERS_UP = (Role.SUPERVISOR, Role.COORDINATOR)
PARTIES = (Role.SUPERVISOR, Role.PSW)


def _agreement_or_404(request: OrgRequest, pk: int) -> SupervisionAgreement:
    return get_in_organisation_or_404(
        request, selectors.agreements_visible(request.actor), audit_read=True, pk=pk
    )


def _session_or_404(request: OrgRequest, pk: int) -> SupervisionSession:
    return get_in_organisation_or_404(
        request, selectors.sessions_visible(request.actor), audit_read=True, pk=pk
    )


def _session_url(session: SupervisionSession) -> str:
    return reverse("supervision:session-detail", kwargs={"pk": session.pk})


def _not_now(request: OrgRequest, text: str, to: str) -> HttpResponseRedirect:
    messages.info(request, text)
    return HttpResponseRedirect(to)


def _unit_4_2() -> Any:
    """Framework unit 4.2, as imported (its statements are quoted, never paraphrased)."""
    return selectors.unit_4_2()


# --- agreements -------------------------------------------------------------------------------


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
    agreement = _agreement_or_404(request, pk)
    here = reverse("supervision:agreement-detail", kwargs={"pk": agreement.pk})
    if not request.actor.may("supervision.change_agreement", agreement):
        return _not_now(
            request, "Only the supervisor or the peer development team change it.", here
        )
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
    agreement = _agreement_or_404(request, pk)
    here = reverse("supervision:agreement-detail", kwargs={"pk": agreement.pk})
    if not request.actor.may("supervision.agree_agreement", agreement):
        return _not_now(request, "There is nothing for you to agree here now.", here)
    try:
        services.agreement_agree(
            agreement=agreement,
            expected_version=posted_version(request.POST),
            by=request.user,
            request=request,
        )
    except EditConflict:
        messages.error(request, conflict_message("this agreement", typed=False))
        return HttpResponseRedirect(here)
    messages.success(request, "Your agreement is recorded.")
    return HttpResponseRedirect(here)


# --- sessions ---------------------------------------------------------------------------------


@roles(Role.SUPERVISOR)
@require_http_methods(["GET", "POST"])
@creates_once
def session_create(request: OrgRequest, pk: int) -> HttpResponseBase:
    agreement = _agreement_or_404(request, pk)
    here = reverse("supervision:agreement-detail", kwargs={"pk": agreement.pk})
    if not request.actor.may("supervision.schedule_session", agreement):
        return _not_now(
            request, "The supervisor books sessions once both have agreed the agreement.", here
        )

    def save(form: ScheduleForm) -> HttpResponse:
        session = services.session_schedule(
            agreement=agreement,
            held_on=form.cleaned_data["held_on"],
            starts_at=form.cleaned_data["starts_at"],
            by=request.user,
            request=request,
        )
        messages.success(request, "Session booked.")
        return HttpResponseRedirect(_session_url(session))

    return form_page(
        request,
        ScheduleForm,
        "supervision/session_schedule.jinja",
        {"agreement": agreement},
        save=save,
    )


@roles(*PARTIES)
@require_http_methods(["GET"])
def session_detail(request: OrgRequest, pk: int) -> HttpResponse:
    session = _session_or_404(request, pk)
    agreement = session.agreement
    actor = request.actor
    people = list(session.caseload_people.order_by("full_name", "pk"))
    audit_listed(request, people, reason="supervision caseload review")
    is_supervisor = actor.user_id == agreement.supervisor_id
    shared = (
        shared_with_supervisor(request.organisation, agreement.worker_id) if is_supervisor else []
    )
    return TemplateResponse(
        request,
        "supervision/session_detail.jinja",
        {
            "session": session,
            "agreement": agreement,
            "people": people,
            "actions": selectors.actions_of(session),
            "carried": selectors.carried_forward(session),
            "addenda": selectors.addenda_of(session),
            "shared": shared,
            "is_supervisor": is_supervisor,
            "today": timezone.localdate(),
            "may_record": actor.may("supervision.record_session", session),
            "may_add_action": actor.may("supervision.add_action", session),
            "may_write_part": actor.may("supervision.write_worker_part", session),
            "may_sign": actor.may("supervision.sign_session", session),
            "may_add_addendum": actor.may("supervision.add_addendum", session),
        },
    )


@roles(*PARTIES)
@require_http_methods(["GET"])
def session_print(request: OrgRequest, pk: int) -> HttpResponse:
    session = _session_or_404(request, pk)
    people = list(session.caseload_people.order_by("full_name", "pk"))
    audit_listed(request, people, reason="supervision record printed")
    return TemplateResponse(
        request,
        "supervision/session_print.jinja",
        {
            "session": session,
            "agreement": session.agreement,
            "people": people,
            "actions": selectors.actions_of(session),
            "carried": selectors.carried_forward(session),
            "addenda": selectors.addenda_of(session),
        },
    )


@roles(Role.SUPERVISOR)
@require_http_methods(["GET", "POST"])
def session_record(request: OrgRequest, pk: int) -> HttpResponseBase:
    session = _session_or_404(request, pk)
    if not request.actor.may("supervision.record_session", session):
        return _not_now(
            request,
            "Only the supervisor records the session, before they sign.",
            _session_url(session),
        )
    agreement = session.agreement
    people = list(selectors.open_caseload_of(request.organisation, agreement.worker_id))
    audit_listed(request, people, reason="supervision caseload review")

    def make(data: QueryDict | None) -> RecordForm:
        return RecordForm(
            data,
            initial={
                "version": session.version,
                "brought": session.brought,
                "reflection": session.reflection,
                "caseload_review": session.caseload_review,
            },
        )

    def save(form: RecordForm) -> HttpResponse:
        data = form.cleaned_data
        services.session_record(
            session=session,
            brought=data["brought"],
            reflection=data["reflection"],
            caseload_review=data["caseload_review"],
            expected_version=data["version"],
            by=request.user,
            request=request,
        )
        messages.success(request, "Session recorded. Add actions, then sign when ready.")
        return HttpResponseRedirect(_session_url(session))

    return form_page(
        request,
        make,
        "supervision/session_record.jinja",
        {"session": session, "agreement": agreement, "people": people},
        save=save,
        conflict="this session record",
    )


@roles(Role.PSW)
@require_http_methods(["GET", "POST"])
def session_worker_part(request: OrgRequest, pk: int) -> HttpResponseBase:
    session = _session_or_404(request, pk)
    if not request.actor.may("supervision.write_worker_part", session):
        return _not_now(
            request, "Only the worker writes their part, before they sign.", _session_url(session)
        )

    def make(data: QueryDict | None) -> WorkerPartForm:
        return WorkerPartForm(
            data,
            initial={
                "version": session.version,
                "wellbeing": session.wellbeing,
                "comment": session.worker_comment,
            },
        )

    def save(form: WorkerPartForm) -> HttpResponse:
        data = form.cleaned_data
        services.worker_part_save(
            session=session,
            wellbeing=data["wellbeing"],
            comment=data["comment"],
            expected_version=data["version"],
            by=request.user,
            request=request,
        )
        messages.success(request, "Your part of the record is saved.")
        return HttpResponseRedirect(_session_url(session))

    return form_page(
        request,
        make,
        "supervision/session_worker_part.jinja",
        {"session": session, "agreement": session.agreement},
        save=save,
        conflict="this session record",
    )


@roles(*PARTIES)
@require_POST
def session_sign(request: OrgRequest, pk: int) -> HttpResponseBase:
    session = _session_or_404(request, pk)
    here = _session_url(session)
    if not request.actor.may("supervision.sign_session", session):
        return _not_now(request, "There is nothing for you to sign here now.", here)
    try:
        services.session_sign(
            session=session,
            expected_version=posted_version(request.POST),
            by=request.user,
            request=request,
        )
    except services.AlreadySigned:
        return _not_now(request, "You have already signed this record.", here)
    except EditConflict:
        messages.error(request, conflict_message("this session record", typed=False))
        return HttpResponseRedirect(here)
    if session.is_locked:
        messages.success(request, "Signed. Both of you have signed, so the record is complete.")
    else:
        messages.success(request, "Signed. The record is complete once both of you sign.")
    return HttpResponseRedirect(here)


@roles(*PARTIES)
@require_http_methods(["GET", "POST"])
@creates_once
def addendum_add(request: OrgRequest, pk: int) -> HttpResponseBase:
    session = _session_or_404(request, pk)
    if not request.actor.may("supervision.add_addendum", session):
        return _not_now(request, "Addenda are added once both have signed.", _session_url(session))

    def save(form: AddendumForm) -> HttpResponse:
        services.addendum_add(
            session=session,
            text=form.cleaned_data["text"],
            reason=form.cleaned_data["reason"],
            by=request.user,
            request=request,
        )
        messages.success(request, "Addendum added.")
        return HttpResponseRedirect(_session_url(session))

    return form_page(
        request,
        AddendumForm,
        "supervision/addendum_form.jinja",
        {"session": session, "agreement": session.agreement},
        save=save,
    )


# --- actions ----------------------------------------------------------------------------------


@roles(Role.SUPERVISOR)
@require_http_methods(["GET", "POST"])
@creates_once
def action_add(request: OrgRequest, pk: int) -> HttpResponseBase:
    session = _session_or_404(request, pk)
    if not request.actor.may("supervision.add_action", session):
        return _not_now(
            request, "Actions are added by the supervisor before they sign.", _session_url(session)
        )

    def save(form: ActionForm) -> HttpResponse:
        services.action_add(
            session=session,
            text=form.cleaned_data["text"],
            owner=form.cleaned_data["owner"],
            due_on=form.cleaned_data["due_on"],
            by=request.user,
            request=request,
        )
        messages.success(request, "Action added.")
        return HttpResponseRedirect(_session_url(session))

    return form_page(
        request,
        ActionForm,
        "supervision/action_form.jinja",
        {"session": session, "agreement": session.agreement},
        save=save,
    )


@roles(*PARTIES)
@require_POST
def action_done(request: OrgRequest, pk: int) -> HttpResponseBase:
    action = get_in_organisation_or_404(request, selectors.actions_visible(request.actor), pk=pk)
    back = request.POST.get("session", "")
    to = (
        reverse("supervision:session-detail", kwargs={"pk": int(back)})
        if back.isdigit()
        else _session_url(action.session)
    )
    if not request.actor.may("supervision.mark_action_done", action):
        return _not_now(request, "This action is already done.", to)
    try:
        services.action_done(
            action=action, today=timezone.localdate(), by=request.user, request=request
        )
    except ValidationError:  # pragma: no cover - the rule above has checked
        raise
    messages.success(request, "Action marked done.")
    return HttpResponseRedirect(to)


# --- supervisees ------------------------------------------------------------------------------


@roles(Role.SUPERVISOR)
@require_http_methods(["GET"])
def supervisee_list(request: OrgRequest) -> HttpResponse:
    today = timezone.localdate()
    page = Paginator(selectors.supervisees(request.actor, today), PER_PAGE).get_page(
        request.GET.get("page")
    )
    rows = [selectors.due_row(a, today) for a in page.object_list]
    return TemplateResponse(
        request, "supervision/supervisee_list.jinja", {"page": page, "rows": rows}
    )
