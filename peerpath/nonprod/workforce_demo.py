"""The demo's workforce: idempotent, as the rest of `seed_demo_data`.

- Sam Patel's team (Community Peer Support Team) has asked for a peer worker; the request
  waits for the peer development team (Chris Mensah).
- A post in the Community Peer Support Team has an advertised vacancy, with two
  applicants: a graduate of the finished cohort (from their account), and someone from
  outside who is shortlisted and invited to interview.
- The graduates of the finished PEP cohort whom the training demo records as employed have
  employment records from the day it was recorded, so the training dashboard counts them
  from employment. One is Jordan Reid (PSW), employed in a post of the Community Peer
  Support Team, with Sam Patel as line manager and peer supervisor.
"""

from datetime import date, datetime, time, timedelta
from decimal import Decimal
from typing import Any

from django.contrib.auth import get_user_model
from django.utils import timezone

from peerpath.core.actor import Actor
from peerpath.core.roles import Role
from peerpath.nonprod.demo import DEMO_TEAMS, DEMO_USERS
from peerpath.organisations.models import Organisation, Team
from peerpath.training.models import Award, GraduateOutcome, OutcomeKind
from peerpath.workforce import services
from peerpath.workforce.models import (
    EmploymentRecord,
    JobStage,
    Post,
    PostRole,
    ServiceArea,
    Setting,
    TeamRequest,
    Vacancy,
    VacancyStatus,
)

REQUEST_HOPES = (
    "We would love a peer worker on our older people's ward: someone who can share their "
    "own recovery, spend time with people on the ward and help them plan for going home."
)
JORDAN_POST = "Peer support worker, adult community"
ADVERTISED_POST = "Peer support worker, community adult services"
ADVERTISED_DESCRIPTION = (
    "A peer support worker post in the Community Peer Support Team, 22.5 hours a week.\n"
    "You will use your own experience of mental distress and recovery to offer hope and "
    "support to people using our adult community services, with regular supervision from "
    "an experienced peer supervisor."
)


GRADUATE_EVIDENCE = (
    "I finished the Peer Education Programme this year; my portfolio and work experience "
    "days show how I meet this."
)
OUTSIDE_EVIDENCE = (
    "I have volunteered with a local mental health charity for two years, and my own "
    "recovery taught me how much hope matters."
)


def _demo_user(role: Role) -> Any:
    email = next(d.email for d in DEMO_USERS if d.role == role)
    return get_user_model().objects.get(email=email)


def _post(organisation: Organisation, team: Team, title: str, by: Any, **fields: Any) -> Post:
    post = Post.objects.filter(organisation=organisation, title=title).first()
    if post is not None:
        return post
    actor = Actor(user=by, organisation=organisation, roles=frozenset({Role.COORDINATOR}))
    return services.post_create(actor=actor, team=team, title=title, **fields)


def _employ(
    post: Post, worker: Any, starts_on: date, line_manager: Any, peer_supervisor: Any, by: Any
) -> int:
    if EmploymentRecord.objects.filter(
        organisation_id=post.organisation_id, worker=worker
    ).exists():
        return 0
    EmploymentRecord.objects.create(
        organisation_id=post.organisation_id,
        post=post,
        worker=worker,
        starts_on=starts_on,
        hours_per_week=post.hours_per_week,
        line_manager=line_manager,
        peer_supervisor=peer_supervisor,
        created_by=by,
    )
    return 1


