"""Who may do what to one wellbeing record (django-rules), asked in views as
`request.actor.may("wellbeing.<rule>", obj)`.

A worker's wellbeing is theirs alone (ADR-020): no role opens it, only its own worker.
"""

from typing import Any

import rules

from peerpath.core.actor import Actor
from peerpath.core.rules import in_actors_organisation


@rules.predicate
def is_the_worker(actor: Actor, record: Any) -> bool:
    """The record is the actor's own (no query)."""
    return actor.user_id is not None and getattr(record, "worker_id", None) == actor.user_id


rules.add_rule("wellbeing.change_own", in_actors_organisation & is_the_worker)
