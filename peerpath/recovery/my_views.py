"""The person supported's own goals and plans (under /my/): read, add, suggest a change.

Every view is the signed-in person's own record (`@own_record_view`: their `Person` comes
from who is signed in, never from the URL), and every goal, step or suggestion is fetched
through that person, so another person's id is a 404. Writes go through the same services
as the staff pages, with the person's own user as `by`.
"""

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST

from peerpath.caseload.models import Person
from peerpath.caseload.scoping import own_record_view
from peerpath.core.access import public, roles
from peerpath.core.formpage import attempt, form_page
from peerpath.core.http import OrgRequest, no_personal_data
from peerpath.core.once import creates_once
from peerpath.core.roles import Role
from peerpath.core.versioning import conflict_message

from . import goal_pages, offline, selectors, services
from .documents import CRISIS_PLAN, EMERGENCY, SAMARITANS, Kind, kind_for_slug
from .forms import MyGoalForm, ProposalForm, WithdrawForm
from .models import Goal, ProposalStatus

# The page of the crisis plan a phone may keep a copy of (B8): its response carries this
# header, and the service worker caches nothing else.
OFFLINE_HEADER = "X-PeerPath-Offline"


def _kind_or_404(slug: str) -> Kind:
    kind = kind_for_slug(slug)
    if kind is None:
        raise Http404
    return kind


def _about(what: str) -> Callable[..., str]:
    def reason(*, kind: str, **kwargs: Any) -> str:
        named = kind_for_slug(kind)
        return what.format(title=named.title if named else "plan", **kwargs)

    return reason


# --- goals --------------------------------------------------------------------------------


@roles(Role.PERSON)
@require_http_methods(["GET"])
@own_record_view("the person reading their own goals")
def my_goal_list(request: OrgRequest, person: Person) -> HttpResponse:
    return TemplateResponse(
        request,
        "recovery/my/goal_list.jinja",
        {
            "person": person,
            "rows": selectors.goal_rows(person),
            "successes": selectors.latest_successes(person, limit=5),
        },
    )


@roles(Role.PERSON)
@require_http_methods(["GET", "POST"])
@creates_once
@own_record_view("the person adding a goal of their own")
def my_goal_create(request: OrgRequest, person: Person) -> HttpResponseBase:
    def save(form: MyGoalForm) -> HttpResponse:
        goal = services.goal_create(
            person=person, data=form.goal_data(), by=request.user, request=request
        )
        messages.success(request, "Your goal is added. Add a first step when you are ready.")
        return redirect("recovery:my-goal", pk=goal.pk)

    return form_page(request, MyGoalForm, "recovery/my/goal_form.jinja", {}, save=save)


@roles(Role.PERSON)
@require_http_methods(["GET"])
@own_record_view("the person reading their own goal {pk}")
def my_goal_detail(request: OrgRequest, person: Person, pk: int) -> HttpResponse:
    goal = selectors.goal_for_person(person, pk)
    return TemplateResponse(
        request,
        "recovery/my/goal_detail.jinja",
        {
            "goal": goal,
            "steps": selectors.goal_steps(goal),
            "timeline": selectors.goal_timeline(goal),
            "today": timezone.localdate(),
        },
    )


@roles(Role.PERSON)
@require_http_methods(["GET", "POST"])
@creates_once
@own_record_view("the person adding a step to their goal {pk}")
def my_step_add(request: OrgRequest, person: Person, pk: int) -> HttpResponseBase:
    goal = selectors.goal_for_person(person, pk)
    return goal_pages.step_add_page(
        request, goal, template="recovery/my/step_form.jinja", context={}, back=_goal_url(goal)
    )


@roles(Role.PERSON)
@require_POST
@own_record_view("the person marking a step of their goal {pk} done")
def my_step_done(request: OrgRequest, person: Person, pk: int, step: int) -> HttpResponse:
    goal = selectors.goal_for_person(person, pk)
    return goal_pages.step_done_action(request, goal, step, back=_goal_url(goal))


@roles(Role.PERSON)
@require_http_methods(["GET", "POST"])
@creates_once
@own_record_view("the person recording progress on their goal {pk}")
def my_progress_add(request: OrgRequest, person: Person, pk: int) -> HttpResponseBase:
    goal = selectors.goal_for_person(person, pk)
    return goal_pages.progress_add_page(
        request,
        goal,
        template="recovery/my/progress_form.jinja",
        context={},
        back=_goal_url(goal),
    )


def _goal_url(goal: Goal) -> str:
    return reverse("recovery:my-goal", kwargs={"pk": goal.pk})


# --- plans --------------------------------------------------------------------------------


def _plan_context(person: Person, kind: Kind) -> dict[str, Any]:
    found = selectors.document_current(person, kind)
    document, version = found if found else (None, None)
    today = timezone.localdate()
    return {
        "person": person,
        "kind": kind,
        "document": document,
        "version": version,
        "sections": [(s, version.content.get(s.key, "")) for s in kind.sections] if version else [],
        "overdue": bool(version and version.review_on and version.review_on < today),
        "samaritans": SAMARITANS,
        "emergency": EMERGENCY,
        "today": today,
    }


