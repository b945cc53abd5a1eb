"""Factories for recovery's models: goals, plans and the recovery tools.

Each record belongs to the organisation of its person (or of its goal, its document).
"""

import factory
from django.utils import timezone

from peerpath.accounts.tests.factories import UserFactory
from peerpath.caseload.tests.factories import PersonRecordFactory
from peerpath.recovery.models import (
    CopingWorksheet,
    DigitalIntervention,
    Document,
    DocumentKind,
    DocumentProposal,
    DocumentVersion,
    Goal,
    GoalStep,
    GoalUpdate,
    Helpfulness,
    MeaningfulActivity,
)


class GoalFactory(PersonRecordFactory):
    class Meta:
        model = Goal

    in_own_words = "Go back to college"
    why_it_matters = "I loved learning"
    strengths = "Curious, determined"


class GoalStepFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = GoalStep

    goal = factory.SubFactory(GoalFactory)
    organisation = factory.SelfAttribute("goal.organisation")
    text = "Visit the open day"


class GoalUpdateFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = GoalUpdate

    goal = factory.SubFactory(GoalFactory)
    organisation = factory.SelfAttribute("goal.organisation")
    on = factory.LazyFunction(timezone.localdate)
    text = "Went to the open day"


class DocumentFactory(PersonRecordFactory):
    """A plan with no versions yet (`DocumentVersionFactory` writes one)."""

    class Meta:
        model = Document

    kind = DocumentKind.CRISIS_PLAN


class DocumentVersionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = DocumentVersion

    document = factory.SubFactory(DocumentFactory)
    organisation = factory.SelfAttribute("document.organisation")
    number = factory.Sequence(lambda n: n + 1)
    content = factory.LazyFunction(dict)


class DocumentProposalFactory(PersonRecordFactory):
    """A change the person suggested to their crisis plan, waiting for their worker."""

    class Meta:
        model = DocumentProposal

    kind = DocumentKind.CRISIS_PLAN
    based_on = 1
    content = factory.LazyFunction(lambda: {"what_i_can_do": "A walk by the river"})
    proposed_by = factory.SubFactory(UserFactory)


class CopingWorksheetFactory(PersonRecordFactory):
    class Meta:
        model = CopingWorksheet

    problem = "Money worries"


class MeaningfulActivityFactory(PersonRecordFactory):
    class Meta:
        model = MeaningfulActivity

    activity = "Allotment"


class DigitalInterventionFactory(PersonRecordFactory):
    class Meta:
        model = DigitalIntervention

    name = "A mood diary app"
    helpfulness = Helpfulness.SOMEWHAT
