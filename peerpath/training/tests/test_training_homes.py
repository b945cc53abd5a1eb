"""The training roles' home pages: the trainee's hand-offs (placement, recovery story,
certificate), the trainer's way to their cohorts and registers, and flat query counts."""

from datetime import date, timedelta
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone

from conftest import World, make_user
from peerpath.core.roles import Role
from peerpath.organisations.models import Membership
from peerpath.recruitment.models import Stage
from peerpath.recruitment.tests.factories import ApplicationFactory, IntakeFactory
from peerpath.tests.pages import home_section, menu_links, parse
from peerpath.training.models import Enrolment, EnrolmentStatus, Placement, PlacementDay, Programme
from peerpath.training.services.delivery import cohort_create, timetable_generate
from peerpath.training.services.programme_templates import programme_templates_load
from peerpath.training.tests.factories import (
    AttendanceRecordFactory,
    AwardFactory,
    EnrolmentFactory,
    PlacementDayFactory,
    PlacementFactory,
    SubmissionFactory,
)
from peerpath.training.tests.helpers import template_copy

pytestmark = pytest.mark.django_db


def programme(world: World, key: str) -> Programme:
    programme_templates_load()
    return template_copy(key, world.organisation)


def enrol(world: World, key: str, trainee: Any, weeks_ago: int = 2) -> Enrolment:
    today = timezone.localdate()
    cohort = cohort_create(
        programme=programme(world, key),
        title=f"Cohort {key}",
        starts_on=today - timedelta(weeks=weeks_ago, days=today.weekday()),
        facilitators=[world.user(Role.TRAINER)],
        by=None,
    )
    timetable_generate(cohort=cohort, by=None)
    enrolment: Enrolment = EnrolmentFactory.create(cohort=cohort, trainee=trainee)
    return enrolment


def test_a_trainee_reaches_their_placement_and_logs_a_day_by_following_links(
    world: World, client_for: Any
) -> None:
    enrolment = enrol(world, "recovery-college-east-pep", world.user(Role.TRAINEE))
    placement: Any = PlacementFactory(
        enrolment=enrolment, host_team=world.team, supervisor=world.user(Role.SUPERVISOR)
    )
    trainee = client_for(Role.TRAINEE)
    for start in ("/", "/training/my/"):
        page = parse(trainee.get(start))
        links = dict(page.find("main").links())
        assert links["Log a work experience day"] == (
            f"/training/placements/{placement.pk}/#log-a-day"
        ), start
        assert "Community Peer Support Team" in page.text
        assert "0 days logged, 0 confirmed of the 3 your programme asks for" in page.text
    placement_page = parse(trainee.get(f"/training/placements/{placement.pk}/"))
    form = next(f for f in placement_page.find_all("form") if f.attrs["action"].endswith("/days/"))
    yesterday = timezone.localdate() - timedelta(days=1)
    response = trainee.post(form.attrs["action"], {"on": str(yesterday), "reflection": "I met."})
    assert response.status_code == 302
    assert PlacementDay.objects.filter(placement=placement, date=yesterday).exists()
    assert "1 day logged, 0 confirmed" in parse(trainee.get("/")).text


def test_a_trainee_waiting_for_a_placement_is_told_who_arranges_it(
    world: World, client_for: Any
) -> None:
    enrol(world, "recovery-college-east-pep", world.user(Role.TRAINEE))
    home = home_section(parse(client_for(Role.TRAINEE).get("/")), "trainee")
    assert "Your programme includes 3 work experience days." in home.text
    assert "Your coordinator will arrange your placement" in home.text


@pytest.mark.parametrize(
    ("key", "offered"),
    [("recovery-college-east-pep", False), ("eleven-session-peer-support-course", True)],
)
def test_the_recovery_story_is_offered_only_on_programmes_that_include_it(
    world: World, client_for: Any, key: str, offered: bool
) -> None:
    enrol(world, key, world.user(Role.TRAINEE))
    trainee = client_for(Role.TRAINEE)
    for start in ("/", "/training/my/"):
        assert ("/training/my/story/" in parse(trainee.get(start)).hrefs()) == offered, start
    story = parse(trainee.get("/training/my/story/")).text
    assert ("does not include the recovery story lesson" not in story) == offered


