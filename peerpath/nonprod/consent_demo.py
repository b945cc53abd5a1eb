"""The demo's sign-in agreement: idempotent, as the rest of `seed_demo_data`.

Alex Morgan signs in to PeerPath with their own account (linked by `caseload_demo`); here
their worker, Jordan Reid, has recorded that Alex agreed to it, in person, a month ago, so
Alex's record says "Alex can sign in to PeerPath (since …)". Sam Taylor has no account:
Jordan can record Sam's agreement and invite them from Sam's record.
"""

from datetime import timedelta

from django.utils import timezone

from peerpath.accounts.models import User
from peerpath.caseload.models import AgreedHow, Person, PortalAgreement
from peerpath.organisations.models import Organisation

PSW_EMAIL = "psw@peerpath.example"


def seed_consent(organisation: Organisation) -> int:
    alex = Person.objects.filter(
        organisation=organisation, full_name="Alex Morgan", user__isnull=False
    ).first()
    jordan = User.objects.filter(email=PSW_EMAIL).first()
    if alex is None or jordan is None or PortalAgreement.objects.filter(person=alex).exists():
        return 0
    PortalAgreement.objects.create(
        organisation=organisation,
        person=alex,
        agreed_on=timezone.localdate() - timedelta(days=30),
        how=AgreedHow.IN_PERSON,
        note="We went through the app together on Alex's phone.",
        recorded_by=jordan,
    )
    return 1
