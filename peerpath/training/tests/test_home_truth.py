"""Home truth for the coordinator, the trainer and the trainee.

Each number and each "nothing yet" sentence on their home page is checked against the page it
summarises, fetched as the same person: the recruitment and cohort lists, the training
dashboard, cohort timetables and registers, the marking and review queues, "My training",
"My assessments" and the placement page. The checks compare page with page, never with
numbers typed here, so they stay true whatever the demo holds. They run on the seeded demo,
on the demo with work in progress added, and on an empty organisation.
"""

import re
from collections.abc import Callable
from datetime import date, datetime, timedelta
from typing import Any

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.test import Client
from django.utils import timezone

from conftest import World, make_user
from peerpath.core.roles import Role
from peerpath.organisations.models import Membership, Organisation
from peerpath.recruitment.home import GRADUATION_NOTICE
from peerpath.recruitment.models import Application, Intake, Stage
from peerpath.tests.pages import Node, home_section, parse
from peerpath.training.home import WEEK_AHEAD
from peerpath.training.models import (
    AssessmentKind,
    AttendanceRecord,
    AttendanceStatus,
    Cohort,
    Enrolment,
    EnrolmentStatus,
    Placement,
    PlacementDay,
    PortfolioEntry,
    PortfolioStatus,
    Submission,
)

pytestmark = pytest.mark.django_db

Fetch = Callable[[str], Node]


def fetcher(client: Client) -> Fetch:
    def fetch(url: str) -> Node:
        response = client.get(url)
        assert response.status_code == 200, f"{url} answered {response.status_code}"
        return parse(response)

    return fetch


def as_user(user: Any) -> Fetch:
    client = Client()
    client.force_login(user)
    return fetcher(client)


def number(pattern: str, text: str) -> int:
    """The number the pattern's group finds ("nobody" is none)."""
    found = re.search(pattern, text)
    assert found, f"{pattern!r} not in {text!r}"
    return 0 if found.group(1) == "nobody" else int(found.group(1))


def day(text: str, fmt: str = "%d %b %Y") -> date:
    return datetime.strptime(text.strip(), fmt).date()  # noqa: DTZ007 - a date, not a time


def block(section: Node, key: str) -> Node:
    """A titled part of a home section (`<section aria-labelledby=key>`)."""
    return section.find("section", aria_labelledby=key)


def items(part: Node) -> list[Node]:
    return part.find_all("li")


# The coordinator.


def intake_rows(fetch: Fetch) -> list[dict[str, Any]]:
    page = fetch("/training/intakes/")
    if "No intakes yet." in page.text:
        return []
    rows = []
    for row in page.table_rows():
        cells = row.find_all("td")
        opens, closes = cells[1].text.split(" to ")
        rows.append(
            {
                "href": cells[0].hrefs()[0],
                "open": day(opens) <= timezone.localdate() <= day(closes),
                "in_progress": int(cells[3].text),
            }
        )
    return rows


def cohort_rows(fetch: Fetch) -> list[dict[str, Any]]:
    page = fetch("/training/cohorts/")
    if "No cohorts yet." in page.text:
        return []
    headers = [th.text for th in page.find("thead").find_all("th")]
    rows = []
    for row in page.table_rows():
        cells = dict(zip(headers, row.find_all("td"), strict=True))
        rows.append(
            {
                "href": cells["Cohort"].hrefs()[0],
                "status": cells["Status"].text,
                "training": int(cells["Training"].text),
            }
        )
    return rows


def graduation_due(status: str) -> bool:
    today = timezone.localdate()
    if status.startswith("Ended"):
        return True
    until = re.fullmatch(r"Running until (.+)", status)
    return bool(until) and day(until.group(1)) <= today + GRADUATION_NOTICE  # type: ignore[union-attr]