@roles(Role.PERSON)
@require_http_methods(["GET"])
@own_record_view(_about("the person reading their own {title}"))
def my_plan(request: OrgRequest, person: Person, kind: str) -> HttpResponse:
    found_kind = _kind_or_404(kind)
    return TemplateResponse(
        request,
        "recovery/my/plan.jinja",
        {
            **_plan_context(person, found_kind),
            "proposals": list(selectors.proposals_of(person, found_kind)[:20]),
            "withdraw": WithdrawForm(),
        },
    )


@roles(Role.PERSON)
@require_http_methods(["GET"])
@own_record_view(_about("the person printing their own {title}"))
def my_plan_print(request: OrgRequest, person: Person, kind: str) -> HttpResponse:
    found_kind = _kind_or_404(kind)
    context = _plan_context(person, found_kind)
    if context["version"] is None:
        raise Http404
    return TemplateResponse(request, "recovery/my/plan_print.jinja", context)


@roles(Role.PERSON)
@require_http_methods(["GET"])
@own_record_view(_about("the person downloading their own {title} as a PDF"))
def my_plan_pdf(request: OrgRequest, person: Person, kind: str) -> HttpResponse:
    found_kind = _kind_or_404(kind)
    found = selectors.document_current(person, found_kind)
    if found is None:
        raise Http404
    document, version = found
    return goal_pages.plan_pdf_response(
        request,
        person,
        found_kind,
        document,
        version,
        filename=f"my-{found_kind.slug}-version-{version.number}.pdf",
    )


@roles(Role.PERSON)
@require_http_methods(["GET", "POST"])
@creates_once
@own_record_view(_about("the person suggesting a change to their own {title}"))
def my_proposal_create(request: OrgRequest, person: Person, kind: str) -> HttpResponseBase:
    found_kind = _kind_or_404(kind)
    found = selectors.document_current(person, found_kind)
    version = found[1] if found else None
    initial: dict[str, Any] = {"based_on": version.number if version else 0}
    if version is not None:
        initial.update(version.content)

    def save(form: ProposalForm) -> HttpResponse:
        services.proposal_create(
            person=person,
            kind=found_kind,
            based_on=form.cleaned_data["based_on"] or 0,
            content=form.content(),
            note=form.cleaned_data["note"],
            by=request.user,
            request=request,
        )
        messages.success(
            request,
            "Thank you. Your suggested change is with your peer support worker. "
            "You can see here what they decide.",
        )
        return redirect("recovery:my-plan", kind=found_kind.slug)

    return form_page(
        request,
        lambda data: ProposalForm(data, kind=found_kind, initial=initial),
        "recovery/my/proposal_form.jinja",
        {"kind": found_kind, "version": version},
        save=save,
    )


@roles(Role.PERSON)
@require_POST
@own_record_view(_about("the person withdrawing a change they suggested to their {title}"))
def my_proposal_withdraw(request: OrgRequest, person: Person, kind: str, pk: int) -> HttpResponse:
    found_kind = _kind_or_404(kind)
    proposal = selectors.proposal_for_person(person, pk, found_kind)
    form = WithdrawForm(request.POST)

    def save(form: WithdrawForm) -> HttpResponse:
        services.proposal_withdraw(
            proposal=proposal,
            expected_version=form.cleaned_data["version"],
            by=request.user,
            request=request,
        )
        messages.success(request, "You have withdrawn your suggested change.")
        return redirect("recovery:my-plan", kind=found_kind.slug)

    if proposal.status == ProposalStatus.WAITING:
        done = attempt(form, save, conflict="this suggested change")
        if done is not None:
            return done  # type: ignore[return-value]
    else:
        # Their worker answered it meanwhile: it was not withdrawn; the page shows the answer.
        form.is_valid()
        form.add_error(None, conflict_message("an answer to this suggestion", typed=False))
    return TemplateResponse(
        request,
        "recovery/my/plan.jinja",
        {
            **_plan_context(person, found_kind),
            "proposals": list(selectors.proposals_of(person, found_kind)[:20]),
            "withdraw": form,
        },
        status=400,
    )


# --- the crisis plan, one tap from home, and kept on the phone ---------------------------------


@roles(Role.PERSON)
@require_http_methods(["GET"])
@own_record_view("the person reading their own crisis plan")
def my_crisis_plan(request: OrgRequest, person: Person) -> HttpResponse:
    response = TemplateResponse(
        request,
        "recovery/my/crisis_plan.jinja",
        {**_plan_context(person, CRISIS_PLAN), "now": timezone.now()},
    )
    # Only a page with this header is ever kept on the phone (never a log-in page).
    response[OFFLINE_HEADER] = "crisis-plan"
    return response


@public
@no_personal_data
@require_http_methods(["GET"])
def crisis_plan_offline_js(request: OrgRequest) -> HttpResponse:
    """The service worker that keeps a copy of the crisis plan page on the phone. The same
    script for everyone: it holds no personal data."""
    response = HttpResponse(offline.SERVICE_WORKER, content_type="text/javascript")
    response["Service-Worker-Allowed"] = "/my/crisis-plan/"
    return response
