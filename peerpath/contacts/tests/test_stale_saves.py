"""Two people open the same form and both save: the second, stale save is refused, the first
change stands, and the second person's text stays on the page for them to check."""

from typing import Any

import pytest
from django.urls import reverse

from peerpath.core.roles import Role
from peerpath.tests.pages import words
from peerpath.tests.stale_saves import assert_refused, open_form

pytestmark = pytest.mark.django_db


def test_appointment_how_it_went_a_stale_save_is_refused_and_its_words_kept(
    caseload_world: Any, client_for: Any
) -> None:
    appointment = caseload_world.appointment
    url = reverse(
        "contacts:appointment-how-it-went",
        kwargs={"person": caseload_world.person.pk, "pk": appointment.pk},
    )
    psw, supervisor = client_for(Role.PSW), client_for(Role.SUPERVISOR)
    psw_form, supervisor_form = open_form(psw, url), open_form(supervisor, url)

    saved = psw.post(url, psw_form.data(how_it_went="Alex enjoyed the open day."))
    assert saved.status_code == 302
    stale = supervisor.post(url, supervisor_form.data(how_it_went="Alex found it too busy."))

    assert_refused(stale, kept=["Alex found it too busy."])
    assert "Saved now: “Alex enjoyed the open day.”." in words(stale)
    appointment.refresh_from_db()
    assert appointment.how_it_went == "Alex enjoyed the open day."


def test_signpost_outcome_a_stale_save_is_refused_and_its_words_kept(
    caseload_world: Any, client_for: Any
) -> None:
    signpost = caseload_world.signpost
    url = reverse(
        "contacts:signpost-outcome",
        kwargs={"person": caseload_world.person.pk, "pk": signpost.pk},
    )
    psw, supervisor = client_for(Role.PSW), client_for(Role.SUPERVISOR)
    psw_form, supervisor_form = open_form(psw, url), open_form(supervisor, url)

    saved = psw.post(url, psw_form.data(outcome="went", outcome_note="Alex went twice."))
    assert saved.status_code == 302
    stale = supervisor.post(
        url, supervisor_form.data(outcome="did_not_go", outcome_note="Alex could not get there.")
    )

    assert_refused(stale, kept=["Alex could not get there."])
    signpost.refresh_from_db()
    assert (signpost.outcome, signpost.outcome_note) == ("went", "Alex went twice.")
