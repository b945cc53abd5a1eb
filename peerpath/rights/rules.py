"""Object rules of rights (django-rules), asked as `actor.may("rights.<rule>", obj)`.

- `rights.review_request` (an access request): an organisation admin or a safeguarding
  lead of its organisation, who did not ask for it themselves (nobody reviews their own
  request).
- `rights.decide_item` (an item of a copy): as above; an item flagged as safeguarding needs
  a safeguarding lead (hazard H12).
- `rights.answer_correction` (a rectification): still open; the caseload check of the
  person's record has already let the actor in.
"""

from typing import Any

import rules

from peerpath.core.actor import Actor
from peerpath.core.roles import Role
from peerpath.core.rules import holds, in_actors_organisation

from .sar_registry import SAFEGUARDING


@rules.predicate
def not_the_requester(actor: Actor, obj: Any) -> bool:
    request = getattr(obj, "request", obj)
    return actor.user is not None and request.requested_by_id != actor.user.pk


@rules.predicate
def lead_if_safeguarding(actor: Actor, item: Any) -> bool:
    return SAFEGUARDING not in (item.flags or []) or actor.has(Role.SAFEGUARDING_LEAD)


@rules.predicate
def still_undecided_request(actor: Actor, obj: Any) -> bool:
    request = getattr(obj, "request", obj)
    return bool(request.is_open)


@rules.predicate
def correction_open(actor: Actor, obj: Any) -> bool:
    return bool(obj.status == "open")


reviewer = holds(Role.ORG_ADMIN, Role.SAFEGUARDING_LEAD) & in_actors_organisation

rules.add_rule("rights.review_request", reviewer & not_the_requester)
rules.add_rule(
    "rights.decide_item",
    reviewer & not_the_requester & still_undecided_request & lead_if_safeguarding,
)
rules.add_rule("rights.answer_correction", in_actors_organisation & correction_open)
