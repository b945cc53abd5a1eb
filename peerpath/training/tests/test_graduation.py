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
from peerpath.tests.dates import date_boxes
from peerpath.tests.pages import text
from peerpath.training.models import (
    AttendanceRecord,
    Award,
    Enrolment,
    Mark,
    Submission,
)
from peerpath.training.selectors.graduation import eligibility
from peerpath.training.services.delivery import cohort_create, timetable_generate
from peerpath.training.services.programme_templates import programme_templates_load
from peerpath.training.services.requirements import certificate_add
from peerpath.training.tests.helpers import template_copy

pytestmark = pytest.mark.django_db


@pytest.fixture
def imroc(world: World) -> Enrolment:
    """An ImROC trainee: 10 sessions, at least 80% attendance, one assignment."""
    programme_templates_load()
    programme = template_copy("nhft-imroc-peer-support-training", world.organisation)
    cohort = cohort_create(
        programme=programme,
        title="ImROC 2027",
        starts_on=date(2027, 1, 4),
        facilitators=[world.user(Role.TRAINER)],
        by=None,
    )
    timetable_generate(cohort=cohort, by=None)
    # The source names no certificate; this organisation issues its own.
    certificate_add(
        programme=programme,
        title="Certificate of completion",
        issuer="organisation",
        awarding_body="",
        by=None,
    )
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


def test_the_programme_page_states_the_rules_the_graduation_check_applies(
    imroc: Enrolment, world: World, client_for: Any
) -> None:
    programme = imroc.cohort.programme
    programme.attendance_threshold = 75
    programme.attendance_rule = "Catch up on any session missed"
    programme.placement_required = True
    programme.placement_days_required = 1
    programme.requires_portfolio_sign_off = True
    programme.save()
    assignment = programme.assessments.get()
    page = text(client_for(Role.COORDINATOR).get(f"/training/programmes/{programme.pk}/"))
    graduate_part = page.split("To graduate", 1)[1].split("Modules", 1)[0]
    for said in (
        "Attend at least 75% of the sessions",
        "(Catch up on any session missed)",
        f"Pass: {assignment.title}",
        "Have the work experience placement signed off",
        "Complete 1 work experience day",
        "Have every competence in the portfolio signed off",
    ):
        assert said in graduate_part
    # The check applies the same four rules, one result each.
    checked = [result.rule for result in eligibility(imroc)]
    assert checked == ["Attendance", assignment.title, "Work experience", "Competence portfolio"]
    # Change the programme and both change: no attendance minimum, no placement.
    programme.attendance_threshold = None
    programme.attendance_rule = ""
    programme.placement_required = False
    programme.save()
    page = text(client_for(Role.COORDINATOR).get(f"/training/programmes/{programme.pk}/"))
    graduate_part = page.split("To graduate", 1)[1].split("Modules", 1)[0]
    assert "No minimum attendance is set" in graduate_part
    assert "work experience" not in graduate_part
    imroc.cohort.programme.refresh_from_db()
    assert [result.rule for result in eligibility(imroc)] == [
        assignment.title,
        "Competence portfolio",
    ]


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
    assert "Awarded by Riverside NHS Foundation Trust" in words
    assert "Northamptonshire" not in words and "NHFT" not in words
    assert f"Check it is genuine at http://testserver/verify/{award.certificate_number}/" in words
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


def test_the_cohort_page_links_each_graduates_certificate(
    imroc: Enrolment, world: World, client_for: Any
) -> None:
    attend(imroc, world, present=10)
    pass_assignment(imroc, world)
    cohort_url = f"/training/cohorts/{imroc.cohort_id}/"
    before = text(client_for(Role.TRAINER).get(cohort_url))
    assert "certificate.pdf" not in before and "Graduated" not in before
    client_for(Role.COORDINATOR).post(f"/training/enrolments/{imroc.pk}/graduation/")
    award = Award.objects.get()
    for role in (Role.TRAINER, Role.COORDINATOR, Role.ORG_ADMIN):
        page = client_for(role).get(cohort_url).content.decode()
        assert f'href="/training/awards/{award.pk}/certificate.pdf"' in page, role
        assert f'href="/training/enrolments/{imroc.pk}/graduation/">Graduated' in page, role


def test_outcomes_are_recorded_with_checked_dates(
    imroc: Enrolment, world: World, client_for: Any
) -> None:
    attend(imroc, world, present=10)
    pass_assignment(imroc, world)
    coordinator = client_for(Role.COORDINATOR)
    coordinator.post(f"/training/enrolments/{imroc.pk}/graduation/")
    award = Award.objects.get()
    url = f"/training/awards/{award.pk}/outcomes/"
    future = coordinator.post(
        url, {"kind": "volunteering", "team": world.team.pk, **date_boxes("on", "2099-01-01")}
    )
    assert "Date must be today or in the past" in text(future)
    # A job is an appointment to a post (an employment record), never a typed outcome.
    typed = coordinator.post(
        url, {"kind": "employed", "team": world.team.pk, "on": timezone.localdate().isoformat()}
    )
    assert typed.status_code == 400 and not award.outcomes.exists()
    good = coordinator.post(
        url,
        {"kind": "volunteering", "team": world.team.pk, "on": timezone.localdate().isoformat()},
    )
    assert good.status_code == 302
    assert award.outcomes.get().team == world.team


