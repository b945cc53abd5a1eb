"""The home page: one section for each role the user holds, built by the app that owns it.

Each role's section comes from one builder, named here by its dotted path so that core
imports no domain app (they build on core, not the other way round). A builder takes the
request and returns a `HomeSection`: a heading, the fragment template that draws it, the
data that template reads as `data`, and links on. A builder must build its numbers and
"nothing yet" sentences from the same selectors as the page it summarises, so the home
page and that page cannot disagree (the home-truth tests check it).
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.http import HttpRequest
from django.utils.module_loading import import_string

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


HomeBuilder = Callable[[HttpRequest], HomeSection]

SECTION_BUILDERS: dict[Role, str] = {
    Role.ORG_ADMIN: "peerpath.organisations.home.admin_section",
    Role.COORDINATOR: "peerpath.recruitment.home.coordinator_section",
    Role.TRAINER: "peerpath.training.home.trainer_section",
    Role.SUPERVISOR: "peerpath.caseload.home.supervisor_section",
    Role.SAFEGUARDING_LEAD: "peerpath.caseload.home.safeguarding_section",
    Role.PSW: "peerpath.caseload.home.psw_section",
    Role.TRAINEE: "peerpath.training.home.trainee_section",
    Role.PERSON: "peerpath.caseload.home.person_section",
    Role.CARER: "peerpath.caseload.home.carer_section",
}


def home_sections(request: HttpRequest) -> list[HomeSection]:
    """One section per role the user holds in their current organisation, in Role order."""
    roles: frozenset[Role] = getattr(request, "roles", frozenset())
    builders: list[HomeBuilder] = [
        import_string(SECTION_BUILDERS[role]) for role in Role if role in roles
    ]
    return [build(request) for build in builders]
