"""Who may do what to an organisation's invitations (django-rules; `actor.may(...)`).

The people, teams and settings pages need no object rule: they are its admins' pages
(`@roles(Role.ORG_ADMIN)`), and every object on them is fetched through the actor's
organisation (`selectors.members_of`, `teams_of`, `invitations_of`).
"""

import rules

from peerpath.core.actor import Actor
from peerpath.core.roles import Role
from peerpath.core.rules import holds, in_actors_organisation

from .models import Invitation

is_admin = holds(Role.ORG_ADMIN)


@rules.predicate
def is_waiting(actor: Actor, invitation: Invitation) -> bool:
    """Not accepted, not withdrawn (an expired link may be sent again)."""
    return invitation.is_waiting


# Send a waiting invitation's link again (a new link; the old ones stop working).
rules.add_rule("organisations.resend_invitation", in_actors_organisation & is_admin & is_waiting)
