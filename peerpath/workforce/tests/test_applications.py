"""Applications to vacancies, from graduates and from outside, through one process: the
public pages, shortlisting, interview and panel scores, offer, appointment, employment."""

from datetime import date, timedelta
from typing import Any

import pytest
from django.core import mail
from django.test import Client
from django.utils import timezone

from conftest import World
from peerpath.core.roles import Role
from peerpath.jobs.testing import run_jobs
from peerpath.organisations.models import Membership
from peerpath.tests.dates import date_boxes
from peerpath.tests.pages import text
from peerpath.workforce import services
from peerpath.workforce.models import EmploymentRecord, JobApplication, JobStage, PanelScore
from peerpath.workforce.tests.helpers import (
    advertise,
    evidence_for,
    graduate_award,
    make_vacancy,
)

pytestmark = pytest.mark.django_db


def outside_application(world: World, vacancy: Any, email: str = "sky@example.org") -> Any:
    return Client().post(
        f"/vacancies/{world.organisation.slug}/{vacancy.pk}/apply/",
        {"full_name": "Sky Rivers", "email": email, "phone": "07700 900123",
         **evidence_for(vacancy)},
    )  # fmt: skip


def test_anyone_applies_from_the_public_page_and_follows_it_by_a_private_link(
    world: World,
) -> None:
    vacancy = advertise(make_vacancy(world))
    board = text(Client().get(f"/vacancies/{world.organisation.slug}/"))
    assert vacancy.post.title in board
    form = text(Client().get(f"/vacancies/{world.organisation.slug}/{vacancy.pk}/apply/"))
    assert "You need to have lived experience of mental distress and recovery" in form
    response = outside_application(world, vacancy)
    run_jobs()
    application = JobApplication.objects.get()
    assert response["Location"] == f"/job-application/{application.access_token}/"
    assert application.applicant is None and application.award is None
    assert application.answers.count() == 8
    [email] = mail.outbox
    assert f"/job-application/{application.access_token}/" in email.body
    assert "Thank you for applying" in email.body
    page = text(Client().get(response["Location"]))
    assert "Application received" in page and "How I meet 1" in page


def test_a_draft_vacancy_is_not_public_and_mistakes_are_explained(world: World) -> None:
    vacancy = make_vacancy(world)
    assert (
        Client().get(f"/vacancies/{world.organisation.slug}/{vacancy.pk}/apply/").status_code == 404
    )
    advertise(vacancy)
    bad = Client().post(
        f"/vacancies/{world.organisation.slug}/{vacancy.pk}/apply/",
        {"full_name": "", "email": "nope"},
    )
    assert bad.status_code == 400
    page = text(bad)
    assert "Enter your name." in page and "Tell us how you meet this" in page
    outside_application(world, vacancy)
    again = outside_application(world, vacancy, email="SKY@example.org")
    assert "You have already applied for this vacancy" in text(again)
    assert JobApplication.objects.count() == 1


def test_a_graduate_sees_vacancies_at_home_and_applies_with_their_details_filled_in(
    world: World, client_for: Any
) -> None:
    vacancy = advertise(make_vacancy(world))
    trainee = client_for(Role.TRAINEE)
    assert "Peer worker vacancies" not in text(trainee.get("/"))  # not a graduate yet
    award = graduate_award(world)
    home = text(trainee.get("/"))
    assert f"/workforce/vacancies/{vacancy.pk}/apply/" in home
    assert "Jobs are not guaranteed" in home
    form = text(trainee.get(f"/workforce/vacancies/{vacancy.pk}/apply/"))
    user = world.user(Role.TRAINEE)
    assert f'value="{user.email}"' in form and f'value="{user.full_name}"' in form
    trainee.post(
        f"/workforce/vacancies/{vacancy.pk}/apply/",
        {"full_name": user.full_name, "email": user.email, **evidence_for(vacancy)},
    )
    application = JobApplication.objects.get()
    assert application.applicant == user and application.award == award
    assert application.stage == JobStage.APPLIED  # never automatic
    assert "you have applied" in text(trainee.get("/"))
    panel = text(client_for(Role.COORDINATOR).get(f"/workforce/applications/{application.pk}/"))
    assert "graduate of Peer Education Programme" in panel


def _applied(world: World) -> JobApplication:
    vacancy = advertise(make_vacancy(world))
    outside_application(world, vacancy)
    return JobApplication.objects.get()


