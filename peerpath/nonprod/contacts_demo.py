"""The demo's contact records as Alex, the person supported, reads them: idempotent, as
the rest of `seed_demo_data`.

- A second signed note about Alex, written by Jordan Reid (PSW), is held back from Alex
  because it repeats what Alex's neighbour told us (a third party). Alex never sees it;
  staff see why on the note's page.
- Alex has added their view to the signed note about the open-mic night.
- An appointment next week (Alex and Jordan meet the money adviser), which Alex can ask to
  change or cancel from "My appointments".
"""

from datetime import datetime, time, timedelta

from django.utils import timezone

from peerpath.caseload.models import Person
from peerpath.contacts import services
from peerpath.contacts.models import Appointment, ContactNote, NoteResponse, WithholdingReason
from peerpath.organisations.models import Organisation

PERSON_EMAIL = "person@peerpath.example"
PSW_EMAIL = "psw@peerpath.example"
# A phrase found only in the withheld note: the tests check it never reaches Alex.
WITHHELD_PHRASE = "Alex's neighbour told us"
WITHHELD_NOTE = (
    f"Phone call. {WITHHELD_PHRASE} that she has been worried about her own money too, "
    "and asked us not to tell Alex she had called. We agreed to keep checking in with Alex "
    "about their bank card."
)
ALEX_VIEW = (
    "I did enjoy listening at the open-mic night. Next time I would like to play one song, "
    "with Jordan there."
)
MONEY_ADVISER = "Meet the Citizens Advice money adviser"


def seed_contacts(organisation: Organisation) -> int:
    alex = (
        Person.objects.filter(organisation=organisation, user__email=PERSON_EMAIL)
        .select_related("user")
        .first()
    )
    psw_note = (
        ContactNote.objects.filter(person=alex, signed_at__isnull=False, author__email=PSW_EMAIL)
        .select_related("author")
        .order_by("pk")
        .first()
    )
    if alex is None or alex.user is None or psw_note is None:
        return 0
    if ContactNote.objects.filter(person=alex, note__contains=WITHHELD_PHRASE).exists():
        return 0
    psw = psw_note.author
    today = timezone.localdate()
    withheld = ContactNote.objects.create(
        organisation=organisation,
        person=alex,
        author=psw,
        contact_on=today - timedelta(days=2),
        kind="phone",
        duration_minutes=15,
        note=WITHHELD_NOTE,
        signed_at=timezone.now(),
    )
    services.note_withhold(
        note=withheld,
        reason_kind=WithholdingReason.THIRD_PARTY,
        reason="It repeats what Alex's neighbour told us in confidence about herself.",
        by=psw,
    )
    created = 2
    if not NoteResponse.objects.filter(person=alex).exists():
        services.note_response_add(note=psw_note, person=alex, text=ALEX_VIEW, by=alex.user)
        created += 1
    Appointment.objects.create(
        organisation=organisation,
        person=alex,
        worker=psw,
        starts_at=timezone.make_aware(datetime.combine(today + timedelta(days=6), time(11, 0))),
        what=MONEY_ADVISER,
        place="Citizens Advice Riverside, 4 Bridge Street",
    )
    return created + 1
