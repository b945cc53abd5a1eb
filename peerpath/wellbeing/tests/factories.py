"""Factories of wellbeing's models: a worker's plan, a version of it and a check-in, all in
one organisation."""

import factory
from django.utils import timezone

from peerpath.accounts.tests.factories import UserFactory
from peerpath.organisations.tests.factories import OrganisationFactory
from peerpath.wellbeing.models import CheckIn, WellbeingPlan, WellbeingPlanVersion


class WellbeingPlanFactory(factory.django.DjangoModelFactory):
    """A plan with no version saved yet."""

    class Meta:
        model = WellbeingPlan

    organisation = factory.SubFactory(OrganisationFactory)
    worker = factory.SubFactory(UserFactory)


class WellbeingPlanVersionFactory(factory.django.DjangoModelFactory):
    """A version written by the worker, sharing no part with their supervisor."""

    class Meta:
        model = WellbeingPlanVersion

    plan = factory.SubFactory(WellbeingPlanFactory)
    organisation = factory.SelfAttribute("plan.organisation")
    number = factory.Sequence(lambda n: n + 1)
    content = factory.LazyFunction(lambda: {"keeps_me_well": "A walk before work."})
    changed_by = factory.SelfAttribute("plan.worker")


class CheckInFactory(factory.django.DjangoModelFactory):
    """A check-in of today, kept private."""

    class Meta:
        model = CheckIn

    organisation = factory.SubFactory(OrganisationFactory)
    worker = factory.SubFactory(UserFactory)
    on = factory.LazyFunction(timezone.localdate)
    how_i_am = "Tired but steady."
