"""Who may do what to one observation (django-rules), asked in views as
`request.actor.may("observation.<rule>", obj)`. Each rule also asks that the record is in the
organisation the actor is working in.
"""

from typing import Any

import rules
from django.utils import timezone

from peerpath.core.actor import Actor
from peerpath.core.roles import Role
from peerpath.core.rules import holds, in_actors_organisation

from .selectors import may_see_record_of, supervises


@rules.predicate
def is_the_observer(actor: Actor, observation: Any) -> bool:
    return actor.user_id is not None and observation.observer_id == actor.user_id


@rules.predicate
def is_the_worker(actor: Actor, observation: Any) -> bool:
    return actor.user_id is not None and observation.worker_id == actor.user_id


@rules.predicate
def sees_the_workers_record(actor: Actor, observation: Any) -> bool:
    """The worker, their supervisors today, a coordinator, or their trainer."""
    return may_see_record_of(actor, observation.worker_id, timezone.localdate())


@rules.predicate
def is_final(actor: Actor, observation: Any) -> bool:
    return observation.finalised_at is not None


# Reading: the observer, and whoever may see the worker's competence record.
rules.add_rule(
    "observation.view_observation",
    in_actors_organisation & (is_the_observer | sees_the_workers_record),
)
# Changing what was observed, rating statements, finalising: the observer, until final.
rules.add_rule(
    "observation.change_observation", in_actors_organisation & is_the_observer & ~is_final
)
# The worker's reflection, until final; afterwards, an addendum.
rules.add_rule(
    "observation.reflect_on_observation", in_actors_organisation & is_the_worker & ~is_final
)
rules.add_rule(
    "observation.add_addendum",
    in_actors_organisation & is_final & (is_the_observer | is_the_worker),
)


# --- development plans for an area of significant concern ------------------------------------


@rules.predicate
def supervises_the_worker(actor: Actor, obj: Any) -> bool:
    """The actor supervises the worker (of the observation or plan) today."""
    return supervises(actor, obj.worker_id, timezone.localdate())


@rules.predicate
def is_open(actor: Actor, plan: Any) -> bool:
    return plan.status == "open"


is_the_peer_development_lead = holds(Role.COORDINATOR)

# Opening a plan from an observation: the worker's supervisor or the peer development lead.
rules.add_rule(
    "observation.open_development_plan",
    in_actors_organisation
    & ~is_the_worker
    & (supervises_the_worker | is_the_peer_development_lead),
)
# Seeing a plan: ONLY the worker, their supervisor(s) and the peer development lead.
rules.add_rule(
    "observation.view_development_plan",
    in_actors_organisation & (is_the_worker | supervises_the_worker | is_the_peer_development_lead),
)
# Reviewing and closing it: their supervisor(s) and the peer development lead, while open.
rules.add_rule(
    "observation.review_development_plan",
    in_actors_organisation
    & is_open
    & ~is_the_worker
    & (supervises_the_worker | is_the_peer_development_lead),
)
