"""Factories for the caseload's models: a person, their family and their peer relationship.

Each record belongs to the organisation of what it hangs from (its person, its
relationship), so a factory never makes a child of one organisation under a parent of
another.
"""

from datetime import timedelta
from typing import Any

import factory
from django.utils import timezone

from peerpath.accounts.tests.factories import UserFactory
from peerpath.caseload.models import (
    AgreedHow,
    FamilyMember,
    PeerRelationship,
    Person,
    PortalAgreement,
    RelationshipEvent,
    Status,
    WorkerProfile,
)
from peerpath.core.roles import Role
from peerpath.organisations.tests.factories import OrganisationFactory, TeamFactory


class PersonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Person

    organisation = factory.SubFactory(OrganisationFactory)
    team = factory.SubFactory(TeamFactory, organisation=factory.SelfAttribute("..organisation"))
    full_name = factory.Faker("name", locale="en_GB")


class PersonRecordFactory(factory.django.DjangoModelFactory):
    """A record about a person, in the person's organisation (a base for other factories)."""

    class Meta:
        abstract = True

    person = factory.SubFactory(PersonFactory)
    organisation = factory.SelfAttribute("person.organisation")


class FamilyMemberFactory(PersonRecordFactory):
    class Meta:
        model = FamilyMember

    name = factory.Faker("name", locale="en_GB")
    relationship = "sister"


class PortalAgreementFactory(PersonRecordFactory):
    """The person's agreement to sign in to PeerPath, in person, today."""

    class Meta:
        model = PortalAgreement

    agreed_on = factory.LazyFunction(timezone.localdate)
    how = AgreedHow.IN_PERSON
    recorded_by = factory.SubFactory(UserFactory)


class WorkerProfileFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = WorkerProfile

    organisation = factory.SubFactory(OrganisationFactory)
    user = factory.SubFactory(UserFactory)
    shared_experiences = "hearing voices, being a carer"


class PeerRelationshipFactory(PersonRecordFactory):
    """An active relationship, referred a month ago, with the person's team."""

    class Meta:
        model = PeerRelationship

    team = factory.SelfAttribute("person.team")
    worker = factory.SubFactory(UserFactory)
    status = Status.ACTIVE
    source = "self"
    reason = "Would like support to get back to college."
    referred_on = factory.LazyFunction(lambda: timezone.localdate() - timedelta(days=30))


class RelationshipEventFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = RelationshipEvent

    relationship = factory.SubFactory(PeerRelationshipFactory)
    organisation = factory.SelfAttribute("relationship.organisation")
    text = "First met at the café on Mill Street."


def person_on_caseload(
    world: Any,
    name: str = "Robin Hale",
    *,
    worker: Any = None,
    team: Any = None,
    **relationship: Any,
) -> Person:
    """A new person on a PSW's caseload (the home PSW's, in the home team, unless given),
    referred today, with no goals or plans yet; `relationship` overrides the relationship's
    fields."""
    person: Any = PersonFactory(
        organisation=world.organisation, team=team or world.team, full_name=name
    )
    fields = {"reason": "Would like support", "referred_on": timezone.localdate(), **relationship}
    PeerRelationshipFactory(person=person, worker=worker or world.user(Role.PSW), **fields)
    return person
