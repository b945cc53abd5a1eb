"""Factories for peer groups, their sessions and who came.

Each record belongs to the organisation of its group (a session's, an attendance's).
"""

import factory
from django.utils import timezone

from peerpath.caseload.tests.factories import PersonFactory
from peerpath.groups.models import Attendance, GroupSession, PeerGroup, Presence
from peerpath.organisations.tests.factories import OrganisationFactory, TeamFactory


class PeerGroupFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PeerGroup

    organisation = factory.SubFactory(OrganisationFactory)
    team = factory.SubFactory(TeamFactory, organisation=factory.SelfAttribute("..organisation"))
    name = factory.Sequence(lambda n: f"Tuesday Peer Group {n}")
    purpose = "Mutual support"


class GroupSessionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = GroupSession

    group = factory.SubFactory(PeerGroupFactory)
    organisation = factory.SelfAttribute("group.organisation")
    starts_at = factory.LazyFunction(timezone.now)
    topic = "Hope"


class AttendanceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Attendance

    session = factory.SubFactory(GroupSessionFactory)
    organisation = factory.SelfAttribute("session.organisation")
    person = factory.SubFactory(
        PersonFactory,
        organisation=factory.SelfAttribute("..organisation"),
        team=factory.SelfAttribute("..session.group.team"),
    )
    presence = Presence.CAME
