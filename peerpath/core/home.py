"""What a home page section is: each role's section is built by the app that owns the
work, or by the workspace where it brings several apps together (peerpath/workspace/home.py
decides which section each role sees).

A builder takes the request and returns a `HomeSection`: a heading, the fragment template
that draws it, the data that template reads as `data`, and links on. A builder must build
its numbers and "nothing yet" sentences from the same selectors as the page it summarises,
so the home page and that page cannot disagree (the home-truth tests check it).
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from .http import OrgRequest
from .roles import Role


@dataclass(frozen=True)
class Link:
    text: str
    href: str


@dataclass(frozen=True)
class HomeSection:
    role: Role
    heading: str
    template: str
    data: dict[str, Any] = field(default_factory=dict)
    links: list[Link] = field(default_factory=list)
    # Tells apart the sections one role sees from several apps (their ids on the page).
    key: str = ""


HomeBuilder = Callable[[OrgRequest], HomeSection]  # only asked with an organisation
# A further section for a role (workspace/home.py): None when it has nothing for this user.
MoreBuilder = Callable[[OrgRequest], HomeSection | None]
