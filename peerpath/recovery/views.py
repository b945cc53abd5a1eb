"""Recovery goals: in the person's own words, with steps, progress and successes.

Every view fetches the person first (`@person_view` scopes and audits the read), then the
goal from that person's goals, so another person's goal id is a 404.
"""

from django.contrib import messages
from django.http import HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST

from peerpath.caseload.models import Person
from peerpath.caseload.scoping import CASELOAD_ROLES, RECORD_READERS, person_view
from peerpath.core.access import roles
from peerpath.core.formpage import form_page
from peerpath.core.http import OrgRequest
from peerpath.core.once import creates_once

from . import goal_pages, selectors, services
from .forms import GoalForm
from .models import Goal


@roles(*RECORD_READERS)
@require_http_methods(["GET"])
@person_view("recovery goals", read_only=True)
def goal_list(request: OrgRequest, person: Person) -> HttpResponse:
    return TemplateResponse(
        request,
        "recovery/goal_list.jinja",
        {
            "person": person,
            "rows": selectors.goal_rows(person),
            "successes": selectors.latest_successes(person, limit=5),
        },
    )


@roles(*CASELOAD_ROLES)
@require_http_methods(["GET", "POST"])
@creates_once
@person_view("add a recovery goal")
def goal_create(request: OrgRequest, person: Person) -> HttpResponseBase:
    def save(form: GoalForm) -> HttpResponse:
        goal = services.goal_create(
            person=person, data=form.goal_data(), by=request.user, request=request
        )
        messages.success(request, "Goal added. Add a first step when you are ready.")
        return redirect("recovery:goal-detail", person=person.pk, pk=goal.pk)

    return form_page(
        request,
        GoalForm,
        "recovery/goal_form.jinja",
        {"person": person, "goal": None},
        save=save,
    )


@roles(*RECORD_READERS)
@require_http_methods(["GET"])
@person_view("recovery goal", read_only=True)
def goal_detail(request: OrgRequest, person: Person, pk: int) -> HttpResponse:
    goal = selectors.goal_for_person(person, pk)
    return TemplateResponse(
        request,
        "recovery/goal_detail.jinja",
        {
            "person": person,
            "goal": goal,
            "steps": selectors.goal_steps(goal),
            "timeline": selectors.goal_timeline(goal),
            "today": timezone.localdate(),
        },
    )


@roles(*CASELOAD_ROLES)
@require_http_methods(["GET", "POST"])
@person_view("edit a recovery goal")
def goal_edit(request: OrgRequest, person: Person, pk: int) -> HttpResponseBase:
    goal = selectors.goal_for_person(person, pk)

    def save(form: GoalForm) -> HttpResponse:
        services.goal_update(
            goal=goal,
            data=form.goal_data(),
            expected_version=form.cleaned_data["version"],
            by=request.user,
            request=request,
        )
        messages.success(request, "Goal saved.")
        return redirect("recovery:goal-detail", person=person.pk, pk=goal.pk)

    return form_page(
        request,
        lambda data: GoalForm(data, instance=goal, initial={"version": goal.version}, editing=True),
        "recovery/goal_form.jinja",
        {"person": person, "goal": goal},
        save=save,
        conflict="this goal",
    )


@roles(*CASELOAD_ROLES)
@require_http_methods(["GET", "POST"])
@creates_once
@person_view("add a step to a recovery goal")
def step_add(request: OrgRequest, person: Person, pk: int) -> HttpResponseBase:
    goal = selectors.goal_for_person(person, pk)
    return goal_pages.step_add_page(
        request,
        goal,
        template="recovery/step_form.jinja",
        context={"person": person},
        back=_goal_url(person, goal),
    )


@roles(*CASELOAD_ROLES)
@require_POST
@person_view("mark a step done")
def step_done(request: OrgRequest, person: Person, pk: int, step: int) -> HttpResponse:
    goal = selectors.goal_for_person(person, pk)
    return goal_pages.step_done_action(request, goal, step, back=_goal_url(person, goal))


@roles(*CASELOAD_ROLES)
@require_http_methods(["GET", "POST"])
@creates_once
@person_view("record progress on a recovery goal")
def progress_add(request: OrgRequest, person: Person, pk: int) -> HttpResponseBase:
    goal = selectors.goal_for_person(person, pk)
    return goal_pages.progress_add_page(
        request,
        goal,
        template="recovery/progress_form.jinja",
        context={"person": person},
        back=_goal_url(person, goal),
    )


def _goal_url(person: Person, goal: Goal) -> str:
    return reverse("recovery:goal-detail", kwargs={"person": person.pk, "pk": goal.pk})
