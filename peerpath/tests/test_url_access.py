"""Deny by default: every URL pattern, for every role, anonymous and an outsider."""

from datetime import date
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
from peerpath.training.services.programmes import programme_copy, programme_templates_load
from peerpath.training.tests.wording import confirm_copied_wording

from .access_walk import (
    Example,
    Persona,
    app_examples,
    check_access,
    find_unprotected,
    iter_routes,
    onto_an_organisations_object,
    route_policy,
    walk_access,
)

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


@pytest.fixture(autouse=True)
def _reauthentication_lasts_the_walk(settings: Any) -> None:
    """allauth forgets a password typed again after five minutes; a slow walk takes longer."""
    settings.ACCOUNT_REAUTHENTICATION_TIMEOUT = 3600


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
    # A file attached, so its download answers its trainee and the markers.
    SubmissionFile.objects.create(
        organisation=world.organisation,
        submission=world.submission,
        upload=ContentFile(b"My reflective account.", name="work.txt"),
        original_name="work.txt",
        content_type="text/plain",
        size=22,
    )
    return build_caseload(world)


@pytest.mark.django_db
def test_every_url_answers_every_persona_as_its_policy_says(
    walk_world: Any, client_for: Any
) -> None:
    report = walk_access(
        personas(walk_world, client_for), EXAMPLES, walk_world, not_reached=NOT_REACHED
    )
    assert report.problems == [], "\n".join(report.problems)
    # Every route was walked, and every route not listed as not reached was reached.
    routes = list(iter_routes())
    assert report.routes == len(routes)
    assert report.reached == len(routes) - len(NOT_REACHED)
    # Every route onto an organisation's object was tried from the other organisation.
    onto_objects = [
        route
        for route, policy in ((r, route_policy(r)) for r in routes)
        if policy and onto_an_organisations_object(route, policy, EXAMPLES.get(route.name))
    ]
    assert report.cross_organisation == len(onto_objects) > 100


# The views of the test-only URLconf that break a rule (peerpath/tests/urls_unprotected.py).
BROKEN = ("undeclared", "misdeclared", "unreachable", "unreachable-action", "leaking")
BROKEN_EXAMPLES = {**EXAMPLES, "leaking": Example(lambda w: {"pk": w.person.pk})}


def _broken_walk(walk_world: Any, client_for: Any) -> list[str]:
    return check_access(
        personas(walk_world, client_for),
        BROKEN_EXAMPLES,
        walk_world,
        not_reached=NOT_REACHED,
        urlconf="peerpath.tests.urls_unprotected",
        only=BROKEN,
    )


@pytest.mark.django_db
def test_the_walk_fails_on_an_unprotected_or_misdeclared_view(
    walk_world: Any, client_for: Any
) -> None:
    problems = _broken_walk(walk_world, client_for)
    assert "undeclared: no access policy declared" in problems
    # Declares "organisation admins only" but lets everyone in: every other role is caught.
    misdeclared = [p for p in problems if p.startswith("misdeclared ")]
    assert any("as psw: refused persona got 200, not 403" in p for p in misdeclared)
    assert any("as anonymous: anonymous got 200, not log-in" in p for p in misdeclared)


@pytest.mark.django_db
def test_the_walk_fails_on_a_route_no_allowed_persona_can_reach(
    walk_world: Any, client_for: Any
) -> None:
    problems = _broken_walk(walk_world, client_for)
    # Each refuses everyone else correctly; only "nobody it allows gets in" is wrong.
    for name in ("unreachable", "unreachable-action"):
        mine = [p for p in problems if p.startswith(f"{name} ")]
        assert mine == [
            f"{name} [roles: Organisation admin]: no allowed persona got through (a 2xx on "
            "GET, or for a POST-only action a 2xx, 400 or redirect): fix the example or the "
            "world, or say why in the list of routes not reached"
        ]
    # Listed as not reached, it passes; a listed route that is reached fails.
    listed = check_access(
        personas(walk_world, client_for),
        BROKEN_EXAMPLES,
        walk_world,
        not_reached={"unreachable": "test", "misdeclared": "test"},
        urlconf="peerpath.tests.urls_unprotected",
        only=("unreachable", "misdeclared"),
    )
    assert not any(p.startswith("unreachable") for p in listed)
    assert "misdeclared: reached, so take it off the list not reached" in listed


@pytest.mark.django_db
def test_the_walk_tries_every_route_with_an_argument_from_another_organisation(
    walk_world: Any, client_for: Any
) -> None:
    # No Example says the argument is not an organisation's object, so the outsider (an
    # admin elsewhere) must get 404; the view answers 200 to them, on GET and on POST.
    problems = [p for p in _broken_walk(walk_world, client_for) if p.startswith("leaking ")]
    outsider = "leaking [roles: Organisation admin] as outsider: outsider got 200"
    assert problems == [f"{outsider} for another organisation's object"] * 2
