"""URL arguments for workforce's routes in the URL-by-role walk
(peerpath/tests/test_url_access.py), and the objects `build(world)` adds to its world."""

from decimal import Decimal
from typing import Any

from peerpath.core.actor import Actor
from peerpath.core.roles import Role
from peerpath.tests.access_walk import Example
from peerpath.workforce import services
from peerpath.workforce.models import ServiceArea, Setting

EXAMPLES: dict[str, Example] = {
    "workforce:request-detail": Example(lambda w: {"pk": w.team_request.pk}),
    "workforce:request-accept": Example(lambda w: {"pk": w.team_request.pk}),
    "workforce:request-decline": Example(lambda w: {"pk": w.team_request.pk}),
    "workforce:post-detail": Example(lambda w: {"pk": w.post.pk}),
    "workforce:post-edit": Example(lambda w: {"pk": w.post.pk}),
    "workforce:vacancy-create": Example(lambda w: {"post": w.post.pk}),
    "workforce:vacancy-detail": Example(lambda w: {"pk": w.vacancy.pk}),
    "workforce:vacancy-edit": Example(lambda w: {"pk": w.vacancy.pk}),
    "workforce:vacancy-move": Example(lambda w: {"pk": w.vacancy.pk}),
}


def build(world: Any) -> None:
    supervisor = world.user(Role.SUPERVISOR)
    coordinator = world.user(Role.COORDINATOR)
    asking = Actor(
        user=supervisor,
        organisation=world.organisation,
        roles=frozenset({Role.SUPERVISOR}),
        supervised_team_ids=frozenset({world.team.pk}),
    )
    fields: dict[str, Any] = {
        "team": world.team,
        "service_area": ServiceArea.ADULT,
        "setting": Setting.COMMUNITY,
        "hours_per_week": Decimal("22.5"),
        "role": "peer",
    }
    world.team_request = services.team_request_create(actor=asking, hopes="Hope", **fields)
    world.post = services.post_create(
        actor=Actor(
            user=coordinator,
            organisation=world.organisation,
            roles=frozenset({Role.COORDINATOR}),
        ),
        title="Peer support worker",
        **fields,
    )
    world.vacancy = services.vacancy_create(
        post=world.post,
        opens_on=_today(),
        closes_on=_today(days=28),
        description="A peer support worker post.",
        criteria=services.template_criteria_text(),
        panel=[supervisor],
        by=coordinator,
    )


def _today(days: int = 0) -> Any:
    from datetime import timedelta

    from django.utils import timezone

    return timezone.localdate() + timedelta(days=days)
