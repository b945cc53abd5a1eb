"""Workforce pages: team requests, posts and vacancies."""

from datetime import timedelta
from typing import Any

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
from peerpath.core.formpage import form_page
from peerpath.core.forms import add_service_errors
from peerpath.core.http import OrgRequest
from peerpath.core.once import creates_once
from peerpath.core.roles import Role
from peerpath.core.versioning import EditConflict, show_conflict
from peerpath.organisations.selectors import teams_of

from . import selectors, services
from .criteria import TEMPLATE_INTRODUCTION, TEMPLATE_SOURCE
from .forms import DeclineForm, PostForm, TeamRequestForm, VacancyForm, VacancyMoveForm
from .models import Post, RequestStatus, TeamRequest, Vacancy, VacancyStatus

# The peer development team.
COORDINATORS = (Role.COORDINATOR,)
# Who reads posts and vacancies: the peer development team and the organisation's admins.
READERS = (Role.COORDINATOR, Role.ORG_ADMIN)
# Who may ask for a peer worker in their team, and read their team's requests.
ASKERS = (Role.SUPERVISOR, Role.COORDINATOR)
PAGE_SIZE = 25


def _team_request(request: OrgRequest, pk: int) -> TeamRequest:
    return get_in_organisation_or_404(request, selectors.team_requests(actor=request.actor), pk=pk)


def _post(request: OrgRequest, pk: int) -> Post:
    return get_in_organisation_or_404(
        request, selectors.posts(actor=request.actor, today=timezone.localdate()), pk=pk
    )


def _vacancy(request: OrgRequest, pk: int) -> Vacancy:
    return get_in_organisation_or_404(request, selectors.vacancies(actor=request.actor), pk=pk)


# --- team requests ----------------------------------------------------------------------------


@roles(Role.SUPERVISOR, Role.COORDINATOR, Role.ORG_ADMIN)
@require_http_methods(["GET"])
def request_list(request: OrgRequest) -> HttpResponse:
    page = Paginator(selectors.team_requests(actor=request.actor), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    return TemplateResponse(
        request,
        "workforce/request_list.jinja",
        {
            "page": page,
            "can_ask": request.actor.has(*ASKERS)
            and selectors.request_teams(actor=request.actor).exists(),
            "statuses": RequestStatus,
        },
    )


@roles(*ASKERS)
@require_http_methods(["GET", "POST"])
@creates_once
def request_create(request: OrgRequest) -> HttpResponseBase:
    teams = selectors.request_teams(actor=request.actor)

    def save(form: TeamRequestForm) -> HttpResponseBase:
        team_request = services.team_request_create(
            actor=request.actor, request=request, **form.cleaned_data
        )
        messages.success(
            request,
            "Thank you. The peer development team has your request and will reply here.",
        )
        return redirect("workforce:request-detail", pk=team_request.pk)

    return form_page(
        request,
        lambda data: TeamRequestForm(data, teams=teams),
        "workforce/request_create.jinja",
        {},
        save=save,
    )


def _request_page(
    request: OrgRequest, team_request: TeamRequest, status: int = 200, **forms: Any
) -> HttpResponse:
    can_decide = request.actor.may("workforce.decide_team_request", team_request)
    context = {
        "team_request": team_request,
        "can_decide": can_decide,
        "decline_form": DeclineForm(initial={"version": team_request.version}),
        **forms,
    }
    return TemplateResponse(request, "workforce/request_detail.jinja", context, status=status)


@roles(Role.SUPERVISOR, Role.COORDINATOR, Role.ORG_ADMIN)
@require_http_methods(["GET"])
def request_detail(request: OrgRequest, pk: int) -> HttpResponse:
    return _request_page(request, _team_request(request, pk))


@roles(*COORDINATORS)
@require_http_methods(["GET", "POST"])
def request_accept(request: OrgRequest, pk: int) -> HttpResponseBase:
    """Turn the request into a post: the form starts from what the team asked for."""
    team_request = _team_request(request, pk)
    if not request.actor.may("workforce.decide_team_request", team_request):
        messages.info(request, "This request has already been answered.")
        return redirect("workforce:request-detail", pk=team_request.pk)
    initial = {
        "title": f"{team_request.get_role_display()}, {team_request.team.name}",
        "team": team_request.team_id,
        "service_area": team_request.service_area,
        "setting": team_request.setting,
        "hours_per_week": team_request.hours_per_week,
        "role": team_request.role,
        "version": team_request.version,
    }

    def save(form: PostForm) -> HttpResponseBase:
        post = services.team_request_accept(
            team_request=team_request,
            expected_version=form.cleaned_data["version"],
            by=request.actor.user,
            request=request,
            **form.post_data(),
        )
        messages.success(request, f"Post “{post.title}” made from the team's request.")
        return redirect("workforce:post-detail", pk=post.pk)

    return form_page(
        request,
        lambda data: PostForm(data, teams=teams_of(actor=request.actor), initial=initial),
        "workforce/post_form.jinja",
        {"team_request": team_request, "post": None},
        save=save,
        conflict="this request",
    )


@roles(*COORDINATORS)
@require_POST
def request_decline(request: OrgRequest, pk: int) -> HttpResponse:
    team_request = _team_request(request, pk)
    form = DeclineForm(request.POST)
    if form.is_valid():
        try:
            services.team_request_decline(
                team_request=team_request,
                reason=form.cleaned_data["reason"],
                expected_version=form.cleaned_data["version"],
                by=request.actor.user,
                request=request,
            )
        except EditConflict as conflict:
            show_conflict(form, conflict, what="this request")
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, "The team has been told, with your reason.")
            return redirect("workforce:request-detail", pk=team_request.pk)
    return _request_page(request, team_request, status=400, decline_form=form)


