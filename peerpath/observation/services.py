"""Writes of direct observations: record, rate, reflect, finalise, add an addendum.

Each write is audited, in the same transaction. An observation is changed only while it is
a draft (version-checked); finalising locks it, and anything later is a dated addendum.
"""

from collections.abc import Iterable, Mapping
from datetime import date
from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils import timezone

from peerpath.caseload.models import Person
from peerpath.core.actor import Actor
from peerpath.core.audit import audit
from peerpath.core.models import AuditAction
from peerpath.core.records import create_audited, update_audited
from peerpath.core.versioning import EditConflict, update_if_unchanged
from peerpath.framework.models import Statement, Unit

from . import selectors
from .models import (
    DevelopmentPlan,
    Observation,
    ObservationAddendum,
    ObservationRating,
    PlanReview,
    PlanStatus,
    Rating,
)

if TYPE_CHECKING:
    from peerpath.accounts.models import User

CONSENT_NEEDED = "A person supported was present: record that they agreed to be observed."


def _check_details(details: Mapping[str, Any]) -> dict[str, Any]:
    person = details.get("person")
    errors: dict[str, str] = {}
    if person is not None:
        if not details.get("consent_given"):
            errors["consent_given"] = CONSENT_NEEDED
        if not details.get("consent_method"):
            errors["consent_method"] = "Say how the person agreed to be observed."
    if errors:
        raise ValidationError(errors)
    fields = {
        "observed_on": details["observed_on"],
        "activity": details["activity"].strip(),
        "setting": details["setting"].strip(),
        "person": person,
        "consent_given": bool(details.get("consent_given")) if person else False,
        "consent_method": details.get("consent_method", "") if person else "",
        "consent_note": details.get("consent_note", "").strip() if person else "",
        "overall_feedback": details.get("overall_feedback", "").strip(),
    }
    return fields


def _check_person(actor: Actor, worker_id: int, person: Person | None) -> None:
    if person is not None and not (
        selectors.caseload_of_worker(actor=actor, worker_id=worker_id).filter(pk=person.pk).exists()
    ):
        raise ValidationError({"person": "Choose someone on the worker's caseload."})


def _draft(observation: Observation) -> "QuerySet[Observation]":
    """The observation's row while it is still a draft (a finalised one is never changed)."""
    return Observation.objects.filter(pk=observation.pk, finalised_at__isnull=True)


def observation_record(
    *,
    actor: Actor,
    worker: "User",
    details: Mapping[str, Any],
    today: date,
    request: HttpRequest | None = None,
) -> Observation:
    """A draft observation of the worker's practice, by their supervisor or trainer."""
    if worker.pk not in selectors.observable_worker_ids(actor, today):
        raise ValidationError(
            "You can observe the people you supervise, or the trainees you teach."
        )
    fields = _check_details(details)
    _check_person(actor, worker.pk, fields["person"])
    if actor.organisation is None or actor.user is None:
        raise ValidationError("Sign in to an organisation to record an observation.")
    observation = Observation(
        organisation=actor.organisation, worker=worker, observer=actor.user, **fields
    )
    return create_audited(
        observation, by=actor.user, request=request, person_id=observation.person_id
    )


def observation_change(
    *,
    actor: Actor,
    observation: Observation,
    details: Mapping[str, Any],
    expected_version: int | None,
    request: HttpRequest | None = None,
) -> Observation:
    if observation.is_final:
        raise EditConflict(None)
    fields = _check_details(details)
    _check_person(actor, observation.worker_id, fields["person"])
    return update_audited(
        observation,
        _draft(observation),
        expected_version=expected_version,
        changes=fields,
        by=actor.user,
        request=request,
        names_person=True,
    )


def ratings_set(
    *,
    observation: Observation,
    unit: Unit,
    ratings: Mapping[int, tuple[str, str]],
    expected_version: int | None,
    by: "User",
    request: HttpRequest | None = None,
) -> int:
    """Replace the observation's ratings of this unit's statements with `ratings`
    (statement id → (rating, feedback)); a statement left out is not part of it. Returns
    how many statements of the unit are rated."""
    statements = {s.pk: s for s in Statement.objects.filter(unit=unit)}
    errors: dict[str, str] = {}
    for statement_id, (rating, feedback) in ratings.items():
        if statement_id not in statements:
            raise ValidationError("Choose statements of this unit.")
        if rating not in Rating.values:
            errors[f"rating_{statement_id}"] = "Choose a rating from the list."
        elif rating != Rating.NOT_SEEN and not feedback.strip():
            errors[f"feedback_{statement_id}"] = "Give feedback on what you saw for this statement."
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        observation.version = update_if_unchanged(
            _draft(observation),
            expected_version=expected_version,
        )
        ObservationRating.objects.filter(observation=observation, statement__unit=unit).delete()
        ObservationRating.objects.bulk_create(
            ObservationRating(
                organisation_id=observation.organisation_id,
                observation=observation,
                statement=statements[statement_id],
                rating=rating,
                feedback=feedback.strip(),
            )
            for statement_id, (rating, feedback) in ratings.items()
        )
        audit(
            request,
            action=AuditAction.UPDATE,
            obj=observation,
            actor=by,
            reason=f"ratings of unit {unit.code}",
            person_id=observation.person_id,
            organisation_id=observation.organisation_id,
        )
    return len(ratings)


