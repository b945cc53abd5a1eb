from datetime import date
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from conftest import World, make_user
from peerpath.core.roles import Role
from peerpath.organisations.models import Membership
from peerpath.tests.pages import text
from peerpath.training.models import (
    AssessmentRequirement,
    Enrolment,
    Mark,
    Submission,
    SubmissionFile,
)
from peerpath.training.services.delivery import cohort_create
from peerpath.training.services.programme_templates import programme_templates_load
from peerpath.training.tests.helpers import template_copy

pytestmark = pytest.mark.django_db
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.fixture
def pep_enrolment(world: World) -> Enrolment:
    programme_templates_load()
    programme = template_copy("recovery-college-east-pep", world.organisation)
    cohort = cohort_create(
        programme=programme,
        title="PEP 14",
        starts_on=date(2027, 3, 1),
        facilitators=[world.user(Role.TRAINER)],
        by=None,
    )
    return Enrolment.objects.create(
        organisation=world.organisation, cohort=cohort, trainee=world.user(Role.TRAINEE)
    )


def exam(enrolment: Enrolment) -> AssessmentRequirement:
    return enrolment.cohort.programme.assessments.get(kind="final_exam")


def submit(client: Any, assessment: AssessmentRequirement, **data: Any) -> Any:
    return client.post(f"/training/my/assessments/{assessment.pk}/", data)


def test_trainee_sees_their_programmes_assessments(
    pep_enrolment: Enrolment, client_for: Any
) -> None:
    page = text(client_for(Role.TRAINEE).get("/training/my/assessments/"))
    for title in (
        "Learning portfolio",
        "Work experience",
        "Reflection",
        "Communication assessment",
        "Final exam",
    ):
        assert title in page
    assert page.count("Not submitted") == 5


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("essay.exe", b"MZ\x90\x00", "The file must be a PDF, Word (.docx)"),
        ("essay.pdf", b"not really a pdf", "The file is not really a PDF file."),
        ("essay.txt", b"\xff\xfe\x00bad", "The text file must be plain text (UTF-8)."),
        ("essay.pdf", b"", "The submitted file is empty."),
    ],
)
def test_wrong_files_are_refused_with_a_clear_message(
    pep_enrolment: Enrolment, client_for: Any, name: str, content: bytes, message: str
) -> None:
    response = submit(
        client_for(Role.TRAINEE), exam(pep_enrolment), upload=SimpleUploadedFile(name, content)
    )
    assert response.status_code == 400
    assert message in text(response)
    assert Submission.objects.count() == 0 and SubmissionFile.objects.count() == 0


def test_a_file_over_the_limit_is_refused(
    pep_enrolment: Enrolment, client_for: Any, settings: Any
) -> None:
    settings.PEERPATH_UPLOAD_MAX_BYTES = 20
    response = submit(
        client_for(Role.TRAINEE), exam(pep_enrolment), upload=SimpleUploadedFile("essay.pdf", PDF)
    )
    assert "The file must be smaller than 10 MB." in text(response)
    assert Submission.objects.count() == 0


def test_an_empty_submission_is_explained(pep_enrolment: Enrolment, client_for: Any) -> None:
    response = submit(client_for(Role.TRAINEE), exam(pep_enrolment), text="  ")
    assert "Write your work here, or attach a file." in text(response)
    assert Submission.objects.count() == 0


def test_submit_mark_resubmit_and_pass_keeps_every_version(
    pep_enrolment: Enrolment, world: World, client_for: Any
) -> None:
    trainee, trainer = client_for(Role.TRAINEE), client_for(Role.TRAINER)
    assessment = exam(pep_enrolment)
    assert (
        submit(
            trainee, assessment, text="First try", upload=SimpleUploadedFile("exam.pdf", PDF)
        ).status_code
        == 302
    )
    first = Submission.objects.get()
    queue = text(trainer.get("/training/marking/"))
    assert "Final exam, version 1" in queue
    no_feedback = trainer.post(f"/training/submissions/{first.pk}/mark/", {"outcome": "resubmit"})
    assert "Write feedback for the trainee." in text(no_feedback)
    trainer.post(
        f"/training/submissions/{first.pk}/mark/",
        {"outcome": "resubmit", "feedback": "A good start; say more about 2.3."},
    )
    assert "Resubmission requested" in text(trainee.get("/training/my/assessments/"))
    submit(trainee, assessment, text="Second try")
    second = Submission.objects.get(number=2)
    stale = trainer.post(
        f"/training/submissions/{first.pk}/mark/", {"outcome": "passed", "feedback": "x"}
    )
    assert "A newer version has been submitted. Mark that one instead." in text(stale)
    trainer.post(
        f"/training/submissions/{second.pk}/mark/",
        {"outcome": "passed", "feedback": "Clear and thoughtful."},
    )
    assert Mark.objects.get(submission=second).outcome == "passed"
    again = submit(trainee, assessment, text="Third")
    assert "You have already passed this assessment." in text(again)
    assert list(Submission.objects.values_list("number", "text")) == [
        (1, "First try"),
        (2, "Second try"),
    ]


