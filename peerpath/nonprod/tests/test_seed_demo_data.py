import io
from typing import Any

import pytest
from allauth.mfa.models import Authenticator
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.test import Client
from django.utils import timezone

from peerpath.core.roles import Role
from peerpath.nonprod.demo import DEMO_ORGANISATION, DEMO_USERS
from peerpath.organisations.models import Membership, Organisation, Team
from peerpath.organisations.selectors import actor_for
from peerpath.recruitment.dashboard import dashboard
from peerpath.recruitment.models import Application, Intake
from peerpath.tests.pages import text
from peerpath.training.models import (
    AttendanceRecord,
    Award,
    Cohort,
    Enrolment,
    EnrolmentStatus,
    GraduateOutcome,
    Programme,
    TrainingSession,
)

pytestmark = pytest.mark.django_db


def counts() -> dict[str, int]:
    return {
        "organisations": Organisation.objects.count(),
        "teams": Team.objects.count(),
        "users": get_user_model().objects.count(),
        "memberships": Membership.objects.count(),
        "authenticators": Authenticator.objects.count(),
        "programmes": Programme.objects.count(),
        "cohorts": Cohort.objects.count(),
        "intakes": Intake.objects.count(),
    }


def test_seeding_twice_changes_nothing_the_second_time() -> None:
    call_command("seed_demo_data", stdout=io.StringIO())
    first = counts()
    out = io.StringIO()
    call_command("seed_demo_data", stdout=out)
    assert counts() == first
    assert "(0 new records)" in out.getvalue()
    assert first == {
        "organisations": 2,
        "teams": 2,
        # The demo log-ins, the trainees and graduates who never log in to the demo, and
        # the trainer invited who has not accepted yet.
        "users": len(DEMO_USERS) + 8 + 1,
        "memberships": len(DEMO_USERS) + 1,
        # Each staff log-in: an authenticator app and its recovery codes.
        "authenticators": 2 * sum(d.is_staff_role for d in DEMO_USERS),
        "programmes": 8,  # four templates and the demo trust's copy of each
        # The PEP's past, running and next cohorts, and one of each other programme.
        "cohorts": 6,
        "intakes": 5,  # an open intake per programme, and the PEP's past one
    }


def test_demo_logins_lists_every_demo_user() -> None:
    out = io.StringIO()
    call_command("demo_logins", stdout=out)
    for demo in DEMO_USERS:
        assert demo.email in out.getvalue()
    code = io.StringIO()
    call_command("demo_logins", "--code", stdout=code)
    assert code.getvalue().strip().isdigit() and len(code.getvalue().strip()) == 6


@pytest.fixture
def demo(db: None) -> Organisation:
    call_command("seed_demo_data", stdout=io.StringIO())
    return Organisation.objects.get(name=DEMO_ORGANISATION)


def login(email: str) -> Client:
    client = Client()
    client.force_login(get_user_model().objects.get(email=email))
    return client


def staff(email: str) -> Client:
    return login(email)


def test_the_demo_has_graduates_with_certificates_and_outcomes(
    demo: Organisation, tmp_path: Any
) -> None:
    awards = Award.objects.filter(organisation=demo).select_related("enrolment__trainee")
    assert {a.trainee_name for a in awards} == {"Jordan Reid", "Morgan Ellis", "Dev Sharma"}
    jordan = awards.get(trainee_name="Jordan Reid")
    assert jordan.enrolment.trainee.email == "psw@peerpath.example"
    assert jordan.awarding_organisation == DEMO_ORGANISATION
    assert jordan.certificate_title == "Riverside Graduation certificate"
    assert GraduateOutcome.objects.filter(award__in=awards, kind="employed").count() == 2
    pdf = staff("coordinator@peerpath.example").get(f"/training/awards/{jordan.pk}/certificate.pdf")
    assert pdf.status_code == 200 and pdf["Content-Type"] == "application/pdf"
    # The PSW can open their own certificate too.
    assert (
        login("psw@peerpath.example")
        .get(f"/training/awards/{jordan.pk}/certificate.pdf")
        .status_code
        == 200
    )
    checked = text(Client().get(f"/verify/{jordan.certificate_number}/"))
    assert "This certificate is genuine" in checked and DEMO_ORGANISATION in checked


