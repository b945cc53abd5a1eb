"""The access walk's world, shared by every check that walks the URLs.

An example for every URL argument (each app's `tests/walk_examples.py`), the routes no
persona reaches and why, the personas, and the `walk_world` fixture with something behind
every kind of URL. The walk itself is test_url_access.py; test_create_once.py,
test_stale_saves_walk.py, test_hostile_forms.py, test_no_store.py and
test_organisation_owned.py walk the same world. Import `walk_world` from here to use it.
"""

from datetime import date, timedelta
from typing import Any

import pytest
from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes
from django.core.files.base import ContentFile
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from conftest import ANONYMOUS, OUTSIDER, TEST_PASSWORD
from peerpath.caseload.tests.world import build_caseload
from peerpath.core.roles import Role
from peerpath.directory.models import Service
from peerpath.framework.models import Statement
from peerpath.jobs.services import worker_heartbeat
from peerpath.organisations.models import Invitation
from peerpath.organisations.services import user_invite
from peerpath.recruitment.services import intake_create, interest_submit
from peerpath.training.models import (
    Award,
    Enrolment,
    Placement,
    PlacementDay,
    PortfolioEntry,
    Programme,
    Submission,
    SubmissionFile,
)
from peerpath.training.services.delivery import cohort_create, timetable_generate
from peerpath.training.services.programme_templates import programme_copy, programme_templates_load
from peerpath.training.tests.wording import confirm_copied_wording

from .access_walk import Example, Persona, app_examples, app_world_builders

# Every route with URL arguments says how to fill them, in its app's
# tests/walk_examples.py; the apps are found in Django's app registry.
EXAMPLES: dict[str, Example] = app_examples()

# Routes no persona of the walk gets through (rules in access_walk.py), and why. Every
# other route must let at least one persona its policy allows through; a route listed
# here that is reached fails the walk, so the list stays honest.
NOT_REACHED: dict[str, str] = {
    # A permalink: it answers with a redirect to the statement on its unit's page.
    "framework:statement": "redirects to its place on framework:unit, which is reached",
    # Opened with ?kind= from a plan not yet written; the walk's person has every plan.
    "recovery:document-create": "without ?kind= it sends the worker to the plans list",
    # allauth pages PeerPath's accounts never need, which send everyone on.
    "account_set_password": "every account has a password: allauth sends them to change it",
    "account_confirm_login_code": "log-in by an emailed code is off",
    # Only between password and code in a log-in (accounts/tests/test_auth.py walks it).
    "mfa_authenticate": "only half-way through a log-in",
    # consent lane (issue 13): passkeys need a browser's authenticator, which the walk has not.
    "mfa_login_webauthn": "POST-only, with a credential signed by the browser's authenticator",
    "mfa_reauthenticate_webauthn": "asks for a passkey; the walk's accounts have none",
    "mfa_edit_webauthn": "the walk's accounts have no passkey: the id is a 404",
    "mfa_remove_webauthn": "the walk's accounts have no passkey: the id is a 404",
}


def personas(world: Any, client_for: Any) -> list[Persona]:
    """Every role, the outsider and anonymous. Each signed-in persona has just typed its
    password again, as allauth asks before two-factor settings; the PSW also has recovery
    codes, so the pages that show them have something to show."""
    RecoveryCodes.activate(world.user(Role.PSW))
    found = []
    for key, roles in [(str(role), frozenset({role})) for role in Role] + [
        (OUTSIDER, frozenset(Role))
    ]:
        client = client_for(key)
        reauthenticated = client.post(
            reverse("account_reauthenticate"), {"password": TEST_PASSWORD}
        )
        assert reauthenticated.status_code == 302, f"{key} could not confirm their password"
        found.append(Persona(key, client, roles, True, key == OUTSIDER))
    found.append(Persona(ANONYMOUS, Client(), frozenset(), False, False))
    return found


@pytest.fixture
def walk_world(world: Any, framework: Any) -> Any:
    """The personas' world, with something behind every kind of URL."""
    # A worker is running, as in production, so /healthz/jobs answers 200 (not 503). Its
    # last beat is dated an hour ahead: the walk takes minutes on a busy machine, longer
    # than a real worker may stay silent.
    ahead = timezone.now() + timedelta(hours=1)
    worker_heartbeat(worker_id="walk", started_at=timezone.now(), now=ahead)
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
    # A file attached, so its download answers its trainee and the markers.
    SubmissionFile.objects.create(
        organisation=world.organisation,
        submission=world.submission,
        upload=ContentFile(b"My reflective account.", name="work.txt"),
        original_name="work.txt",
        content_type="text/plain",
        size=22,
    )
    build_caseload(world)
    # Each app whose tests/walk_examples.py has `build(world)` adds its objects, in
    # INSTALLED_APPS order (so employment exists before the supervision that needs it).
    for build in app_world_builders():
        build(world)
    return world