def _shortlist(client: Any, application: JobApplication, meets: str = "yes") -> Any:
    data: dict[str, Any] = {"version": application.version}
    for answer in application.answers.all():
        data[f"meets_{answer.criterion_id}"] = meets
    return client.post(f"/workforce/applications/{application.pk}/shortlist/", data)


def _move(client: Any, application: JobApplication, to: str) -> Any:
    application.refresh_from_db()
    return client.post(
        f"/workforce/applications/{application.pk}/move/",
        {"to_stage": to, "reason": f"Panel agreed: {to}", "version": application.version},
    )


def _interview(client: Any, application: JobApplication, panel: list[Any]) -> Any:
    on = timezone.localdate() + timedelta(days=7)
    return client.post(
        f"/workforce/applications/{application.pk}/interview/",
        {**date_boxes("on", on), "at": "10:30", "place": "Room 2",
         "panel": [u.pk for u in panel]},
    )  # fmt: skip


def test_shortlisting_is_against_each_criterion(world: World, client_for: Any) -> None:
    application = _applied(world)
    coordinator = client_for(Role.COORDINATOR)
    early = _move(coordinator, application, "shortlisted")
    assert early.status_code == 400
    assert "Decide each criterion in the shortlisting first." in text(early)
    _shortlist(coordinator, application, meets="no")
    not_met = _move(coordinator, application, "shortlisted")
    assert "Shortlisting needs every criterion met" in text(not_met)
    application.refresh_from_db()
    _shortlist(coordinator, application, meets="yes")
    assert _move(coordinator, application, "shortlisted").status_code == 302
    application.refresh_from_db()
    assert application.stage == JobStage.SHORTLISTED


def test_the_whole_way_from_application_to_appointment_for_someone_from_outside(
    world: World, client_for: Any
) -> None:
    application = _applied(world)
    coordinator = client_for(Role.COORDINATOR)
    supervisor_user = world.user(Role.SUPERVISOR)
    _shortlist(coordinator, application)
    _move(coordinator, application, "shortlisted")
    assert _interview(coordinator, application, [supervisor_user]).status_code == 302
    application.refresh_from_db()
    assert application.stage == JobStage.INTERVIEW
    # The panel member scores each question.
    supervisor = client_for(Role.SUPERVISOR)
    questions = list(application.vacancy.questions.all())
    scores = {f"score_{q.pk}": "4" for q in questions}
    scores[f"note_{questions[0].pk}"] = "CANARY-PANEL-NOTE warm and clear"
    supervisor.post(f"/workforce/applications/{application.pk}/score/", scores)
    assert PanelScore.objects.filter(author=supervisor_user).count() == len(questions)
    assert "CANARY-PANEL-NOTE" in text(
        coordinator.get(f"/workforce/applications/{application.pk}/")
    )
    assert "CANARY-PANEL-NOTE" in text(supervisor.get(f"/workforce/applications/{application.pk}/"))
    admin = text(client_for(Role.ORG_ADMIN).get(f"/workforce/applications/{application.pk}/"))
    assert "CANARY-PANEL-NOTE" not in admin and "Panel scores" not in admin
    _move(coordinator, application, "offer")
    _move(coordinator, application, "accepted")
    application.refresh_from_db()
    starts_on = timezone.localdate() + timedelta(days=14)
    response = coordinator.post(
        f"/workforce/applications/{application.pk}/appoint/",
        {
            **date_boxes("starts_on", starts_on),
            "hours_per_week": "22.5",
            "line_manager": supervisor_user.pk,
            "peer_supervisor": supervisor_user.pk,
            "version": application.version,
        },
    )
    record = EmploymentRecord.objects.get()
    assert response["Location"] == f"/workforce/employment/{record.pk}/"
    assert record.worker.email == "sky@example.org" and record.starts_on == starts_on
    assert record.application == application and record.post == application.vacancy.post
    membership = Membership.objects.get(user=record.worker, role=Role.PSW)
    assert membership.team == application.vacancy.post.team
    application.refresh_from_db()
    assert application.stage == JobStage.APPOINTED
    run_jobs()
    subjects = [m.subject for m in mail.outbox]
    assert any("invit" in s.lower() or "join" in s.lower() for s in subjects), subjects


