"""Two people close the same safeguarding concern from pages opened at the same time: the
second is refused, the first outcome stands, and the second outcome stays on the page."""

from typing import Any

import pytest
from django.urls import reverse

from peerpath.core.roles import Role
from peerpath.tests.stale_saves import assert_refused, open_form

pytestmark = pytest.mark.django_db


def test_closing_a_concern_twice_keeps_the_first_outcome_and_shows_the_second(
    caseload_world: Any, client_for: Any
) -> None:
    concern = caseload_world.concern
    page = reverse("governance:concern-detail", kwargs={"pk": concern.pk})
    close = reverse("governance:concern-close", kwargs={"pk": concern.pk})
    lead, supervisor = client_for(Role.SAFEGUARDING_LEAD), client_for(Role.SUPERVISOR)
    lead_form = open_form(lead, page, action=close)
    supervisor_form = open_form(supervisor, page, action=close)

    saved = lead.post(close, lead_form.data(outcome="Alex is safe; the GP was told."))
    assert saved.status_code == 302
    stale = supervisor.post(close, supervisor_form.data(outcome="Referred to the local team."))

    assert_refused(stale, kept=["Referred to the local team."])
    assert "Alex is safe; the GP was told." in stale.content.decode()
    concern.refresh_from_db()
    assert concern.outcome == "Alex is safe; the GP was told."
