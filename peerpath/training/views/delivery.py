"""Cohort pages: the cohort list (and a new cohort), the timetable, moving a session, the
attendance register, a trainee's view."""

from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST

from peerpath.core.access import get_in_organisation_or_404, roles
from peerpath.core.chooser import choices_fragment, form_page_with_choosers
from peerpath.core.dates import CALENDAR
from peerpath.core.formpage import form_page
from peerpath.core.forms import DateField, IdMultipleChoiceField, choose_from
from peerpath.core.http import OrgRequest
from peerpath.core.once import creates_once
from peerpath.core.roles import Role
from peerpath.core.versioning import (
    EditConflict,
    VersionField,
    conflict_message,
    posted_version,
)
from peerpath.training import selectors, services
from peerpath.training.forms.delivery import CohortForm
from peerpath.training.models import AttendanceStatus, Cohort, TrainingSession

STAFF = (Role.ORG_ADMIN, Role.COORDINATOR, Role.TRAINER)


class SessionMoveForm(forms.Form):
    on = DateField(label="Date", subject="New date", kind=CALENDAR)
    starts_at = forms.TimeField(
        required=False,
        label="Starts at",
        help_text="For example, 10:00",
        error_messages={"invalid": "Enter a time, like 10:00"},
    )
    ends_at = forms.TimeField(
        required=False,
        label="Ends at",
        help_text="For example, 16:00",
        error_messages={"invalid": "Enter a time, like 16:00"},
    )
    place = forms.CharField(max_length=300, required=False, label="Where")
    modules = IdMultipleChoiceField(
        queryset=None,  # the session's programme's modules, set in __init__
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label="Modules taught in this session",
    )
    version = VersionField()

    def __init__(self, *args: Any, modules: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        choose_from(self.fields["modules"], modules, lambda m: m.display_title)


def _cohort(request: OrgRequest, pk: int) -> Cohort:
    return get_in_organisation_or_404(
        request, selectors.delivery.cohorts_of(actor=request.actor), pk=pk
    )


def _session(request: OrgRequest, pk: int) -> TrainingSession:
    return get_in_organisation_or_404(
        request, selectors.delivery.sessions_of(actor=request.actor), pk=pk
    )


# The cohort list shows this many cohorts a page: a region runs more than a hundred.
COHORTS_PER_PAGE = 25


def _cohort_form(request: OrgRequest, data: Any) -> CohortForm:
    return CohortForm(
        data,
        programmes=selectors.programmes.own_programmes(actor=request.actor),
        facilitators=selectors.delivery.staff_of(actor=request.actor),
    )


@roles(Role.ORG_ADMIN, Role.COORDINATOR)
@require_http_methods(["GET", "POST"])
@creates_once
def cohort_list(request: OrgRequest) -> HttpResponseBase:
    """The organisation's cohorts, a page at a time, and the form for a new one. Its
    facilitators are chosen by search; a search without JavaScript sends the form back
    and it comes again as typed, with the matches."""

    def save(form: CohortForm) -> HttpResponse:
        cohort = services.delivery.cohort_create(
            by=request.actor.user, request=request, **form.cleaned_data
        )
        messages.success(request, f"Cohort “{cohort.title}” created.")
        return redirect("training:cohort-list")

    page = Paginator(selectors.delivery.cohorts_for(request.organisation), COHORTS_PER_PAGE)
    return form_page_with_choosers(
        request,
        lambda data: _cohort_form(request, data),
        "training/cohort_list.jinja",
        {"page": page.get_page(request.GET.get("page"))},
        save=save,
    )


@roles(Role.ORG_ADMIN, Role.COORDINATOR)
@require_http_methods(["GET"])
def cohort_facilitator_search(request: OrgRequest) -> HttpResponse:
    """The staff matching the new-cohort form's search box, and those already ticked: the
    part of the form the box swaps in as a name is typed."""
    return choices_fragment(request, _cohort_form(request, request.GET), "facilitators")


@roles(*STAFF)
@require_http_methods(["GET"])
def cohort_detail(request: OrgRequest, pk: int) -> HttpResponse:
    cohort = _cohort(request, pk)
    sessions = selectors.delivery.cohort_sessions(cohort)
    return TemplateResponse(
        request,
        "training/cohort_detail.jinja",
        {
            "cohort": cohort,
            "sessions": sessions,
            "figures": selectors.delivery.attendance_figures(cohort),
            "place": selectors.delivery.cohort_place(cohort),
            "holidays": {s.pk: selectors.delivery.public_holiday(s.date) for s in sessions},
            "can_plan": bool({Role.ORG_ADMIN, Role.COORDINATOR} & request.roles),
        },
    )


@roles(Role.ORG_ADMIN, Role.COORDINATOR)
@require_POST
def timetable_generate(request: OrgRequest, pk: int) -> HttpResponse:
    cohort = _cohort(request, pk)
    try:
        count = services.delivery.timetable_generate(
            cohort=cohort, by=request.actor.user, request=request
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, f"Timetable made: {count} sessions, skipping public holidays.")
    return redirect("training:cohort-detail", pk=cohort.pk)


@roles(*STAFF)
@require_http_methods(["GET", "POST"])
def session_move(request: OrgRequest, pk: int) -> HttpResponseBase:
    session = _session(request, pk)

    def form(data: Any) -> SessionMoveForm:
        return SessionMoveForm(
            data,
            modules=session.cohort.programme.modules.order_by("order"),
            initial={
                "on": session.date,
                "starts_at": session.starts_at,
                "ends_at": session.ends_at,
                "place": session.place,
                "modules": list(session.modules.all()),
                "version": session.version,
            },
        )

    def save(form: SessionMoveForm) -> HttpResponseBase:
        services.delivery.session_move(
            session=session,
            by=request.actor.user,
            request=request,
            on=form.cleaned_data["on"],
            starts_at=form.cleaned_data["starts_at"],
            ends_at=form.cleaned_data["ends_at"],
            place=form.cleaned_data["place"],
            modules=list(form.cleaned_data["modules"]),
            expected_version=form.cleaned_data["version"],
        )
        messages.success(request, f"Session {session.number} saved: {session.date:%-d %B %Y}.")
        return redirect("training:cohort-detail", pk=session.cohort_id)

    return form_page(
        request,
        form,
        "training/session_move.jinja",
        {"session": session},
        save=save,
        conflict=f"session {session.number}",
    )


@roles(*STAFF)
@require_http_methods(["GET", "POST"])
def register(request: OrgRequest, pk: int) -> HttpResponse:
    session = _session(request, pk)
    errors: dict[str, list[str]] = {}
    submitted: dict[str, str] = {}
    version: int | None = session.version
    if request.method == "POST":
        entries: dict[int, tuple[str, str]] = {}
        submitted = {key: str(request.POST.get(key, "")) for key in request.POST}
        for key, value in submitted.items():
            if key.startswith("status_") and key[7:].isdigit():
                enrolment_id = int(key[7:])
                entries[enrolment_id] = (value, submitted.get(f"reason_{enrolment_id}", ""))
        try:
            saved = services.delivery.register_save(
                session=session,
                entries=entries,
                expected_version=posted_version(request.POST),
                by=request.actor.user,
                request=request,
            )
        except EditConflict as conflict:
            # What they chose stays on the page; saving again saves it over the newer one.
            said = conflict_message(f"the register for session {session.number}")
            errors, version = {"__all__": [said]}, conflict.latest
        except ValidationError as error:
            errors = (
                error.message_dict if hasattr(error, "error_dict") else {"__all__": error.messages}
            )
        else:
            if saved:
                messages.success(request, f"Register saved ({saved} changed).")
            else:
                messages.info(request, "Nothing was changed in the register.")
            return redirect("training:register", pk=session.pk)
    return TemplateResponse(
        request,
        "training/register.jinja",
        {
            "session": session,
            "rows": selectors.delivery.register_rows(session),
            "statuses": AttendanceStatus,
            "errors": errors,
            "submitted": submitted,
            "version": version,
        },
        status=400 if errors else 200,
    )


@roles(Role.TRAINEE)
@require_http_methods(["GET"])
def my_training(request: OrgRequest) -> HttpResponse:
    # The same reads as the trainee's home page, so the two cannot disagree.
    context: dict[str, Any] = {
        "courses": selectors.delivery.trainee_courses(
            actor=request.actor, today=timezone.localdate()
        ),
        "story": selectors.story.story_enrolment(actor=request.actor) is not None,
    }
    return TemplateResponse(request, "training/my_training.jinja", context)
