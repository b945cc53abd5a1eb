import re
from datetime import date
from typing import Any

import pytest

from conftest import World, make_user
from peerpath.core.roles import Role
from peerpath.organisations.models import Membership
from peerpath.tests.dates import date_boxes
from peerpath.tests.pages import text
from peerpath.training.models import AttendanceRecord, Cohort, Enrolment, Programme
from peerpath.training.services.delivery import cohort_create, timetable_generate
from peerpath.training.services.programme_templates import programme_templates_load
from peerpath.training.tests.helpers import monday_cohort_over_christmas, template_copy

pytestmark = pytest.mark.django_db


def copy_of(world: World, key: str) -> Programme:
    programme_templates_load()
    return template_copy(key, world.organisation)


def cohort_with_trainees(world: World, key: str, trainees: int) -> Cohort:
    cohort = cohort_create(
        programme=copy_of(world, key),
        title="Cohort A",
        starts_on=date(2027, 3, 1),
        facilitators=[world.user(Role.TRAINER)],
        by=None,
    )
    for n in range(trainees):
        user = make_user(f"trainee{n}@riverside.example", full_name=f"Trainee {n}", totp=False)
        Membership.objects.create(user=user, organisation=world.organisation, role=Role.TRAINEE)
        Enrolment.objects.create(organisation=world.organisation, cohort=cohort, trainee=user)
    return cohort


def test_imroc_timetable_is_one_day_a_week_for_ten_weeks_two_modules_a_day(world: World) -> None:
    cohort = cohort_with_trainees(world, "nhft-imroc-peer-support-training", 0)
    assert timetable_generate(cohort=cohort, by=None) == 10
    sessions = list(cohort.sessions.order_by("number"))
    assert [s.date for s in sessions[:3]] == [date(2027, 3, 1), date(2027, 3, 8), date(2027, 3, 15)]
    assert [s.modules.count() for s in sessions] == [2, 2, 2, 2, 2, 2, 2, 2, 0, 0]
    assert str(sessions[0].starts_at) == "10:00:00"


def test_pep_timetable_is_twelve_days_with_times_and_no_invented_modules(world: World) -> None:
    cohort = cohort_with_trainees(world, "recovery-college-east-pep", 0)
    assert timetable_generate(cohort=cohort, by=None) == 12
    sessions = list(cohort.sessions.order_by("number"))
    # The source does not say which of the 15 modules are taught on which day.
    assert [s.modules.count() for s in sessions] == [0] * 12
    assert {(str(s.starts_at), str(s.ends_at)) for s in sessions} == {("09:00:00", "17:00:00")}
    # Twelve Mondays from 1 March 2027, going round Easter Monday, May Day and the Spring
    # Bank Holiday (29 March, 3 and 31 May).
    holidays = {date(2027, 3, 29), date(2027, 5, 3), date(2027, 5, 31)}
    assert not holidays & {s.date for s in sessions}
    assert sessions[-1].date == date(2027, 6, 7)


def test_a_timetable_over_christmas_2026_skips_the_bank_holidays(world: World) -> None:
    # Mondays from 14 December 2026: 28 December is Boxing Day (substitute day).
    monday = monday_cohort_over_christmas(
        world, "nhft-imroc-peer-support-training", date(2026, 12, 14)
    )
    timetable_generate(cohort=monday, by=None)
    dates = [s.date for s in monday.sessions.order_by("number")]
    assert dates[:4] == [
        date(2026, 12, 14),
        date(2026, 12, 21),
        date(2027, 1, 4),
        date(2027, 1, 11),
    ]
    assert date(2026, 12, 28) not in dates and len(dates) == 10
    # Fridays from 18 December 2026: Christmas Day and New Year's Day are skipped.
    friday = monday_cohort_over_christmas(world, "recovery-college-east-pep", date(2026, 12, 18))
    timetable_generate(cohort=friday, by=None)
    dates = [s.date for s in friday.sessions.order_by("number")]
    assert dates[:3] == [date(2026, 12, 18), date(2027, 1, 8), date(2027, 1, 15)]
    assert date(2026, 12, 25) not in dates and date(2027, 1, 1) not in dates


