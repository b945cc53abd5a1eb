"""Object rules of people's records and peer relationships (django-rules).

Asked as `actor.may("caseload.<rule>", obj)`. Who sees whose record is decided in one
place, `scoping` (as queries, for lists and fetches); these rules say the same for an
object in hand, built on the same functions so the two cannot disagree:

- `caseload.change_record` (a person): the person is on the actor's caseload, as a PSW
  working with them (their worker, or shared with them) or as the supervisor of their team.
- `caseload.read_record` (a person): the above, or a safeguarding lead while a concern
  about the person is open (read only: they never change it).
- `caseload.work_on_relationship` (a relationship): the actor is a PSW on it, its worker
  or someone it is shared with, while it is open.
- `caseload.supervise` (a person or a relationship): the actor supervises its team.
- `caseload.agree_capacity` (a worker): the actor supervises a team the worker is a PSW in.
"""

from typing import Any

import rules

from peerpath.core.actor import Actor
from peerpath.core.roles import Role
from peerpath.core.rules import holds, in_actors_organisation

from .models import OPEN_STATUSES, PeerRelationship
from .scoping import may_open_record, people_visible
from .selectors import team_workers


@rules.predicate
def on_caseload(actor: Actor, person: Any) -> bool:
    """The person is on the actor's caseload (one query)."""
    return person is not None and people_visible(actor).filter(pk=person.pk).exists()


@rules.predicate
def record_opens(actor: Actor, person: Any) -> bool:
    """The person's record opens to the actor, read only or not (one or two queries)."""
    return person is not None and may_open_record(actor, person.pk)


@rules.predicate
def works_on(actor: Actor, relationship: PeerRelationship | None) -> bool:
    """The actor is the worker of this open relationship, or it is shared with them."""
    if relationship is None or actor.user is None:
        return False
    if relationship.status not in OPEN_STATUSES:
        return False
    if relationship.worker_id == actor.user.pk:
        return True
    return relationship.shared_with.filter(pk=actor.user.pk).exists()


@rules.predicate
def supervises_team_of(actor: Actor, obj: Any) -> bool:
    """The object's team is one the actor supervises (no query once the actor knows)."""
    team_id = getattr(obj, "team_id", None)
    return team_id is not None and team_id in actor.supervised_team_ids


@rules.predicate
def supervises_worker(actor: Actor, worker: Any) -> bool:
    """The worker is a PSW in a team the actor supervises (one query)."""
    return worker is not None and team_workers(actor).filter(pk=worker.pk).exists()


rules.add_rule("caseload.change_record", in_actors_organisation & on_caseload)
rules.add_rule("caseload.read_record", in_actors_organisation & record_opens)
rules.add_rule("caseload.work_on_relationship", in_actors_organisation & holds(Role.PSW) & works_on)
rules.add_rule(
    "caseload.supervise", in_actors_organisation & holds(Role.SUPERVISOR) & supervises_team_of
)
# A worker's caseload capacity is agreed with the supervisor of their team, who records it.
rules.add_rule("caseload.agree_capacity", holds(Role.SUPERVISOR) & supervises_worker)
