"""Reads of a worker's wellbeing. Private to the worker (ADR-020): the only read for anyone
else is `shared_with_supervisor`, which returns just the parts the worker chose to share.
The supervision app decides who the worker's supervisor is and asks this only for them."""

from dataclasses import dataclass

from django.db.models import QuerySet
from django.http import Http404

from peerpath.core.actor import Actor
from peerpath.organisations.models import Organisation

from .models import CheckIn, WellbeingPlan, WellbeingPlanVersion
from .parts import HEADINGS, PARTS


@dataclass(frozen=True)
class SharedPart:
    heading: str  # e.g. "What helps me at work"
    text: str


def shared_with_supervisor(organisation: Organisation, worker_id: int) -> list[SharedPart]:
    """The parts of the worker's current wellbeing plan they chose to share with their
    supervisor (in the plan's order), then the check-ins they shared, newest first. Two
    queries. The caller has already decided the asker is the worker's supervisor."""
    version = (
        WellbeingPlanVersion.objects.filter(
            organisation=organisation,
            plan__organisation=organisation,
            plan__worker_id=worker_id,
        )
        .order_by("-number")
        .first()
    )
    found: list[SharedPart] = []
    if version is not None:
        shared = set(version.shared)
        found = [
            SharedPart(part.heading, version.content.get(part.key, ""))
            for part in PARTS
            if part.key in shared and version.content.get(part.key, "").strip()
        ]
    for check_in in CheckIn.objects.filter(
        organisation=organisation, worker_id=worker_id, shared=True
    ).order_by("-on", "-pk"):
        text = f"How I am: {check_in.how_i_am}"
        if check_in.what_would_help:
            text += f"\nWhat would help: {check_in.what_would_help}"
        found.append(SharedPart(f"Check-in, {check_in.on:%-d %B %Y}", text))
    return found


# --- the worker's own reads -----------------------------------------------------------------


def my_plan(*, actor: Actor) -> WellbeingPlan | None:
    """The actor's own plan in their current organisation, if they have written one."""
    if actor.user is None or actor.organisation is None:
        return None
    return WellbeingPlan.objects.filter(
        organisation=actor.organisation, worker_id=actor.user_id
    ).first()


def plan_version(plan: WellbeingPlan, number: int) -> WellbeingPlanVersion:
    """One version of the plan, or 404."""
    version = WellbeingPlanVersion.objects.filter(plan=plan, number=number).first()
    if version is None:
        raise Http404
    return version


def plan_versions(plan: WellbeingPlan) -> QuerySet[WellbeingPlanVersion]:
    """Every version, newest first, with who saved it (one query)."""
    return plan.versions.select_related("changed_by").order_by("-number")


def my_check_ins(*, actor: Actor) -> QuerySet[CheckIn]:
    """The actor's own check-ins in their current organisation, newest first."""
    if actor.user is None or actor.organisation is None:
        return CheckIn.objects.none()
    return CheckIn.objects.filter(
        organisation=actor.organisation, worker_id=actor.user_id
    ).order_by("-on", "-pk")


def plan_parts(version: WellbeingPlanVersion | None) -> list[tuple[str, str, bool]]:
    """(heading, text, shared) for each part of the plan, in order (no query)."""
    if version is None:
        return []
    shared = set(version.shared)
    return [(p.heading, version.content.get(p.key, ""), p.key in shared) for p in PARTS]


def shared_headings(version: WellbeingPlanVersion) -> list[str]:
    return [HEADINGS[key] for key in version.shared if key in HEADINGS]
