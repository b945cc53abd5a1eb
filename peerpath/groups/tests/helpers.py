"""Shared by this app's tests (not a test module, so tests may import it)."""

import html
import re
from typing import Any

from django.utils import timezone

from peerpath.caseload.models import PeerRelationship, Person, Status
from peerpath.core.roles import Role


def error_next_to(response: Any, field_id: str) -> str:
    """The error message rendered beside a field (NHS.UK components give it an id)."""
    found = re.search(
        rf'id="{field_id}-error"[^>]*>(.*?)</span>\s*</?', response.content.decode(), re.S
    )
    assert found, f"no error next to {field_id}"
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", found.group(1))).split())


def supported(world: Any, name: str, *, worker: Any = None, team: Any = None) -> Person:
    """Someone on a PSW's caseload (the home PSW unless another worker is given)."""
    person = Person.objects.create(
        organisation=world.organisation, team=team or world.team, full_name=name
    )
    PeerRelationship.objects.create(
        organisation=world.organisation,
        person=person,
        team=team or world.team,
        worker=worker or world.user(Role.PSW),
        status=Status.ACTIVE,
        source="self",
        reason="Would like peer support",
        referred_on=timezone.localdate(),
    )
    return person


def group_data(world: Any, **overrides: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "name": "Thursday Hearing Voices Group",
        "purpose": "A safe space to talk about hearing voices",
        "where": "Riverside Library",
        "team": str(world.team.pk),
        "facilitators": [str(world.user(Role.PSW).pk)],
        "version": "",
    }
    data.update(overrides)
    return data
