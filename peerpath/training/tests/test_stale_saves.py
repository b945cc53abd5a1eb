"""Two people open the same form and both save: the second, stale save is refused, the first
change stands, and the second person's text stays on the page for them to check."""

from typing import Any

import pytest
from django.urls import reverse

from conftest import World
from peerpath.core.roles import Role
from peerpath.tests.pages import words
from peerpath.tests.stale_saves import assert_refused, open_form
from peerpath.training.models import AssessmentRequirement, Module, Programme
from peerpath.training.services.programme_templates import programme_templates_load
from peerpath.training.services.requirements import assessment_add
from peerpath.training.tests.helpers import template_copy
from peerpath.training.tests.wording import confirm_copied_wording

pytestmark = pytest.mark.django_db


@pytest.fixture
def course(world: World) -> Programme:
    programme_templates_load()
    return confirm_copied_wording(
        template_copy("eleven-session-peer-support-course", world.organisation)
    )


def test_training_module_a_stale_save_does_not_undo_a_newer_one(
    course: Programme, framework: Any, client_for: Any
) -> None:
    module = course.modules.get(order=2)
    url = reverse("training:module-edit", kwargs={"pk": module.pk})
    coordinator, trainer = client_for(Role.COORDINATOR), client_for(Role.TRAINER)
    coordinator_form, trainer_form = open_form(coordinator, url), open_form(trainer, url)

    saved = coordinator.post(url, coordinator_form.data(aims="Understand what recovery means."))
    assert saved.status_code == 302
    stale = trainer.post(url, trainer_form.data(aims="Tell your own recovery story."))

    assert_refused(stale, kept=["Tell your own recovery story."])
    assert "Saved now: “Understand what recovery means.”." in words(stale)
    assert Module.objects.get(pk=module.pk).aims == "Understand what recovery means."


def test_programme_requirements_a_stale_change_to_an_assessment_is_refused(
    course: Programme, client_for: Any
) -> None:
    item = assessment_add(
        programme=course,
        kind="assignment",
        title="Reflective piece",
        description="",
        required=True,
        by=None,
    )
    page = reverse("training:programme-requirements", kwargs={"pk": course.pk})
    change = reverse("training:assessment-change", kwargs={"pk": item.pk})
    first, second = client_for(Role.COORDINATOR), client_for(Role.ORG_ADMIN)
    first_form = open_form(first, page, action=change)
    second_form = open_form(second, page, action=change)

    assert first.post(change, first_form.data()).status_code == 302  # "Make optional"
    stale_toggle = second.post(change, second_form.data())
    stale_remove = second.post(change, second_form.data(button="remove"))

    assert_refused(stale_toggle)
    assert_refused(stale_remove)
    item = AssessmentRequirement.objects.get(pk=item.pk)  # not removed
    assert item.required_for_graduation is False
