"""Who may do what with a worker's learning (django-rules), asked in views as
`request.actor.may("learning.<rule>", obj)`.

"Their supervisor" is a supervisor on an agreement in force today
(peerpath.supervision.selectors.supervisor_ids_of); the peer development team is the
Coordinator role. Each rule takes an object with `worker_id` and `organisation_id`.
"""

from typing import Any

import rules
from django.utils import timezone

from peerpath.core.actor import Actor
from peerpath.core.roles import Role
from peerpath.core.rules import holds, in_actors_organisation
from peerpath.supervision.selectors import supervisor_ids_of


@rules.predicate
def is_the_worker(actor: Actor, obj: Any) -> bool:
    return actor.user_id is not None and getattr(obj, "worker_id", None) == actor.user_id


@rules.predicate
def supervises_the_worker(actor: Actor, obj: Any) -> bool:
    """The actor supervises the record's worker on an agreement in force (one query)."""
    if actor.organisation is None or actor.user_id is None:
        return False
    worker_id = getattr(obj, "worker_id", None)
    if worker_id is None:
        return False
    return actor.user_id in supervisor_ids_of(actor.organisation, worker_id, timezone.localdate())


@rules.predicate
def is_signed(actor: Actor, obj: Any) -> bool:
    return bool(getattr(obj, "is_signed", False))


@rules.predicate
def is_submitted(actor: Actor, obj: Any) -> bool:
    return getattr(obj, "status", None) == "submitted"


@rules.predicate
def is_retired(actor: Actor, obj: Any) -> bool:
    return getattr(obj, "retired_on", None) is not None


peer_development_team = holds(Role.COORDINATOR)
signer = in_actors_organisation & ~is_the_worker & (peer_development_team | supervises_the_worker)

# The worker, their supervisor and the peer development team see and update the induction.
rules.add_rule(
    "learning.update_induction",
    in_actors_organisation & (is_the_worker | peer_development_team | supervises_the_worker),
)
# The worker writes and changes their booklet entries until one is signed off.
rules.add_rule("learning.edit_booklet_entry", in_actors_organisation & is_the_worker & ~is_signed)
# A signed entry is changed only by a dated addendum, from the worker or a signer.
rules.add_rule(
    "learning.add_addendum", in_actors_organisation & is_signed & (is_the_worker | signer)
)
# Their supervisor or the peer development team reviews an entry sent for review.
rules.add_rule("learning.review_booklet_entry", signer & is_submitted)

# The worker picks units with their supervisor: either adds one (the team may too).
rules.add_rule(
    "learning.add_plan_unit",
    in_actors_organisation & (is_the_worker | peer_development_team | supervises_the_worker),
)
# The worker records their learning against a unit until it is signed off.
rules.add_rule("learning.record_learning", in_actors_organisation & is_the_worker & ~is_signed)
# Their supervisor (or the peer development team) signs a unit off, once.
rules.add_rule("learning.sign_plan_unit", signer & ~is_signed)
# The worker, their supervisor or the team records a refresher the worker completed.
rules.add_rule(
    "learning.record_refresher",
    in_actors_organisation & (is_the_worker | peer_development_team | supervises_the_worker),
)
# Their supervisor or the team, whatever the record's state: a stale review or sign-off
# from them is answered with the conflict message, not "not found".
rules.add_rule("learning.sign_for_worker", signer)
# The peer development team (or an organisation admin) changes or retires a refresher
# still required; a retired one is kept as it was.
rules.add_rule(
    "learning.change_refresher",
    in_actors_organisation & holds(Role.COORDINATOR, Role.ORG_ADMIN) & ~is_retired,
)