def test_a_graduate_with_an_account_gets_the_psw_role_on_appointment(world: World) -> None:
    vacancy = advertise(make_vacancy(world))
    award = graduate_award(world)
    trainee = world.user(Role.TRAINEE)
    application = services.application_submit(
        vacancy=vacancy,
        full_name=trainee.full_name,
        email=trainee.email,
        phone="",
        evidence={c.pk: "yes" for c in vacancy.criteria.all()},
        applicant=trainee,
    )
    assert application.award == award
    JobApplication.objects.filter(pk=application.pk).update(stage=JobStage.ACCEPTED)
    application.refresh_from_db()
    record = services.appoint(
        application=application,
        starts_on=timezone.localdate(),
        hours_per_week=vacancy.post.hours_per_week,
        line_manager=world.user(Role.SUPERVISOR),
        peer_supervisor=world.user(Role.SUPERVISOR),
        expected_version=application.version,
        by=world.user(Role.COORDINATOR),
    )
    assert record.worker == trainee
    assert Membership.objects.filter(user=trainee, role=Role.PSW).exists()
    assert Membership.objects.filter(user=trainee, role=Role.TRAINEE).exists()


def test_unsuccessful_applicants_hear_kind_words(world: World, client_for: Any) -> None:
    application = _applied(world)
    run_jobs()
    mail.outbox.clear()
    _move(client_for(Role.COORDINATOR), application, "unsuccessful")
    run_jobs()
    [email] = mail.outbox
    assert "This is not a judgement of your experience or your worth" in email.body
    page = text(Client().get(f"/job-application/{application.access_token}/"))
    assert "warmly welcome to apply for future vacancies" in page


def test_a_supervisor_opens_only_applications_on_their_panels(
    world: World, client_for: Any
) -> None:
    application = _applied(world)
    application.vacancy.panel.clear()
    supervisor = client_for(Role.SUPERVISOR)
    assert supervisor.get(f"/workforce/applications/{application.pk}/").status_code == 404
    application.vacancy.panel.add(world.user(Role.SUPERVISOR))
    assert supervisor.get(f"/workforce/applications/{application.pk}/").status_code == 200


def test_an_employment_ends_with_a_date_and_a_reason(world: World, client_for: Any) -> None:
    application = _applied(world)
    record = EmploymentRecord.objects.create(
        organisation=world.organisation,
        worker=world.user(Role.PSW),
        post=application.vacancy.post,
        starts_on=date(2026, 1, 5),
        hours_per_week=15,
        line_manager=world.user(Role.SUPERVISOR),
    )
    psw_home = text(client_for(Role.PSW).get("/"))
    assert "Your post" in psw_home and application.vacancy.post.title in psw_home
    coordinator = client_for(Role.COORDINATOR)
    bad = coordinator.post(
        f"/workforce/employment/{record.pk}/end/",
        {**date_boxes("ends_on", date(2025, 12, 1)), "reason": "", "version": 1},
    )
    assert bad.status_code == 400
    assert "Say why the employment ended." in text(bad)
    ended = coordinator.post(
        f"/workforce/employment/{record.pk}/end/",
        {**date_boxes("ends_on", date(2026, 6, 30)), "reason": "A new role in the NHS",
         "version": 1},
    )  # fmt: skip
    assert ended.status_code == 302, text(ended)[-3000:]
    record.refresh_from_db()
    assert record.ends_on == date(2026, 6, 30) and record.end_reason == "A new role in the NHS"
    assert "Your post" not in text(client_for(Role.PSW).get("/"))


@pytest.mark.parametrize("rows", [1, 6])
def test_employment_and_application_lists_make_the_same_queries_however_many(
    world: World, client_for: Any, django_assert_num_queries: Any, rows: int
) -> None:
    vacancy = advertise(make_vacancy(world))
    for n in range(rows):
        outside_application(world, vacancy, email=f"person{n}@example.org")
        EmploymentRecord.objects.create(
            organisation=world.organisation,
            worker=world.user(Role.PSW),
            post=vacancy.post,
            starts_on=date(2026, 1, 5),
            hours_per_week=15,
            line_manager=world.user(Role.SUPERVISOR),
        )
    client = client_for(Role.COORDINATOR)
    client.get("/workforce/employment/")
    with django_assert_num_queries(5):
        assert client.get("/workforce/employment/").status_code == 200
    with django_assert_num_queries(6):
        assert client.get(f"/workforce/vacancies/{vacancy.pk}/applications/").status_code == 200
