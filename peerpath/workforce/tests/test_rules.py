"""Workforce's object rules (peerpath/workforce/rules.py): each says yes and no."""

from datetime import timedelta
from typing import Any

import pytest
from django.utils import timezone

from conftest import World
from peerpath.core.actor import Actor
from peerpath.core.roles import Role
from peerpath.workforce import services
from peerpath.workforce.services import team_request_decline
from peerpath.workforce.tests.helpers import actor_of, ask, supervisor

pytestmark = pytest.mark.django_db


def test_a_team_request_is_read_by_its_team_and_the_peer_development_team(world: World) -> None:
    team_request = ask(world)
    assert supervisor(world).may("workforce.read_team_request", team_request)
    assert actor_of(world, Role.COORDINATOR).may("workforce.read_team_request", team_request)
    assert actor_of(world, Role.ORG_ADMIN).may("workforce.read_team_request", team_request)
    assert not actor_of(world, Role.TRAINER).may("workforce.read_team_request", team_request)
    elsewhere = Actor(
        user=world.user(Role.SUPERVISOR),
        organisation=world.other_organisation,
        roles=frozenset({Role.COORDINATOR}),
    )
    assert not elsewhere.may("workforce.read_team_request", team_request)
    assert not Actor.anonymous().may("workforce.read_team_request", team_request)


def test_only_the_peer_development_team_decides_and_only_once(world: World) -> None:
    team_request = ask(world)
    coordinator = actor_of(world, Role.COORDINATOR)
    assert coordinator.may("workforce.decide_team_request", team_request)
    assert not supervisor(world).may("workforce.decide_team_request", team_request)
    assert not actor_of(world, Role.ORG_ADMIN).may("workforce.decide_team_request", team_request)
    team_request_decline(
        team_request=team_request, reason="Not now", expected_version=1, by=coordinator.user
    )
    assert not coordinator.may("workforce.decide_team_request", team_request)


def test_panel_scores_are_read_by_the_panel_and_the_peer_development_team(world: World) -> None:
    from peerpath.workforce.tests.helpers import advertise, make_vacancy

    vacancy = advertise(make_vacancy(world))
    application = services.application_submit(
        vacancy=vacancy,
        full_name="Sky",
        email="sky@example.org",
        phone="",
        evidence={c.pk: "yes" for c in vacancy.criteria.all()},
    )
    on_panel = supervisor(world)  # the vacancy's panel (make_vacancy)
    assert on_panel.may("workforce.read_panel_scores", application)
    assert actor_of(world, Role.COORDINATOR).may("workforce.read_panel_scores", application)
    assert not actor_of(world, Role.ORG_ADMIN).may("workforce.read_panel_scores", application)
    assert not actor_of(world, Role.TRAINER).may("workforce.read_panel_scores", application)
    # Scoring is for an interview's panel only.
    assert not on_panel.may("workforce.score_interview", application)
    application.answers.update(meets=True)
    services.application_move(
        application=application,
        to_stage="shortlisted",
        reason="Meets all",
        expected_version=application.version,
        by=world.user(Role.COORDINATOR),
    )
    services.interview_book(
        application=application,
        starts_at=timezone.now() + timedelta(days=3),
        place="Room 1",
        panel=[world.user(Role.SUPERVISOR)],
        by=world.user(Role.COORDINATOR),
    )
    assert on_panel.may("workforce.score_interview", application)
    assert not actor_of(world, Role.COORDINATOR).may("workforce.score_interview", application)


def test_only_the_peer_development_team_changes_a_current_employment(world: World) -> None:
    from datetime import date
    from decimal import Decimal

    from peerpath.workforce.tests.factories import EmploymentRecordFactory, PostFactory

    record: Any = EmploymentRecordFactory(
        post=PostFactory(team=world.team), worker=world.user(Role.PSW),
        starts_on=date(2026, 1, 5), hours_per_week=Decimal("15"),
    )  # fmt: skip
    coordinator = actor_of(world, Role.COORDINATOR)
    assert coordinator.may("workforce.edit_employment", record)
    assert not actor_of(world, Role.ORG_ADMIN).may("workforce.edit_employment", record)
    assert not actor_of(world, Role.PSW).may("workforce.edit_employment", record)
    elsewhere = Actor(
        user=world.user(Role.COORDINATOR),
        organisation=world.other_organisation,
        roles=frozenset({Role.COORDINATOR}),
    )
    assert not elsewhere.may("workforce.edit_employment", record)
    record.ends_on = date(2026, 6, 30)
    assert not coordinator.may("workforce.edit_employment", record)


def test_graduates_and_peer_workers_in_post_apply_from_their_account(world: World) -> None:
    from datetime import date
    from decimal import Decimal

    from peerpath.workforce.models import EmploymentRecord
    from peerpath.workforce.tests.helpers import make_vacancy

    vacancy = make_vacancy(world)
    psw = actor_of(world, Role.PSW)
    assert actor_of(world, Role.TRAINEE).may("workforce.apply_from_account", vacancy)
    assert not psw.may("workforce.apply_from_account", vacancy)  # not in post yet
    assert not actor_of(world, Role.COORDINATOR).may("workforce.apply_from_account", vacancy)
    EmploymentRecord.objects.create(
        organisation=world.organisation, worker=world.user(Role.PSW), post=vacancy.post,
        starts_on=date(2026, 1, 5), hours_per_week=Decimal("15"),
        line_manager=world.user(Role.SUPERVISOR),
    )  # fmt: skip
    assert psw.may("workforce.apply_from_account", vacancy)
    elsewhere = Actor(
        user=world.user(Role.PSW), organisation=world.other_organisation, roles=psw.roles
    )
    assert not elsewhere.may("workforce.apply_from_account", vacancy)
