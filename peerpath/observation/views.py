"""Direct observation pages: record an observation, rate framework statements unit by unit,
the worker's reflection, finalising, addenda; and the worker's competence record."""

from datetime import timedelta
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from peerpath.caseload.selectors import audit_listed
from peerpath.core.access import get_in_organisation_or_404, roles
from peerpath.core.formpage import form_page
from peerpath.core.http import OrgRequest
from peerpath.core.once import creates_once
from peerpath.core.roles import Role
from peerpath.core.versioning import EditConflict
from peerpath.framework import selectors as framework
from peerpath.framework.models import Section

from . import selectors, services
from .forms import (
    AddendumForm,
    CloseForm,
    FinaliseForm,
    ObservationForm,
    PlanForm,
    RatingsForm,
    ReflectionForm,
    ReviewForm,
)
from .models import DevelopmentPlan, Observation

OBSERVERS = (Role.SUPERVISOR, Role.TRAINER)
# Everyone who may be in an observation or see one: its observer, its worker (a PSW, or a
# trainee observed by their trainer), and the peer development team (coordinators).
READERS = (Role.SUPERVISOR, Role.TRAINER, Role.PSW, Role.TRAINEE, Role.COORDINATOR)

# The passage of the competence framework this app carries out (seed 004).
GUIDANCE = (
    "it is assumed that supervision of peer support workers will include direct observation "
    "of their practice, in turn affording competence-based feedback, with local arrangements "
    "in place to manage any areas of significant concern."
)
PAGE_SIZE = 25


def _observation(request: OrgRequest, pk: int) -> Observation:
    """An observation the actor may see, its read audited (with the person present)."""
    found: Observation = get_in_organisation_or_404(
        request,
        selectors.observations_listed(actor=request.actor, today=timezone.localdate()),
        audit_read=True,
        pk=pk,
    )
    if not request.actor.may("observation.view_observation", found):
        raise Http404
    return found


@roles(*READERS)
@require_http_methods(["GET"])
def observation_list(request: OrgRequest) -> HttpResponse:
    observations = selectors.observations_listed(actor=request.actor, today=timezone.localdate())
    page = Paginator(observations, PAGE_SIZE).get_page(request.GET.get("page"))
    return TemplateResponse(
        request,
        "observation/observation_list.jinja",
        {"page": page, "may_observe": request.actor.has(*OBSERVERS), "guidance": GUIDANCE},
    )


@roles(*OBSERVERS)
@require_http_methods(["GET"])
def observation_start(request: OrgRequest) -> HttpResponse:
    """Whom to observe: the actor's supervisees and trainees."""
    workers = selectors.observable_workers(actor=request.actor, today=timezone.localdate())
    page = Paginator(workers, PAGE_SIZE).get_page(request.GET.get("page"))
    return TemplateResponse(
        request, "observation/observation_start.jinja", {"page": page, "guidance": GUIDANCE}
    )


@roles(*OBSERVERS)
@require_http_methods(["GET", "POST"])
@creates_once
def observation_create(request: OrgRequest, worker: int) -> HttpResponseBase:
    today = timezone.localdate()
    chosen = selectors.observable_workers(actor=request.actor, today=today).filter(pk=worker)
    observed = chosen.first()
    if observed is None:
        raise Http404
    people = selectors.caseload_of_worker(actor=request.actor, worker_id=observed.pk)
    if request.method == "GET":
        audit_listed(request, people, reason="named as who may be present at an observation")

    def save(form: ObservationForm) -> HttpResponseBase:
        observation = services.observation_record(
            actor=request.actor,
            worker=observed,
            details=form.details(),
            today=today,
            request=request,
        )
        messages.success(request, "Observation saved. Now choose the statements you observed.")
        return redirect("observation:observation-units", pk=observation.pk)

    return form_page(
        request,
        lambda data: ObservationForm(data, people=people),
        "observation/observation_form.jinja",
        {"worker": observed, "observation": None, "guidance": GUIDANCE},
        save=save,
    )


