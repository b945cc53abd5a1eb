"""Demo of a person's rights: Alex asked for a copy of their record a week ago; it has
been gathered and waits for the admin's review (their family member and who their record
is shared with are flagged). Alex can still ask for another copy in the browser journey.
Alex has also said something in their crisis plan is wrong, which their peer support
worker has not answered yet."""

from datetime import timedelta

from django.utils import timezone

from peerpath.caseload.models import Person
from peerpath.organisations.models import Organisation
from peerpath.rights import clock
from peerpath.rights.models import About, AccessRequest, OnBehalf, Rectification
from peerpath.rights.services import pack_assemble


def seed_rights(organisation: Organisation) -> int:
    alex = (
        Person.objects.filter(organisation=organisation, full_name="Alex Morgan")
        .select_related("user")
        .first()
    )
    if alex is None or AccessRequest.objects.filter(person=alex).exists():
        return 0
    Rectification.objects.create(
        organisation=organisation,
        person=alex,
        raised_by=alex.user,
        about=About.PLAN,
        what_is_wrong="My crisis plan says I like to be left alone when I am unwell.",
        should_say="I like someone to sit with me, quietly.",
    )
    received = timezone.localdate() - timedelta(days=7)
    access_request = AccessRequest.objects.create(
        organisation=organisation,
        person=alex,
        received_on=received,
        requested_by=alex.user,
        on_behalf=OnBehalf.PERSON,
        identity_checked=True,
        due_on=clock.due_on(received),
    )
    return 2 + pack_assemble(access_request.pk)