def check_coordinator(fetch: Fetch) -> None:
    home = home_section(fetch("/"), "coordinator")

    # Recruitment: open intakes with the people in progress, and everyone waiting.
    intakes = intake_rows(fetch)
    recruitment = block(home, "coordinator-recruitment")
    waiting = sum(row["in_progress"] for row in intakes)
    if waiting:
        noun = "applicant is" if waiting == 1 else "applicants are"
        assert f"{waiting} {noun} waiting for a decision." in recruitment.text
    else:
        assert "Nobody is waiting for a decision." in recruitment.text
    expected = {row["href"]: row["in_progress"] for row in intakes if row["open"]}
    shown = {
        li.hrefs()[0]: number(r"(\d+) (?:applicants?|people|person) in progress", li.text)
        for li in items(recruitment)
    }
    assert shown == expected
    if not expected:
        assert "No intakes are open for recruitment." in recruitment.text

    # Cohorts running, and cohorts whose trainees wait for a graduation decision.
    cohorts = cohort_rows(fetch)
    running = block(home, "coordinator-cohorts")
    expected = {row["href"]: row["training"] for row in cohorts if row["status"].startswith("Run")}
    shown = {li.hrefs()[0]: number(r"(\d+|nobody) training", li.text) for li in items(running)}
    assert shown == expected
    if not expected:
        assert "No cohorts are running." in running.text
    graduation = block(home, "coordinator-graduation")
    expected = {
        row["href"]: row["training"]
        for row in cohorts
        if row["training"] and graduation_due(row["status"])
    }
    shown = {
        li.hrefs()[0]: number(r"(\d+) waiting for a graduation decision", li.text)
        for li in items(graduation)
    }
    assert shown == expected
    if not expected:
        assert "No graduation decisions are due." in graduation.text

    # Trainees at risk on attendance: the dashboard's list, with the same states.
    dashboard = fetch("/training/dashboard/")
    line = next(li for li in dashboard.find_all("li") if "attendance needs" in li.text)
    count = number(r"(\d+) trainees? whose attendance needs a conversation", line.text)
    on_dashboard = sorted(
        (name, href, re.search(re.escape(name) + r" \(([a-z ]+)\)", line.text).group(1))  # type: ignore[union-attr]
        for name, href in line.links()
    )
    attendance = block(home, "coordinator-attendance")
    on_home = sorted(
        (li.links()[0][0], li.links()[0][1], re.search(r": ([a-z ]+)$", li.text).group(1))  # type: ignore[union-attr]
        for li in items(attendance)
    )
    assert len(on_home) == count
    assert on_home == on_dashboard
    if not count:
        assert "Nobody's attendance needs a conversation." in attendance.text


# The trainer.


def timetable(fetch: Fetch, cohort_href: str) -> list[tuple[date, str]]:
    """(date, register link) of each session on a cohort's page."""
    page = fetch(cohort_href)
    if "No timetable yet." in page.text:
        return []
    sessions = []
    for row in page.find_all("table")[-1].find("tbody").find_all("tr"):
        register = next(href for href in row.hrefs() if href.endswith("/register/"))
        when = re.search(r"[A-Z][a-z]{2} \d{1,2} [A-Z][a-z]{2} \d{4}", row.text)
        assert when, row.text
        sessions.append((day(when.group(0), "%a %d %b %Y"), register))
    return sessions


def unrecorded(fetch: Fetch, register_href: str) -> tuple[int, int]:
    """(trainees with nothing recorded, trainees on the register)."""
    page = fetch(register_href)
    rows = page.find_all("fieldset")
    missing = [
        fieldset
        for fieldset in rows
        if not any("checked" in i.attrs for i in fieldset.find_all("input"))
    ]
    return len(missing), len(rows)


def check_trainer(fetch: Fetch, trainer: Any) -> None:
    today = timezone.localdate()
    home = home_section(fetch("/"), "trainer")
    teaching = block(home, "trainer-cohorts")
    cohort_links = set(teaching.hrefs())
    assert cohort_links == {
        f"/training/cohorts/{pk}/"
        for pk in Cohort.objects.filter(facilitators=trainer).values_list("pk", flat=True)
    }
    if not cohort_links:
        assert "You are not teaching a cohort yet." in teaching.text
    sessions = [s for href in sorted(cohort_links) for s in timetable(fetch, href)]

    todays = block(home, "trainer-today")
    assert set(todays.hrefs()) == {href for on, href in sessions if on == today}
    if not todays.hrefs():
        assert "No sessions today." in todays.text
    week = block(home, "trainer-week")
    assert set(week.hrefs()) == {href for on, href in sessions if today < on <= today + WEEK_AHEAD}
    if not week.hrefs():
        assert "No sessions in the next seven days." in week.text

    registers = block(home, "trainer-registers")
    expected = {}
    for on, href in sessions:
        if on < today:
            missing, total = unrecorded(fetch, href)
            if missing:
                expected[href] = (missing, total)
    shown = {
        li.hrefs()[0]: (
            number(r"(\d+) of \d+ not recorded", li.text),
            number(r"\d+ of (\d+) not recorded", li.text),
        )
        for li in items(registers)
    }
    assert shown == expected
    if not expected:
        assert "Every register is up to date." in registers.text

    marking = block(home, "trainer-marking")
    queue = fetch("/training/marking/")
    waiting = 0 if "Nothing is waiting to be marked." in queue.text else len(queue.table_rows())
    if waiting:
        noun = "piece" if waiting == 1 else "pieces"
        assert f"{waiting} {noun} of work waiting to be marked" in marking.text
    else:
        assert "Nothing is waiting to be marked." in marking.text
    reviews = fetch("/training/portfolio/reviews/")
    asked = 0 if "Nobody is waiting for a review." in reviews.text else len(reviews.find_all("li"))
    if asked:
        noun = "competence" if asked == 1 else "competences"
        assert f"{asked} {noun} waiting for review" in marking.text
    else:
        assert "Nobody is waiting for a portfolio review." in marking.text