@roles(*OBSERVERS)
@require_http_methods(["GET", "POST"])
def observation_edit(request: OrgRequest, pk: int) -> HttpResponseBase:
    observation = _observation(request, pk)
    if not request.actor.may("observation.change_observation", observation):
        raise Http404
    people = selectors.caseload_of_worker(actor=request.actor, worker_id=observation.worker_id)
    if request.method == "GET":
        audit_listed(request, people, reason="named as who may be present at an observation")
    initial = {
        "observed_on": observation.observed_on,
        "activity": observation.activity,
        "setting": observation.setting,
        "person": observation.person_id,
        "consent_given": observation.consent_given,
        "consent_method": observation.consent_method,
        "consent_note": observation.consent_note,
        "overall_feedback": observation.overall_feedback,
        "version": observation.version,
    }

    def save(form: ObservationForm) -> HttpResponseBase:
        services.observation_change(
            actor=request.actor,
            observation=observation,
            details=form.details(),
            expected_version=form.cleaned_data["version"],
            request=request,
        )
        messages.success(request, "Observation updated.")
        return redirect("observation:observation-detail", pk=observation.pk)

    return form_page(
        request,
        lambda data: ObservationForm(data, people=people, initial=initial),
        "observation/observation_form.jinja",
        {"worker": observation.worker, "observation": observation, "guidance": GUIDANCE},
        save=save,
        conflict="this observation",
    )


@roles(*READERS)
@require_http_methods(["GET"])
def observation_detail(request: OrgRequest, pk: int) -> HttpResponse:
    observation = _observation(request, pk)
    may = request.actor.may
    return TemplateResponse(
        request,
        "observation/observation_detail.jinja",
        {
            "observation": observation,
            "ratings": selectors.ratings_of(observation),
            "addenda": list(observation.addenda.select_related("added_by")),
            "may_change": may("observation.change_observation", observation),
            "may_reflect": may("observation.reflect_on_observation", observation),
            "may_add": may("observation.add_addendum", observation),
            "may_open_plan": may("observation.open_development_plan", observation),
            "finalise_form": FinaliseForm(initial={"version": observation.version}),
            "guidance": GUIDANCE,
        },
    )


@roles(*OBSERVERS)
@require_http_methods(["GET"])
def observation_units(request: OrgRequest, pk: int) -> HttpResponse:
    """Choose a unit of the framework, then rate its statements (one unit at a time)."""
    observation = _observation(request, pk)
    if not request.actor.may("observation.change_observation", observation):
        raise Http404
    current = framework.framework_get()
    rated = {r.statement.unit_id for r in selectors.ratings_of(observation)}
    return TemplateResponse(
        request,
        "observation/observation_units.jinja",
        {
            "observation": observation,
            "outline": framework.framework_outline(current),
            "rated": rated,
        },
    )


@roles(*OBSERVERS)
@require_http_methods(["GET", "POST"])
def observation_rate(request: OrgRequest, pk: int, code: str) -> HttpResponseBase:
    observation = _observation(request, pk)
    if not request.actor.may("observation.change_observation", observation):
        raise Http404
    unit = framework.unit_get(framework.framework_get(), code)
    statements = framework.unit_statements(unit)
    existing = {
        r.statement_id: (r.rating, r.feedback)
        for r in selectors.ratings_of(observation)
        if r.statement.unit_id == unit.pk
    }

    def make(data: Any) -> RatingsForm:
        form = RatingsForm(data, statements=statements, initial_ratings=existing)
        form.initial["version"] = observation.version
        return form

    def save(form: RatingsForm) -> HttpResponseBase:
        count = services.ratings_set(
            observation=observation,
            unit=unit,
            ratings=form.ratings(),
            expected_version=form.cleaned_data["version"],
            by=request.user,
            request=request,
        )
        rated = "1 statement" if count == 1 else f"{count} statements"
        messages.success(request, f"{rated} of unit {unit.code} rated.")
        return redirect("observation:observation-detail", pk=observation.pk)

    return form_page(
        request,
        make,
        "observation/observation_rate.jinja",
        {"observation": observation, "unit": unit},
        save=save,
        conflict="this observation",
    )


@roles(*OBSERVERS)
@require_http_methods(["POST"])
def observation_finalise(request: OrgRequest, pk: int) -> HttpResponseBase:
    observation = _observation(request, pk)
    if not request.actor.may("observation.change_observation", observation):
        raise Http404
    form = FinaliseForm(request.POST)
    form.is_valid()
    try:
        services.observation_finalise(
            observation=observation,
            expected_version=form.cleaned_data.get("version"),
            by=request.user,
            request=request,
        )
    except ValidationError as error:
        for problem in error.messages:
            messages.error(request, problem)
    except EditConflict:
        messages.error(
            request,
            "Someone changed this observation since you opened it. Check it, then finalise.",
        )
    else:
        messages.success(
            request, "Observation finalised. It is now evidence in the competence record."
        )
    return redirect("observation:observation-detail", pk=observation.pk)


