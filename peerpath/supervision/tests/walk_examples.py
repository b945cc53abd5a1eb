"""URL arguments for supervision's routes in the URL-by-role walk, and its objects.

The walk's PSW is the worker and its peer supervisor the supervisor of one agreement,
agreed by both: one session recorded and not yet signed (so it can be recorded, added to
and signed), and one earlier session signed by both (so an addendum can be added), whose
action is not yet done.
"""

from datetime import timedelta
from typing import Any

from django.utils import timezone

from peerpath.core.roles import Role
from peerpath.tests.access_walk import Example

from . import factories


def build(world: Any) -> None:
    world.agreement = factories.agreement(
        world.user(Role.PSW), world.user(Role.SUPERVISOR), world.organisation
    )
    today = timezone.localdate()
    world.signed_session = factories.session(
        world.agreement, held_on=today - timedelta(days=30), signed=True
    )
    world.supervision_action = factories.action(world.signed_session)
    world.supervision_session = factories.session(
        world.agreement, held_on=today - timedelta(days=2)
    )


def _agreement(w: Any) -> dict[str, Any]:
    return {"pk": w.agreement.pk}


def _session(w: Any) -> dict[str, Any]:
    return {"pk": w.supervision_session.pk}


EXAMPLES: dict[str, Example] = {
    "supervision:agreement-create": Example(lambda w: {"worker": w.user(Role.PSW).pk}),
    "supervision:agreement-detail": Example(_agreement),
    "supervision:agreement-edit": Example(_agreement),
    "supervision:agreement-agree": Example(_agreement),
    "supervision:session-create": Example(_agreement),
    "supervision:session-detail": Example(_session),
    "supervision:session-print": Example(_session),
    "supervision:session-record": Example(_session),
    "supervision:session-worker-part": Example(_session),
    "supervision:session-sign": Example(_session),
    "supervision:action-add": Example(_session),
    # Signed by both: addenda only.
    "supervision:addendum-add": Example(lambda w: {"pk": w.signed_session.pk}),
    "supervision:action-done": Example(lambda w: {"pk": w.supervision_action.pk}),
}