def seed_workforce(organisation: Organisation) -> int:
    """Create what is missing; return how many records were new."""
    created = 0
    today = timezone.localdate()
    coordinator, supervisor = _demo_user(Role.COORDINATOR), _demo_user(Role.SUPERVISOR)
    teams = {t.name: t for t in Team.objects.filter(organisation=organisation)}
    community = teams[DEMO_TEAMS[0]]
    adult_community: dict[str, Any] = {
        "service_area": ServiceArea.ADULT,
        "setting": Setting.COMMUNITY,
        "hours_per_week": Decimal("22.5"),
        "role": PostRole.PEER,
    }

    if not TeamRequest.objects.filter(organisation=organisation, hopes=REQUEST_HOPES).exists():
        asking = Actor(
            user=supervisor,
            organisation=organisation,
            roles=frozenset({Role.SUPERVISOR}),
            supervised_team_ids=frozenset({community.pk}),
        )
        services.team_request_create(
            actor=asking,
            team=community,
            service_area=ServiceArea.OLDER_PEOPLE,
            setting=Setting.WARD,
            hours_per_week=Decimal("15"),
            role=PostRole.PEER,
            hopes=REQUEST_HOPES,
        )
        created += 1

    created += _employ_graduates(organisation, teams, coordinator, supervisor, adult_community)
    # Jordan graduated from the finished cohort (training_demo.py); should the training demo
    # not record them as employed, they are employed here all the same.
    jordan_post = _post(organisation, community, JORDAN_POST, coordinator, **adult_community)
    created += _employ(
        jordan_post,
        _demo_user(Role.PSW),
        today - timedelta(days=30),
        supervisor,
        supervisor,
        coordinator,
    )

    advertised = _post(organisation, community, ADVERTISED_POST, coordinator, **adult_community)
    if not Vacancy.objects.filter(post=advertised).exists():
        vacancy = services.vacancy_create(
            post=advertised,
            opens_on=today - timedelta(days=7),
            closes_on=today + timedelta(days=21),
            description=ADVERTISED_DESCRIPTION,
            criteria=services.template_criteria_text(),
            panel=[coordinator, supervisor],
            by=coordinator,
        )
        services.vacancy_move(
            vacancy=vacancy,
            to_status=VacancyStatus.ADVERTISED,
            expected_version=vacancy.version,
            by=coordinator,
        )
        created += 1
        created += _applicants(organisation, vacancy)
    return created


def _applicants(organisation: Organisation, vacancy: Vacancy) -> int:
    """Two applicants: a graduate of the finished cohort not yet employed, from their
    account; and someone from outside, through the public form."""
    employed = EmploymentRecord.objects.filter(organisation=organisation).values("worker")
    award = (
        Award.objects.filter(organisation=organisation)
        .exclude(enrolment__trainee__in=employed)
        .select_related("enrolment__trainee")
        .order_by("awarded_on", "pk")
        .first()
    )
    criteria = list(vacancy.criteria.all())
    created = 0
    if award is not None:
        graduate = award.enrolment.trainee
        services.application_submit(
            vacancy=vacancy,
            full_name=graduate.full_name,
            email=graduate.email,
            phone="",
            evidence={c.pk: GRADUATE_EVIDENCE for c in criteria},
            applicant=graduate,
        )
        created += 1
    outside = services.application_submit(
        vacancy=vacancy,
        full_name="Jamie Okoro",
        email="jamie.okoro@example.org",
        phone="07700 900456",
        evidence={c.pk: OUTSIDE_EVIDENCE for c in criteria},
    )
    # Jamie is shortlisted against every criterion and invited to interview, with Chris
    # Mensah and Sam Patel on the panel.
    coordinator, supervisor = _demo_user(Role.COORDINATOR), _demo_user(Role.SUPERVISOR)
    services.shortlist_record(
        application=outside,
        decisions={c.pk: (True, "") for c in criteria},
        expected_version=outside.version,
        by=coordinator,
    )
    services.application_move(
        application=outside,
        to_stage=JobStage.SHORTLISTED,
        reason="Meets every criterion, with warm and thoughtful examples.",
        expected_version=outside.version,
        by=coordinator,
    )
    in_five_days = timezone.localdate() + timedelta(days=5)
    services.interview_book(
        application=outside,
        starts_at=timezone.make_aware(datetime.combine(in_five_days, time(10, 0))),
        place="Meeting room 2, Riverside House",
        panel=[coordinator, supervisor],
        by=coordinator,
    )
    return created + 1


def _employ_graduates(
    organisation: Organisation,
    teams: dict[str, Team],
    coordinator: Any,
    supervisor: Any,
    fields: dict[str, Any],
) -> int:
    """The training demo's graduates recorded as employed get an employment record, each in
    a post of their own, starting when the outcome was recorded."""
    created = 0
    outcomes = (
        GraduateOutcome.objects.filter(organisation=organisation, kind=OutcomeKind.EMPLOYED)
        .select_related("award__enrolment__trainee", "team")
        .order_by("pk")
    )
    for outcome in outcomes:
        graduate = outcome.award.enrolment.trainee
        team = outcome.team or teams[DEMO_TEAMS[0]]
        jordan = graduate.email == _demo_user(Role.PSW).email
        title = JORDAN_POST if jordan else "Peer support worker, adult community (second post)"
        post = _post(organisation, team, title, coordinator, **fields)
        created += _employ(
            post,
            graduate,
            max(outcome.recorded_on, outcome.award.awarded_on),
            supervisor,
            supervisor,
            coordinator,
        )
    return created
