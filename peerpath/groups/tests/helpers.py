"""Shared by this app's tests (not a test module, so tests may import it)."""

import html
import re
from typing import Any

from peerpath.caseload.models import Person
from peerpath.caseload.tests.factories import person_on_caseload
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
    return person_on_caseload(
        world, name, worker=worker, team=team, reason="Would like peer support"
    )


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
