"""Factories of learning's models: an induction and its items, booklet entries with their
reviews and addenda, a development plan's units and records, and refreshers.

Each record belongs to the organisation of what it hangs from (its employment record,
induction, entry, plan unit or refresher), so a factory never mixes two organisations.
"""

from datetime import timedelta

import factory
from django.utils import timezone

from peerpath.accounts.tests.factories import UserFactory
from peerpath.framework.tests.factories import UnitFactory
from peerpath.learning.models import (
    INDUCTION_ITEMS,
    BookletAddendum,
    BookletEntry,
    BookletReview,
    EntryStatus,
    Induction,
    InductionItem,
    LearningRecord,
    PlanUnit,
    Refresher,
    RefresherCompletion,
)
from peerpath.organisations.tests.factories import OrganisationFactory
from peerpath.workforce.tests.factories import EmploymentRecordFactory


class InductionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Induction

    employment = factory.SubFactory(EmploymentRecordFactory)
    organisation = factory.SelfAttribute("employment.organisation")
    worker = factory.SelfAttribute("employment.worker")


class InductionItemFactory(factory.django.DjangoModelFactory):
    """An item of the package, planned for a week from today, not yet completed."""

    class Meta:
        model = InductionItem

    induction = factory.SubFactory(InductionFactory)
    organisation = factory.SelfAttribute("induction.organisation")
    number = factory.Sequence(lambda n: n + 1)
    text = factory.LazyAttribute(lambda i: INDUCTION_ITEMS[(i.number - 1) % len(INDUCTION_ITEMS)])
    planned_on = factory.LazyFunction(lambda: timezone.localdate() + timedelta(days=7))


class BookletEntryFactory(factory.django.DjangoModelFactory):
    """A draft entry of two days ago, mapped to no statement yet."""

    class Meta:
        model = BookletEntry

    organisation = factory.SubFactory(OrganisationFactory)
    worker = factory.SubFactory(UserFactory)
    happened_on = factory.LazyFunction(lambda: timezone.localdate() - timedelta(days=2))
    what_i_did = "Met a person at the community café."
    reflection = "I shared a little of my story, and it helped."
    what_i_learnt = "To keep what I share short and about them."
    status = EntryStatus.DRAFT


class BookletReviewFactory(factory.django.DjangoModelFactory):
    """Comments on an entry that do not sign it off."""

    class Meta:
        model = BookletReview

    entry = factory.SubFactory(BookletEntryFactory)
    organisation = factory.SelfAttribute("entry.organisation")
    by = factory.SubFactory(UserFactory)
    comments = "Say more about what you noticed in yourself."


class BookletAddendumFactory(factory.django.DjangoModelFactory):
    """An addition to a signed entry, by its worker."""

    class Meta:
        model = BookletAddendum

    entry = factory.SubFactory(
        BookletEntryFactory,
        status=EntryStatus.SIGNED,
        signed_by=factory.SubFactory(UserFactory),
        signed_at=factory.LazyFunction(timezone.now),
    )
    organisation = factory.SelfAttribute("entry.organisation")
    by = factory.SelfAttribute("entry.worker")
    text = "We talked it through again in supervision."


class PlanUnitFactory(factory.django.DjangoModelFactory):
    """A unit added to the worker's plan by the worker, to review in three months."""

    class Meta:
        model = PlanUnit

    organisation = factory.SubFactory(OrganisationFactory)
    worker = factory.SubFactory(UserFactory)
    unit = factory.SubFactory(UnitFactory)
    what_i_want_to_learn = "How to share my story safely in groups."
    review_by = factory.LazyFunction(lambda: timezone.localdate() + timedelta(days=90))
    added_by = factory.SelfAttribute("worker")


class LearningRecordFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = LearningRecord

    plan_unit = factory.SubFactory(PlanUnitFactory)
    organisation = factory.SelfAttribute("plan_unit.organisation")
    activity = "Shadowed a group facilitator"
    happened_on = factory.LazyFunction(lambda: timezone.localdate() - timedelta(days=3))
    what_i_learnt = "Groups need ground rules agreed at the start."
    recorded_by = factory.SelfAttribute("plan_unit.worker")


class RefresherFactory(factory.django.DjangoModelFactory):
    """Training repeated every twelve months, linked to no unit."""

    class Meta:
        model = Refresher

    organisation = factory.SubFactory(OrganisationFactory)
    name = factory.Sequence(lambda n: f"Safeguarding refresher {n}")
    every_months = 12
    created_by = factory.SubFactory(UserFactory)


class RefresherCompletionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = RefresherCompletion

    refresher = factory.SubFactory(RefresherFactory)
    organisation = factory.SelfAttribute("refresher.organisation")
    worker = factory.SubFactory(UserFactory)
    completed_on = factory.LazyFunction(timezone.localdate)
    recorded_by = factory.SelfAttribute("refresher.created_by")