def test_a_facilitator_moves_a_session_and_bad_dates_are_explained(
    world: World, client_for: Any
) -> None:
    cohort = cohort_with_trainees(world, "recovery-college-east-pep", 0)
    timetable_generate(cohort=cohort, by=None)
    session = cohort.sessions.get(number=2)
    trainer = client_for(Role.TRAINER)
    bad = trainer.post(f"/training/sessions/{session.pk}/move/", date_boxes("on", "2027-02-31"))
    assert "New date must be a real date" in text(bad)
    backwards = trainer.post(
        f"/training/sessions/{session.pk}/move/",
        {"on": "2027-03-09", "starts_at": "15:00", "ends_at": "09:00"},
    )
    assert "The session must end after it starts." in text(backwards)
    session.refresh_from_db()
    assert session.date == date(2027, 3, 8)
    good = trainer.post(
        f"/training/sessions/{session.pk}/move/", {"on": "2027-03-10", "version": session.version}
    )
    assert good.status_code == 302
    session.refresh_from_db()
    assert session.date == date(2027, 3, 10)


def test_the_register_records_attendance_and_the_figures_follow_the_threshold(
    world: World, client_for: Any
) -> None:
    cohort = cohort_with_trainees(world, "nhft-imroc-peer-support-training", 2)
    timetable_generate(cohort=cohort, by=None)  # 10 sessions, 80% needed
    ada, ben = cohort.enrolments.order_by("trainee__full_name")
    coordinator = client_for(Role.COORDINATOR)
    sessions = list(cohort.sessions.order_by("number"))
    # Ben misses two sessions: 8 of 10 is still possible, but one more absence is not.
    for n, session in enumerate(sessions[:3]):
        response = coordinator.post(
            f"/training/sessions/{session.pk}/register/",
            {
                f"status_{ada.pk}": "present",
                f"status_{ben.pk}": "absent" if n < 2 else "late",
                "version": session.version,
            },
        )
        assert response.status_code == 302
    page = text(coordinator.get(f"/training/cohorts/{cohort.pk}/"))
    assert re.search(r"Trainee 0\b.*?3 of 3 recorded.*?100%.*?On track", page)
    assert re.search(r"Trainee 1\b.*?1 of 3 recorded.*?33%.*?At risk", page)
    coordinator.post(
        f"/training/sessions/{sessions[3].pk}/register/",
        {
            f"status_{ada.pk}": "excused",
            f"reason_{ada.pk}": "hospital appointment",
            f"status_{ben.pk}": "absent",
            "version": sessions[3].version,
        },
    )
    page = text(coordinator.get(f"/training/cohorts/{cohort.pk}/"))
    assert re.search(r"Trainee 1\b.*?Cannot reach 80%", page)
    # The trainee sees it too, kindly.
    ben_client = client_for_user(ben.trainee)
    mine = text(ben_client.get("/training/my/"))
    assert "cannot reach the 80% the programme asks for" in mine


def client_for_user(user: Any) -> Any:
    from django.test import Client

    client = Client()
    client.force_login(user)
    return client


def test_an_excused_absence_needs_a_reason_and_nothing_is_saved_without_it(
    world: World, client_for: Any
) -> None:
    cohort = cohort_with_trainees(world, "recovery-college-east-pep", 1)
    timetable_generate(cohort=cohort, by=None)
    [enrolment] = cohort.enrolments.all()
    session = cohort.sessions.get(number=1)
    response = client_for(Role.TRAINER).post(
        f"/training/sessions/{session.pk}/register/", {f"status_{enrolment.pk}": "excused"}
    )
    assert response.status_code == 400
    assert "Give the reason the absence is excused." in text(response)
    assert AttendanceRecord.objects.count() == 0


def test_a_register_saved_with_no_change_says_so_rather_than_saved(
    world: World, client_for: Any
) -> None:
    cohort = cohort_with_trainees(world, "recovery-college-east-pep", 1)
    timetable_generate(cohort=cohort, by=None)
    session = cohort.sessions.get(number=1)
    trainer = client_for(Role.TRAINER)
    page = text(trainer.post(f"/training/sessions/{session.pk}/register/", {}, follow=True))
    assert "Nothing was changed in the register." in page
    assert "Register saved" not in page


def test_a_register_cannot_list_someone_from_another_cohort(world: World, client_for: Any) -> None:
    cohort = cohort_with_trainees(world, "recovery-college-east-pep", 1)
    other = cohort_with_trainees(world, "nhft-imroc-peer-support-training", 0)
    stranger = make_user("stranger@riverside.example", full_name="Stranger", totp=False)
    outside = Enrolment.objects.create(
        organisation=world.organisation, cohort=other, trainee=stranger
    )
    timetable_generate(cohort=cohort, by=None)
    session = cohort.sessions.get(number=1)
    response = client_for(Role.TRAINER).post(
        f"/training/sessions/{session.pk}/register/", {f"status_{outside.pk}": "present"}
    )
    assert response.status_code == 400
    assert AttendanceRecord.objects.count() == 0


