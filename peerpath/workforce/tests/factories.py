"""Factories for the workforce: team requests, posts, vacancies, applications and the
selection steps, and employment records.

Each record belongs to the organisation of what it hangs from (its team, post, vacancy or
application), so a factory never mixes two organisations.
"""

from datetime import datetime, time, timedelta
from decimal import Decimal

import factory
from django.utils import timezone

from peerpath.accounts.tests.factories import UserFactory
from peerpath.organisations.tests.factories import TeamFactory
from peerpath.workforce.models import (
    EmploymentChange,
    EmploymentRecord,
    Interview,
    JobApplication,
    JobCriterionAnswer,
    JobStage,
    JobStageChange,
    PanelScore,
    Post,
    ServiceArea,
    Setting,
    TeamRequest,
    Vacancy,
    VacancyCriterion,
    VacancyQuestion,
)


class TeamRequestFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = TeamRequest

    team = factory.SubFactory(TeamFactory)
    organisation = factory.SelfAttribute("team.organisation")
    service_area = ServiceArea.ADULT
    setting = Setting.COMMUNITY
    hours_per_week = Decimal("15")
    hopes = "Someone to share hope with the people we support."
    requested_by = factory.SubFactory(UserFactory)


class PostFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Post

    team = factory.SubFactory(TeamFactory)
    organisation = factory.SelfAttribute("team.organisation")
    title = factory.Sequence(lambda n: f"Peer support worker {n}")
    service_area = ServiceArea.ADULT
    setting = Setting.COMMUNITY
    hours_per_week = Decimal("22.5")


class VacancyFactory(factory.django.DjangoModelFactory):
    """A draft vacancy open from today for four weeks."""

    class Meta:
        model = Vacancy

    post = factory.SubFactory(PostFactory)
    organisation = factory.SelfAttribute("post.organisation")
    opens_on = factory.LazyFunction(timezone.localdate)
    closes_on = factory.LazyAttribute(lambda v: v.opens_on + timedelta(days=28))
    description = "A peer support worker post."


class _VacancyPart(factory.django.DjangoModelFactory):
    class Meta:
        abstract = True

    vacancy = factory.SubFactory(VacancyFactory)
    organisation = factory.SelfAttribute("vacancy.organisation")
    order = factory.Sequence(lambda n: n + 1)


class VacancyCriterionFactory(_VacancyPart):
    class Meta:
        model = VacancyCriterion

    text = "have lived experience of mental distress and recovery"


class VacancyQuestionFactory(_VacancyPart):
    class Meta:
        model = VacancyQuestion

    text = "What does peer support mean to you?"


class JobApplicationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = JobApplication

    vacancy = factory.SubFactory(VacancyFactory)
    organisation = factory.SelfAttribute("vacancy.organisation")
    full_name = factory.Faker("name", locale="en_GB")
    email = factory.Sequence(lambda n: f"jobseeker{n}@example.org")
    access_token = factory.Sequence(lambda n: f"job-{n:040d}")


class _ApplicationPart(factory.django.DjangoModelFactory):
    class Meta:
        abstract = True

    application = factory.SubFactory(JobApplicationFactory)
    organisation = factory.SelfAttribute("application.organisation")


class JobCriterionAnswerFactory(_ApplicationPart):
    class Meta:
        model = JobCriterionAnswer

    criterion = factory.SubFactory(
        VacancyCriterionFactory, vacancy=factory.SelfAttribute("..application.vacancy")
    )
    evidence = "My own recovery taught me how much hope matters."


class JobStageChangeFactory(_ApplicationPart):
    class Meta:
        model = JobStageChange

    to_stage = JobStage.APPLIED
    reason = "Application sent by the applicant"


class InterviewFactory(_ApplicationPart):
    class Meta:
        model = Interview

    starts_at = factory.LazyFunction(
        lambda: timezone.make_aware(
            datetime.combine(timezone.localdate() + timedelta(days=7), time(10))
        )
    )
    place = "Riverside House"


class PanelScoreFactory(_ApplicationPart):
    class Meta:
        model = PanelScore

    question = factory.SubFactory(
        VacancyQuestionFactory, vacancy=factory.SelfAttribute("..application.vacancy")
    )
    author = factory.SubFactory(UserFactory)
    score = 4
    note = "Warm and clear."


class EmploymentRecordFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = EmploymentRecord

    post = factory.SubFactory(PostFactory)
    organisation = factory.SelfAttribute("post.organisation")
    worker = factory.SubFactory(UserFactory)
    starts_on = factory.LazyFunction(timezone.localdate)
    hours_per_week = Decimal("22.5")
    line_manager = factory.SubFactory(UserFactory)


class EmploymentChangeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = EmploymentChange

    record = factory.SubFactory(EmploymentRecordFactory)
    organisation = factory.SelfAttribute("record.organisation")
    what = "Hours a week"
    before = "22.5"
    after = "30"
