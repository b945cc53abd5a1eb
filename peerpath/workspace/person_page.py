"""The person's record page (its overview) is assembled from the panels each app provides.

Each app in `PANEL_PROVIDERS` has a `person_panels(request, person)` that returns its
panels (`peerpath.caseload.panels.Panel`) in order. A provider must use a fixed number of
queries whatever the size of the record (the page's query count is asserted in tests).
"""

from collections.abc import Callable

from peerpath.caseload.models import Person
from peerpath.caseload.panels import Panel
from peerpath.contacts import panels as contacts
from peerpath.core.http import PeerPathRequest
from peerpath.governance import panels as governance
from peerpath.groups import panels as groups
from peerpath.recovery import panels as recovery
from peerpath.rights import panels as rights

PanelProvider = Callable[[PeerPathRequest, Person], list[Panel]]

PANEL_PROVIDERS: tuple[PanelProvider, ...] = (
    recovery.person_panels,
    contacts.person_panels,
    governance.person_panels,
    groups.person_panels,
    rights.person_panels,
)


def person_panels(request: PeerPathRequest, person: Person) -> list[Panel]:
    return [panel for provider in PANEL_PROVIDERS for panel in provider(request, person)]
