"""Factories of observation's models: an observation (no person present), its ratings and
addenda, a development plan and its reviews, all in one organisation."""

from datetime import timedelta

import factory
from django.utils import timezone

from peerpath.accounts.tests.factories import UserFactory
from peerpath.framework.tests.factories import StatementFactory
from peerpath.observation.models import (
    DevelopmentPlan,
    Observation,
    ObservationAddendum,
    ObservationRating,
    PlanReview,
    Rating,
)
from peerpath.organisations.tests.factories import OrganisationFactory


class ObservationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Observation

    organisation = factory.SubFactory(OrganisationFactory)
    worker = factory.SubFactory(UserFactory)
    observer = factory.SubFactory(UserFactory)
    observed_on = factory.LazyFunction(lambda: timezone.localdate() - timedelta(days=2))
    activity = "A one-to-one session"
    setting = "Community café"


class ObservationRatingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ObservationRating

    observation = factory.SubFactory(ObservationFactory)
    organisation = factory.SelfAttribute("observation.organisation")
    statement = factory.SubFactory(StatementFactory)
    rating = Rating.DEMONSTRATED
    feedback = "Listened closely."


class ObservationAddendumFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ObservationAddendum

    observation = factory.SubFactory(
        ObservationFactory, finalised_at=factory.LazyFunction(timezone.now)
    )
    organisation = factory.SelfAttribute("observation.organisation")
    text = "Talked it through afterwards."
    added_by = factory.SelfAttribute("observation.observer")


class DevelopmentPlanFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = DevelopmentPlan

    observation = factory.SubFactory(ObservationFactory)
    organisation = factory.SelfAttribute("observation.organisation")
    worker = factory.SelfAttribute("observation.worker")
    opened_by = factory.SelfAttribute("observation.observer")
    concern = "Ends sessions abruptly."
    agreed_support = "Shadowing a colleague."
    next_review_on = factory.LazyFunction(lambda: timezone.localdate() + timedelta(days=14))


class PlanReviewFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PlanReview

    plan = factory.SubFactory(DevelopmentPlanFactory)
    organisation = factory.SelfAttribute("plan.organisation")
    reviewed_on = factory.LazyFunction(timezone.localdate)
    progress = "Good progress."
    next_review_on = factory.LazyFunction(lambda: timezone.localdate() + timedelta(days=28))
    by = factory.SelfAttribute("plan.opened_by")
