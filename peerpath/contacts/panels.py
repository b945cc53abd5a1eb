"""This app's panels on the person's record page (see peerpath.caseload.panels).

Each panel makes one query whatever the number of records: contacts (the latest few, with
amendment counts and the total), appointments (upcoming and recent, each cut by a window),
signposting (waiting and followed up, likewise).
"""

from django.db.models import Count, Window
from django.http import HttpRequest
from django.utils import timezone

from peerpath.caseload.models import Person
from peerpath.caseload.panels import Panel

from . import selectors


def person_panels(request: HttpRequest, person: Person) -> list[Panel]:
    # The latest few and, on each, how many there are in all: one query (issue 14).
    notes = list(
        selectors.note_list_for_person(person).annotate(total=Window(Count("pk")))[
            : selectors.PANEL_NOTES
        ]
    )
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
                "lists": selectors.appointment_lists(
                    person, now=timezone.now(), limit=selectors.PANEL_APPOINTMENTS
                ),
                "now": timezone.now(),
            },
        ),
        Panel(
            key="signposting",
            heading="Signposting",
            template="contacts/_panel_signposts.jinja",
            context={
                "lists": selectors.signpost_lists(person, limit=selectors.PANEL_SIGNPOSTS),
                "today": timezone.localdate(),
            },
        ),
    ]
