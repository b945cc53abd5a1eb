"""Shared by workforce's tests (not a test module): actors and a request, post and vacancy."""

from datetime import timedelta
from decimal import Decimal
from typing import Any

from django.utils import timezone

from conftest import World
from peerpath.core.actor import Actor
from peerpath.core.roles import Role
from peerpath.workforce import services
from peerpath.workforce.models import Post, ServiceArea, Setting, TeamRequest, Vacancy


def actor_of(world: World, role: Role, **extra: Any) -> Actor:
    return Actor(
        user=world.user(role),
        organisation=world.organisation,
        roles=frozenset({role}),
        **extra,
    )


def supervisor(world: World) -> Actor:
    return actor_of(world, Role.SUPERVISOR, supervised_team_ids=frozenset({world.team.pk}))


POST_FIELDS: dict[str, Any] = {
    "service_area": ServiceArea.OLDER_PEOPLE,
    "setting": Setting.WARD,
    "hours_per_week": Decimal("15"),
    "role": "peer",
}


def ask(world: World, hopes: str = "Someone to share hope on the ward") -> TeamRequest:
    return services.team_request_create(
        actor=supervisor(world), team=world.team, hopes=hopes, **POST_FIELDS
    )


def make_post(world: World, title: str = "Peer support worker, ward 3") -> Post:
    return services.post_create(
        actor=actor_of(world, Role.COORDINATOR), team=world.team, title=title, **POST_FIELDS
    )


def make_vacancy(world: World, post: Post | None = None) -> Vacancy:
    today = timezone.localdate()
    return services.vacancy_create(
        post=post or make_post(world),
        opens_on=today,
        closes_on=today + timedelta(days=28),
        description="Join the ward team.",
        criteria=services.template_criteria_text(),
        panel=[world.user(Role.SUPERVISOR)],
        by=world.user(Role.COORDINATOR),
    )


def advertise(vacancy: Vacancy) -> Vacancy:
    return services.vacancy_move(
        vacancy=vacancy, to_status="advertised", expected_version=vacancy.version, by=None
    )


def graduate_award(
    world: World, programme_title: str = "Peer Education Programme", **award: Any
) -> Any:
    """The world's trainee graduated from a programme of the organisation."""
    from peerpath.training.tests.factories import AwardFactory, EnrolmentFactory

    enrolment = EnrolmentFactory(
        cohort__programme__organisation=world.organisation,
        cohort__programme__title=programme_title,
        trainee=world.user(Role.TRAINEE),
    )
    return AwardFactory(enrolment=enrolment, **award)


def evidence_for(vacancy: Vacancy) -> dict[str, str]:
    return {f"evidence_{c.pk}": f"How I meet {c.order}" for c in vacancy.criteria.all()}
