from datetime import date, timedelta
from typing import Any

import pytest
import time_machine
from django.core import mail
from django.test import Client
from django.utils import timezone

from conftest import World
from peerpath.core.models import AuditEvent
from peerpath.core.roles import Role
from peerpath.jobs.testing import run_jobs
from peerpath.organisations.models import Membership
from peerpath.recruitment.models import Application, Intake, Stage
from peerpath.recruitment.tests.helpers import complete_application, express_interest, intake
from peerpath.tests.dates import date_boxes
from peerpath.tests.pages import text
from peerpath.training.models import Enrolment, Programme
from peerpath.training.services.delivery import cohort_create
from peerpath.training.tests.helpers import pep

__all__ = ["intake", "pep"]  # fixtures used below
pytestmark = pytest.mark.django_db


def test_expression_of_interest_needs_no_log_in_and_emails_a_private_link(intake: Intake) -> None:
    response = express_interest(intake)
    run_jobs()
    application = Application.objects.get()
    assert response["Location"] == f"/application/{application.access_token}/"
    assert application.stage == Stage.INTEREST
    [email] = mail.outbox
    assert f"/application/{application.access_token}/" in email.body
    assert "Thank you for your interest in Peer Education Programme (PEP)" in email.body


def test_the_public_form_explains_mistakes_and_refuses_duplicates(intake: Intake) -> None:
    bad = express_interest(intake, full_name="", email="not-an-email", interest="")
    page = text(bad)
    assert bad.status_code == 400
    assert "Enter your name." in page and "Enter an email address in the correct format" in page
    assert Application.objects.count() == 0
    express_interest(intake)
    again = express_interest(intake, email="SAM@example.org")
    assert "You have already expressed interest in this intake" in text(again)
    assert Application.objects.count() == 1


def test_a_closed_intake_takes_no_interest(intake: Intake) -> None:
    with time_machine.travel(date(2027, 3, 1)):
        response = Client().post(
            f"/apply/{intake.organisation.slug}/{intake.pk}/",
            {"full_name": "Late", "email": "late@example.org", "interest": "x"},
        )
    assert "is not open for expressions of interest" in text(response)
    assert Application.objects.count() == 0


def test_an_empty_application_is_explained_and_changes_nothing(intake: Intake) -> None:
    express_interest(intake)
    application = Application.objects.get()
    response = Client().post(f"/application/{application.access_token}/", {})
    page = text(response)
    assert response.status_code == 400
    assert "Choose yes or not yet." in page
    assert "Confirm you can commit to the training." in page
    application.refresh_from_db()
    assert application.stage == Stage.INTEREST and application.answers.count() == 0
    missing = complete_application(
        application, **{f"evidence_{application.intake.programme.criteria.get(order=1).pk}": ""}
    )
    assert "Tell us about this, in a few words." in text(missing)
    assert application.answers.count() == 0


def test_lived_experience_is_read_only_by_the_panel_and_the_applicant(
    intake: Intake, world: World, client_for: Any
) -> None:
    express_interest(intake)
    application = Application.objects.get()
    assert complete_application(application).status_code == 302
    application.refresh_from_db()
    assert application.stage == Stage.APPLICATION and application.answers.count() == 10
    url = f"/training/applications/{application.pk}/"
    assert "CANARY-DISCLOSURE" in text(client_for(Role.TRAINER).get(url))  # on the panel
    for role in (Role.COORDINATOR, Role.ORG_ADMIN, Role.SUPERVISOR):
        page = text(client_for(role).get(url))
        assert "CANARY-DISCLOSURE" not in page
        assert "Only the selection panel for this intake can read" in page
    assert client_for(Role.PSW).get(url).status_code == 403
    assert client_for("outsider").get(url).status_code == 404
    assert "CANARY-DISCLOSURE" in text(Client().get(f"/application/{application.access_token}/"))
    assert Client().get("/application/made-up-token/").status_code == 404


