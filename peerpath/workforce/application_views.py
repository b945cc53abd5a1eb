"""Applications to vacancies: the public vacancy pages and form, a graduate's application
from their account, the applicant's own page, and the selection pipeline (shortlisting,
interview, panel scores, offer, appointment); then employment records."""

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST

from peerpath.core.access import get_in_organisation_or_404, public, roles
from peerpath.core.audit import audit
from peerpath.core.formpage import attempt, form_page, form_status, posted
from peerpath.core.forms import add_service_errors
from peerpath.core.http import OrgRequest
from peerpath.core.models import AuditAction
from peerpath.core.once import creates_once
from peerpath.core.roles import Role

from . import selectors, services
from .forms import (
    MOVABLE,
    AppointForm,
    EditEmploymentForm,
    EndEmploymentForm,
    InterviewForm,
    JobApplicationForm,
    JobMoveForm,
    ScoreForm,
    ShortlistForm,
)
from .models import EmploymentRecord, JobApplication, JobStage, Vacancy

COORDINATORS = (Role.COORDINATOR,)
READERS = (Role.COORDINATOR, Role.ORG_ADMIN)
# Panel members may be supervisors as well as the peer development team.
PANEL = (Role.COORDINATOR, Role.ORG_ADMIN, Role.SUPERVISOR)
PAGE_SIZE = 25


# --- public pages ------------------------------------------------------------------------------


@public
@require_http_methods(["GET"])
def vacancy_board(request: HttpRequest, organisation: str) -> HttpResponse:
    """The organisation's advertised vacancies, for anyone."""
    found = selectors.organisation_by_slug(organisation)
    if found is None:
        raise Http404
    page = Paginator(
        selectors.advertised_vacancies(found, timezone.localdate()), PAGE_SIZE
    ).get_page(request.GET.get("page"))
    return TemplateResponse(
        request, "workforce/vacancy_board.jinja", {"organisation": found, "page": page}
    )


def _apply_page(
    request: HttpRequest, vacancy: Vacancy, *, applicant: Any, initial: dict[str, Any]
) -> HttpResponseBase:
    today = timezone.localdate()
    is_open = services.vacancy_is_open(vacancy, today)
    criteria = list(vacancy.criteria.all())
    form = JobApplicationForm(posted(request), criteria=criteria, initial=initial)
    if request.method == "POST" and is_open and form.is_valid():
        try:
            application = services.application_submit(
                vacancy=vacancy,
                full_name=form.cleaned_data["full_name"],
                email=form.cleaned_data["email"],
                phone=form.cleaned_data["phone"],
                evidence=form.evidence(),
                applicant=applicant,
                request=request,
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, "Thank you. Your application has been sent.")
            return redirect("workforce:applicant-home", token=application.access_token)
    return TemplateResponse(
        request,
        "workforce/apply.jinja",
        {"vacancy": vacancy, "form": form, "is_open": is_open, "graduate": applicant},
        status=form_status(form),
    )


@public
@require_http_methods(["GET", "POST"])
@creates_once
def apply(request: HttpRequest, organisation: str, pk: int) -> HttpResponseBase:
    """Anyone applies, with no account: "the same … application and interview process as
    any other applicant" (seed 003)."""
    vacancy = selectors.public_vacancy(organisation, pk)
    if vacancy is None:
        raise Http404
    return _apply_page(request, vacancy, applicant=None, initial={})


@roles(Role.TRAINEE, Role.PSW)
@require_http_methods(["GET", "POST"])
@creates_once
def graduate_apply(request: OrgRequest, pk: int) -> HttpResponseBase:
    """A graduate, or a peer worker already in post, applies from their account: their
    details are filled in, and the panel sees which programme they graduated from.
    Nothing about it is automatic."""
    vacancy = get_in_organisation_or_404(
        request, selectors.advertised_vacancies(request.organisation, timezone.localdate()), pk=pk
    )
    if not request.actor.may("workforce.apply_from_account", vacancy):
        messages.info(
            request,
            "Applying from your account is for graduates and peer workers in post. You can "
            "apply from the public vacancy page.",
        )
        return redirect("workspace:home")
    user = request.actor.user
    return _apply_page(
        request,
        vacancy,
        applicant=user,
        initial={"full_name": getattr(user, "full_name", ""), "email": getattr(user, "email", "")},
    )


@public
@require_http_methods(["GET"])
def applicant_home(request: HttpRequest, token: str) -> HttpResponse:
    """The applicant's own page: where their application is."""
    application = selectors.application_by_token(token)
    if application is None:
        raise Http404
    audit(
        request,
        action=AuditAction.VIEW,
        obj=application,
        organisation_id=application.organisation_id,
        reason="the applicant's own page",
    )
    return TemplateResponse(
        request,
        "workforce/applicant_home.jinja",
        {
            "application": application,
            "answers": list(application.answers.select_related("criterion")),
            "interviews": list(application.interviews.all()),
        },
    )


# --- the pipeline ------------------------------------------------------------------------------


def _application(request: OrgRequest, pk: int) -> JobApplication:
    return get_in_organisation_or_404(
        request, selectors.applications(actor=request.actor), audit_read=True, pk=pk
    )


