"""Shared by this app's tests (not a test module, so tests may import it)."""

from datetime import date
from typing import Any

import pytest

from conftest import World, make_user
from peerpath.core.roles import Role
from peerpath.recruitment.models import Application, Stage
from peerpath.recruitment.services import intake_create
from peerpath.training.models import (
    AttendanceRecord,
    Award,
    Cohort,
    Enrolment,
    GraduateOutcome,
    Placement,
    Programme,
)
from peerpath.training.services.delivery import cohort_create, timetable_generate
from peerpath.training.services.programme_templates import programme_copy, programme_templates_load
from peerpath.training.tests.wording import confirm_copied_wording

TODAY = date(2027, 1, 15)


def template_copy(key: str, organisation: Any) -> Programme:
    """The organisation's own copy of a bundled programme template (after
    `programme_templates_load()`)."""
    return programme_copy(
        source=Programme.objects.get(template_key=key), organisation=organisation, by=None
    )


@pytest.fixture
def pep(world: World) -> Programme:
    programme_templates_load()
    template = Programme.objects.get(template_key="recovery-college-east-pep")
    return confirm_copied_wording(
        programme_copy(source=template, organisation=world.organisation, by=None)
    )


def monday_cohort_over_christmas(world: World, key: str, starts_on: date) -> Cohort:
    programme_templates_load()
    programme = template_copy(key, world.organisation)
    return cohort_create(
        programme=programme, title="Winter", starts_on=starts_on, facilitators=[], by=None
    )


def build(world: World, people: int) -> None:
    programme_templates_load()
    programme = confirm_copied_wording(
        template_copy("nhft-imroc-peer-support-training", world.organisation)
    )
    intake = intake_create(
        programme=programme,
        title="Spring",
        opens_on=date(2027, 1, 1),
        closes_on=date(2027, 2, 1),
        capacity=20,
        panel=[],
        by=None,
    )
    cohort = cohort_create(
        programme=programme, title="ImROC A", starts_on=date(2027, 3, 1), facilitators=[], by=None
    )
    timetable_generate(cohort=cohort, by=None)
    first_session = cohort.sessions.get(number=1)
    stages = [Stage.INTEREST, Stage.APPLICATION, Stage.OFFER, Stage.ACCEPTED]
    for n in range(people):
        stage = stages[n % 4]
        application = Application.objects.create(
            organisation=world.organisation,
            intake=intake,
            full_name=f"P{n}",
            email=f"p{n}@example.org",
            interest="x",
            stage=stage,
            access_token=f"token-{n}",
        )
        if stage == Stage.ACCEPTED:
            user = make_user(f"p{n}@example.org", full_name=f"P{n}", totp=False)
            enrolment = Enrolment.objects.create(
                organisation=world.organisation,
                cohort=cohort,
                trainee=user,
                application_id=application.pk,
            )
            AttendanceRecord.objects.create(
                organisation=world.organisation,
                session=first_session,
                enrolment=enrolment,
                status="absent",
                recorded_by=world.user(Role.TRAINER),
            )
            Placement.objects.create(
                organisation=world.organisation, enrolment=enrolment, host_description="Ward"
            )
            award = Award.objects.create(
                organisation=world.organisation,
                enrolment=enrolment,
                certificate_number=f"PP-{n:05d}-AAAAA",
                trainee_name=f"P{n}",
                programme_title="ImROC",
                awarded_on=date(2027, 6, 1),
                awarded_by=world.user(Role.COORDINATOR),
            )
            GraduateOutcome.objects.create(
                organisation=world.organisation,
                award=award,
                kind="employed",
                recorded_on=date(2027, 7, 1),
                recorded_by=world.user(Role.COORDINATOR),
            )
