"""The recovery story draft is the trainee's alone until they submit it."""

from datetime import date
from typing import Any

import pytest
from django.test import Client

from conftest import World
from peerpath.core.models import AuditEvent
from peerpath.core.roles import Role
from peerpath.tests.pages import text
from peerpath.training.models import Enrolment, StoryDraft, Submission
from peerpath.training.services.delivery import cohort_create
from peerpath.training.services.programme_templates import programme_templates_load
from peerpath.training.tests.helpers import template_copy

pytestmark = pytest.mark.django_db
CANARY = "CANARY-STORY my time on the ward"


@pytest.fixture
def enrolment(world: World) -> Enrolment:
    programme_templates_load()
    programme = template_copy("eleven-session-peer-support-course", world.organisation)
    cohort = cohort_create(
        programme=programme,
        title="Course A",
        starts_on=date(2027, 3, 1),
        facilitators=[world.user(Role.TRAINER)],
        by=None,
    )
    return Enrolment.objects.create(
        organisation=world.organisation, cohort=cohort, trainee=world.user(Role.TRAINEE)
    )


def save(client: Any, body: str, version: int, **extra: str) -> Any:
    return client.post("/training/my/story/", {"text": body, "version": version, **extra})


def test_the_lesson_shows_its_themes_and_the_safety_message(
    enrolment: Enrolment, client_for: Any
) -> None:
    page = text(client_for(Role.TRAINEE).get("/training/my/story/"))
    for words in (
        "My life… the move or the novel",
        "Letters from the Wise One",
        "Fresh perspectives",
        "Surviving, Thriving and Recovery",
        "What would a good friend say about you?",
        "you can call Samaritans on 116 123 at any time",
        "stop and come back to it later",
        "reach out to the tutor",
    ):
        assert words in page


@pytest.mark.hazard("H9")
def test_the_draft_is_invisible_to_trainers_and_coordinators_until_submitted(
    enrolment: Enrolment, world: World, client_for: Any
) -> None:
    trainee = client_for(Role.TRAINEE)
    assert save(trainee, CANARY, 0).status_code == 302
    assert StoryDraft.objects.get().text == CANARY
    cohort = enrolment.cohort
    staff_urls = [
        "/training/my/story/",
        "/training/my/story/submit/",
        f"/training/cohorts/{cohort.pk}/",
        f"/training/cohorts/{cohort.pk}/submissions/",
        "/training/my/",
        "/manage/audit/",
        "/manage/audit/export.csv",
    ]
    for role in (Role.TRAINER, Role.COORDINATOR, Role.ORG_ADMIN, Role.SUPERVISOR):
        client = client_for(role)
        for url in staff_urls:
            response = client.get(url)
            body = b"".join(response.streaming_content) if response.streaming else response.content
            assert CANARY.encode() not in body, (role, url)
        assert (
            client.post("/training/my/story/autosave/", {"text": "x", "version": 1}).status_code
            == 403
        )
    # Another trainee in the same organisation cannot read it either.
    other = world.user("outsider")
    assert CANARY not in text(client_for("outsider").get("/training/my/story/"))
    # The audit log records that a draft was saved, never what it says.
    assert AuditEvent.objects.filter(reason="draft saved").exists()
    assert other.pk != world.user(Role.TRAINEE).pk


def test_submitting_shares_that_version_with_the_tutor(
    enrolment: Enrolment, world: World, client_for: Any
) -> None:
    trainee = client_for(Role.TRAINEE)
    response = save(trainee, CANARY, 0, submit="1")
    assert response["Location"] == "/training/my/story/submit/"
    assert "Your tutor and the course coordinator will be able to read" in text(
        trainee.get("/training/my/story/submit/")
    )
    assert Submission.objects.count() == 0  # not until they confirm
    assert trainee.post("/training/my/story/submit/").status_code == 302
    submission = Submission.objects.get()
    assert (submission.number, submission.text) == (1, CANARY)
    page = text(
        client_for(Role.TRAINER).get(f"/training/cohorts/{enrolment.cohort.pk}/submissions/")
    )
    assert CANARY in page
    # Later changes to the draft stay private; the submitted version does not change.
    save(trainee, CANARY + " and more", StoryDraft.objects.get().version)
    page = text(
        client_for(Role.TRAINER).get(f"/training/cohorts/{enrolment.cohort.pk}/submissions/")
    )
    assert "and more" not in page


def test_an_empty_story_cannot_be_submitted(enrolment: Enrolment, client_for: Any) -> None:
    response = client_for(Role.TRAINEE).post("/training/my/story/submit/")
    assert response.status_code == 400
    assert "There is nothing to submit yet." in text(response)
    assert Submission.objects.count() == 0


def test_autosave_saves_and_a_stale_window_is_refused(
    enrolment: Enrolment, client_for: Any
) -> None:
    trainee = client_for(Role.TRAINEE)
    trainee.get("/training/my/story/")
    first = trainee.post(
        "/training/my/story/autosave/",
        {"text": "first words", "version": 0},
        HTTP_HX_REQUEST="true",
    )
    assert first.status_code == 200
    assert "Only you can read it." in text(first)
    assert 'name="version" value="1"' in first.content.decode()
    stale = trainee.post(
        "/training/my/story/autosave/", {"text": "old tab", "version": 0}, HTTP_HX_REQUEST="true"
    )
    assert stale.status_code == 409
    assert "saved from another window" in text(stale)
    assert StoryDraft.objects.get().text == "first words"


def test_trainees_without_the_lesson_are_told_kindly(world: World, client_for: Any) -> None:
    page = text(client_for(Role.TRAINEE).get("/training/my/story/"))
    assert "Your course does not include the recovery story lesson" in page


def test_a_signed_out_visitor_is_asked_to_log_in(enrolment: Enrolment) -> None:
    response = Client().get("/training/my/story/")
    assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")
