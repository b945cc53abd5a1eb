"""Who may do what to one training record (django-rules), asked in views as
`request.actor.may("training.<rule>", obj)`. Each rule also asks that the record is in the
organisation the actor is working in.
"""

from typing import Any

import rules

from peerpath.core.actor import Actor
from peerpath.core.roles import Role
from peerpath.core.rules import holds, in_actors_organisation


@rules.predicate
def is_the_trainee(actor: Actor, obj: Any) -> bool:
    """The actor is the trainee whose placement (or portfolio entry) this is."""
    return actor.user_id is not None and obj.enrolment.trainee_id == actor.user_id


@rules.predicate
def is_the_supervisor(actor: Actor, placement: Any) -> bool:
    """The actor is the placement's named peer supervisor."""
    return actor.user_id is not None and placement.supervisor_id == actor.user_id


# Who may see a placement is the scoped selector `selectors.placement.placements_visible`.
# Confirming days, reviewing and signing off: the named supervisor or the coordinator.
rules.add_rule(
    "training.supervise_placement",
    in_actors_organisation & (is_the_supervisor | holds(Role.COORDINATOR, Role.ORG_ADMIN)),
)
# Logging a day of work experience: the trainee on the placement.
rules.add_rule("training.log_placement_day", in_actors_organisation & is_the_trainee)

# A portfolio entry is signed off by a trainer, a supervisor or the coordinator, never by
# the trainee whose entry it is; the organisation admin may read it.
rules.add_rule(
    "training.sign_portfolio_entry",
    in_actors_organisation
    & holds(Role.TRAINER, Role.SUPERVISOR, Role.COORDINATOR)
    & ~is_the_trainee,
)
# Adding evidence and asking for a review: the trainee whose entry it is (also as a PSW).
rules.add_rule("training.add_portfolio_evidence", in_actors_organisation & is_the_trainee)
rules.add_rule(
    "training.view_portfolio_entry",
    in_actors_organisation
    & (is_the_trainee | holds(Role.TRAINER, Role.SUPERVISOR, Role.COORDINATOR, Role.ORG_ADMIN)),
)