def test_the_demo_dashboard_shows_real_numbers(demo: Organisation) -> None:
    coordinator = get_user_model().objects.get(
        memberships__organisation=demo, memberships__role=Role.COORDINATOR
    )
    figures = dashboard(actor=actor_for(coordinator, demo))
    assert figures["headline"] == {
        "graduated": 3,
        "employed": 2,
        "applicants_in_progress": 3,
    }
    assert [f.enrolment.trainee.full_name for f in figures["at_risk"].figures] == ["Maya Brooks"]
    assert figures["marking_count"] == 1
    pep = next(f for f in figures["programme_funnels"] if "PEP" in f.label)
    assert pep.counts == (10, 9, 5, 7, 3, 2)
    # The third graduate has not said what they went on to do: the coordinator is asked.
    assert [a.trainee_name for a in figures["no_outcome"]] == ["Dev Sharma"]
    page = text(staff("coordinator@peerpath.example").get("/training/dashboard/"))
    assert "3 people have graduated, and 2 of them are now employed." in page


def test_the_running_cohorts_have_registers_for_the_sessions_so_far(demo: Organisation) -> None:
    today = timezone.localdate()
    priya = Enrolment.objects.get(trainee__email="trainee@peerpath.example")
    cohort = priya.cohort
    assert cohort.title == "Peer Education Programme: cohort 2" and priya.status == "active"
    past = cohort.sessions.filter(date__lt=today)
    assert past.exists()
    assert AttendanceRecord.objects.filter(session__in=past).count() == 3 * past.count()
    assert not AttendanceRecord.objects.filter(session__cohort=cohort, session__date__gte=today)
    imroc = Cohort.objects.get(title="Peer Support Training (ImROC): cohort 1")
    latest = imroc.sessions.filter(date__lt=today).order_by("-date").first()
    assert latest is not None and not latest.attendance.exists()  # the trainer's next job


def test_demo_timetables_have_times_and_places_and_no_bank_holidays(demo: Organisation) -> None:
    from peerpath.training.selectors.delivery import public_holiday

    sessions = TrainingSession.objects.filter(organisation=demo).select_related("cohort")
    assert sessions.count() > 40
    assert not [s.date for s in sessions if public_holiday(s.date)]
    pep = sessions.filter(cohort__title__startswith="Peer Education Programme")
    assert {(str(s.starts_at), str(s.ends_at), s.place) for s in pep} == {
        ("09:00:00", "17:00:00", "Riverside Recovery College, Training Room 1")
    }
    assert {s.place for s in sessions.filter(cohort__title__contains="ImROC")} == {"Online"}


def test_the_demo_intakes_speak_for_riverside(demo: Organisation) -> None:
    from peerpath.training.models import CopiedText

    assert not CopiedText.objects.filter(organisation=demo, confirmed_at__isnull=True).exists()
    intake = Intake.objects.get(
        organisation=demo, title__startswith="Peer Education Programme (PEP): next"
    )
    page = text(Client().get(f"/apply/{demo.slug}/{intake.pk}/"))
    assert "within CPFT" not in page and "Recovery College East" not in page
    assert "Want to work as a peer worker within Riverside after the training" in page
    assert "Jobs are not guaranteed" in page


