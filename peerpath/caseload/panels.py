"""What a panel of the person's record page is. Each app that shows part of the record
provides its panels (`<app>/panels.py`); the page that gathers them is the workspace's
(peerpath/workspace/person_page.py), which sits above every app it reads.
"""

from dataclasses import dataclass, field
from types import ModuleType
from typing import Any, cast

from django.http import HttpRequest

from peerpath.core.together import fetch_together


@dataclass(frozen=True)
class Panel:
    key: str  # also the HTML id of the panel's section
    heading: str
    template: str  # a Jinja template rendered with `person`, `panel` and `context`
    context: dict[str, Any] = field(default_factory=dict)


def read_panels(provider: ModuleType, request: HttpRequest, person: Any) -> list[Panel]:
    """One app's panels on their own: its `person_parts` read in one statement, then its
    `person_panels` (the record page reads every app's parts together instead)."""
    rows = fetch_together(provider.person_parts(request, person))
    return cast(list[Panel], provider.person_panels(request, person, rows))