# --- posts -------------------------------------------------------------------------------------


@roles(*READERS)
@require_http_methods(["GET"])
def post_list(request: OrgRequest) -> HttpResponse:
    page = Paginator(
        selectors.posts(actor=request.actor, today=timezone.localdate()), PAGE_SIZE
    ).get_page(request.GET.get("page"))
    return TemplateResponse(
        request,
        "workforce/post_list.jinja",
        {"page": page, "can_manage": request.actor.has(*COORDINATORS)},
    )


@roles(*COORDINATORS)
@require_http_methods(["GET", "POST"])
@creates_once
def post_create(request: OrgRequest) -> HttpResponseBase:
    def save(form: PostForm) -> HttpResponseBase:
        post = services.post_create(actor=request.actor, request=request, **form.post_data())
        messages.success(request, f"Post “{post.title}” created.")
        return redirect("workforce:post-detail", pk=post.pk)

    return form_page(
        request,
        lambda data: PostForm(data, teams=teams_of(actor=request.actor)),
        "workforce/post_form.jinja",
        {"team_request": None, "post": None},
        save=save,
    )


@roles(*READERS)
@require_http_methods(["GET"])
def post_detail(request: OrgRequest, pk: int) -> HttpResponse:
    post = _post(request, pk)
    return TemplateResponse(
        request,
        "workforce/post_detail.jinja",
        {
            "post": post,
            "vacancies": list(selectors.post_vacancies(post)),
            "employments": list(selectors.post_employments(post)[:10]),
            "can_manage": request.actor.has(*COORDINATORS),
        },
    )


@roles(*COORDINATORS)
@require_http_methods(["GET", "POST"])
def post_edit(request: OrgRequest, pk: int) -> HttpResponseBase:
    post = _post(request, pk)
    initial = {
        "title": post.title,
        "team": post.team_id,
        "service_area": post.service_area,
        "setting": post.setting,
        "hours_per_week": post.hours_per_week,
        "role": post.role,
        "version": post.version,
    }

    def save(form: PostForm) -> HttpResponseBase:
        services.post_edit(
            post=post,
            expected_version=form.cleaned_data["version"],
            by=request.actor.user,
            request=request,
            **form.post_data(),
        )
        messages.success(request, "Post saved.")
        return redirect("workforce:post-detail", pk=post.pk)

    return form_page(
        request,
        lambda data: PostForm(data, teams=teams_of(actor=request.actor), initial=initial),
        "workforce/post_form.jinja",
        {"team_request": None, "post": post},
        save=save,
        conflict="this post",
    )


# --- vacancies ---------------------------------------------------------------------------------


def _vacancy_context() -> dict[str, Any]:
    return {"template_introduction": TEMPLATE_INTRODUCTION, "template_source": TEMPLATE_SOURCE}


