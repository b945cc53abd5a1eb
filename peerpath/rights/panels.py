"""This app's panel on the person's record page (see peerpath.caseload.panels): the
corrections they asked for (open ones first) and their requests for a copy. The record
page reads every app's parts in one statement (peerpath.core.together)."""

from typing import Any

from django.http import HttpRequest

from peerpath.caseload.models import Person
from peerpath.caseload.panels import Panel
from peerpath.core.together import Part

from . import selectors

SHOWN = 10


def person_parts(request: HttpRequest, person: Person) -> dict[str, Part]:
    return {
        "corrections": Part(
            selectors.person_corrections(person).order_by("-status", "-raised_at"), limit=SHOWN
        ),
        "requests": Part(selectors.person_requests(person), limit=SHOWN),
    }


def person_panels(request: HttpRequest, person: Person, rows: dict[str, list[Any]]) -> list[Panel]:
    return [
        Panel(
            "rights",
            "Corrections and copies of the record",
            "rights/_panel_rights.jinja",
            {"corrections": rows["corrections"], "requests": rows["requests"]},
        )
    ]
