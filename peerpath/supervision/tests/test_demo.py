"""The demo's supervision: Jordan Reid and Sam Patel's agreed peer practice supervision,
two sessions signed by both, an action carried forward, and a next session due."""

import io

import pytest
from django.core.management import call_command
from django.utils import timezone

from peerpath.nonprod.demo import DEMO_ORGANISATION
from peerpath.nonprod.supervision_demo import seed_supervision
from peerpath.organisations.models import Organisation
from peerpath.supervision import selectors
from peerpath.supervision.models import SupervisionAgreement

pytestmark = pytest.mark.django_db


def test_the_demo_psw_has_agreed_supervision_with_an_action_carried_forward() -> None:
    call_command("seed_demo_data", stdout=io.StringIO())
    organisation = Organisation.objects.get(name=DEMO_ORGANISATION)
    agreement = SupervisionAgreement.objects.get(worker__email="psw@peerpath.example")
    assert agreement.supervisor.full_name == "Sam Patel"
    assert agreement.kind == "practice" and agreement.is_agreed
    first, second, booked = agreement.sessions.order_by("held_on")
    assert first.is_locked and second.is_locked
    assert not booked.is_recorded and booked.held_on > timezone.localdate()
    carried = selectors.carried_forward(second)
    assert [a.session_id for a in carried] == [first.pk]
    assert selectors.carried_forward(booked) == carried
    today = timezone.localdate()
    (row,) = selectors.due_rows(SupervisionAgreement.objects.filter(pk=agreement.pk), today)
    assert row.due.last_held == second.held_on and row.due.next_due > today
    assert seed_supervision(organisation) == 0
