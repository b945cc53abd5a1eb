"""URL arguments for workforce's routes in the URL-by-role walk
(peerpath/tests/test_url_access.py), and the objects `build(world)` adds to its world."""

from decimal import Decimal
from typing import Any

from peerpath.core.actor import Actor
from peerpath.core.roles import Role
from peerpath.tests.access_walk import Example
from peerpath.workforce import services
from peerpath.workforce.models import EmploymentRecord, ServiceArea, Setting

EXAMPLES: dict[str, Example] = {
    "workforce:request-detail": Example(lambda w: {"pk": w.team_request.pk}),
    "workforce:request-accept": Example(lambda w: {"pk": w.team_request.pk}),
    "workforce:request-decline": Example(lambda w: {"pk": w.team_request.pk}),
    "workforce:post-detail": Example(lambda w: {"pk": w.post.pk}),
    "workforce:post-edit": Example(lambda w: {"pk": w.post.pk}),
    "workforce:vacancy-create": Example(lambda w: {"post": w.post.pk}),
    "workforce:vacancy-detail": Example(lambda w: {"pk": w.vacancy.pk}),
    "workforce:vacancy-edit": Example(lambda w: {"pk": w.vacancy.pk}),
    "workforce:vacancy-move": Example(lambda w: {"pk": w.vacancy.pk}),
    "workforce:vacancy-applications": Example(lambda w: {"pk": w.vacancy.pk}),
    "workforce:graduate-apply": Example(lambda w: {"pk": w.vacancy.pk}),
    "workforce:application-detail": Example(lambda w: {"pk": w.job_application.pk}),
    "workforce:application-move": Example(lambda w: {"pk": w.job_application.pk}),
    "workforce:application-shortlist": Example(lambda w: {"pk": w.job_application.pk}),
    "workforce:application-interview": Example(lambda w: {"pk": w.job_application.pk}),
    "workforce:application-score": Example(lambda w: {"pk": w.job_application.pk}),
    "workforce:application-appoint": Example(lambda w: {"pk": w.job_application.pk}),
    "workforce:employment-detail": Example(lambda w: {"pk": w.employment.pk}),
    "workforce:employment-edit": Example(lambda w: {"pk": w.employment.pk}),
    "workforce:employment-end": Example(lambda w: {"pk": w.employment.pk}),
    "workforce:vacancy-board": Example(lambda w: {"organisation": w.organisation.slug}),
    "workforce:apply": Example(lambda w: {"organisation": w.organisation.slug, "pk": w.vacancy.pk}),
    "workforce:applicant-home": Example(lambda w: {"token": w.job_application.access_token}),
}


def build(world: Any) -> None:
    supervisor = world.user(Role.SUPERVISOR)
    coordinator = world.user(Role.COORDINATOR)
    asking = Actor(
        user=supervisor,
        organisation=world.organisation,
        roles=frozenset({Role.SUPERVISOR}),
        supervised_team_ids=frozenset({world.team.pk}),
    )
    fields: dict[str, Any] = {
        "team": world.team,
        "service_area": ServiceArea.ADULT,
        "setting": Setting.COMMUNITY,
        "hours_per_week": Decimal("22.5"),
        "role": "peer",
    }
    world.team_request = services.team_request_create(actor=asking, hopes="Hope", **fields)
    world.post = services.post_create(
        actor=Actor(
            user=coordinator,
            organisation=world.organisation,
            roles=frozenset({Role.COORDINATOR}),
        ),
        title="Peer support worker",
        **fields,
    )
    world.vacancy = services.vacancy_create(
        post=world.post,
        opens_on=_today(),
        closes_on=_today(days=28),
        description="A peer support worker post.",
        criteria=services.template_criteria_text(),
        panel=[supervisor],
        by=coordinator,
    )

    services.vacancy_move(
        vacancy=world.vacancy, to_status="advertised", expected_version=1, by=coordinator
    )
    world.job_application = services.application_submit(
        vacancy=world.vacancy,
        full_name="Robin Applicant",
        email="robin.applicant@example.org",
        phone="",
        evidence={c.pk: "I do." for c in world.vacancy.criteria.all()},
    )
    # Shortlisting is done, so the application can be moved on.
    world.job_application.answers.update(meets=True)
    world.employment = EmploymentRecord.objects.create(
        organisation=world.organisation,
        worker=world.user(Role.PSW),
        post=world.post,
        starts_on=_today(days=-100),
        hours_per_week=world.post.hours_per_week,
        line_manager=supervisor,
        peer_supervisor=supervisor,
    )


def _today(days: int = 0) -> Any:
    from datetime import timedelta

    from django.utils import timezone

    return timezone.localdate() + timedelta(days=days)
