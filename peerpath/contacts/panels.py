"""This app's panels on the person's record page (see peerpath.caseload.panels).

`person_parts` names the querysets the panels need; the record page reads every app's
parts in one statement (peerpath.core.together). Contacts are the latest few with their
amendment counts and the total; appointments are upcoming and recent, and signposting
waiting and followed up, each cut by a window.
"""

from typing import Any

from django.db.models import Count, Window
from django.http import HttpRequest
from django.utils import timezone

from peerpath.caseload.models import Person
from peerpath.caseload.panels import Panel
from peerpath.core.together import Part

from . import selectors


def person_parts(request: HttpRequest, person: Person) -> dict[str, Part]:
    now = timezone.now()
    return {
        # The latest few and, on each, how many there are in all.
        "notes": Part(
            selectors.note_list_for_person(person).annotate(total=Window(Count("pk"))),
            limit=selectors.PANEL_NOTES,
        ),
        "appointments": Part(
            selectors.appointments_panel(person, now=now, limit=selectors.PANEL_APPOINTMENTS)
        ),
        "signposts": Part(selectors.signposts_panel(person, limit=selectors.PANEL_SIGNPOSTS)),
    }


def person_panels(request: HttpRequest, person: Person, rows: dict[str, list[Any]]) -> list[Panel]:
    notes = rows["notes"]
    now = timezone.now()
    return [
        Panel(
            key="contacts",
            heading="Contact records",
            template="contacts/_panel_contacts.jinja",
            context={"notes": notes, "total": notes[0].total if notes else 0},
        ),
        Panel(
            key="appointments",
            heading="Appointments",
            template="contacts/_panel_appointments.jinja",
            context={
                "lists": selectors.appointment_lists_from(rows["appointments"], now),
                "now": now,
            },
        ),
        Panel(
            key="signposting",
            heading="Signposting",
            template="contacts/_panel_signposts.jinja",
            context={
                "lists": selectors.signpost_lists_from(rows["signposts"]),
                "today": timezone.localdate(),
            },
        ),
    ]
