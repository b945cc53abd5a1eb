"""Recruitment pages: intakes, the pipeline (list and board), applications, enrolment;
and the public pages where people express interest and follow their own application."""

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST

from peerpath.core.access import get_in_organisation_or_404, public, roles
from peerpath.core.audit import audit
from peerpath.core.chooser import choices_fragment, form_page_with_choosers
from peerpath.core.dbrouter import reporting
from peerpath.core.formpage import attempt, form_status, posted
from peerpath.core.forms import add_service_errors
from peerpath.core.http import OrgRequest
from peerpath.core.models import AuditAction
from peerpath.core.once import creates_once
from peerpath.core.roles import Role
from peerpath.training.selectors.delivery import cohorts_for, staff_of
from peerpath.training.selectors.programmes import own_programmes, programme_information

from . import dashboard as figures
from . import selectors, services
from .forms import (
    ApplicationForm,
    BookingForm,
    EnrolForm,
    IntakeForm,
    InterestForm,
    MoveForm,
    PanelNoteForm,
)
from .models import Application, Stage

RECRUITERS = (Role.ORG_ADMIN, Role.COORDINATOR)
# Panel members may be trainers or peer supervisors as well as coordinators.
PANEL = (Role.ORG_ADMIN, Role.COORDINATOR, Role.TRAINER, Role.SUPERVISOR)


def _intake(request: OrgRequest, pk: int) -> Any:
    return get_in_organisation_or_404(request, selectors.intakes_of(actor=request.actor), pk=pk)


def _application(request: OrgRequest, pk: int) -> Application:
    return get_in_organisation_or_404(
        request, selectors.applications_of(actor=request.actor), pk=pk
    )


@roles(*PANEL)
@require_http_methods(["GET"])
def intake_list(request: OrgRequest) -> HttpResponse:
    return TemplateResponse(
        request,
        "recruitment/intake_list.jinja",
        {
            "intakes": selectors.intake_list(actor=request.actor),
            "can_create": bool(set(RECRUITERS) & request.roles),
        },
    )


@roles(*RECRUITERS)
@require_http_methods(["GET", "POST"])
@creates_once
def intake_create(request: OrgRequest) -> HttpResponseBase:
    """A new intake; its selection panel is chosen by search (core/chooser.py)."""

    def save(form: IntakeForm) -> HttpResponseBase:
        intake = services.intake_create(by=request.actor.user, request=request, **form.cleaned_data)
        messages.success(request, f"Intake “{intake.title}” created.")
        return redirect("recruitment:intake-detail", pk=intake.pk)

    return form_page_with_choosers(
        request,
        lambda data: _intake_form(request, data),
        "recruitment/intake_create.jinja",
        {},
        save=save,
    )


def _intake_form(request: OrgRequest, data: Any) -> IntakeForm:
    return IntakeForm(
        data, programmes=own_programmes(actor=request.actor), panel=staff_of(actor=request.actor)
    )


@roles(*RECRUITERS)
@require_http_methods(["GET"])
def intake_panel_search(request: OrgRequest) -> HttpResponse:
    """The staff matching the new intake's panel search, and those already ticked: the part
    of the form the search box swaps in as a name is typed."""
    return choices_fragment(request, _intake_form(request, request.GET), "panel")


@roles(*PANEL)
@require_http_methods(["GET"])
def intake_detail(request: OrgRequest, pk: int) -> HttpResponse:
    intake = _intake(request, pk)
    view = "board" if request.GET.get("view") == "board" else "list"
    stage = request.GET.get("stage", "")
    stage = stage if stage in Stage.values else ""
    context: dict[str, Any] = {"intake": intake, "view": view, "stage": stage, "stages": Stage}
    if view == "board":
        context["board"] = selectors.intake_board(intake)
    else:
        context["applications"] = selectors.intake_applications(intake, stage=stage)
    context["public_url"] = request.build_absolute_uri(
        f"/apply/{request.organisation.slug}/{intake.pk}/"
    )
    return TemplateResponse(request, "recruitment/intake_detail.jinja", context)


def _application_page(
    request: OrgRequest, application: Application, status: int = 200, **forms: Any
) -> HttpResponse:
    on_panel = request.actor.may("recruitment.read_disclosures", application)
    audit(
        request,
        action=AuditAction.VIEW,
        obj=application,
        reason="with lived experience disclosure" if on_panel else "",
    )
    context = {
        "application": application,
        "on_panel": on_panel,
        "can_manage": bool(set(RECRUITERS) & request.roles),
        "move_form": MoveForm(initial={"version": application.version}),
        "appointment_form": BookingForm(),
        "note_form": PanelNoteForm(),
        "enrol_form": EnrolForm(
            cohorts=cohorts_for(request.organisation, application.intake.programme)
        ),
        **selectors.application_detail(application),
        **forms,
    }
    return TemplateResponse(request, "recruitment/application_detail.jinja", context, status=status)


@roles(*PANEL)
@require_http_methods(["GET"])
def application_detail(request: OrgRequest, pk: int) -> HttpResponse:
    return _application_page(request, _application(request, pk))


def _redisplay(request: OrgRequest, application: Application, **forms: Any) -> HttpResponse:
    return _application_page(request, application, status=400, **forms)


