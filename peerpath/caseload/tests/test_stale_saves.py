"""Two people open the same form and both save: the second, stale save is refused, the first
change stands, and the second person's text stays on the page for them to check."""

from typing import Any

import pytest
from django.urls import reverse

from peerpath.caseload.models import WorkerProfile
from peerpath.core.roles import Role
from peerpath.tests.pages import words
from peerpath.tests.stale_saves import assert_refused, open_form

pytestmark = pytest.mark.django_db


def test_family_member_a_stale_save_does_not_undo_what_a_carer_may_be_told(
    caseload_world: Any, client_for: Any
) -> None:
    member = caseload_world.family_member
    url = reverse(
        "caseload:family-edit", kwargs={"person": caseload_world.person.pk, "pk": member.pk}
    )
    psw, supervisor = client_for(Role.PSW), client_for(Role.SUPERVISOR)
    psw_form, supervisor_form = open_form(psw, url), open_form(supervisor, url)

    saved = psw.post(url, psw_form.data(may_be_told="Only how Alex is doing, nothing more"))
    assert saved.status_code == 302
    stale = supervisor.post(url, supervisor_form.data(may_be_told="Everything in the plan"))

    assert_refused(stale, kept=["Everything in the plan"])
    # What is saved now is beside their words, to compare before saving again.
    assert "Saved now: “Only how Alex is doing, nothing more”." in words(stale)
    member.refresh_from_db()
    assert member.may_be_told == "Only how Alex is doing, nothing more"


def test_matching_profile_a_stale_window_does_not_undo_a_newer_save(
    world: Any, client_for: Any
) -> None:
    WorkerProfile.objects.create(
        organisation=world.organisation, user=world.user(Role.PSW), capacity=8
    )
    url = reverse("caseload:my-profile")
    # The same PSW, in two windows: the profile is theirs alone.
    first_window, second_window = client_for(Role.PSW), client_for(Role.PSW)
    first_form, second_form = open_form(first_window, url), open_form(second_window, url)

    saved = first_window.post(url, first_form.data(shared_experiences="hearing voices"))
    assert saved.status_code == 302
    stale = second_window.post(url, second_form.data(shared_experiences="being a carer"))

    assert_refused(stale, kept=["being a carer"])
    profile = WorkerProfile.objects.get(user=world.user(Role.PSW))
    assert profile.shared_experiences == "hearing voices"


def test_matching_profile_two_first_saves_make_one_profile_and_refuse_the_second(
    world: Any, client_for: Any
) -> None:
    url = reverse("caseload:my-profile")
    first_window, second_window = client_for(Role.PSW), client_for(Role.PSW)
    first_form, second_form = open_form(first_window, url), open_form(second_window, url)

    saved = first_window.post(url, first_form.data(shared_experiences="psychosis"))
    assert saved.status_code == 302
    stale = second_window.post(url, second_form.data(shared_experiences="grief"))

    assert_refused(stale, kept=["grief"])
    assert list(WorkerProfile.objects.values_list("shared_experiences", flat=True)) == ["psychosis"]
