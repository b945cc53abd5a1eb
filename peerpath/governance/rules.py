"""Who may do what to a safeguarding concern (django-rules; asked as `actor.may(...)`).

Each rule asks the selector that lists the same concerns (`selectors.concerns_visible_to`,
`selectors.concerns_closable_by`), so the queue, the person's page and the concern's own
page cannot disagree about one concern. One query per question.
"""

import rules

from peerpath.core.actor import Actor
from peerpath.core.roles import Role
from peerpath.core.rules import holds, in_actors_organisation

from . import selectors
from .models import ConcernStatus, SafeguardingConcern


@rules.predicate
def sees_concern(actor: Actor, concern: SafeguardingConcern) -> bool:
    """A lead: any; a supervisor: sent to them or about their team; a PSW: raised by them."""
    return selectors.concerns_visible_to(actor=actor).filter(pk=concern.pk).exists()


@rules.predicate
def may_act_on(actor: Actor, concern: SafeguardingConcern) -> bool:
    """As a lead or a supervisor who sees it (never through the PSW role alone)."""
    return selectors.concerns_closable_by(actor=actor).filter(pk=concern.pk).exists()


@rules.predicate
def is_open(actor: Actor, concern: SafeguardingConcern) -> bool:
    return concern.status == ConcernStatus.OPEN


LEAD_OR_SUPERVISOR = holds(Role.SAFEGUARDING_LEAD, Role.SUPERVISOR)

# Read the concern's page (and so the person it is about, as the reason for the read).
rules.add_rule("governance.view_concern", in_actors_organisation & sees_concern)
# Record what was done, and close it with an outcome: while it is open.
rules.add_rule(
    "governance.act_on_concern",
    in_actors_organisation & is_open & LEAD_OR_SUPERVISOR & may_act_on,
)