@roles(Role.PSW, Role.TRAINEE)
@require_http_methods(["GET", "POST"])
def observation_reflect(request: OrgRequest, pk: int) -> HttpResponseBase:
    observation = _observation(request, pk)
    if not request.actor.may("observation.reflect_on_observation", observation):
        raise Http404

    def save(form: ReflectionForm) -> HttpResponseBase:
        services.reflection_save(
            observation=observation,
            text=form.cleaned_data["worker_reflection"],
            expected_version=form.cleaned_data["version"],
            by=request.user,
            request=request,
        )
        messages.success(request, "Your reflection is saved.")
        return redirect("observation:observation-detail", pk=observation.pk)

    initial = {"worker_reflection": observation.worker_reflection, "version": observation.version}
    return form_page(
        request,
        lambda data: ReflectionForm(data, initial=initial),
        "observation/observation_reflect.jinja",
        {"observation": observation},
        save=save,
        conflict="this observation",
    )


@roles(*OBSERVERS, Role.PSW, Role.TRAINEE)
@require_http_methods(["GET", "POST"])
@creates_once
def observation_addendum(request: OrgRequest, pk: int) -> HttpResponseBase:
    observation = _observation(request, pk)
    if not request.actor.may("observation.add_addendum", observation):
        raise Http404

    def save(form: AddendumForm) -> HttpResponseBase:
        services.addendum_add(
            observation=observation,
            text=form.cleaned_data["text"],
            by=request.user,
            request=request,
        )
        messages.success(request, "Addendum added.")
        return redirect("observation:observation-detail", pk=observation.pk)

    return form_page(
        request,
        AddendumForm,
        "observation/observation_addendum.jinja",
        {"observation": observation},
        save=save,
    )


# --- the competence record -------------------------------------------------------------------


@roles(Role.SUPERVISOR, Role.TRAINER, Role.COORDINATOR)
@require_http_methods(["GET"])
def record_list(request: OrgRequest) -> HttpResponse:
    workers = selectors.workers_with_records(actor=request.actor, today=timezone.localdate())
    page = Paginator(workers, PAGE_SIZE).get_page(request.GET.get("page"))
    return TemplateResponse(request, "observation/record_list.jinja", {"page": page})


def _record_context(request: OrgRequest, worker_id: int, *, whole: bool) -> dict[str, Any]:
    worker = get_in_organisation_or_404(
        request,
        selectors.record_workers(actor=request.actor, today=timezone.localdate()),
        audit_read=True,
        belongs=lambda obj, organisation: True,  # record_workers is of the organisation
        pk=worker_id,
    )
    current = framework.framework_get()
    sections = selectors.record_sections(current.pk)
    section: Section | None = None
    if not whole and sections:
        number = request.GET.get("section", "")
        section = next((s for s in sections if str(s.number) == number), sections[0])
    return {
        "worker": worker,
        "is_own": worker.pk == request.user.pk,
        "summary": selectors.record_summary(request.organisation, worker.pk),
        "sections": sections,
        "section": section,
        "units": selectors.record_units(request.organisation, worker.pk, current.pk, section),
        "guidance": GUIDANCE,
    }


RECORD_READERS = (Role.PSW, Role.TRAINEE, Role.SUPERVISOR, Role.TRAINER, Role.COORDINATOR)


@roles(*RECORD_READERS)
@require_http_methods(["GET"])
def record(request: OrgRequest, worker: int) -> HttpResponse:
    """The worker's competence record, one section of the framework at a time."""
    return TemplateResponse(
        request, "observation/record.jinja", _record_context(request, worker, whole=False)
    )


@roles(*RECORD_READERS)
@require_http_methods(["GET"])
def record_print(request: OrgRequest, worker: int) -> HttpResponse:
    """The whole record on one page, to print."""
    return TemplateResponse(
        request, "observation/record_print.jinja", _record_context(request, worker, whole=True)
    )


@roles(Role.PSW, Role.TRAINEE)
@require_http_methods(["GET"])
def my_record(request: OrgRequest) -> HttpResponse:
    """The worker's own competence record, from their home page."""
    return TemplateResponse(
        request, "observation/record.jinja", _record_context(request, request.user.pk, whole=False)
    )


# --- development plans for an area of significant concern ------------------------------------

PLAN_READERS = (Role.PSW, Role.SUPERVISOR, Role.COORDINATOR)
PLAN_KEEPERS = (Role.SUPERVISOR, Role.COORDINATOR)
# The next review a review form suggests: four weeks on, which the reviewer can change.
NEXT_REVIEW_AFTER = timedelta(weeks=4)


