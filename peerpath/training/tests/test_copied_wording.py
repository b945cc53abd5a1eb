"""A copy belongs to the copier: the template's organisation's words are flagged, and an
intake opens only once the coordinator has confirmed or reworded each of them."""

from datetime import date
from typing import Any

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.test import Client

from conftest import World
from peerpath.core.models import AuditEvent
from peerpath.core.roles import Role
from peerpath.recruitment.services import intake_create
from peerpath.tests.pages import text
from peerpath.training.models import CopiedText, Programme
from peerpath.training.services.programme_templates import programme_copy, programme_templates_load

pytestmark = pytest.mark.django_db


@pytest.fixture
def pep(world: World) -> Programme:
    programme_templates_load()
    template = Programme.objects.get(template_key="recovery-college-east-pep")
    return programme_copy(source=template, organisation=world.organisation, by=None)


def open_intake(programme: Programme) -> Any:
    return intake_create(
        programme=programme,
        title="Spring",
        opens_on=date(2027, 1, 1),
        closes_on=date(2027, 2, 28),
        capacity=12,
        panel=[],
        by=None,
    )


def flagged(programme: Programme) -> dict[str, CopiedText]:
    return {item.label: item for item in programme.copied_texts.all()}


def test_a_copied_pep_flags_every_text_that_names_cpft_or_its_places(pep: Programme) -> None:
    items = flagged(pep)
    assert items["Provider"].phrases == [
        "Cambridgeshire and Peterborough NHS Foundation Trust",
        "CPFT",
        "Recovery College East",
    ]
    assert items["How it is delivered"].phrases == ["Recovery College East"]
    assert items["Eligibility criterion 10"].original == (
        "Want to work as a peer worker within CPFT after the training"
    )
    assert items["Certificate 1"].original == "CPFT Graduation certificate"
    assert items["How to book a place"].phrases == [
        "Recovery College East",
        "01733 746662",
        "01223 227510",
    ]
    assert "Jobs after graduation" in items and "Work experience" in items
    # Text that names nobody is not flagged.
    assert "Eligibility criterion 1" not in items and "Title" not in items


def test_an_intake_cannot_open_until_every_copied_text_is_confirmed(
    pep: Programme, world: World
) -> None:
    with pytest.raises(ValidationError) as refused:
        open_intake(pep)
    count = pep.copied_texts.count()
    assert f"{count} pieces of text still name the template's own organisation" in str(
        refused.value
    )
    for item in pep.copied_texts.all():
        from peerpath.training.services.programme_templates import (
            copied_text_confirm,
            copied_text_current,
        )

        current = copied_text_current(item)
        copied_text_confirm(item=item, text=current, expected=current, by=None)
    assert open_intake(pep).programme == pep