def reflection_save(
    *,
    observation: Observation,
    text: str,
    expected_version: int | None,
    by: "User",
    request: HttpRequest | None = None,
) -> Observation:
    if not text.strip():
        raise ValidationError({"worker_reflection": "Write your reflection."})
    return update_audited(
        observation,
        _draft(observation),
        expected_version=expected_version,
        changes={"worker_reflection": text.strip(), "reflected_at": timezone.now()},
        by=by,
        request=request,
        reason="worker's reflection",
        names_person=True,
    )


def observation_finalise(
    *,
    observation: Observation,
    expected_version: int | None,
    by: "User",
    request: HttpRequest | None = None,
) -> Observation:
    """Lock the observation: its ratings become evidence in the competence record."""
    problems = []
    if not observation.ratings.exists():
        problems.append("Rate at least one framework statement before finalising.")
    if not observation.overall_feedback.strip():
        problems.append("Give your overall feedback before finalising.")
    if problems:
        raise ValidationError(problems)
    return update_audited(
        observation,
        _draft(observation),
        expected_version=expected_version,
        changes={"finalised_at": timezone.now()},
        by=by,
        request=request,
        reason="finalised",
        names_person=True,
    )


def addendum_add(
    *,
    observation: Observation,
    text: str,
    by: "User",
    request: HttpRequest | None = None,
) -> ObservationAddendum:
    if not observation.is_final:
        raise ValidationError("Change the observation itself while it is a draft.")
    if not text.strip():
        raise ValidationError({"text": "Write what you want to add."})
    with transaction.atomic():
        addendum = ObservationAddendum.objects.create(
            organisation_id=observation.organisation_id,
            observation=observation,
            text=text.strip(),
            added_by=by,
        )
        audit(
            request,
            action=AuditAction.CREATE,
            obj=addendum,
            actor=by,
            person_id=observation.person_id,
            organisation_id=observation.organisation_id,
        )
    return addendum


# --- development plans for an area of significant concern ------------------------------------


def _audit_plan(
    request: HttpRequest | None, plan: DevelopmentPlan, by: "User", action: AuditAction, why: str
) -> None:
    audit(
        request,
        action=action,
        obj=plan,
        actor=by,
        reason=why,
        organisation_id=plan.organisation_id,
    )


def plan_open(
    *,
    observation: Observation,
    concern: str,
    statements: Iterable[Statement],
    agreed_support: str,
    next_review_on: date,
    by: "User",
    request: HttpRequest | None = None,
) -> DevelopmentPlan:
    """Record an area of significant concern from an observation; it opens a development
    plan with the support agreed and the first review date."""
    chosen = list(statements)
    rated = set(observation.ratings.values_list("statement_id", flat=True))
    if any(s.pk not in rated for s in chosen):
        raise ValidationError({"statements": "Choose statements rated in this observation."})
    with transaction.atomic():
        plan = DevelopmentPlan.objects.create(
            organisation_id=observation.organisation_id,
            worker_id=observation.worker_id,
            observation=observation,
            concern=concern.strip(),
            agreed_support=agreed_support.strip(),
            next_review_on=next_review_on,
            opened_by=by,
        )
        plan.statements.set(chosen)
        _audit_plan(request, plan, by, AuditAction.CREATE, "area of significant concern")
    return plan


def plan_review(
    *,
    plan: DevelopmentPlan,
    reviewed_on: date,
    progress: str,
    next_review_on: date,
    expected_version: int | None,
    by: "User",
    request: HttpRequest | None = None,
) -> PlanReview:
    if next_review_on <= reviewed_on:
        raise ValidationError({"next_review_on": "The next review must be after this one."})
    with transaction.atomic():
        plan.version = update_if_unchanged(
            DevelopmentPlan.objects.filter(pk=plan.pk, status=PlanStatus.OPEN),
            expected_version=expected_version,
            changes={"next_review_on": next_review_on},
        )
        review = PlanReview.objects.create(
            organisation_id=plan.organisation_id,
            plan=plan,
            reviewed_on=reviewed_on,
            progress=progress.strip(),
            next_review_on=next_review_on,
            by=by,
        )
        _audit_plan(request, plan, by, AuditAction.UPDATE, "review")
    return review


def plan_close(
    *,
    plan: DevelopmentPlan,
    closed_on: date,
    outcome: str,
    expected_version: int | None,
    by: "User",
    request: HttpRequest | None = None,
) -> DevelopmentPlan:
    if not outcome.strip():
        raise ValidationError({"outcome": "Say what the outcome is."})
    return update_audited(
        plan,
        DevelopmentPlan.objects.filter(pk=plan.pk, status=PlanStatus.OPEN),
        expected_version=expected_version,
        changes={
            "status": PlanStatus.CLOSED,
            "closed_on": closed_on,
            "outcome": outcome.strip(),
            "closed_by": by,
        },
        by=by,
        request=request,
        reason="closed",
    )