def _plan(request: OrgRequest, pk: int) -> DevelopmentPlan:
    """A plan the actor may see (only the worker, their supervisors and the peer
    development lead), its read audited."""
    found: DevelopmentPlan = get_in_organisation_or_404(
        request,
        selectors.development_plans_of(actor=request.actor, today=timezone.localdate()),
        audit_read=True,
        pk=pk,
    )
    if not request.actor.may("observation.view_development_plan", found):
        raise Http404
    return found


@roles(*PLAN_READERS)
@require_http_methods(["GET"])
def plan_list(request: OrgRequest) -> HttpResponse:
    today = timezone.localdate()
    plans = selectors.development_plans_of(actor=request.actor, today=today)
    page = Paginator(plans, PAGE_SIZE).get_page(request.GET.get("page"))
    return TemplateResponse(request, "observation/plan_list.jinja", {"page": page, "today": today})


@roles(*PLAN_KEEPERS)
@require_http_methods(["GET", "POST"])
@creates_once
def plan_create(request: OrgRequest, pk: int) -> HttpResponseBase:
    observation = _observation(request, pk)
    if not request.actor.may("observation.open_development_plan", observation):
        raise Http404
    rated = selectors.statements_rated(observation)

    def save(form: PlanForm) -> HttpResponseBase:
        plan = services.plan_open(
            observation=observation,
            concern=form.cleaned_data["concern"],
            statements=form.cleaned_data["statements"],
            agreed_support=form.cleaned_data["agreed_support"],
            next_review_on=form.cleaned_data["next_review_on"],
            by=request.user,
            request=request,
        )
        messages.success(request, "Development plan opened.")
        return redirect("observation:plan-detail", pk=plan.pk)

    return form_page(
        request,
        lambda data: PlanForm(data, statements=rated),
        "observation/plan_form.jinja",
        {"observation": observation},
        save=save,
    )


@roles(*PLAN_READERS)
@require_http_methods(["GET"])
def plan_detail(request: OrgRequest, pk: int) -> HttpResponse:
    plan = _plan(request, pk)
    return TemplateResponse(
        request,
        "observation/plan_detail.jinja",
        {
            "plan": plan,
            "statements": list(plan.statements.order_by("unit__order", "number")),
            "reviews": list(plan.reviews.select_related("by")),
            "may_review": request.actor.may("observation.review_development_plan", plan),
            "today": timezone.localdate(),
        },
    )


@roles(*PLAN_KEEPERS)
@require_http_methods(["GET", "POST"])
def plan_review(request: OrgRequest, pk: int) -> HttpResponseBase:
    plan = _plan(request, pk)
    if not request.actor.may("observation.review_development_plan", plan):
        raise Http404

    def save(form: ReviewForm) -> HttpResponseBase:
        services.plan_review(
            plan=plan,
            reviewed_on=form.cleaned_data["reviewed_on"],
            progress=form.cleaned_data["progress"],
            next_review_on=form.cleaned_data["next_review_on"],
            expected_version=form.cleaned_data["version"],
            by=request.user,
            request=request,
        )
        messages.success(request, "Review recorded.")
        return redirect("observation:plan-detail", pk=plan.pk)

    return form_page(
        request,
        lambda data: ReviewForm(
            data,
            initial={
                "version": plan.version,
                "reviewed_on": timezone.localdate(),
                "next_review_on": timezone.localdate() + NEXT_REVIEW_AFTER,
            },
        ),
        "observation/plan_review.jinja",
        {"plan": plan},
        save=save,
        conflict="this plan",
    )


@roles(*PLAN_KEEPERS)
@require_http_methods(["GET", "POST"])
def plan_close(request: OrgRequest, pk: int) -> HttpResponseBase:
    plan = _plan(request, pk)
    if not request.actor.may("observation.review_development_plan", plan):
        raise Http404

    def save(form: CloseForm) -> HttpResponseBase:
        services.plan_close(
            plan=plan,
            closed_on=form.cleaned_data["closed_on"],
            outcome=form.cleaned_data["outcome"],
            expected_version=form.cleaned_data["version"],
            by=request.user,
            request=request,
        )
        messages.success(request, "Development plan closed.")
        return redirect("observation:plan-detail", pk=plan.pk)

    return form_page(
        request,
        lambda data: CloseForm(data, initial={"version": plan.version}),
        "observation/plan_close.jinja",
        {"plan": plan},
        save=save,
        conflict="this plan",
    )
