"""What a panel of the person's record page is. Each app that shows part of the record
provides its panels (`<app>/panels.py`); the page that gathers them is the workspace's
(peerpath/workspace/person_page.py), which sits above every app it reads.
"""

from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class Panel:
    key: str  # also the HTML id of the panel's section
    heading: str
    template: str  # a Jinja template rendered with `person`, `panel` and `context`
    context: dict[str, Any] = field(default_factory=dict)