def test_files_download_only_for_their_trainee_and_the_markers(
    pep_enrolment: Enrolment, world: World, client_for: Any
) -> None:
    submit(
        client_for(Role.TRAINEE), exam(pep_enrolment), upload=SimpleUploadedFile("exam.pdf", PDF)
    )
    submission = Submission.objects.get()
    url = f"/training/submissions/{submission.pk}/file/"
    owner = client_for(Role.TRAINEE).get(url)
    assert owner.status_code == 200
    assert owner["Content-Disposition"].startswith('attachment; filename="exam.pdf"')
    assert b"".join(owner.streaming_content) == PDF
    assert client_for(Role.TRAINER).get(url).status_code == 200
    other = make_user("other.trainee@riverside.example", full_name="Other", totp=False)
    Membership.objects.create(user=other, organisation=world.organisation, role=Role.TRAINEE)
    other_client = Client()
    other_client.force_login(other)
    assert other_client.get(url).status_code == 404
    assert client_for(Role.PSW).get(url).status_code == 403
    assert client_for("outsider").get(url).status_code == 404
    # The stored name says nothing about the person or the work.
    assert "exam" not in submission.file.upload.name


def test_the_trainee_sees_what_they_submitted_and_can_download_their_file(
    pep_enrolment: Enrolment, client_for: Any
) -> None:
    trainee = client_for(Role.TRAINEE)
    final_exam = exam(pep_enrolment)
    page_url = f"/training/my/assessments/{final_exam.pk}/"
    assert "What you submitted" not in text(trainee.get(page_url))
    submit(trainee, final_exam, text="My answers", upload=SimpleUploadedFile("exam.pdf", PDF))
    submission = Submission.objects.get()
    response = trainee.get(page_url)
    page = text(response)
    assert "What you submitted" in page and "Version 1, submitted" in page
    assert "My answers" in page
    download = f"/training/submissions/{submission.pk}/file/"
    assert f'<a href="{download}">Download exam.pdf</a>' in response.content.decode()
    assert "Submit a new version" in page


def test_criteria_link_to_framework_statements(
    pep_enrolment: Enrolment, client_for: Any, framework: Any
) -> None:
    assessment = exam(pep_enrolment)
    client = client_for(Role.TRAINER)
    bad = client.post(
        f"/training/assessments/{assessment.pk}/criteria/",
        {"text": "Explains signposting", "statement_ref": "9.9.9"},
    )
    assert "There is no statement 9.9.9." in text(bad)
    good = client.post(
        f"/training/assessments/{assessment.pk}/criteria/",
        {"text": "Explains signposting", "statement_ref": "3.6.10"},
    )
    assert good.status_code == 302
    criterion = assessment.criteria.get()
    assert criterion.statement is not None and criterion.statement.ref == "3.6.10"


@pytest.mark.parametrize("trainees", [2, 10])
def test_marking_queue_query_count_is_flat(
    pep_enrolment: Enrolment,
    world: World,
    client_for: Any,
    django_assert_num_queries: Any,
    trainees: int,
) -> None:
    assessment = exam(pep_enrolment)
    for n in range(trainees):
        user = make_user(f"t{n}@riverside.example", full_name=f"T {n}", totp=False)
        enrolment = Enrolment.objects.create(
            organisation=world.organisation, cohort=pep_enrolment.cohort, trainee=user
        )
        Submission.objects.create(
            organisation=world.organisation,
            enrolment=enrolment,
            assessment=assessment,
            number=1,
            text="work",
        )
    client = client_for(Role.TRAINER)
    client.get("/training/marking/")
    with django_assert_num_queries(4):
        page = text(client.get("/training/marking/"))
    assert page.count("Final exam, version 1") == trainees