def test_the_coordinator_rewords_copied_text_and_applicants_see_their_words(
    pep: Programme, world: World, client_for: Any
) -> None:
    client = client_for(Role.COORDINATOR)
    detail = text(client.get(f"/training/programmes/{pep.pk}/"))
    assert "Check the wording copied from the template" in detail
    refused = client.post(
        "/training/intakes/new/",
        {
            "programme": pep.pk,
            "title": "Spring",
            "opens_on": "01/01/2027",
            "closes_on": "28/02/2027",
            "capacity": "12",
        },
    )
    assert "Before an intake can open, check the wording copied from the template" in text(refused)
    url = f"/training/programmes/{pep.pk}/wording/"
    page = text(client.get(url))
    assert "Want to work as a peer worker within CPFT after the training" in page
    assert "Names: CPFT" in page
    ours = {
        "Provider": "Riverside NHS Foundation Trust",
        "How it is delivered": "Modules are taught one day a week over 12 weeks "
        "(from 9 am to 5 pm) at Riverside Recovery College.",
        "Eligibility criterion 10": "Want to work as a peer worker within Riverside after the "
        "training",
        "Jobs after graduation": "After graduation, students can apply for posts within "
        "Riverside as they become available. Jobs are not guaranteed.",
    }
    for item in pep.copied_texts.order_by("order"):
        wording = ours.get(item.label)
        from peerpath.training.services.programme_templates import copied_text_current

        current = copied_text_current(item)
        response = client.post(
            url,
            {
                "item": item.pk,
                f"item{item.pk}-text": wording or current,
                f"item{item.pk}-expected": current,
            },
        )
        assert response.status_code == 302, text(response)
    assert "Every text copied from the template has been checked" in text(client.get(url))
    # The programme page keeps the record of what was confirmed within reach.
    detail_after = client.get(f"/training/programmes/{pep.pk}/").content.decode()
    assert "Check the wording copied from the template" not in text(detail_after)
    count = pep.copied_texts.count()
    assert f"All {count} texts copied from the template are confirmed" in text(detail_after)
    assert f'href="{url}"' in detail_after
    # A trainer reads the programme but does not confirm wording: no link for them.
    trainer_view = client_for(Role.TRAINER).get(f"/training/programmes/{pep.pk}/")
    assert f'href="{url}"' not in trainer_view.content.decode()
    pep.refresh_from_db()
    assert pep.provider == "Riverside NHS Foundation Trust"
    assert pep.criteria.get(order=10).text.endswith("within Riverside after the training")
    assert AuditEvent.objects.filter(reason__startswith="copied text confirmed").count() == (
        pep.copied_texts.count()
    )
    intake = open_intake(pep)
    with time_machine.travel(date(2027, 1, 5)):
        public = text(Client().get(f"/apply/{world.organisation.slug}/{intake.pk}/"))
    # The words the issue found on Riverside's form are gone (others were kept on purpose).
    assert "within CPFT" not in public and "at Recovery College East" not in public
    assert "within Riverside after the training" in public
    assert "at Riverside Recovery College" in public
    assert "Jobs are not guaranteed" in public
    assert "How to book a place" in public


def test_wording_changed_meanwhile_is_not_overwritten(
    pep: Programme, world: World, client_for: Any
) -> None:
    client = client_for(Role.COORDINATOR)
    item = flagged(pep)["Provider"]
    Programme.objects.filter(pk=pep.pk).update(provider="Riverside (edited elsewhere)")
    response = client.post(
        f"/training/programmes/{pep.pk}/wording/",
        {
            "item": item.pk,
            f"item{item.pk}-text": "Riverside NHS Foundation Trust",
            f"item{item.pk}-expected": item.original,
        },
    )
    assert response.status_code == 400
    assert "while this page was open. Nothing has been overwritten" in text(response)
    assert ">Riverside NHS Foundation Trust</textarea>" in response.content.decode()
    pep.refresh_from_db()
    item.refresh_from_db()
    assert pep.provider == "Riverside (edited elsewhere)" and item.confirmed_at is None


def test_a_title_cannot_be_emptied_and_outsiders_see_nothing(
    pep: Programme, client_for: Any
) -> None:
    item = flagged(pep)["Certificate 1"]
    client = client_for(Role.COORDINATOR)
    response = client.post(
        f"/training/programmes/{pep.pk}/wording/",
        {"item": item.pk, f"item{item.pk}-text": " ", f"item{item.pk}-expected": item.original},
    )
    assert response.status_code == 400
    assert "Enter the wording, or keep the text as it is." in text(response)
    url = f"/training/programmes/{pep.pk}/wording/"
    assert client_for("outsider").get(url).status_code == 404
    assert client_for(Role.TRAINER).get(url).status_code == 403


def test_a_course_that_names_no_organisation_opens_at_once(world: World) -> None:
    programme_templates_load()
    template = Programme.objects.get(template_key="eleven-session-peer-support-course")
    copy = programme_copy(source=template, organisation=world.organisation, by=None)
    assert copy.copied_texts.count() == 0
    assert open_intake(copy).programme == copy
