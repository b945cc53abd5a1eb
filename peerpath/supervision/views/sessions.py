"""Supervision sessions: booking, the record, the worker's part, signing, addenda, printing."""

from django.contrib import messages
from django.http import HttpResponse, HttpResponseRedirect, QueryDict
from django.http.response import HttpResponseBase
from django.template.response import TemplateResponse
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST

from peerpath.caseload.selectors import audit_listed
from peerpath.core.access import roles
from peerpath.core.formpage import form_page
from peerpath.core.http import OrgRequest
from peerpath.core.once import creates_once
from peerpath.core.roles import Role

from .. import selectors, services
from .. import views as package
from ..forms import (
    AddendumForm,
    RecordForm,
    ScheduleForm,
    WorkerPartForm,
)
from ._shared import (
    PARTIES,
    _agreement_if,
    _confirmed,
    _not_now,
    _saved,
    _session_form,
    _session_if,
    _session_or_404,
    _session_url,
)


@roles(Role.SUPERVISOR)
@require_http_methods(["GET", "POST"])
@creates_once
def session_create(request: OrgRequest, pk: int) -> HttpResponseBase:
    agreement = _agreement_if(
        request,
        pk,
        "supervision.schedule_session",
        "The supervisor books sessions once both have agreed the agreement.",
    )
    if isinstance(agreement, HttpResponseRedirect):
        return agreement

    def save(form: ScheduleForm) -> HttpResponse:
        session = services.session_schedule(
            agreement=agreement,
            held_on=form.cleaned_data["held_on"],
            starts_at=form.cleaned_data["starts_at"],
            by=request.user,
            request=request,
        )
        return _saved(request, session, "Session booked.")

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
        package.shared_with_supervisor(request.organisation, agreement.worker_id)
        if is_supervisor
        else []
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
    session = _session_if(
        request,
        pk,
        "supervision.record_session",
        "Only the supervisor records the session, before they sign.",
    )
    if isinstance(session, HttpResponseRedirect):
        return session
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

    return _session_form(
        request,
        session,
        make,
        "supervision/session_record.jinja",
        write=lambda data: services.session_record(
            session=session,
            brought=data["brought"],
            reflection=data["reflection"],
            caseload_review=data["caseload_review"],
            expected_version=data["version"],
            by=request.user,
            request=request,
        ),
        done="Session recorded. Add actions, then sign when ready.",
        conflict="this session record",
        people=people,
    )


@roles(Role.PSW)
@require_http_methods(["GET", "POST"])
def session_worker_part(request: OrgRequest, pk: int) -> HttpResponseBase:
    session = _session_if(
        request,
        pk,
        "supervision.write_worker_part",
        "Only the worker writes their part, before they sign.",
    )
    if isinstance(session, HttpResponseRedirect):
        return session

    def make(data: QueryDict | None) -> WorkerPartForm:
        return WorkerPartForm(
            data,
            initial={
                "version": session.version,
                "wellbeing": session.wellbeing,
                "comment": session.worker_comment,
            },
        )

    return _session_form(
        request,
        session,
        make,
        "supervision/session_worker_part.jinja",
        write=lambda data: services.worker_part_save(
            session=session,
            wellbeing=data["wellbeing"],
            comment=data["comment"],
            expected_version=data["version"],
            by=request.user,
            request=request,
        ),
        done="Your part of the record is saved.",
        conflict="this session record",
    )


@roles(*PARTIES)
@require_POST
def session_sign(request: OrgRequest, pk: int) -> HttpResponseBase:
    session = _session_if(
        request, pk, "supervision.sign_session", "There is nothing for you to sign here now."
    )
    if isinstance(session, HttpResponseRedirect):
        return session
    here = _session_url(session)
    try:
        refused = _confirmed(
            request,
            here,
            lambda version: services.session_sign(
                session=session, expected_version=version, by=request.user, request=request
            ),
            conflict="this session record",
        )
    except services.AlreadySigned:
        return _not_now(request, "You have already signed this record.", here)
    if refused is not None:
        return refused
    if session.is_locked:
        messages.success(request, "Signed. Both of you have signed, so the record is complete.")
    else:
        messages.success(request, "Signed. The record is complete once both of you sign.")
    return HttpResponseRedirect(here)


@roles(*PARTIES)
@require_http_methods(["GET", "POST"])
@creates_once
def addendum_add(request: OrgRequest, pk: int) -> HttpResponseBase:
    session = _session_if(
        request, pk, "supervision.add_addendum", "Addenda are added once both have signed."
    )
    if isinstance(session, HttpResponseRedirect):
        return session

    return _session_form(
        request,
        session,
        AddendumForm,
        "supervision/addendum_form.jinja",
        write=lambda data: services.addendum_add(
            session=session,
            text=data["text"],
            reason=data["reason"],
            by=request.user,
            request=request,
        ),
        done="Addendum added.",
    )