def test_moving_through_the_pipeline_records_reasons_and_tells_the_applicant(
    intake: Intake, world: World, client_for: Any
) -> None:
    express_interest(intake)
    application = Application.objects.get()
    complete_application(application)
    run_jobs()  # the emails so far
    coordinator = client_for(Role.COORDINATOR)
    url = f"/training/applications/{application.pk}/move/"
    no_reason = coordinator.post(url, {"to_stage": Stage.INFORMATION_SESSION, "reason": ""})
    assert "Give a reason for this change." in text(no_reason)
    for stage in (
        Stage.INFORMATION_SESSION,
        Stage.GROUP_INTERVIEW,
        Stage.ONE_TO_ONE,
        Stage.OFFER,
        Stage.ACCEPTED,
    ):
        mail.outbox.clear()
        application.refresh_from_db()
        moved = {"to_stage": stage, "reason": f"ready for {stage}", "version": application.version}
        response = coordinator.post(url, moved)
        run_jobs()
        assert response.status_code == 302
        [email] = mail.outbox
        assert email.to == ["sam@example.org"]
        assert f"ready for {stage}" not in email.body  # the reason stays internal
    application.refresh_from_db()
    assert application.stage == Stage.ACCEPTED
    assert list(application.stage_changes.values_list("to_stage", flat=True)) == [
        "interest",
        "application",
        "information_session",
        "group_interview",
        "one_to_one",
        "offer",
        "accepted",
    ]
    closed = coordinator.post(
        url, {"to_stage": Stage.OFFER, "reason": "oops", "version": application.version}
    )
    assert "This application is closed and cannot move." in text(closed)


def test_an_unsuccessful_email_is_kind(intake: Intake, client_for: Any) -> None:
    express_interest(intake)
    application = Application.objects.get()
    mail.outbox.clear()
    client_for(Role.COORDINATOR).post(
        f"/training/applications/{application.pk}/move/",
        {"to_stage": Stage.UNSUCCESSFUL, "reason": "places filled", "version": 1},
    )
    run_jobs()
    body = mail.outbox[0].body
    assert "This is not a judgement of your experience or your worth" in body
    assert "places filled" not in body


def test_appointments_must_be_in_the_future(intake: Intake, client_for: Any) -> None:
    express_interest(intake)
    application = Application.objects.get()
    url = f"/training/applications/{application.pk}/appointments/"

    def book(on: date | str, at: str) -> Any:
        data = {"kind": "group_interview", **date_boxes("on", on), "at": at, "place": "Room 1"}
        return client_for(Role.COORDINATOR).post(url, data)

    past = book("2020-01-01", "10:00")
    assert "Date of the appointment must be today or in the future" in text(past)
    earlier_today = book(timezone.localdate(), "00:00")
    assert "Choose a date and time in the future." in text(earlier_today)
    assert application.bookings.count() == 0
    # A planned date is within five years (core/dates.py PLANNED).
    assert "must be between" in text(book("2099-01-20", "10:00"))
    future = book(timezone.localdate() + timedelta(days=60), "10:00")
    assert future.status_code == 302 and application.bookings.count() == 1