@roles(*COORDINATORS)
@require_http_methods(["GET", "POST"])
@creates_once
def vacancy_create(request: OrgRequest, post: int) -> HttpResponseBase:
    found = _post(request, post)
    today = timezone.localdate()
    initial = {
        "criteria": services.template_criteria_text(),
        "questions": services.questions_text(),
        "opens_on": today,
        "closes_on": today + timedelta(days=28),
    }

    def save(form: VacancyForm) -> HttpResponseBase:
        vacancy = services.vacancy_create(
            post=found, by=request.actor.user, request=request, **form.vacancy_data()
        )
        messages.success(request, "Draft vacancy saved. Advertise it when it is ready.")
        return redirect("workforce:vacancy-detail", pk=vacancy.pk)

    return form_page_with_choosers(
        request,
        lambda data: VacancyForm(
            data, panel=selectors.staff_for_panel(actor=request.actor), initial=initial
        ),
        "workforce/vacancy_form.jinja",
        {"post": found, "vacancy": None, **_vacancy_context()},
        save=save,
    )


@roles(*COORDINATORS)
@require_http_methods(["GET", "POST"])
def vacancy_edit(request: OrgRequest, pk: int) -> HttpResponseBase:
    vacancy = _vacancy(request, pk)
    initial = {
        "opens_on": vacancy.opens_on,
        "closes_on": vacancy.closes_on,
        "description": vacancy.description,
        "criteria": "\n".join(c.text for c in vacancy.criteria.all()),
        "questions": services.questions_text(vacancy),
        "panel": [u.pk for u in vacancy.panel.all()],
        "version": vacancy.version,
    }

    def save(form: VacancyForm) -> HttpResponseBase:
        services.vacancy_edit(
            vacancy=vacancy,
            expected_version=form.cleaned_data["version"],
            by=request.actor.user,
            request=request,
            **form.vacancy_data(),
        )
        messages.success(request, "Vacancy saved.")
        return redirect("workforce:vacancy-detail", pk=vacancy.pk)

    return form_page_with_choosers(
        request,
        lambda data: VacancyForm(
            data, panel=selectors.staff_for_panel(actor=request.actor), initial=initial
        ),
        "workforce/vacancy_form.jinja",
        {"post": vacancy.post, "vacancy": vacancy, **_vacancy_context()},
        save=save,
        conflict="this vacancy",
    )


@roles(*COORDINATORS)
@require_http_methods(["GET"])
def vacancy_panel_search(request: OrgRequest) -> HttpResponse:
    """The staff matching a vacancy form's panel search, and those already ticked: the part
    of the form the search box swaps in as a name is typed."""
    form = VacancyForm(request.GET, panel=selectors.staff_for_panel(actor=request.actor))
    return choices_fragment(request, form, "panel")


def _vacancy_page(request: OrgRequest, vacancy: Vacancy, status: int = 200, **forms: Any) -> Any:
    context = {
        "vacancy": vacancy,
        "can_manage": request.actor.has(*COORDINATORS),
        "move_form": VacancyMoveForm(initial={"version": vacancy.version}),
        "statuses": VacancyStatus,
        **selectors.vacancy_detail(vacancy),
        **forms,
    }
    return TemplateResponse(request, "workforce/vacancy_detail.jinja", context, status=status)


@roles(*READERS)
@require_http_methods(["GET"])
def vacancy_detail(request: OrgRequest, pk: int) -> HttpResponse:
    return _vacancy_page(request, _vacancy(request, pk))


@roles(*COORDINATORS)
@require_POST
def vacancy_move(request: OrgRequest, pk: int) -> HttpResponse:
    vacancy = _vacancy(request, pk)
    form = VacancyMoveForm(request.POST)
    if form.is_valid():
        to_status = form.cleaned_data["to_status"]
        try:
            services.vacancy_move(
                vacancy=vacancy,
                to_status=to_status,
                expected_version=form.cleaned_data["version"],
                by=request.actor.user,
                request=request,
            )
        except EditConflict as conflict:
            show_conflict(form, conflict, what="this vacancy")
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, f"Vacancy {VacancyStatus(to_status).label.lower()}.")
            return redirect("workforce:vacancy-detail", pk=vacancy.pk)
    return _vacancy_page(request, vacancy, status=400, move_form=form)
