"""Who may do what to one application (django-rules), asked in views as
`request.actor.may("recruitment.<rule>", obj)`."""

from typing import Any

import rules

from peerpath.core.actor import Actor
from peerpath.core.rules import in_actors_organisation


@rules.predicate
def on_the_selection_panel(actor: Actor, application: Any) -> bool:
    """The actor sits on the selection panel of the application's intake (one query)."""
    return actor.user_id is not None and application.intake.panel.filter(pk=actor.user_id).exists()


# What applicants disclose (lived experience) is read only by the intake's panel (and the
# applicant, on their own page).
rules.add_rule("recruitment.read_disclosures", in_actors_organisation & on_the_selection_panel)