def pdf_words(pdf: bytes, tmp_path: Path) -> str:
    path = tmp_path / "made.pdf"
    path.write_bytes(pdf)
    words = subprocess.run(  # noqa: S603 - poppler's pdftotext on our own file
        ["/usr/bin/pdftotext", "-layout", str(path), "-"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    return re.sub(r"\s+", " ", words)


def test_a_certificate_made_outside_a_request_uses_the_base_url_setting(
    imroc: Enrolment, world: World, tmp_path: Path, settings: Any
) -> None:
    from django.core.exceptions import ImproperlyConfigured

    from peerpath.training.selectors.graduation import certificate_pdf
    from peerpath.training.services.graduation import graduate

    attend(imroc, world, present=10)
    pass_assignment(imroc, world)
    award = graduate(enrolment=imroc, by=world.user(Role.COORDINATOR))
    assert award.awarding_organisation == "Riverside NHS Foundation Trust"
    settings.PEERPATH_BASE_URL = ""
    with pytest.raises(ImproperlyConfigured):
        certificate_pdf(award)
    settings.PEERPATH_BASE_URL = "https://peerpath.riverside.example/"
    words = pdf_words(certificate_pdf(award), tmp_path)
    assert f"https://peerpath.riverside.example/verify/{award.certificate_number}/" in words


def test_the_pep_issues_its_graduation_certificate_and_names_the_ocns(
    world: World, client_for: Any, tmp_path: Path
) -> None:
    from peerpath.training.models import Placement, PlacementDay
    from peerpath.training.services.graduation import graduate
    from peerpath.training.tests.wording import confirm_copied_wording

    programme_templates_load()
    pep = template_copy("recovery-college-east-pep", world.organisation)
    certificate = pep.certificates.get(order=1)
    item = pep.copied_texts.get(target="certificate", target_id=certificate.pk, field="title")
    from peerpath.training.services.programme_templates import copied_text_confirm

    copied_text_confirm(
        item=item, text="Riverside Graduation certificate", expected=item.original, by=None
    )
    confirm_copied_wording(pep)
    cohort = cohort_create(
        programme=pep, title="PEP 1", starts_on=date(2027, 1, 4), facilitators=[], by=None
    )
    enrolment = Enrolment.objects.create(
        organisation=world.organisation, cohort=cohort, trainee=world.user(Role.TRAINEE)
    )
    trainer = world.user(Role.TRAINER)
    for assessment in pep.assessments.all():
        submission = Submission.objects.create(
            organisation=world.organisation, enrolment=enrolment, assessment=assessment, number=1
        )
        Mark.objects.create(
            organisation=world.organisation,
            submission=submission,
            marker=trainer,
            outcome="passed",
            feedback="Well done",
        )
    placement = Placement.objects.create(
        organisation=world.organisation,
        enrolment=enrolment,
        host_team=world.team,
        signed_off_at=timezone.now(),
        signed_off_by=trainer,
    )
    for day in (1, 2, 3):
        PlacementDay.objects.create(
            organisation=world.organisation,
            placement=placement,
            date=date(2027, 2, day),
            reflection="I listened.",
            confirmed_at=timezone.now(),
        )
    award = graduate(enrolment=enrolment, by=world.user(Role.COORDINATOR))
    assert award.certificate_title == "Riverside Graduation certificate"
    page = text(
        client_for(Role.COORDINATOR).get(f"/training/enrolments/{enrolment.pk}/graduation/")
    )
    assert "Open College Network (OCN) certificate: awarded by Open College Network (OCN), " in page
    assert "not issued by PeerPath" in page
    pdf = client_for(Role.TRAINEE).get(f"/training/awards/{award.pk}/certificate.pdf")
    words = pdf_words(pdf.content, tmp_path)
    assert "Riverside Graduation certificate" in words and "CPFT" not in words
    assert "Level 4, Open College Network (OCN)" in words


def test_a_programme_without_a_certificate_of_its_own_prints_none(
    world: World, client_for: Any
) -> None:
    from peerpath.training.services.graduation import graduate

    programme_templates_load()
    intro = template_copy("nottinghamshire-six-hour-introduction", world.organisation)
    cohort = cohort_create(
        programme=intro, title="Intro", starts_on=date(2027, 1, 4), facilitators=[], by=None
    )
    enrolment = Enrolment.objects.create(
        organisation=world.organisation, cohort=cohort, trainee=world.user(Role.TRAINEE)
    )
    award = graduate(enrolment=enrolment, by=world.user(Role.COORDINATOR))
    assert award.certificate_title == ""
    page = text(
        client_for(Role.COORDINATOR).get(f"/training/enrolments/{enrolment.pk}/graduation/")
    )
    assert "The programme names no certificate of its own, so PeerPath prints none." in page
    assert f"/verify/{award.certificate_number}/" in page
    pdf = client_for(Role.TRAINEE).get(f"/training/awards/{award.pk}/certificate.pdf")
    assert pdf.status_code == 404


def test_the_service_refuses_a_typed_employed_outcome(world: World) -> None:
    """Employment comes only from an employment record (an appointment to a post); the
    form hides "employed", and the service refuses it too."""
    from django.core.exceptions import ValidationError

    from peerpath.training.services.graduation import outcome_record
    from peerpath.training.tests.factories import AwardFactory, EnrolmentFactory

    award: Any = AwardFactory(
        enrolment=EnrolmentFactory(
            cohort__programme__organisation=world.organisation, trainee=world.user(Role.TRAINEE)
        ),
        awarded_on=timezone.localdate(),
    )
    with pytest.raises(ValidationError) as refused:
        outcome_record(
            award=award,
            kind="employed",
            team=world.team,
            detail="",
            on=timezone.localdate(),
            by=world.user(Role.COORDINATOR),
        )
    assert "employment record" in " ".join(refused.value.messages)
    assert not award.outcomes.exists()
    volunteering = outcome_record(
        award=award,
        kind="volunteering",
        team=world.team,
        detail="",
        on=timezone.localdate(),
        by=world.user(Role.COORDINATOR),
    )
    assert award.outcomes.get() == volunteering
