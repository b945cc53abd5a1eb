"""Factories for recruitment: intakes, applications and the selection steps.

Each record belongs to the organisation of what it hangs from (its programme, intake or
application), so a factory never mixes two organisations.
"""

from datetime import datetime, time, timedelta

import factory
from django.utils import timezone

from peerpath.accounts.tests.factories import UserFactory
from peerpath.recruitment.models import (
    Application,
    CriterionAnswer,
    Intake,
    SelectionBooking,
    SelectionBookingKind,
    SelectionPanelNote,
    Stage,
    StageChange,
)
from peerpath.training.tests.factories import EligibilityCriterionFactory, ProgrammeFactory


class IntakeFactory(factory.django.DjangoModelFactory):
    """An intake open from today for four weeks."""

    class Meta:
        model = Intake

    programme = factory.SubFactory(ProgrammeFactory)
    organisation = factory.SelfAttribute("programme.organisation")
    title = factory.Sequence(lambda n: f"Intake {n}")
    opens_on = factory.LazyFunction(timezone.localdate)
    closes_on = factory.LazyAttribute(lambda i: i.opens_on + timedelta(days=28))
    capacity = 16


class ApplicationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Application

    intake = factory.SubFactory(IntakeFactory)
    organisation = factory.SelfAttribute("intake.organisation")
    full_name = factory.Faker("name", locale="en_GB")
    email = factory.Sequence(lambda n: f"applicant{n}@example.org")
    interest = "I want to give back."
    access_token = factory.Sequence(lambda n: f"access-{n:040d}")


class _ApplicationPart(factory.django.DjangoModelFactory):
    class Meta:
        abstract = True

    application = factory.SubFactory(ApplicationFactory)
    organisation = factory.SelfAttribute("application.organisation")


class CriterionAnswerFactory(_ApplicationPart):
    class Meta:
        model = CriterionAnswer

    criterion = factory.SubFactory(
        EligibilityCriterionFactory,
        programme=factory.SelfAttribute("..application.intake.programme"),
    )
    meets = True
    evidence = "I have used mental health services for ten years."


class StageChangeFactory(_ApplicationPart):
    class Meta:
        model = StageChange

    to_stage = Stage.APPLICATION
    reason = "Their expression of interest was welcomed."


class SelectionBookingFactory(_ApplicationPart):
    """An applicant's information session or interview."""

    class Meta:
        model = SelectionBooking

    kind = SelectionBookingKind.INFORMATION_SESSION
    starts_at = factory.LazyFunction(
        lambda: timezone.make_aware(
            datetime.combine(timezone.localdate() + timedelta(days=7), time(10))
        )
    )
    place = "Riverside Recovery College"


class SelectionPanelNoteFactory(_ApplicationPart):
    class Meta:
        model = SelectionPanelNote

    stage = Stage.APPLICATION
    author = factory.SubFactory(UserFactory)
    note = "Clear about what they would bring."
