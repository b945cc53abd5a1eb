"""The person's record page (its overview) is assembled from the panels each app provides.

Each app in `PANEL_PROVIDERS` has two functions:
- `person_parts(request, person)` names the querysets its panels need (`Part`s);
- `person_panels(request, person, rows)` builds its panels
  (`peerpath.caseload.panels.Panel`) from those querysets' rows, in order, without a query.

The page reads the peer support, the family and every app's parts in ONE statement
(`peerpath.core.together`), so the record costs the same round trips whatever the number
of panels or rows (issue 14; the count is asserted in
peerpath/workspace/tests/test_query_counts.py).
"""

from collections.abc import Callable
from dataclasses import dataclass
from types import ModuleType
from typing import Any, cast

from peerpath.caseload import selectors as caseload
from peerpath.caseload.models import PeerRelationship, Person
from peerpath.caseload.panels import Panel
from peerpath.contacts import panels as contacts
from peerpath.core.http import PeerPathRequest
from peerpath.core.together import Part, fetch_together
from peerpath.governance import panels as governance
from peerpath.groups import panels as groups
from peerpath.recovery import panels as recovery
from peerpath.rights import panels as rights

PANEL_PROVIDERS: tuple[ModuleType, ...] = (recovery, contacts, governance, groups, rights)


@dataclass(frozen=True)
class RecordPage:
    relationships: list[PeerRelationship]
    family: list[Any]
    panels: list[Panel]


def record_parts(request: PeerPathRequest, person: Person) -> dict[str, Part]:
    """Every list the page shows, as querysets: the page's own, then each app's."""
    parts: dict[str, Part] = {
        "relationships": Part(caseload.relationships_newest_first(person)),
        "shared_with": Part(caseload.shared_with_of(person)),
        "family": Part(caseload.family_members(person)),
    }
    for provider in PANEL_PROVIDERS:
        for key, part in provider.person_parts(request, person).items():
            parts[f"{provider.__name__}:{key}"] = part
    return parts


def record_page(request: PeerPathRequest, person: Person) -> RecordPage:
    rows = fetch_together(record_parts(request, person))
    caseload.remember_family(person, rows["family"])
    relationships = caseload.with_shared_with(rows["relationships"], rows["shared_with"])
    panels: list[Panel] = []
    for provider in PANEL_PROVIDERS:
        prefix = f"{provider.__name__}:"
        mine = {k.removeprefix(prefix): v for k, v in rows.items() if k.startswith(prefix)}
        build = cast(Callable[..., list[Panel]], provider.person_panels)
        panels += build(request, person, mine)
    return RecordPage(relationships, rows["family"], panels)
