"""Who may do what to one forum (django-rules), asked in views as
`request.actor.may("forums.<rule>", forum)`."""

from typing import Any

import rules

from peerpath.core.actor import Actor
from peerpath.core.roles import Role
from peerpath.core.rules import holds, in_actors_organisation


@rules.predicate
def is_invited(actor: Actor, forum: Any) -> bool:
    """The actor is invited to the forum (one query)."""
    return (
        forum is not None
        and actor.user_id is not None
        and forum.invitations.filter(invitee_id=actor.user_id).exists()
    )


@rules.predicate
def is_not_cancelled(actor: Actor, forum: Any) -> bool:
    return forum is not None and forum.cancelled_at is None


# The peer development team runs forums; an invitee sees the ones they are invited to.
rules.add_rule("forums.run_forum", in_actors_organisation & holds(Role.COORDINATOR))
rules.add_rule("forums.view_forum", in_actors_organisation & (holds(Role.COORDINATOR) | is_invited))
# Only a session still going ahead is changed, cancelled or has people invited.
rules.add_rule(
    "forums.change_forum", in_actors_organisation & holds(Role.COORDINATOR) & is_not_cancelled
)
