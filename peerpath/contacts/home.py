"""Contacts' section of the PSW's home page (peerpath/workspace/home.py MORE_SECTIONS):
"From the people you support": the views they added to notes lately, and their requests
to change or cancel an appointment still waiting for an answer. None when there is
nothing, so the heading never stands empty. Built from the same selectors as the staff
pages (`views_since`, `appointment_requests_waiting`).
"""

from typing import Any

from django.utils import timezone

from peerpath.core.home import HomeSection, MoreBuilder
from peerpath.core.http import OrgRequest
from peerpath.core.roles import Role

from . import selectors


def from_people_supported(request: OrgRequest) -> dict[str, Any]:
    """Two queries: the views since `NEW_VIEWS_FOR` ago, and the requests waiting."""
    since = timezone.now() - selectors.NEW_VIEWS_FOR
    return {
        "since": since,
        "views": selectors.views_since(request.actor, since),
        "waiting": selectors.appointment_requests_waiting(request.actor),
    }


def psw_section(request: OrgRequest) -> HomeSection | None:
    data = from_people_supported(request)
    if not data["views"] and not data["waiting"]:
        return None
    return HomeSection(
        role=Role.PSW,
        heading="From the people you support",
        template="contacts/_home_psw.jinja",
        data=data,
        key="contacts",
    )


SECTIONS: dict[Role, MoreBuilder] = {Role.PSW: psw_section}