@roles(*RECRUITERS)
@require_POST
def application_move(request: OrgRequest, pk: int) -> HttpResponseBase:
    application = _application(request, pk)
    form = MoveForm(request.POST)

    def save(form: MoveForm) -> HttpResponseBase:
        data = dict(form.cleaned_data)
        services.application_move(
            application=application,
            expected_version=data.pop("version"),
            by=request.actor.user,
            request=request,
            **data,
        )
        messages.success(
            request, f"{application.full_name} moved to {Stage(application.stage).label}."
        )
        return redirect("recruitment:application-detail", pk=application.pk)

    if done := attempt(form, save, conflict=f"a move of {application.full_name}'s application"):
        return done
    return _redisplay(request, application, move_form=form)


@roles(*RECRUITERS)
@require_POST
@creates_once
def application_appointment(request: OrgRequest, pk: int) -> HttpResponseBase:
    application = _application(request, pk)
    form = BookingForm(request.POST)

    def save(form: BookingForm) -> HttpResponseBase:
        services.booking_schedule(
            application=application, by=request.actor.user, request=request, **form.cleaned_data
        )
        messages.success(request, f"Booked, and {application.full_name} has been emailed.")
        return redirect("recruitment:application-detail", pk=application.pk)

    if done := attempt(form, save, conflict=f"{application.full_name}'s application"):
        return done
    return _redisplay(request, application, appointment_form=form)


@roles(*PANEL)
@require_POST
@creates_once
def application_note(request: OrgRequest, pk: int) -> HttpResponse:
    application = _application(request, pk)
    form = PanelNoteForm(request.POST)
    if form.is_valid():
        services.panel_note_add(
            application=application, by=request.actor.user, request=request, **form.cleaned_data
        )
        messages.success(request, "Panel note added.")
        return redirect("recruitment:application-detail", pk=application.pk)
    return _redisplay(request, application, note_form=form)


@roles(*RECRUITERS)
@require_POST
@creates_once
def application_enrol(request: OrgRequest, pk: int) -> HttpResponseBase:
    application = _application(request, pk)
    form = EnrolForm(
        request.POST,
        cohorts=cohorts_for(request.organisation, application.intake.programme),
    )

    def save(form: EnrolForm) -> HttpResponseBase:
        enrolment = services.application_enrol(
            application=application,
            cohort=form.cleaned_data["cohort"],
            by=request.actor.user,
            request=request,
        )
        messages.success(request, f"{application.full_name} is enrolled in {enrolment.cohort}.")
        return redirect("recruitment:application-detail", pk=application.pk)

    if done := attempt(form, save, conflict=f"{application.full_name}'s application"):
        return done
    return _redisplay(request, application, enrol_form=form)


@public
@require_http_methods(["GET", "POST"])
@creates_once
def interest_form(request: HttpRequest, organisation: str, intake: int) -> HttpResponse:
    found = selectors.open_intake(organisation, intake)
    if found is None:
        raise Http404
    today = timezone.localdate()
    is_open = found.opens_on <= today <= found.closes_on
    form = InterestForm(posted(request))
    if request.method == "POST" and is_open and form.is_valid():
        try:
            application = services.interest_submit(
                intake=found, request=request, **form.cleaned_data
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            return redirect("recruitment:applicant-home", token=application.access_token)
    return TemplateResponse(
        request,
        "recruitment/interest_form.jinja",
        {
            "intake": found,
            "programme": found.programme,
            "criteria": list(found.programme.criteria.all()),
            "information": programme_information(found.programme, for_applicants=True),
            "form": form,
            "is_open": is_open,
        },
        status=form_status(form),
    )


@public
@require_http_methods(["GET", "POST"])
def applicant_home(request: HttpRequest, token: str) -> HttpResponse:
    """The applicant's own page: where their application is, and the form to complete it."""
    application = selectors.application_by_token(token)
    if application is None:
        raise Http404
    criteria = list(application.intake.programme.criteria.all())
    form = None
    if application.stage == Stage.INTEREST and application.submitted_at is None:
        form = ApplicationForm(posted(request), criteria=criteria)
        if request.method == "POST" and form.is_valid():
            try:
                services.application_submit(
                    application=application,
                    answers=form.answers(),
                    lived_experience=form.cleaned_data["lived_experience"],
                    commitment_confirmed=form.cleaned_data["commitment_confirmed"],
                    request=request,
                )
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, "Thank you. Your application has been sent.")
                return redirect("recruitment:applicant-home", token=token)
    audit(
        request,
        action=AuditAction.VIEW,
        obj=application,
        organisation_id=application.organisation_id,
        reason="the applicant's own page",
    )
    return TemplateResponse(
        request,
        "recruitment/applicant_home.jinja",
        {
            "application": application,
            "form": form,
            "criteria": criteria,
            "answers": list(application.answers.select_related("criterion")),
            "appointments": list(application.bookings.all()),
        },
        status=form_status(form) if form is not None else 200,
    )


@roles(Role.ORG_ADMIN, Role.COORDINATOR)
@require_http_methods(["GET"])
@reporting
def dashboard(request: OrgRequest) -> HttpResponse:
    """The coordinator's dashboard: from expressing interest to employment."""
    return TemplateResponse(
        request,
        "recruitment/dashboard.jinja",
        figures.dashboard(actor=request.actor, at_risk_page=request.GET.get("page")),
    )