@roles(*READERS)
@require_http_methods(["GET"])
def vacancy_applications(request: OrgRequest, pk: int) -> HttpResponse:
    vacancy = get_in_organisation_or_404(request, selectors.vacancies(actor=request.actor), pk=pk)
    page = Paginator(selectors.vacancy_applications(vacancy), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    return TemplateResponse(
        request,
        "workforce/vacancy_applications.jinja",
        {"vacancy": vacancy, "page": page},
    )


def _in_post(application: JobApplication) -> EmploymentRecord | None:
    """The applicant's current employment here, when a peer worker in post applied."""
    if application.applicant_id is None:
        return None
    return selectors.employment_current(
        application.organisation, application.applicant_id, timezone.localdate()
    )


def _page(
    request: OrgRequest, application: JobApplication, status: int = 200, **forms: Any
) -> HttpResponse:
    actor = request.actor
    with_scores = actor.may("workforce.read_panel_scores", application)
    can_manage = actor.has(*COORDINATORS)
    detail = selectors.application_detail(application, with_scores=with_scores)
    version = {"version": application.version}
    context: dict[str, Any] = {
        "application": application,
        "can_manage": can_manage,
        "with_scores": with_scores,
        "can_score": actor.may("workforce.score_interview", application)
        and application.stage in (JobStage.INTERVIEW, JobStage.OFFER)
        and not any(s.author_id == actor.user_id for s in detail["scores"]),
        **detail,
    }
    if can_manage:
        context.update(
            move_form=JobMoveForm(
                initial=version, stages=services.MOVES.get(application.stage, ())
            ),
            shortlist_form=ShortlistForm(initial=version, answers=detail["answers"]),
            interview_form=InterviewForm(panel=selectors.staff_for_panel(actor=actor)),
            appoint_form=AppointForm(
                initial={**version, "hours_per_week": application.vacancy.post.hours_per_week},
                supervisors=selectors.supervisors_of(actor=actor),
                current=_in_post(application),
            ),
        )
    context["score_form"] = ScoreForm(questions=detail["questions"])
    context.update(forms)
    return TemplateResponse(request, "workforce/application_detail.jinja", context, status=status)


@roles(*PANEL)
@require_http_methods(["GET"])
def application_detail(request: OrgRequest, pk: int) -> HttpResponse:
    # The selector lets a supervisor open only the applications on their panels.
    return _page(request, _application(request, pk))


def _again(request: OrgRequest, application: JobApplication, **forms: Any) -> HttpResponse:
    application.refresh_from_db()
    return _page(request, application, status=400, **forms)


@roles(*COORDINATORS)
@require_POST
def application_move(request: OrgRequest, pk: int) -> HttpResponseBase:
    application = _application(request, pk)
    form = JobMoveForm(request.POST, stages=MOVABLE)

    def save(form: JobMoveForm) -> HttpResponseBase:
        services.application_move(
            application=application,
            to_stage=form.cleaned_data["to_stage"],
            reason=form.cleaned_data["reason"],
            expected_version=form.cleaned_data["version"],
            by=request.actor.user,
            request=request,
        )
        messages.success(request, f"{application.full_name}: {JobStage(application.stage).label}.")
        return redirect("workforce:application-detail", pk=application.pk)

    if done := attempt(form, save, conflict=f"{application.full_name}'s application"):
        return done
    application.refresh_from_db()
    form.offer(services.MOVES.get(application.stage, ()))
    return _again(request, application, move_form=form)


@roles(*COORDINATORS)
@require_POST
def application_shortlist(request: OrgRequest, pk: int) -> HttpResponseBase:
    application = _application(request, pk)
    answers = list(application.answers.select_related("criterion"))
    form = ShortlistForm(request.POST, answers=answers)

    def save(form: ShortlistForm) -> HttpResponseBase:
        services.shortlist_record(
            application=application,
            decisions=form.decisions(),
            expected_version=form.cleaned_data["version"],
            by=request.actor.user,
            request=request,
        )
        messages.success(request, "Shortlisting saved.")
        return redirect("workforce:application-detail", pk=application.pk)

    if done := attempt(form, save, conflict=f"{application.full_name}'s application"):
        return done
    return _again(request, application, shortlist_form=form)


@roles(*COORDINATORS)
@require_POST
@creates_once
def application_interview(request: OrgRequest, pk: int) -> HttpResponseBase:
    application = _application(request, pk)
    form = InterviewForm(request.POST, panel=selectors.staff_for_panel(actor=request.actor))

    def save(form: InterviewForm) -> HttpResponseBase:
        services.interview_book(
            application=application, by=request.actor.user, request=request, **form.cleaned_data
        )
        messages.success(request, f"Interview booked, and {application.full_name} emailed.")
        return redirect("workforce:application-detail", pk=application.pk)

    if done := attempt(form, save, conflict=f"{application.full_name}'s application"):
        return done
    return _again(request, application, interview_form=form)


# Interview panels are staff who interview: the peer development team and supervisors.
@roles(Role.COORDINATOR, Role.SUPERVISOR)
@require_POST
@creates_once
def application_score(request: OrgRequest, pk: int) -> HttpResponseBase:
    application = _application(request, pk)
    if not request.actor.may("workforce.score_interview", application):
        messages.info(request, "Only the interview panel scores the interview.")
        return redirect("workforce:application-detail", pk=application.pk)
    form = ScoreForm(request.POST, questions=list(application.vacancy.questions.all()))
    user = request.actor.user

    def save(form: ScoreForm) -> HttpResponseBase:
        assert user is not None  # noqa: S101 - @roles lets only a signed-in user here
        services.panel_scores_record(
            application=application, scores=form.scores(), by=user, request=request
        )
        messages.success(request, "Your scores are saved.")
        return redirect("workforce:application-detail", pk=application.pk)

    if user is not None and (
        done := attempt(form, save, conflict=f"{application.full_name}'s application")
    ):
        return done
    return _again(request, application, score_form=form)


@roles(*COORDINATORS)
@require_POST
def application_appoint(request: OrgRequest, pk: int) -> HttpResponseBase:
    application = _application(request, pk)
    form = AppointForm(
        request.POST,
        supervisors=selectors.supervisors_of(actor=request.actor),
        current=_in_post(application),
    )

    def save(form: AppointForm) -> HttpResponseBase:
        data = dict(form.cleaned_data)
        record = services.appoint(
            application=application,
            expected_version=data.pop("version"),
            by=request.actor.user,
            request=request,
            **data,
        )
        messages.success(request, f"{application.full_name} is appointed.")
        return redirect("workforce:employment-detail", pk=record.pk)

    if done := attempt(form, save, conflict=f"{application.full_name}'s application"):
        return done
    return _again(request, application, appoint_form=form)


# --- employment records ------------------------------------------------------------------------


@roles(*READERS)
@require_http_methods(["GET"])
def employment_list(request: OrgRequest) -> HttpResponse:
    page = Paginator(selectors.employment_records(actor=request.actor), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    return TemplateResponse(
        request, "workforce/employment_list.jinja", {"page": page, "today": timezone.localdate()}
    )


def _record(request: OrgRequest, pk: int) -> EmploymentRecord:
    return get_in_organisation_or_404(
        request, selectors.employment_records(actor=request.actor), audit_read=True, pk=pk
    )


@roles(*READERS)
@require_http_methods(["GET"])
def employment_detail(request: OrgRequest, pk: int) -> HttpResponse:
    record = _record(request, pk)
    history = Paginator(selectors.employment_history(record), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    return TemplateResponse(
        request,
        "workforce/employment_detail.jinja",
        {
            "record": record,
            "can_manage": request.actor.has(*COORDINATORS),
            "can_edit": request.actor.may("workforce.edit_employment", record),
            "history": history,
        },
    )


@roles(*COORDINATORS)
@require_http_methods(["GET", "POST"])
def employment_edit(request: OrgRequest, pk: int) -> HttpResponseBase:
    """Change the line manager, peer supervisor or hours of a current employment."""
    record = _record(request, pk)
    if not request.actor.may("workforce.edit_employment", record):
        messages.info(
            request,
            "This employment has ended, so it can no longer be changed. Its history is kept "
            "as it was.",
        )
        return redirect("workforce:employment-detail", pk=record.pk)
    initial = {
        "line_manager": record.line_manager_id,
        "peer_supervisor": record.peer_supervisor_id,
        "hours_per_week": record.hours_per_week,
        "version": record.version,
    }

    def save(form: EditEmploymentForm) -> HttpResponseBase:
        made = services.employment_edit(
            record=record,
            line_manager=form.cleaned_data["line_manager"],
            peer_supervisor=form.cleaned_data["peer_supervisor"],
            hours_per_week=form.cleaned_data["hours_per_week"],
            reason=form.cleaned_data["reason"],
            expected_version=form.cleaned_data["version"],
            by=request.actor.user,
            request=request,
        )
        messages.success(
            request, "The change is saved and kept in the history." if made else "Nothing changed."
        )
        return redirect("workforce:employment-detail", pk=record.pk)

    return form_page(
        request,
        lambda data: EditEmploymentForm(
            data, supervisors=selectors.supervisors_of(actor=request.actor), initial=initial
        ),
        "workforce/employment_edit.jinja",
        {"record": record},
        save=save,
        conflict="this employment record",
    )


@roles(*COORDINATORS)
@require_http_methods(["GET", "POST"])
def employment_end(request: OrgRequest, pk: int) -> HttpResponseBase:
    record = _record(request, pk)

    def save(form: EndEmploymentForm) -> HttpResponseBase:
        services.employment_end(
            record=record,
            ends_on=form.cleaned_data["ends_on"],
            reason=form.cleaned_data["reason"],
            expected_version=form.cleaned_data["version"],
            by=request.actor.user,
            request=request,
        )
        messages.success(request, "The end of the employment is recorded.")
        return redirect("workforce:employment-detail", pk=record.pk)

    return form_page(
        request,
        lambda data: EndEmploymentForm(data, initial={"version": record.version}),
        "workforce/employment_end.jinja",
        {"record": record},
        save=save,
        conflict="this employment record",
    )
