import html
import re
import subprocess
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone

from conftest import World
from peerpath.core.roles import Role
from peerpath.training.delivery import timetable_generate
from peerpath.training.models import (
    AttendanceRecord,
    Award,
    Enrolment,
    Mark,
    Programme,
    Submission,
)
from peerpath.training.recruitment_services import cohort_create
from peerpath.training.services import programme_copy, programme_templates_load

pytestmark = pytest.mark.django_db


def text(response: Any) -> str:
    return html.unescape(re.sub(r"\s+", " ", response.content.decode()))


@pytest.fixture
def imroc(world: World) -> Enrolment:
    """An ImROC trainee: 10 sessions, at least 80% attendance, one assignment."""
    programme_templates_load()
    programme = programme_copy(
        source=Programme.objects.get(template_key="nhft-imroc-peer-support-training"),
        organisation=world.organisation,
        by=None,
    )
    cohort = cohort_create(
        programme=programme,
        title="ImROC 2027",
        starts_on=date(2027, 1, 4),
        facilitators=[world.user(Role.TRAINER)],
        by=None,
    )
    timetable_generate(cohort=cohort, by=None)
    return Enrolment.objects.create(
        organisation=world.organisation, cohort=cohort, trainee=world.user(Role.TRAINEE)
    )


def attend(enrolment: Enrolment, world: World, present: int) -> None:
    for session in enrolment.cohort.sessions.order_by("number"):
        AttendanceRecord.objects.create(
            organisation=world.organisation,
            session=session,
            enrolment=enrolment,
            status="present" if session.number <= present else "absent",
            recorded_by=world.user(Role.TRAINER),
        )


def pass_assignment(enrolment: Enrolment, world: World) -> None:
    assignment = enrolment.cohort.programme.assessments.get()
    submission = Submission.objects.create(
        organisation=world.organisation,
        enrolment=enrolment,
        assessment=assignment,
        number=1,
        text="My assignment",
    )
    Mark.objects.create(
        organisation=world.organisation,
        submission=submission,
        marker=world.user(Role.TRAINER),
        outcome="passed",
        feedback="Well done",
    )


@pytest.mark.hazard("H10")
def test_below_the_attendance_threshold_is_not_eligible_and_says_why(
    imroc: Enrolment, world: World, client_for: Any
) -> None:
    attend(imroc, world, present=7)
    pass_assignment(imroc, world)
    coordinator = client_for(Role.COORDINATOR)
    page = text(coordinator.get(f"/training/enrolments/{imroc.pk}/graduation/"))
    assert "Not yet eligible" in page
    assert "Attended 7 of 10 sessions (70%); at least 80% is needed." in page
    refused = coordinator.post(f"/training/enrolments/{imroc.pk}/graduation/")
    assert refused.status_code == 400
    assert "Not yet eligible to graduate." in text(refused)
    assert Award.objects.count() == 0


def test_a_missing_assessment_is_named(imroc: Enrolment, world: World, client_for: Any) -> None:
    attend(imroc, world, present=10)
    page = text(client_for(Role.COORDINATOR).get(f"/training/enrolments/{imroc.pk}/graduation/"))
    assert "Assignment" in page and "Not submitted" in page
    assert "Not yet eligible" in page


def test_the_rule_follows_the_programme_not_code(
    imroc: Enrolment, world: World, client_for: Any
) -> None:
    attend(imroc, world, present=7)
    pass_assignment(imroc, world)
    programme = imroc.cohort.programme
    programme.attendance_threshold = 70
    programme.save()
    page = text(client_for(Role.COORDINATOR).get(f"/training/enrolments/{imroc.pk}/graduation/"))
    assert "Ready to graduate" in page


@pytest.mark.hazard("H10")
def test_graduation_issues_a_certificate_that_can_be_checked(
    imroc: Enrolment, world: World, client_for: Any, tmp_path: Path
) -> None:
    attend(imroc, world, present=8)
    pass_assignment(imroc, world)
    coordinator = client_for(Role.COORDINATOR)
    assert coordinator.post(f"/training/enrolments/{imroc.pk}/graduation/").status_code == 302
    award = Award.objects.get()
    imroc.refresh_from_db()
    assert imroc.status == "graduated"
    assert re.fullmatch(r"PP-[A-Z2-9]{5}-[A-Z2-9]{5}", award.certificate_number)
    again = coordinator.post(f"/training/enrolments/{imroc.pk}/graduation/")
    assert Award.objects.count() == 1 and again.status_code in (302, 400)
    pdf = client_for(Role.TRAINEE).get(f"/training/awards/{award.pk}/certificate.pdf")
    assert pdf["Content-Type"] == "application/pdf"
    path = tmp_path / "certificate.pdf"
    path.write_bytes(pdf.content)
    words = subprocess.run(  # noqa: S603 - poppler's pdftotext on our own file
        ["/usr/bin/pdftotext", "-layout", str(path), "-"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    words = re.sub(r"\s+", " ", words)
    assert "Trainee Riverside" in words
    assert "Peer Support Training (ImROC)" in words
    assert "ImROC accredited Peer Support Worker" in words
    assert award.certificate_number in words
    assert timezone.localdate().strftime("%-d %B %Y") in words
    # The public checker confirms it without signing in, and shows nothing more.
    valid = Client().get(f"/verify/{award.certificate_number}/")
    assert valid.status_code == 200
    page = text(valid)
    assert "This certificate is genuine" in page and "Trainee Riverside" in page
    assert world.user(Role.TRAINEE).email not in page
    made_up = Client().get("/verify/PP-AAAAA-BBBBB/")
    assert made_up.status_code == 404
    assert "Not a valid certificate number" in text(made_up)
    lower = Client().get("/verify/?number=" + award.certificate_number.lower())
    assert lower["Location"] == f"/verify/{award.certificate_number}/"


def test_the_certificate_is_only_for_its_trainee_and_the_course_team(
    imroc: Enrolment, world: World, client_for: Any
) -> None:
    attend(imroc, world, present=10)
    pass_assignment(imroc, world)
    client_for(Role.COORDINATOR).post(f"/training/enrolments/{imroc.pk}/graduation/")
    award = Award.objects.get()
    url = f"/training/awards/{award.pk}/certificate.pdf"
    assert client_for(Role.PSW).get(url).status_code == 404
    assert client_for("outsider").get(url).status_code == 404


def test_outcomes_are_recorded_with_checked_dates(
    imroc: Enrolment, world: World, client_for: Any
) -> None:
    attend(imroc, world, present=10)
    pass_assignment(imroc, world)
    coordinator = client_for(Role.COORDINATOR)
    coordinator.post(f"/training/enrolments/{imroc.pk}/graduation/")
    award = Award.objects.get()
    url = f"/training/awards/{award.pk}/outcomes/"
    future = coordinator.post(url, {"kind": "employed", "team": world.team.pk, "on": "2099-01-01"})
    assert "The date cannot be in the future." in text(future)
    good = coordinator.post(
        url, {"kind": "employed", "team": world.team.pk, "on": timezone.localdate().isoformat()}
    )
    assert good.status_code == 302
    assert award.outcomes.get().team == world.team
