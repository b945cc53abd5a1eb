"""Who may change an entry of the service directory (django-rules; `actor.may(...)`)."""

import rules

from peerpath.core.roles import Role
from peerpath.core.rules import holds, in_actors_organisation

# Organisation admins and peer support workers keep their organisation's directory.
EDITORS = (Role.ORG_ADMIN, Role.PSW)

rules.add_rule("directory.edit_service", in_actors_organisation & holds(*EDITORS))
