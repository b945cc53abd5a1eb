"""This app's panels on the person's record page (see peerpath.caseload.panels)."""

from django.http import HttpRequest

from peerpath.caseload.models import Person
from peerpath.caseload.panels import Panel

from . import selectors


def person_panels(request: HttpRequest, person: Person) -> list[Panel]:
    """The Groups panel: the person's groups and the last session they came to (one query)."""
    return [
        Panel(
            key="groups",
            heading="Groups",
            template="groups/_person_panel.jinja",
            context={"groups": selectors.person_groups(person)},
        )
    ]
