"""Factories for training: programmes and their parts, delivery, assessment, placements,
portfolios and graduation (recruitment's are in peerpath/recruitment/tests/factories.py).

A programme made here is an organisation's own (not a template). Each record belongs to
the organisation of what it hangs from (its programme, cohort,
enrolment, submission or placement), so a factory never mixes two organisations.
"""

from datetime import timedelta

import factory
from django.utils import timezone

from peerpath.accounts.tests.factories import UserFactory
from peerpath.framework.tests.factories import StatementFactory
from peerpath.organisations.tests.factories import OrganisationFactory
from peerpath.training.models import (
    AssessmentCriterion,
    AssessmentKind,
    AssessmentRequirement,
    AttendanceRecord,
    AttendanceStatus,
    Award,
    CertificateIssuer,
    Cohort,
    CopiedText,
    Coursework,
    EligibilityCriterion,
    Enrolment,
    EvidenceKind,
    GraduateOutcome,
    Mark,
    MarkOutcome,
    Module,
    OutcomeKind,
    Placement,
    PlacementDay,
    PlacementReview,
    PortfolioEntry,
    PortfolioEvidence,
    Programme,
    ProgrammeCertificate,
    ProgrammeInformation,
    ReviewKind,
    StoryDraft,
    Submission,
    SubmissionFile,
    TrainingSession,
)


class ProgrammeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Programme

    organisation = factory.SubFactory(OrganisationFactory)
    title = factory.Sequence(lambda n: f"Peer support training {n}")


class _ProgrammePart(factory.django.DjangoModelFactory):
    """A part of a programme, in its programme's organisation."""

    class Meta:
        abstract = True

    programme = factory.SubFactory(ProgrammeFactory)
    organisation = factory.SelfAttribute("programme.organisation")
    order = factory.Sequence(lambda n: n + 1)


class ModuleFactory(_ProgrammePart):
    class Meta:
        model = Module

    title = "What recovery means"


class AssessmentRequirementFactory(_ProgrammePart):
    class Meta:
        model = AssessmentRequirement

    kind = AssessmentKind.ASSIGNMENT
    title = "Reflective assignment"


class EligibilityCriterionFactory(_ProgrammePart):
    class Meta:
        model = EligibilityCriterion

    text = "Has lived experience of mental health challenges"


class CourseworkFactory(_ProgrammePart):
    class Meta:
        model = Coursework

    title = "Weekly reading"


class ProgrammeCertificateFactory(_ProgrammePart):
    class Meta:
        model = ProgrammeCertificate

    title = "Certificate of completion"
    issuer = CertificateIssuer.ORGANISATION


class ProgrammeInformationFactory(_ProgrammePart):
    class Meta:
        model = ProgrammeInformation

    heading = "What to bring"


class CopiedTextFactory(_ProgrammePart):
    """A programme's text copied from a template, waiting to be checked."""

    class Meta:
        model = CopiedText

    label = "Provider"
    target = "programme"
    target_id = factory.SelfAttribute("programme.pk")
    field = "provider"
    original = "Cambridgeshire and Peterborough NHS Foundation Trust"


class AssessmentCriterionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AssessmentCriterion

    assessment = factory.SubFactory(AssessmentRequirementFactory)
    organisation = factory.SelfAttribute("assessment.organisation")
    order = factory.Sequence(lambda n: n + 1)
    text = "Reflects on their own recovery"


class CohortFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Cohort

    programme = factory.SubFactory(ProgrammeFactory)
    organisation = factory.SelfAttribute("programme.organisation")
    title = factory.Sequence(lambda n: f"Cohort {n}")
    starts_on = factory.LazyFunction(lambda: timezone.localdate() + timedelta(days=14))


class EnrolmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Enrolment

    cohort = factory.SubFactory(CohortFactory)
    organisation = factory.SelfAttribute("cohort.organisation")
    trainee = factory.SubFactory(UserFactory)


class TrainingSessionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = TrainingSession

    cohort = factory.SubFactory(CohortFactory)
    organisation = factory.SelfAttribute("cohort.organisation")
    number = factory.Sequence(lambda n: n + 1)
    date = factory.LazyFunction(timezone.localdate)


class AttendanceRecordFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AttendanceRecord

    enrolment = factory.SubFactory(EnrolmentFactory)
    organisation = factory.SelfAttribute("enrolment.organisation")
    session = factory.SubFactory(
        TrainingSessionFactory, cohort=factory.SelfAttribute("..enrolment.cohort")
    )
    status = AttendanceStatus.PRESENT
    recorded_by = factory.SubFactory(UserFactory)


class _EnrolmentPart(factory.django.DjangoModelFactory):
    class Meta:
        abstract = True

    enrolment = factory.SubFactory(EnrolmentFactory)
    organisation = factory.SelfAttribute("enrolment.organisation")


class StoryDraftFactory(_EnrolmentPart):
    class Meta:
        model = StoryDraft


class SubmissionFactory(_EnrolmentPart):
    class Meta:
        model = Submission

    assessment = factory.SubFactory(
        AssessmentRequirementFactory,
        programme=factory.SelfAttribute("..enrolment.cohort.programme"),
    )
    number = 1


class SubmissionFileFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SubmissionFile

    submission = factory.SubFactory(SubmissionFactory)
    organisation = factory.SelfAttribute("submission.organisation")
    upload = factory.django.FileField(data=b"%PDF-1.4 essay", filename="essay.pdf")
    original_name = "essay.pdf"
    content_type = "application/pdf"
    size = 14


class MarkFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Mark

    submission = factory.SubFactory(SubmissionFactory)
    organisation = factory.SelfAttribute("submission.organisation")
    marker = factory.SubFactory(UserFactory)
    outcome = MarkOutcome.PASSED
    feedback = "A thoughtful reflection."


class PlacementFactory(_EnrolmentPart):
    class Meta:
        model = Placement


class PlacementDayFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PlacementDay

    placement = factory.SubFactory(PlacementFactory)
    organisation = factory.SelfAttribute("placement.organisation")
    date = factory.Sequence(lambda n: timezone.localdate() - timedelta(days=n))
    reflection = "Shadowed a one-to-one at the café."


class PlacementReviewFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PlacementReview

    placement = factory.SubFactory(PlacementFactory)
    organisation = factory.SelfAttribute("placement.organisation")
    kind = ReviewKind.INITIAL
    notes = "Settling in well."
    by = factory.SubFactory(UserFactory)


class PortfolioEntryFactory(_EnrolmentPart):
    class Meta:
        model = PortfolioEntry

    statement = factory.SubFactory(StatementFactory)


class PortfolioEvidenceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PortfolioEvidence

    entry = factory.SubFactory(PortfolioEntryFactory)
    organisation = factory.SelfAttribute("entry.organisation")
    kind = EvidenceKind.OBSERVATION
    note = "Observed sharing their story with care."


class AwardFactory(_EnrolmentPart):
    class Meta:
        model = Award

    certificate_number = factory.Sequence(lambda n: f"PP-{n:05d}-TEST0")
    trainee_name = factory.SelfAttribute("enrolment.trainee.full_name")
    programme_title = factory.SelfAttribute("enrolment.cohort.programme.title")
    awarded_on = factory.LazyFunction(timezone.localdate)
    awarded_by = factory.SubFactory(UserFactory)


class GraduateOutcomeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = GraduateOutcome

    award = factory.SubFactory(AwardFactory)
    organisation = factory.SelfAttribute("award.organisation")
    kind = OutcomeKind.EMPLOYED
    recorded_on = factory.LazyFunction(timezone.localdate)
    recorded_by = factory.SubFactory(UserFactory)
