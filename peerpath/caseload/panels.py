"""The person's record page is assembled from panels that each app provides.

Each app listed in `PANEL_PROVIDERS` has a `panels.person_panels(request, person)` that
returns its panels in order. A provider must use a fixed number of queries whatever the
size of the record (the person page's query count is asserted in tests).
"""

from dataclasses import dataclass, field
from importlib import import_module
from typing import Any

from django.http import HttpRequest

from .models import Person

PANEL_PROVIDERS = (
    "peerpath.recovery.panels",
    "peerpath.contacts.panels",
    "peerpath.governance.panels",
    "peerpath.groups.panels",
)


@dataclass(frozen=True)
class Panel:
    key: str  # also the HTML id of the panel's section
    heading: str
    template: str  # a Jinja template rendered with `person`, `panel` and `context`
    context: dict[str, Any] = field(default_factory=dict)


def person_panels(request: HttpRequest, person: Person) -> list[Panel]:
    panels: list[Panel] = []
    for provider in PANEL_PROVIDERS:
        panels.extend(import_module(provider).person_panels(request, person))
    return panels