@pytest.mark.parametrize("trainees", [2, 12])
def test_register_and_cohort_pages_query_counts_are_flat(
    world: World, client_for: Any, django_assert_num_queries: Any, trainees: int
) -> None:
    cohort = cohort_with_trainees(world, "nhft-imroc-peer-support-training", trainees)
    timetable_generate(cohort=cohort, by=None)
    session = cohort.sessions.get(number=1)
    client = client_for(Role.COORDINATOR)
    client.post(
        f"/training/sessions/{session.pk}/register/",
        {f"status_{e.pk}": "present" for e in cohort.enrolments.all()},
    )
    for url, queries in (
        (f"/training/sessions/{session.pk}/register/", 6),
        (f"/training/cohorts/{cohort.pk}/", 10),
    ):
        client.get(url)
        with django_assert_num_queries(queries):
            assert client.get(url).status_code == 200


def test_another_organisation_cannot_open_the_cohort_or_register(
    world: World, client_for: Any
) -> None:
    cohort = cohort_with_trainees(world, "recovery-college-east-pep", 0)
    timetable_generate(cohort=cohort, by=None)
    session = cohort.sessions.get(number=1)
    outsider = client_for("outsider")
    assert outsider.get(f"/training/cohorts/{cohort.pk}/").status_code == 404
    assert outsider.get(f"/training/sessions/{session.pk}/register/").status_code == 404


def test_an_online_programme_meets_online_and_a_cohort_names_its_place(world: World) -> None:
    online = cohort_with_trainees(world, "nhft-imroc-peer-support-training", 0)
    timetable_generate(cohort=online, by=None)
    assert {s.place for s in online.sessions.all()} == {"Online"}
    programme_templates_load()
    course = template_copy("eleven-session-peer-support-course", world.organisation)
    cohort = cohort_create(
        programme=course,
        title="Course A",
        starts_on=date(2027, 3, 2),
        facilitators=[],
        place="Riverside Recovery College, room 2",
        by=None,
    )
    assert timetable_generate(cohort=cohort, by=None) == 11  # one of the source's sessions each
    sessions = list(cohort.sessions.order_by("number"))
    assert [[m.display_title for m in s.modules.all()] for s in sessions[:2]] == [
        ["Module 1"],
        ["What is Recovery?"],
    ]
    assert {s.place for s in sessions} == {"Riverside Recovery College, room 2"}
    assert sessions[0].starts_at is None  # the source gives no times


def test_the_six_hour_course_has_two_days_and_says_what_it_does_not_know(
    world: World, client_for: Any
) -> None:
    cohort = cohort_with_trainees(world, "nottinghamshire-six-hour-introduction", 0)
    assert timetable_generate(cohort=cohort, by=None) == 2
    page = text(client_for(Role.COORDINATOR).get(f"/training/cohorts/{cohort.pk}/"))
    assert "does not say which modules are taught on which day" in page
    assert "times not set" in page and "Sessions take place at: Online." in page


def test_the_coordinator_chooses_a_sessions_modules_and_place(
    world: World, client_for: Any
) -> None:
    cohort = cohort_with_trainees(world, "recovery-college-east-pep", 0)
    timetable_generate(cohort=cohort, by=None)
    session = cohort.sessions.get(number=1)
    first, second = cohort.programme.modules.order_by("order")[:2]
    response = client_for(Role.COORDINATOR).post(
        f"/training/sessions/{session.pk}/move/",
        {
            "on": "2027-03-01",
            "starts_at": "09:00",
            "ends_at": "17:00",
            "place": "Riverside Recovery College",
            "modules": [first.pk, second.pk],
            "version": session.version,
        },
    )
    assert response.status_code == 302
    session.refresh_from_db()
    assert session.place == "Riverside Recovery College"
    assert list(session.modules.order_by("order")) == [first, second]
    page = text(client_for(Role.COORDINATOR).get(f"/training/cohorts/{cohort.pk}/"))
    assert "Module 1, Module 2" in page and "Not chosen yet" in page
