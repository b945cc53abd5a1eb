"""This app's panel on the person's record page (see peerpath.caseload.panels): the
person's groups and the last session they came to. The record page reads every app's
parts in one statement (peerpath.core.together)."""

from typing import Any

from django.http import HttpRequest

from peerpath.caseload.models import Person
from peerpath.caseload.panels import Panel
from peerpath.core.together import Part

from . import selectors


def person_parts(request: HttpRequest, person: Person) -> dict[str, Part]:
    return {"groups": Part(selectors.person_groups_qs(person))}


def person_panels(request: HttpRequest, person: Person, rows: dict[str, list[Any]]) -> list[Panel]:
    return [
        Panel(
            key="groups",
            heading="Groups",
            template="groups/_person_panel.jinja",
            context={"groups": rows["groups"]},
        )
    ]
