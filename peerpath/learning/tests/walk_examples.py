"""URL arguments for learning's routes in the URL-by-role walk
(peerpath/tests/test_url_access.py), and `build(world)`, which gives the walk's PSW a
post, a practice supervisor (the walk's supervisor), an induction and booklet entries."""

from typing import Any

from peerpath.core.roles import Role
from peerpath.tests.access_walk import Example

from ..models import EntryStatus
from ..services import induction_for
from .helpers import employ, entry, plan_unit, refresher

EXAMPLES: dict[str, Example] = {
    "learning:induction": Example(lambda w: {"worker": w.user(Role.PSW).pk}),
    "learning:induction-item": Example(lambda w: {"pk": w.induction_item.pk}),
    "learning:booklet": Example(lambda w: {"worker": w.user(Role.PSW).pk}),
    "learning:booklet-coverage": Example(lambda w: {"worker": w.user(Role.PSW).pk}),
    "learning:booklet-print": Example(lambda w: {"worker": w.user(Role.PSW).pk}),
    "learning:booklet-entry": Example(lambda w: {"pk": w.booklet_entry.pk}),
    "learning:booklet-entry-edit": Example(lambda w: {"pk": w.booklet_entry.pk}),
    "learning:booklet-addendum-add": Example(lambda w: {"pk": w.signed_entry.pk}),
    "learning:plan": Example(lambda w: {"worker": w.user(Role.PSW).pk}),
    "learning:plan-unit-add": Example(lambda w: {"worker": w.user(Role.PSW).pk}),
    "learning:plan-unit": Example(lambda w: {"pk": w.plan_unit.pk}),
    "learning:learning-record-add": Example(lambda w: {"pk": w.plan_unit.pk}),
    "learning:refresher-edit": Example(lambda w: {"pk": w.refresher.pk}),
    "learning:refresher-retire": Example(lambda w: {"pk": w.refresher.pk}),
    "learning:worker-refreshers": Example(lambda w: {"worker": w.user(Role.PSW).pk}),
    "learning:refresher-complete-add": Example(lambda w: {"worker": w.user(Role.PSW).pk}),
}


def build(world: Any) -> None:
    psw = world.user(Role.PSW)
    supervisor = world.user(Role.SUPERVISOR)
    employment = employ(
        world.organisation, world.team, psw, line_manager=supervisor, supervisor=supervisor
    )
    world.induction = induction_for(employment=employment)
    world.induction_item = world.induction.items.order_by("number")[0]
    world.booklet_entry = entry(world.organisation, psw, status=EntryStatus.SUBMITTED)
    world.signed_entry = entry(
        world.organisation, psw, status=EntryStatus.SIGNED, signed_by=supervisor
    )
    world.plan_unit = plan_unit(world.organisation, psw, "5.1", recorded=True)
    world.refresher = refresher(world.organisation, "Safeguarding", every_months=12, unit="1.7")