# The trainee.


def check_trainee(fetch: Fetch) -> None:
    today = timezone.localdate()
    home = home_section(fetch("/"), "trainee")
    mine = fetch("/training/my/")
    if "You are not enrolled on a course yet." in mine.text:
        assert "You are not enrolled on a course yet." in home.text
        assert not home.find_all("section")
        return
    courses = mine.find_all("section", class_="pp-course")
    assert courses
    for course in courses:
        key = course.attrs["aria-labelledby"]
        heading = course.find(id=key).text
        if "pp-course--finished" in course.attrs["class"]:
            continue  # a finished course is on "My training", not among the home's next steps
        on_home = home.find("section", aria_labelledby=key)
        assert on_home.find(id=key).text == heading
        # The next session: the first date on the timetable from today on.
        rows = course.find("table").table_rows()
        dates = [day(row.find_all("td")[0].text, "%a %d %b %Y") for row in rows]
        upcoming = [d for d in dates if d >= today]
        nxt = block(on_home, key + "-next")
        if upcoming:
            assert upcoming[0].strftime("%A %-d %B %Y") in nxt.text
        else:
            assert "No more sessions are timetabled." in nxt.text
        # Attendance: the same figures as "My training", and as the registers recorded them.
        said = block(course, key + "-attendance").find("p").text
        assert block(on_home, key + "-attendance").find("p").text == said
        enrolment = Enrolment.objects.get(pk=int(key.rsplit("-", 1)[1]))
        records = AttendanceRecord.objects.filter(enrolment=enrolment)
        recorded = records.count()
        attended = records.filter(status__in=(AttendanceStatus.PRESENT, AttendanceStatus.LATE))
        if recorded:
            assert said.startswith(
                f"You have attended {attended.count()} of the {recorded} "
                f"session{'s' if recorded != 1 else ''} recorded so far ({len(rows)} in all)."
            )
        else:
            assert said.startswith("No attendance has been recorded yet")
        # Placement: the same link, and the days the placement page counts.
        placement_links = [h for h in course.hrefs() if h.startswith("/training/placements/")]
        work = block(on_home, key + "-placement")
        assert [h for h in work.hrefs() if h.startswith("/training/placements/")] == (
            placement_links
        )
        for href in placement_links:
            page = fetch(href)
            confirmed = page.find("dl").text
            days = number(r"Days confirmed (\d+)", confirmed)
            assert f"{days} confirmed" in work.text
            assert "Log a day" in page.text
        # What is due: the assessments "My assessments" shows as still to do.
        assessments = fetch("/training/my/assessments/")
        due = sorted(
            row.find("dt").text
            for row in assessments.find_all("div", class_="nhsuk-summary-list__row")
            if row.find_all("dd")[0].text.startswith(("Not submitted", "Resubmission requested"))
        )
        todo = block(on_home, key + "-due")
        assert sorted(li.links()[0][0] for li in items(todo)) == due
        if not due:
            assert "Nothing is due." in todo.text
    # The recovery story is offered only where the course includes it.
    story = fetch("/training/my/story/")
    offered = "/training/my/story/" in home.hrefs()
    assert offered == ("does not include the recovery story lesson" not in story.text)
    assert offered == ("/training/my/story/" in mine.hrefs())


# The data.

DEMO_EMAILS = {
    Role.COORDINATOR: "coordinator@peerpath.example",
    Role.TRAINER: "trainer@peerpath.example",
    Role.TRAINEE: "trainee@peerpath.example",
}


@pytest.fixture
def demo(db: Any) -> Organisation:
    call_command("seed_demo_data", verbosity=0)
    return Organisation.objects.get(name="Riverside NHS Foundation Trust")


def demo_user(role: Role) -> Any:
    return get_user_model().objects.get(email=DEMO_EMAILS[role])


