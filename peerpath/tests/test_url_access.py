"""Deny by default: every URL pattern, for every role, anonymous and an outsider."""

from datetime import date
from importlib import import_module
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone

from conftest import ANONYMOUS, OUTSIDER
from peerpath.caseload.tests.world import build_caseload
from peerpath.core.roles import Role
from peerpath.directory.models import Service
from peerpath.framework.models import Statement
from peerpath.jobs.services import worker_heartbeat
from peerpath.organisations.invitation_tokens import invitation_token
from peerpath.organisations.models import Invitation
from peerpath.organisations.services import user_invite
from peerpath.training.delivery import timetable_generate
from peerpath.training.models import (
    Award,
    Enrolment,
    Placement,
    PlacementDay,
    PortfolioEntry,
    Programme,
    Submission,
)
from peerpath.training.recruitment_services import cohort_create, intake_create, interest_submit
from peerpath.training.services import programme_copy, programme_templates_load
from peerpath.training.tests.wording import confirm_copied_wording

from .access_walk import Example, Persona, check_access, find_unprotected

# Each app of the caseload keeps its own routes' examples beside its tests.
CASELOAD_APPS = ("caseload", "recovery", "contacts", "governance", "groups")

# Every route with URL arguments says how to fill them. `tenant=True`: the object belongs
# to the home organisation, so the outsider must get 404.
EXAMPLES: dict[str, Example] = {
    "organisations:member-detail": Example(
        lambda w: {"public_id": w.user(Role.PSW).public_id}, tenant=True
    ),
    "organisations:member-remove": Example(
        lambda w: {"public_id": w.user(Role.PSW).public_id}, tenant=True
    ),
    "organisations:member-reset-two-factor": Example(
        lambda w: {"public_id": w.user(Role.PSW).public_id}, tenant=True
    ),
    "organisations:member-unlock": Example(
        lambda w: {"public_id": w.user(Role.PSW).public_id}, tenant=True
    ),
    "organisations:team-detail": Example(lambda w: {"pk": w.team.pk}, tenant=True),
    "organisations:invitation-resend": Example(lambda w: {"pk": w.invitation.pk}, tenant=True),
    # From the invitation email: public, and the token says which invitation.
    "organisations:invitation-accept": Example(lambda w: {"token": invitation_token(w.invitation)}),
    "organisations:invitation-renew": Example(lambda w: {"token": invitation_token(w.invitation)}),
    "training:programme-detail": Example(lambda w: {"pk": w.programme.pk}, tenant=True),
    "training:programme-copy": Example(lambda w: {"pk": w.programme.pk}, tenant=True),
    "training:programme-edit": Example(lambda w: {"pk": w.programme.pk}, tenant=True),
    "training:programme-wording": Example(lambda w: {"pk": w.programme.pk}, tenant=True),
    "training:programme-coverage": Example(lambda w: {"pk": w.programme.pk}, tenant=True),
    "training:module-add": Example(lambda w: {"pk": w.programme.pk}, tenant=True),
    "training:module-edit": Example(lambda w: {"pk": w.programme.modules.first().pk}, tenant=True),
    "training:intake-detail": Example(lambda w: {"pk": w.intake.pk}, tenant=True),
    "training:application-detail": Example(lambda w: {"pk": w.application.pk}, tenant=True),
    "training:application-move": Example(lambda w: {"pk": w.application.pk}, tenant=True),
    "training:application-appointment": Example(lambda w: {"pk": w.application.pk}, tenant=True),
    "training:application-note": Example(lambda w: {"pk": w.application.pk}, tenant=True),
    "training:application-enrol": Example(lambda w: {"pk": w.application.pk}, tenant=True),
    "training:interest-form": Example(
        lambda w: {"organisation": w.organisation.slug, "intake": w.intake.pk}
    ),
    "training:applicant-home": Example(lambda w: {"token": w.application.access_token}),
    "training:cohort-detail": Example(lambda w: {"pk": w.cohort.pk}, tenant=True),
    "training:cohort-submissions": Example(lambda w: {"pk": w.cohort.pk}, tenant=True),
    "training:placement-create": Example(lambda w: {"pk": w.enrolment.pk}, tenant=True),
    "training:placement-detail": Example(lambda w: {"pk": w.placement.pk}, tenant=True),
    "training:placement-day": Example(lambda w: {"pk": w.placement.pk}, tenant=True),
    "training:placement-day-confirm": Example(lambda w: {"pk": w.placement_day.pk}, tenant=True),
    "training:placement-review": Example(lambda w: {"pk": w.placement.pk}, tenant=True),
    "training:placement-sign-off": Example(lambda w: {"pk": w.placement.pk}, tenant=True),
    "training:enrolment-portfolio": Example(lambda w: {"pk": w.enrolment.pk}, tenant=True),
    "training:graduation": Example(lambda w: {"pk": w.enrolment.pk}, tenant=True),
    "training:programme-requirements": Example(lambda w: {"pk": w.programme.pk}, tenant=True),
    "training:assessment-change": Example(
        lambda w: {"pk": w.programme.assessments.all()[0].pk}, tenant=True
    ),
    "training:eligibility-remove": Example(
        lambda w: {"pk": w.programme.criteria.all()[0].pk}, tenant=True
    ),
    "training:certificate": Example(lambda w: {"pk": w.award.pk}, tenant=True),
    "training:outcome-add": Example(lambda w: {"pk": w.award.pk}, tenant=True),
    "training:verify-number": Example(lambda w: {"number": w.award.certificate_number}),
    "training:portfolio-entry": Example(lambda w: {"pk": w.portfolio_entry.pk}, tenant=True),
    "training:my-assessment": Example(lambda w: {"pk": w.programme.assessments.all()[0].pk}),
    "training:submission-mark": Example(lambda w: {"pk": w.submission.pk}, tenant=True),
    "training:submission-download": Example(lambda w: {"pk": w.submission.pk}, tenant=True),
    "training:assessment-criteria": Example(
        lambda w: {"pk": w.programme.assessments.all()[0].pk}, tenant=True
    ),
    "training:timetable-generate": Example(lambda w: {"pk": w.cohort.pk}, tenant=True),
    "training:session-move": Example(lambda w: {"pk": w.session.pk}, tenant=True),
    "training:register": Example(lambda w: {"pk": w.session.pk}, tenant=True),
    "directory:service-detail": Example(lambda w: {"pk": w.service.pk}, tenant=True),
    "directory:service-edit": Example(lambda w: {"pk": w.service.pk}, tenant=True),
    "directory:service-checked": Example(lambda w: {"pk": w.service.pk}, tenant=True),
    "framework:unit": Example(lambda w: {"code": "3.5"}),
    "framework:statement": Example(lambda w: {"ref": "3.5.3"}),
    "framework:published-overview": Example(lambda w: {"organisation": w.organisation.slug}),
    "framework:published-unit": Example(
        lambda w: {"organisation": w.organisation.slug, "code": "3.5"}
    ),
    "framework:published-search": Example(lambda w: {"organisation": w.organisation.slug}),
    "framework:published-print": Example(lambda w: {"organisation": w.organisation.slug}),
    "account_reset_password_from_key": Example(lambda w: {"uidb36": "1", "key": "bad-key"}),
    "account_confirm_email": Example(lambda w: {"key": "bad-key"}),
}
for _app in CASELOAD_APPS:
    EXAMPLES.update(import_module(f"peerpath.{_app}.tests.walk_examples").EXAMPLES)


