"""Direct observations: record one, rate framework statements unit by unit, the worker's
reflection, finalising, addenda."""

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
from peerpath.core.access import roles
from peerpath.core.formpage import form_page
from peerpath.core.http import OrgRequest
from peerpath.core.once import creates_once
from peerpath.core.roles import Role
from peerpath.core.versioning import EditConflict
from peerpath.framework import selectors as framework

from .. import selectors, services
from ..forms import AddendumForm, FinaliseForm, ObservationForm, RatingsForm, ReflectionForm
from ._shared import GUIDANCE, OBSERVERS, PAGE_SIZE, READERS, _observation, _to_observation


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
    observation = _observation(request, pk, may="observation.change_observation")
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
        return _to_observation(request, observation, "Observation updated.")

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
    observation = _observation(request, pk, may="observation.change_observation")
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
    observation = _observation(request, pk, may="observation.change_observation")
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
        return _to_observation(request, observation, f"{rated} of unit {unit.code} rated.")

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
    observation = _observation(request, pk, may="observation.change_observation")
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
    observation = _observation(request, pk, may="observation.reflect_on_observation")

    def save(form: ReflectionForm) -> HttpResponseBase:
        services.reflection_save(
            observation=observation,
            text=form.cleaned_data["worker_reflection"],
            expected_version=form.cleaned_data["version"],
            by=request.user,
            request=request,
        )
        return _to_observation(request, observation, "Your reflection is saved.")

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
    observation = _observation(request, pk, may="observation.add_addendum")

    def save(form: AddendumForm) -> HttpResponseBase:
        services.addendum_add(
            observation=observation,
            text=form.cleaned_data["text"],
            by=request.user,
            request=request,
        )
        return _to_observation(request, observation, "Addendum added.")

    return form_page(
        request,
        AddendumForm,
        "observation/observation_addendum.jinja",
        {"observation": observation},
        save=save,
    )
