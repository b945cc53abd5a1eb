"""URL arguments for observation's routes in the URL-by-role walk, and `build(world)`,
which adds a supervision agreement (the home supervisor supervises the home PSW), a draft
observation and a finalised one to the walk's world."""

from datetime import timedelta
from typing import Any

from django.utils import timezone

from peerpath.core.roles import Role
from peerpath.framework.models import Statement
from peerpath.observation.models import (
    ConsentMethod,
    DevelopmentPlan,
    Observation,
    ObservationRating,
    Rating,
)
from peerpath.supervision.models import SupervisionAgreement, SupervisionKind
from peerpath.supervision.selectors import supervisor_ids_of
from peerpath.tests.access_walk import Example


def supervise(world: Any, *, worker: Any = None, supervisor: Any = None) -> None:
    """A practice supervision agreement in force, unless one already is."""
    worker = worker or world.user(Role.PSW)
    supervisor = supervisor or world.user(Role.SUPERVISOR)
    today = timezone.localdate()
    if supervisor.pk in supervisor_ids_of(world.organisation, worker.pk, today):
        return
    SupervisionAgreement.objects.create(
        organisation=world.organisation,
        worker=worker,
        supervisor=supervisor,
        kind=SupervisionKind.PRACTICE,
        every_weeks=4,
        where="Team base",
        what_is_recorded="Themes and actions",
        confidentiality_limits="Safeguarding concerns are shared.",
        starts_on=today - timedelta(days=60),
    )


def observe(world: Any, *, final: bool, unit: str = "2.5", person: Any = None) -> Observation:
    observation = Observation.objects.create(
        organisation=world.organisation,
        worker=world.user(Role.PSW),
        observer=world.user(Role.SUPERVISOR),
        observed_on=timezone.localdate() - timedelta(days=3),
        activity="A one-to-one session",
        setting="Community café",
        person=person,
        consent_given=person is not None,
        consent_method=ConsentMethod.SPOKEN if person is not None else "",
        overall_feedback="Warm and attentive throughout.",
        finalised_at=timezone.now() if final else None,
    )
    statement = Statement.objects.filter(unit__code=unit).order_by("number")[0]
    ObservationRating.objects.create(
        organisation=world.organisation,
        observation=observation,
        statement=statement,
        rating=Rating.DEMONSTRATED,
        feedback="Listened closely and reflected back what was said.",
    )
    return observation


def build(world: Any) -> None:
    supervise(world)
    world.observation = observe(world, final=False, person=getattr(world, "person", None))
    world.final_observation = observe(world, final=True)
    world.development_plan = open_plan(world, world.final_observation)


def open_plan(world: Any, observation: Observation, *, due_in_days: int = 14) -> DevelopmentPlan:
    plan = DevelopmentPlan.objects.create(
        organisation=world.organisation,
        worker=observation.worker,
        observation=observation,
        concern="Closing sessions abruptly when time runs out.",
        agreed_support="Shadow a colleague's endings; talk it through in supervision.",
        next_review_on=timezone.localdate() + timedelta(days=due_in_days),
        opened_by=observation.observer,
    )
    plan.statements.set([observation.ratings.all()[0].statement])
    return plan


def _draft(w: Any) -> dict[str, Any]:
    return {"pk": w.observation.pk}


EXAMPLES: dict[str, Example] = {
    "observation:observation-create": Example(lambda w: {"worker": w.user(Role.PSW).pk}),
    "observation:observation-detail": Example(_draft),
    "observation:observation-edit": Example(_draft),
    "observation:observation-units": Example(_draft),
    "observation:observation-rate": Example(lambda w: {"pk": w.observation.pk, "code": "2.5"}),
    "observation:observation-finalise": Example(_draft),
    "observation:observation-reflect": Example(_draft),
    "observation:observation-addendum": Example(lambda w: {"pk": w.final_observation.pk}),
    "observation:plan-create": Example(lambda w: {"pk": w.final_observation.pk}),
    "observation:plan-detail": Example(lambda w: {"pk": w.development_plan.pk}),
    "observation:plan-review": Example(lambda w: {"pk": w.development_plan.pk}),
    "observation:plan-close": Example(lambda w: {"pk": w.development_plan.pk}),
    "observation:record": Example(lambda w: {"worker": w.user(Role.PSW).pk}),
    "observation:record-print": Example(lambda w: {"worker": w.user(Role.PSW).pk}),
}