def test_the_demo_peer_support_is_under_way(demo: Organisation) -> None:
    """Something to open on every page of peer support (test_reachability.py crawls them)."""
    from peerpath.caseload.models import PeerRelationship, Person, Status
    from peerpath.contacts.models import ContactNote
    from peerpath.governance.models import Disclosure
    from peerpath.groups.models import PeerGroup
    from peerpath.recovery.models import Document

    now = timezone.now()
    group = PeerGroup.objects.get(organisation=demo, name="Riverside Walk and Talk")
    assert {u.email for u in group.facilitators.all()} == {
        "psw@peerpath.example",
        "supervisor@peerpath.example",
    }
    assert group.members.count() == 3
    past = group.sessions.filter(starts_at__lt=now)
    assert past.count() == 3 and all(s.attendance.exists() for s in past)
    assert group.sessions.filter(starts_at__gt=now).count() == 1
    waiting = PeerRelationship.objects.get(organisation=demo, person__full_name="Nadia Hussain")
    assert waiting.status == Status.OFFERED and waiting.worker is not None
    assert waiting.worker.email == "psw@peerpath.example"
    assert waiting.first_met_on is None
    alex = Person.objects.get(user__email="person@peerpath.example")
    notes = ContactNote.objects.filter(person=alex)
    assert notes.filter(signed_at__isnull=False).exists()
    assert {n.author.email for n in notes.filter(signed_at__isnull=True)} == {
        "psw@peerpath.example",
        "supervisor@peerpath.example",
    }
    plan = Document.objects.get(person=alex, kind="recovery_plan")
    assert plan.current_version == 2 and plan.versions.count() == 2
    assert alex.worksheets.exists() and alex.activities.exists() and alex.digital.exists()
    disclosure = Disclosure.objects.get(person=alex)
    assert disclosure.concern is not None and disclosure.concern.status == "open"
    assert alex.disclosure_recorded


def test_the_demo_admin_has_an_invitation_waiting(demo: Organisation) -> None:
    from peerpath.organisations.selectors import invitations_waiting

    (invitation,) = invitations_waiting(demo)
    assert invitation.user.full_name == "Sian Hughes" and invitation.roles == "trainer"
    assert not invitation.user.has_usable_password()
    assert invitation.invited_by is not None
    assert invitation.invited_by.email == "admin@peerpath.example"
    sent_days_ago = (timezone.now() - invitation.sent_at).days
    assert sent_days_ago == 3 and not invitation.has_expired
    page = text(staff("admin@peerpath.example").get("/manage/invitations/"))
    assert "Sian Hughes" in page and f'href="/manage/invitations/{invitation.pk}/resend/"' in page
    # The demo's own trainer stays Tara Lewis, who teaches every cohort.
    assert {
        u.full_name for c in Cohort.objects.filter(organisation=demo) for u in c.facilitators.all()
    } == {"Tara Lewis"}


def test_the_demo_has_work_waiting_for_the_coordinator_and_a_file_to_mark(
    demo: Organisation,
) -> None:
    from peerpath.training.models import Submission

    accepted = Application.objects.get(intake__organisation=demo, full_name="Amira Osei")
    assert accepted.stage == "accepted" and accepted.trainee is None
    coordinator = staff("coordinator@peerpath.example")
    page = text(coordinator.get(f"/training/applications/{accepted.pk}/"))
    assert "Enrol as a trainee" in page and "Peer Education Programme: cohort 3" in page
    upcoming = Cohort.objects.get(organisation=demo, title="Peer Education Programme: cohort 3")
    assert upcoming.starts_on > timezone.localdate() and not upcoming.sessions.exists()
    assert "Make the timetable from the programme" in text(
        coordinator.get(f"/training/cohorts/{upcoming.pk}/")
    )
    reflection = Submission.objects.get(enrolment__trainee__email="trainee@peerpath.example")
    assert reflection.file.original_name == "reflection-on-hope.txt"
    download = login("trainee@peerpath.example").get(f"/training/submissions/{reflection.pk}/file/")
    assert download.status_code == 200 and b"hope" in download.getvalue()


def test_the_trainee_who_left_is_shown_as_having_left(demo: Organisation) -> None:
    """Kerry Walsh left the first PEP cohort after four sessions: no register after that
    names her, and her cohort's page says she left, with no placement to arrange."""
    leaver = Enrolment.objects.get(cohort__organisation=demo, trainee__full_name="Kerry Walsh")
    assert leaver.status == EnrolmentStatus.WITHDRAWN
    sessions = sorted(leaver.attendance.values_list("session__number", flat=True))
    assert sessions == [1, 2, 3, 4]
    coordinator = staff("coordinator@peerpath.example")
    page = text(coordinator.get(f"/training/cohorts/{leaver.cohort_id}/"))
    row = page[page.index("Kerry Walsh") : page.index("</tr>", page.index("Kerry Walsh"))]
    assert "Left the course" in row and "2 of 4 recorded" in row
    assert "Arrange placement" not in row and "On track" not in row
