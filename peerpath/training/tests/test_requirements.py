from typing import Any

import pytest

from conftest import World
from peerpath.core.roles import Role
from peerpath.recruitment.models import CriterionAnswer
from peerpath.tests.pages import text
from peerpath.training.models import Programme
from peerpath.training.services.programme_templates import programme_templates_load
from peerpath.training.tests.helpers import template_copy
from peerpath.training.tests.wording import confirm_copied_wording

pytestmark = pytest.mark.django_db


@pytest.fixture
def intro(world: World) -> Programme:
    programme_templates_load()
    return confirm_copied_wording(
        template_copy("nottinghamshire-six-hour-introduction", world.organisation)
    )


def test_coordinators_add_assessments_and_criteria_to_their_copy(
    intro: Programme, client_for: Any
) -> None:
    client = client_for(Role.COORDINATOR)
    url = f"/training/programmes/{intro.pk}/requirements/"
    missing = client.post(url, {"kind": "assignment", "title": ""})
    assert "Enter a title." in text(missing)
    client.post(url, {"kind": "assignment", "title": "Reflective piece", "required": "on"})
    item = intro.assessments.get()
    assert item.required_for_graduation
    client.post(f"/training/assessments/{item.pk}/change/", {"required": "0", "version": 1})
    item.refresh_from_db()
    assert not item.required_for_graduation
    client.post(url, {"text": "Have lived experience of mental distress and recovery"})
    assert intro.criteria.count() == 1  # the source states no entry requirements
    client.post(f"/training/assessments/{item.pk}/change/", {"remove": "1", "version": 2})
    assert intro.assessments.count() == 0


def test_answered_criteria_and_templates_cannot_be_changed(
    intro: Programme, world: World, client_for: Any
) -> None:
    from datetime import date

    from peerpath.recruitment.services import intake_create, interest_submit
    from peerpath.training.services.requirements import eligibility_add

    eligibility_add(programme=intro, text="Lived experience of mental distress", by=None)
    intake = intake_create(
        programme=intro,
        title="I",
        opens_on=date(2027, 1, 1),
        closes_on=date(2027, 2, 1),
        capacity=5,
        panel=[],
        by=None,
    )
    application = interest_submit(
        intake=intake,
        full_name="A",
        email="a@example.org",
        phone="",
        interest="x",
        today=date(2027, 1, 5),
    )
    criterion = intro.criteria.get(order=1)
    CriterionAnswer.objects.create(
        organisation=world.organisation,
        application=application,
        criterion=criterion,
        meets=True,
        evidence="yes",
    )
    client = client_for(Role.COORDINATOR)
    response = client.post(f"/training/eligibility/{criterion.pk}/remove/")
    assert response.status_code == 400
    assert "Applicants have answered this criterion, so it stays." in text(response)
    assert intro.criteria.filter(pk=criterion.pk).exists()
    template = Programme.objects.get(template_key="nottinghamshire-six-hour-introduction")
    assert client.get(f"/training/programmes/{template.pk}/requirements/").status_code == 404


def test_coordinators_add_and_remove_certificates_and_coursework(
    intro: Programme, client_for: Any
) -> None:
    client = client_for(Role.COORDINATOR)
    url = f"/training/programmes/{intro.pk}/requirements/"
    missing = client.post(url, {"certificate_title": "OCN", "issuer": "awarding_body"})
    assert missing.status_code == 400 and "Name the awarding body." in text(missing)
    client.post(url, {"certificate_title": "Certificate of attendance", "issuer": "organisation"})
    client.post(url, {"coursework_title": "Reflective writing", "coursework_description": ""})
    certificate = intro.certificates.get()
    assert (certificate.title, certificate.issuer) == ("Certificate of attendance", "organisation")
    assert intro.coursework.get().title == "Reflective writing"
    client.post(url, {"remove_certificate": certificate.pk})
    client.post(url, {"remove_coursework": intro.coursework.get().pk})
    assert intro.certificates.count() == 0 and intro.coursework.count() == 0