def personas(world: Any, client_for: Any) -> list[Persona]:
    found = []
    for role in Role:
        found.append(Persona(str(role), client_for(role), frozenset({role}), True, False))
    found.append(Persona(OUTSIDER, client_for(OUTSIDER), frozenset(Role), True, True))
    found.append(Persona(ANONYMOUS, Client(), frozenset(), False, False))
    return found


def test_every_url_pattern_declares_an_access_policy() -> None:
    assert find_unprotected() == []


def test_a_view_without_a_policy_is_caught() -> None:
    assert find_unprotected("peerpath.tests.urls_unprotected") == ["undeclared"]


@pytest.fixture
def walk_world(world: Any, framework: Any) -> Any:
    """The personas' world, with something behind every kind of URL."""
    # A worker is running, as in production, so /healthz/jobs answers 200 (not 503).
    worker_heartbeat(worker_id="walk", started_at=timezone.now(), now=timezone.now())
    world.organisation.publishes_framework = True
    world.organisation.save(update_fields=["publishes_framework"])
    user_invite(
        organisation=world.organisation,
        email="invited@riverside.example",
        full_name="Invited Person",
        roles={Role.PSW},
        team=world.team,
        by=None,
    )
    world.invitation = Invitation.objects.get(user__email="invited@riverside.example")
    programme_templates_load()
    world.programme = programme_copy(
        source=Programme.objects.templates().order_by("pk")[0],
        organisation=world.organisation,
        by=None,
    )
    confirm_copied_wording(world.programme)
    world.intake = intake_create(
        programme=world.programme,
        title="Spring intake",
        opens_on=date(2026, 1, 1),
        closes_on=date(2026, 12, 31),
        capacity=10,
        panel=[],
        by=None,
    )
    world.application = interest_submit(
        intake=world.intake,
        full_name="Sam Rivers",
        email="sam@example.org",
        phone="",
        interest="I would like to help others.",
        today=date(2026, 6, 1),
    )
    world.cohort = cohort_create(
        programme=world.programme,
        title="Cohort A",
        starts_on=date(2026, 9, 1),
        facilitators=[],
        by=None,
    )
    timetable_generate(cohort=world.cohort, by=None)
    world.session = world.cohort.sessions.order_by("number")[0]
    enrolment = Enrolment.objects.create(
        organisation=world.organisation, cohort=world.cohort, trainee=world.user(Role.TRAINEE)
    )
    world.enrolment = enrolment
    world.service = Service.objects.create(
        organisation=world.organisation,
        name="Walkers",
        kind="group",
        remit="Walks",
        who_for="Adults",
        how_to_access="Drop in",
        localities="Riverside",
        needs="loneliness",
        last_checked_on=date(2026, 1, 1),
    )
    world.placement = Placement.objects.create(
        organisation=world.organisation, enrolment=enrolment, host_description="Team"
    )
    world.placement_day = PlacementDay.objects.create(
        organisation=world.organisation,
        placement=world.placement,
        date=date(2026, 9, 2),
        reflection="A day",
    )
    world.portfolio_entry = PortfolioEntry.objects.create(
        organisation=world.organisation, enrolment=enrolment, statement=Statement.objects.all()[0]
    )
    world.award = Award.objects.create(
        organisation=world.organisation,
        enrolment=enrolment,
        certificate_number="PP-TEST1-TEST2",
        trainee_name="Trainee",
        programme_title="Programme",
        awarded_on=date(2026, 10, 1),
        awarded_by=world.user(Role.COORDINATOR),
    )
    world.submission = Submission.objects.create(
        organisation=world.organisation,
        enrolment=enrolment,
        assessment=world.programme.assessments.all()[0],
        number=1,
        text="work",
    )
    return build_caseload(world)


@pytest.mark.django_db
def test_every_url_answers_every_persona_as_its_policy_says(
    walk_world: Any, client_for: Any
) -> None:
    problems = check_access(personas(walk_world, client_for), EXAMPLES, walk_world)
    assert problems == [], "\n".join(problems)


@pytest.mark.django_db
def test_the_walk_fails_on_an_unprotected_or_misdeclared_view(
    walk_world: Any, client_for: Any
) -> None:
    problems = check_access(
        personas(walk_world, client_for),
        EXAMPLES,
        walk_world,
        urlconf="peerpath.tests.urls_unprotected",
    )
    assert "undeclared: no access policy declared" in problems
    # Declares "organisation admins only" but lets everyone in: every other role is caught.
    misdeclared = [p for p in problems if p.startswith("misdeclared ")]
    assert any("as psw: refused persona got 200, not 403" in p for p in misdeclared)
    assert any("as anonymous: anonymous got 200, not log-in" in p for p in misdeclared)