def test_a_graduate_finds_their_certificate(world: World, client_for: Any) -> None:
    enrolment = enrol(world, "nhft-imroc-peer-support-training", world.user(Role.TRAINEE), 20)
    award: Any = AwardFactory(
        enrolment=enrolment,
        certificate_number="PP-AAAAA-BBBBB",
        trainee_name="Trainee Riverside",
        awarded_by=world.user(Role.COORDINATOR),
    )
    Enrolment.objects.filter(pk=enrolment.pk).update(status=EnrolmentStatus.GRADUATED)
    trainee = client_for(Role.TRAINEE)
    certificate = f"/training/awards/{award.pk}/certificate.pdf"
    for start in ("/", "/training/my/", "/training/my/portfolio/"):
        assert certificate in parse(trainee.get(start)).hrefs(), start
    home = home_section(parse(trainee.get("/")), "trainee")
    assert "You graduated from" in home.text
    assert "Next session" not in home.text  # a finished course has no next steps


def test_a_trainer_reaches_cohorts_registers_and_sessions_from_home(
    world: World, client_for: Any
) -> None:
    enrolment = enrol(world, "nhft-imroc-peer-support-training", world.user(Role.TRAINEE))
    cohort = enrolment.cohort
    trainer = client_for(Role.TRAINER)
    home = home_section(parse(trainer.get("/")), "trainer")
    assert f"/training/cohorts/{cohort.pk}/" in home.hrefs()
    past = cohort.sessions.filter(date__lt=timezone.localdate()).order_by("date")
    for session in past:
        assert f"/training/sessions/{session.pk}/register/" in home.hrefs()
    # Every training link on their cohort's pages opens for them (breadcrumbs included).
    first = past.first()
    assert first is not None
    for page in (f"/training/cohorts/{cohort.pk}/", f"/training/sessions/{first.pk}/register/"):
        for href in parse(trainer.get(page)).hrefs():
            if href.startswith("/training/"):
                assert trainer.get(href).status_code == 200, f"{href} on {page}"
    # Once a register is taken, it leaves the list.
    trainer.post(
        f"/training/sessions/{first.pk}/register/",
        {f"status_{enrolment.pk}": "present", "version": first.version},
    )
    assert f"/training/sessions/{first.pk}/register/" not in parse(trainer.get("/")).hrefs()


def test_a_trainer_who_teaches_no_cohort_is_told_so(world: World, client_for: Any) -> None:
    other = make_user("other-trainer@riverside.example", full_name="Other", totp=True)
    Membership.objects.create(user=other, organisation=world.organisation, role=Role.TRAINER)
    enrol(world, "nhft-imroc-peer-support-training", world.user(Role.TRAINEE))
    client = Client()
    client.force_login(other)
    home = home_section(parse(client.get("/")), "trainer")
    assert "You are not teaching a cohort yet." in home.text
    assert "Every register is up to date." in home.text


# Query counts: the same with two rows of everything as with ten.


def grow(world: World, rows: int) -> None:
    coordinator, trainer = world.user(Role.COORDINATOR), world.user(Role.TRAINER)
    today = timezone.localdate()
    imroc = programme(world, "nhft-imroc-peer-support-training")
    for n in range(rows):
        intake = IntakeFactory(
            programme=imroc,
            title=f"Intake {n}",
            opens_on=today - timedelta(days=3),
            closes_on=today + timedelta(days=30),
            capacity=10,
        )
        ApplicationFactory(
            intake=intake,
            full_name=f"Applicant {n}",
            email=f"applicant{n}@example.org",
            interest="x",
            stage=Stage.APPLICATION,
            access_token=f"token-{n}",
        )
        cohort = cohort_create(
            programme=imroc,
            title=f"Cohort {n}",
            starts_on=today - timedelta(weeks=9, days=today.weekday()),
            facilitators=[trainer],
            by=None,
        )
        timetable_generate(cohort=cohort, by=None)
        first = cohort.sessions.order_by("date")[0]
        user = make_user(f"grown{n}@example.org", full_name=f"Grown {n}", totp=False)
        enrolment = EnrolmentFactory(cohort=cohort, trainee=user)
        AttendanceRecordFactory(
            session=first, enrolment=enrolment, status="absent", recorded_by=coordinator
        )
        SubmissionFactory(enrolment=enrolment, assessment=imroc.assessments.all()[0], text="Work")
    # The trainee: one enrolment, with attendance, work and placement days growing.
    mine = enrol(world, "recovery-college-east-pep", world.user(Role.TRAINEE))
    placement: Any = PlacementFactory(enrolment=mine, host_description="Ward")
    sessions = list(mine.cohort.sessions.order_by("date"))
    for n in range(min(rows, len(sessions))):
        AttendanceRecordFactory(
            session=sessions[n], enrolment=mine, status="present", recorded_by=coordinator
        )
        PlacementDayFactory(
            placement=placement, date=date(2026, 1, 1) + timedelta(days=n), reflection="x"
        )
    for n, requirement in enumerate(mine.cohort.programme.assessments.all()[:rows]):
        SubmissionFactory(enrolment=mine, assessment=requirement, text=f"Work {n}")


