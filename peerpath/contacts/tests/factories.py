"""Factories for contacts: notes of contact, amendments, appointments and signposts.

Each record belongs to the organisation of its person (or of its note).
"""

from datetime import datetime, time, timedelta

import factory
from django.utils import timezone

from peerpath.accounts.tests.factories import UserFactory
from peerpath.caseload.tests.factories import PersonRecordFactory
from peerpath.contacts.models import (
    Appointment,
    AppointmentRequest,
    ContactKind,
    ContactNote,
    NoteAmendment,
    NoteResponse,
    NoteWithholding,
    RequestKind,
    Signpost,
    WithholdingReason,
)
from peerpath.directory.tests.factories import ServiceFactory


class ContactNoteFactory(PersonRecordFactory):
    """A draft note of a one-to-one today (`signed=True` signs it now)."""

    class Meta:
        model = ContactNote

    author = factory.SubFactory(UserFactory)
    contact_on = factory.LazyFunction(timezone.localdate)
    kind = ContactKind.ONE_TO_ONE
    duration_minutes = 60
    note = "We talked about college."

    class Params:
        signed = factory.Trait(signed_at=factory.LazyFunction(timezone.now))


class NoteAmendmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = NoteAmendment

    note = factory.SubFactory(ContactNoteFactory, signed=True)
    organisation = factory.SelfAttribute("note.organisation")
    text = "We talked about college and work."
    reason = "Missed a topic"
    by = factory.SelfAttribute("note.author")


class AppointmentFactory(PersonRecordFactory):
    """An appointment at 2 pm tomorrow."""

    class Meta:
        model = Appointment

    worker = factory.SubFactory(UserFactory)
    starts_at = factory.LazyFunction(
        lambda: timezone.make_aware(
            datetime.combine(timezone.localdate() + timedelta(days=1), time(14))
        )
    )
    what = "College open day"
    place = "Riverside College"


class SignpostFactory(PersonRecordFactory):
    class Meta:
        model = Signpost

    service = factory.SubFactory(
        ServiceFactory, organisation=factory.SelfAttribute("..organisation")
    )
    by = factory.SubFactory(UserFactory)
    willing_and_able = True
    follow_up_on = factory.LazyFunction(lambda: timezone.localdate() + timedelta(days=14))


class NoteWithholdingFactory(factory.django.DjangoModelFactory):
    """A signed note held back from its person, in force."""

    class Meta:
        model = NoteWithholding

    note = factory.SubFactory(ContactNoteFactory, signed=True)
    organisation = factory.SelfAttribute("note.organisation")
    reason_kind = WithholdingReason.THIRD_PARTY
    reason = "It repeats what a neighbour told us in confidence."
    by = factory.SelfAttribute("note.author")


class NoteResponseFactory(factory.django.DjangoModelFactory):
    """The person's view of a signed note about them."""

    class Meta:
        model = NoteResponse

    note = factory.SubFactory(ContactNoteFactory, signed=True)
    organisation = factory.SelfAttribute("note.organisation")
    person = factory.SelfAttribute("note.person")
    text = "I remember it a little differently: I chose to go."
    written_by = factory.SubFactory(UserFactory)


class AppointmentRequestFactory(factory.django.DjangoModelFactory):
    """The person asks to change an appointment; waiting for an answer."""

    class Meta:
        model = AppointmentRequest

    appointment = factory.SubFactory(AppointmentFactory)
    organisation = factory.SelfAttribute("appointment.organisation")
    person = factory.SelfAttribute("appointment.person")
    kind = RequestKind.CHANGE
    message = "Could we make it later in the afternoon?"