def test_accepted_applicants_are_enrolled_once_with_an_invitation(
    intake: Intake,
    world: World,
    pep: Programme,
    client_for: Any,
) -> None:
    express_interest(intake)
    application = Application.objects.get()
    coordinator = client_for(Role.COORDINATOR)
    cohort = cohort_create(
        programme=pep,
        title="PEP cohort 14",
        starts_on=date(2027, 3, 1),
        facilitators=[world.user(Role.TRAINER)],
        by=None,
    )
    enrol_url = f"/training/applications/{application.pk}/enrol/"
    early = coordinator.post(enrol_url, {"cohort": cohort.pk})
    assert "Only accepted applicants can be enrolled." in text(early)
    coordinator.post(
        f"/training/applications/{application.pk}/move/",
        {"to_stage": Stage.ACCEPTED, "reason": "offer accepted by phone", "version": 1},
    )
    mail.outbox.clear()
    assert coordinator.post(enrol_url, {"cohort": cohort.pk}).status_code == 302
    run_jobs()
    enrolment = Enrolment.objects.get()
    assert enrolment.trainee.email == "sam@example.org" and enrolment.cohort == cohort
    assert Membership.objects.filter(user=enrolment.trainee, role=Role.TRAINEE).exists()
    assert any("/invitation/" in m.body for m in mail.outbox)
    again = coordinator.post(enrol_url, {"cohort": cohort.pk})
    assert "This applicant is already enrolled." in text(again)
    assert Enrolment.objects.count() == 1


def test_intake_dates_and_places_are_checked(world: World, pep: Programme, client_for: Any) -> None:
    response = client_for(Role.COORDINATOR).post(
        "/training/intakes/new/",
        {
            "programme": pep.pk,
            "title": "Bad",
            "opens_on": "2027-02-01",
            "closes_on": "2027-01-01",
            "capacity": "0",
        },
    )
    page = text(response)
    assert "The closing date must be on or after the opening date." in page
    assert "There must be at least 1 place." in page
    assert Intake.objects.count() == 0


@pytest.mark.parametrize("people", [2, 12])
def test_board_and_list_query_counts_are_flat(
    intake: Intake, client_for: Any, django_assert_num_queries: Any, people: int
) -> None:
    for n in range(people):
        express_interest(intake, email=f"person{n}@example.org")
    client = client_for(Role.COORDINATOR)
    for url in (f"/training/intakes/{intake.pk}/?view=board", f"/training/intakes/{intake.pk}/"):
        client.get(url)
        # session, user, memberships, intake, the applications
        with django_assert_num_queries(5):
            assert client.get(url).status_code == 200


def test_viewing_an_application_is_audited(intake: Intake, world: World, client_for: Any) -> None:
    express_interest(intake)
    application = Application.objects.get()
    client_for(Role.TRAINER).get(f"/training/applications/{application.pk}/")
    event = AuditEvent.objects.filter(object_type="recruitment.application", action="view").last()
    assert event is not None and event.reason == "with lived experience disclosure"
    assert event.actor_id == world.user(Role.TRAINER).pk


def test_offers_stop_at_the_intakes_places(intake: Intake, client_for: Any) -> None:
    intake.capacity = 1
    intake.save()
    express_interest(intake, email="first@example.org")
    express_interest(intake, email="second@example.org")
    first, second = Application.objects.order_by("pk")
    coordinator = client_for(Role.COORDINATOR)
    ok = coordinator.post(
        f"/training/applications/{first.pk}/move/",
        {"to_stage": Stage.OFFER, "reason": "strong application", "version": first.version},
    )
    assert ok.status_code == 302
    full = coordinator.post(
        f"/training/applications/{second.pk}/move/",
        {"to_stage": Stage.OFFER, "reason": "also strong", "version": second.version},
    )
    assert "All 1 places in this intake are offered or accepted." in text(full)
    second.refresh_from_db()
    assert second.stage == Stage.INTEREST


def test_a_panel_member_id_too_large_for_the_database_is_explained_not_a_server_error(
    world: World, pep: Programme, client_for: Any
) -> None:
    response = client_for(Role.COORDINATOR).post(
        "/training/intakes/new/",
        {
            "programme": pep.pk,
            "title": "Spring",
            "opens_on": "2027-01-01",
            "closes_on": "2027-02-01",
            "capacity": "10",
            "panel": ["99999999999999999999999"],
        },
    )
    assert response.status_code == 400  # the form again, with the error next to the field
    # The panel is chosen by search (core/chooser.py), whose refusal is in plain words.
    assert "Choose from the people the search finds" in text(response)
    assert Intake.objects.count() == 0
