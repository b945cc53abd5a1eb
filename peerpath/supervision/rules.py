"""Object rules of supervision (django-rules), asked as `actor.may("supervision.<rule>", obj)`.

Agreements:
- `supervision.view_agreement`: the worker, the supervisor, or a coordinator of the
  organisation (who may set agreements up; they see the parameters, never sessions).
- `supervision.change_agreement`: the supervisor on it, or a coordinator.
- `supervision.agree_agreement`: the worker or the supervisor, who has not yet agreed this
  version (each records their own agreement).
- `supervision.schedule_session`: the supervisor, once both have agreed it.

Sessions (content only ever for the worker and the supervisor of the agreement):
- `supervision.view_session`: the worker or the supervisor.
- `supervision.record_session` / `supervision.add_action`: the supervisor, until they sign.
- `supervision.write_worker_part`: the worker, until they sign (wellbeing, comment).
- `supervision.sign_session`: the worker or the supervisor, once recorded, who has not
  signed yet.
- `supervision.add_addendum`: the worker or the supervisor, once both have signed.
- `supervision.mark_action_done` (an action): the worker or the supervisor, not yet done.
"""

from typing import Any

import rules

from peerpath.core.actor import Actor
from peerpath.core.roles import Role
from peerpath.core.rules import holds, in_actors_organisation


def _agreement(obj: Any) -> Any:
    if obj is None:
        return None
    if hasattr(obj, "session"):  # an action
        obj = obj.session
    return getattr(obj, "agreement", obj)


@rules.predicate
def is_worker(actor: Actor, obj: Any) -> bool:
    agreement = _agreement(obj)
    return (
        agreement is not None and actor.user_id is not None and agreement.worker_id == actor.user_id
    )


@rules.predicate
def is_supervisor(actor: Actor, obj: Any) -> bool:
    agreement = _agreement(obj)
    return (
        agreement is not None
        and actor.user_id is not None
        and agreement.supervisor_id == actor.user_id
    )


@rules.predicate
def not_yet_agreed_by_actor(actor: Actor, agreement: Any) -> bool:
    if agreement is None:
        return False
    if agreement.worker_id == actor.user_id:
        return agreement.worker_agreed_at is None
    return agreement.supervisor_agreed_at is None


@rules.predicate
def agreed_by_both(actor: Actor, agreement: Any) -> bool:
    return agreement is not None and agreement.is_agreed


@rules.predicate
def supervisor_not_signed(actor: Actor, session: Any) -> bool:
    return session is not None and session.supervisor_signed_at is None


@rules.predicate
def worker_not_signed(actor: Actor, session: Any) -> bool:
    return session is not None and session.worker_signed_at is None


@rules.predicate
def recorded(actor: Actor, session: Any) -> bool:
    return session is not None and session.recorded_at is not None


@rules.predicate
def actor_not_signed(actor: Actor, session: Any) -> bool:
    if session is None:
        return False
    if session.agreement.worker_id == actor.user_id:
        return session.worker_signed_at is None
    return session.supervisor_signed_at is None


@rules.predicate
def locked(actor: Actor, session: Any) -> bool:
    return session is not None and session.is_locked


@rules.predicate
def not_done(actor: Actor, action: Any) -> bool:
    return action is not None and action.done_on is None


party = is_worker | is_supervisor

rules.add_rule(
    "supervision.view_agreement", in_actors_organisation & (party | holds(Role.COORDINATOR))
)
rules.add_rule(
    "supervision.change_agreement",
    in_actors_organisation & (is_supervisor | holds(Role.COORDINATOR)),
)
rules.add_rule(
    "supervision.agree_agreement", in_actors_organisation & party & not_yet_agreed_by_actor
)
rules.add_rule(
    "supervision.schedule_session", in_actors_organisation & is_supervisor & agreed_by_both
)
rules.add_rule("supervision.view_session", in_actors_organisation & party)
rules.add_rule(
    "supervision.record_session", in_actors_organisation & is_supervisor & supervisor_not_signed
)
rules.add_rule(
    "supervision.add_action", in_actors_organisation & is_supervisor & supervisor_not_signed
)
rules.add_rule(
    "supervision.write_worker_part", in_actors_organisation & is_worker & worker_not_signed
)
rules.add_rule(
    "supervision.sign_session", in_actors_organisation & party & recorded & actor_not_signed
)
rules.add_rule("supervision.add_addendum", in_actors_organisation & party & locked)
rules.add_rule("supervision.mark_action_done", in_actors_organisation & party & not_done)
