"""This app's panels on the person's record page (see peerpath.caseload.panels)."""

from django.http import HttpRequest

from peerpath.caseload.models import Person
from peerpath.caseload.panels import Panel


def person_panels(request: HttpRequest, person: Person) -> list[Panel]:
    return []