def add_work_in_progress(organisation: Organisation) -> None:
    """What a few weeks of running brings: applicants, registers, work, a placement, risk."""
    coordinator, trainee = demo_user(Role.COORDINATOR), demo_user(Role.TRAINEE)
    for n, intake in enumerate(Intake.objects.filter(organisation=organisation)):
        for k, stage in enumerate((Stage.INTEREST, Stage.ONE_TO_ONE, Stage.UNSUCCESSFUL)[: n + 1]):
            Application.objects.create(
                organisation=organisation,
                intake=intake,
                full_name=f"Applicant {n}-{k}",
                email=f"applicant{n}{k}@example.org",
                interest="To give something back.",
                stage=stage,
                access_token=f"token-{n}-{k}",
            )
    # Two trainees join a cohort with a threshold; one has missed enough to be at risk.
    cohort = (
        Cohort.objects.filter(organisation=organisation, programme__attendance_threshold__gt=0)
        .order_by("pk")
        .first()
    )
    assert cohort is not None
    past = list(cohort.sessions.filter(date__lt=timezone.localdate()).order_by("date"))
    assert len(past) >= 2
    for n, statuses in enumerate(([AttendanceStatus.ABSENT] * 2, [AttendanceStatus.PRESENT])):
        user = make_user(f"new-trainee{n}@example.org", full_name=f"New Trainee {n}", totp=False)
        Membership.objects.create(user=user, organisation=organisation, role=Role.TRAINEE)
        enrolment = Enrolment.objects.create(organisation=organisation, cohort=cohort, trainee=user)
        for session, status in zip(past, statuses, strict=False):
            AttendanceRecord.objects.create(
                organisation=organisation,
                session=session,
                enrolment=enrolment,
                status=status,
                recorded_by=coordinator,
            )
    # Someone still training in a cohort that has ended waits for a graduation decision.
    ended = (
        Cohort.objects.filter(organisation=organisation)
        .exclude(sessions__date__gte=timezone.localdate())
        .filter(sessions__isnull=False)
        .first()
    )
    if ended is not None:
        user = make_user("finished@example.org", full_name="Finished Trainee", totp=False)
        Membership.objects.create(user=user, organisation=organisation, role=Role.TRAINEE)
        Enrolment.objects.create(organisation=organisation, cohort=ended, trainee=user)
    # The demo trainee: a register taken, work handed in, a placement with a day logged.
    enrolment = Enrolment.objects.get(trainee=trainee, status=EnrolmentStatus.ACTIVE)
    first = enrolment.cohort.sessions.order_by("date").first()
    assert first is not None
    AttendanceRecord.objects.get_or_create(
        session=first,
        enrolment=enrolment,
        defaults={
            "organisation": organisation,
            "status": AttendanceStatus.PRESENT,
            "recorded_by": coordinator,
        },
    )
    assessment = enrolment.cohort.programme.assessments.exclude(
        kind=AssessmentKind.RECOVERY_STORY_ESSAY
    ).first()
    assert assessment is not None
    Submission.objects.create(
        organisation=organisation,
        enrolment=enrolment,
        assessment=assessment,
        number=Submission.objects.filter(enrolment=enrolment, assessment=assessment).count() + 1,
        text="My work.",
    )
    placement = Placement.objects.filter(enrolment=enrolment).first() or Placement.objects.create(
        organisation=organisation,
        enrolment=enrolment,
        host_description="Community Peer Support Team",
    )
    PlacementDay.objects.get_or_create(
        placement=placement,
        date=timezone.localdate() - timedelta(days=1),
        defaults={"organisation": organisation, "reflection": "I listened."},
    )
    entry = PortfolioEntry.objects.filter(enrolment=enrolment).first()
    if entry is not None:
        entry.status = PortfolioStatus.EVIDENCED
        entry.save(update_fields=["status"])


def test_the_coordinators_home_is_true_on_the_demo(demo: Organisation) -> None:
    fetch = as_user(demo_user(Role.COORDINATOR))
    check_coordinator(fetch)
    add_work_in_progress(demo)
    check_coordinator(fetch)


def test_the_trainers_home_is_true_on_the_demo(demo: Organisation) -> None:
    trainer = demo_user(Role.TRAINER)
    fetch = as_user(trainer)
    check_trainer(fetch, trainer)
    add_work_in_progress(demo)
    check_trainer(fetch, trainer)


def test_the_trainees_home_is_true_on_the_demo(demo: Organisation) -> None:
    fetch = as_user(demo_user(Role.TRAINEE))
    check_trainee(fetch)
    add_work_in_progress(demo)
    check_trainee(fetch)


def test_the_homes_are_true_in_an_empty_organisation(world: World) -> None:
    check_coordinator(as_user(world.user(Role.COORDINATOR)))
    check_trainer(as_user(world.user(Role.TRAINER)), world.user(Role.TRAINER))
    check_trainee(as_user(world.user(Role.TRAINEE)))


def test_the_demo_homes_no_longer_say_nothing_exists(demo: Organisation) -> None:
    """The sentences seen on a fresh demo, which were false."""
    coordinator = as_user(demo_user(Role.COORDINATOR))("/").text
    trainer = as_user(demo_user(Role.TRAINER))("/").text
    trainee = as_user(demo_user(Role.TRAINEE))("/").text
    assert "No intakes or cohorts yet" not in coordinator
    assert "No training sessions to run yet" not in trainer
    assert "You are not enrolled on a course yet" not in trainee