# Each page's queries: session, user, memberships, and the section's own. The
# coordinator's: 6 since the attendance figures are decided in SQL, a page at a time (the
# count, then the page only when someone is at risk: nobody is here); 8 before.
HOME_QUERIES = {Role.COORDINATOR: 6, Role.TRAINER: 10, Role.TRAINEE: 13}


@pytest.mark.parametrize("rows", [2, 10])
@pytest.mark.parametrize("role", list(HOME_QUERIES), ids=[r.value for r in HOME_QUERIES])
def test_home_sections_query_count_does_not_grow(
    world: World,
    client_for: Any,
    django_assert_num_queries: Any,
    role: Role,
    rows: int,
    monkeypatch: Any,
) -> None:
    # Only this role's own section: the sections other apps add after it (workspace/home.py
    # MORE_SECTIONS) are counted by those apps' own tests.
    monkeypatch.setattr("peerpath.workspace.home.MORE_SECTIONS", ())
    grow(world, rows)
    client = client_for(role)
    client.get("/")
    with django_assert_num_queries(HOME_QUERIES[role]):
        assert client.get("/").status_code == 200


@pytest.mark.parametrize("rows", [2, 10])
def test_my_training_query_count_does_not_grow(
    world: World, client_for: Any, django_assert_num_queries: Any, rows: int
) -> None:
    grow(world, rows)
    client = client_for(Role.TRAINEE)
    client.get("/training/my/")
    with django_assert_num_queries(HOME_QUERIES[Role.TRAINEE]):
        assert client.get("/training/my/").status_code == 200


def test_a_supervisor_finds_the_trainees_they_support_and_confirms_a_day(
    world: World, client_for: Any
) -> None:
    enrolment = enrol(world, "recovery-college-east-pep", world.user(Role.TRAINEE))
    placement: Any = PlacementFactory(
        enrolment=enrolment, host_team=world.team, supervisor=world.user(Role.SUPERVISOR)
    )
    day: Any = PlacementDayFactory(
        placement=placement,
        date=timezone.localdate() - timedelta(days=1),
        reflection="I shadowed a peer support worker.",
    )
    supervisor = client_for(Role.SUPERVISOR)
    menu = dict(menu_links(parse(supervisor.get("/"))))
    listing = parse(supervisor.get(menu["Placements"]))
    row = listing.table_rows()[0]
    assert row.find_all("td")[3].text == "1"  # waiting to be confirmed
    page = parse(supervisor.get(row.hrefs()[0]))
    portfolio = next(h for h in page.hrefs() if h.endswith("/portfolio/"))
    assert supervisor.get(portfolio).status_code == 200
    confirm = next(f for f in page.find_all("form") if "/confirm/" in f.attrs["action"])
    assert supervisor.post(confirm.attrs["action"]).status_code == 302
    day.refresh_from_db()
    assert day.confirmed_at is not None
    # Another supervisor supports nobody; the coordinator sees every placement.
    other = make_user("other-supervisor@riverside.example", full_name="Other", totp=True)
    Membership.objects.create(user=other, organisation=world.organisation, role=Role.SUPERVISOR)
    client = Client()
    client.force_login(other)
    assert (
        "You are not supporting anyone on placement."
        in parse(client.get("/training/placements/")).text
    )
    everyone = parse(client_for(Role.COORDINATOR).get("/training/placements/"))
    assert everyone.table_rows()[0].hrefs() == [f"/training/placements/{placement.pk}/"]


@pytest.mark.parametrize("rows", [2, 10])
def test_placement_list_query_count_does_not_grow(
    world: World, client_for: Any, django_assert_num_queries: Any, rows: int
) -> None:
    for n in range(rows):
        user = make_user(f"placed{n}@example.org", full_name=f"Placed {n}", totp=False)
        enrolment = enrol(world, "recovery-college-east-pep", user) if n == 0 else None
        enrolment = enrolment or Enrolment.objects.create(
            organisation=world.organisation,
            cohort=Enrolment.objects.order_by("pk")[0].cohort,
            trainee=user,
        )
        placement = Placement.objects.create(
            organisation=world.organisation,
            enrolment=enrolment,
            host_team=world.team,
            supervisor=world.user(Role.SUPERVISOR),
        )
        PlacementDay.objects.create(
            organisation=world.organisation,
            placement=placement,
            date=date(2026, 1, 1),
            reflection="x",
        )
    client = client_for(Role.SUPERVISOR)
    client.get("/training/placements/")
    # session, user, memberships, the placements
    with django_assert_num_queries(4):
        assert client.get("/training/placements/").status_code == 200
