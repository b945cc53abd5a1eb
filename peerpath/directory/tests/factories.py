"""Factories for the service directory."""

import factory
from django.utils import timezone

from peerpath.directory.models import Service
from peerpath.organisations.tests.factories import OrganisationFactory


class ServiceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Service

    organisation = factory.SubFactory(OrganisationFactory)
    name = factory.Sequence(lambda n: f"Riverside Hearing Voices Group {n}")
    kind = "group"
    remit = "Peer-led group"
    who_for = "Adults who hear voices"
    how_to_access = "Drop in"
    localities = "Riverside"
    needs = "hearing voices"
    last_checked_on = factory.LazyFunction(timezone.localdate)
