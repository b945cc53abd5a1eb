"""URL arguments for forums' routes in the URL-by-role walk, and a forum in the walk's
world (`world.forum`), with the PSW invited."""

from datetime import timedelta
from typing import Any

from django.utils import timezone

from peerpath.core.roles import Role
from peerpath.forums import services
from peerpath.tests.access_walk import Example


def _forum(w: Any) -> dict[str, Any]:
    return {"pk": w.forum.pk}


EXAMPLES: dict[str, Example] = {
    name: Example(_forum)
    for name in (
        "forums:detail",
        "forums:invite",
        "forums:invite-one",
        "forums:edit",
        "forums:cancel",
        "forums:attendance",
        "forums:notes",
    )
}


def build(world: Any) -> None:
    coordinator = world.user(Role.COORDINATOR)
    world.forum = services.forum_schedule(
        organisation=world.organisation,
        kind="professional_forum",
        starts_at=timezone.now() + timedelta(days=20),
        place="Recovery College, room 2",
        theme="Using our own story safely",
        by=coordinator,
    )
    services.forum_invite(forum=world.forum, invitees=[world.user(Role.PSW)], by=coordinator)
    services.notes_save(
        forum=world.forum,
        data={
            "theme": world.forum.theme,
            "learning_notes": "Our stories help when we share what helped.",
            "notes_have_no_personal_details": True,
        },
        expected_version=world.forum.version,
        by=coordinator,
    )
    world.forum.refresh_from_db()
