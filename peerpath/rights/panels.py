"""This app's panel on the person's record page (see peerpath.caseload.panels): the
corrections they asked for (open ones first) and their requests for a copy. Two queries
whatever their number."""

from django.http import HttpRequest

from peerpath.caseload.models import Person
from peerpath.caseload.panels import Panel

from . import selectors

SHOWN = 10


def person_panels(request: HttpRequest, person: Person) -> list[Panel]:
    return [
        Panel(
            "rights",
            "Corrections and copies of the record",
            "rights/_panel_rights.jinja",
            {
                "corrections": list(
                    selectors.person_corrections(person).order_by("-status", "-raised_at")[:SHOWN]
                ),
                "requests": list(selectors.person_requests(person)[:SHOWN]),
            },
        )
    ]
