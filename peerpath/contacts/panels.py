"""This app's panels on the person's record page (see peerpath.caseload.panels).

Each panel makes a fixed number of queries whatever the number of records: contacts 2
(the latest few, with amendment counts, and the total), appointments 2 (upcoming, recent),
signposting 2 (waiting, followed up).
"""

from django.http import HttpRequest
from django.utils import timezone

from peerpath.caseload.models import Person
from peerpath.caseload.panels import Panel

from . import selectors


def person_panels(request: HttpRequest, person: Person) -> list[Panel]:
    notes = selectors.note_list_for_person(person)
    return [
        Panel(
            key="contacts",
            heading="Contact records",
            template="contacts/_panel_contacts.jinja",
            context={"notes": list(notes[: selectors.PANEL_NOTES]), "total": notes.count()},
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
