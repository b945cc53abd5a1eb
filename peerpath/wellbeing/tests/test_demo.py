"""The demo's wellbeing: Jordan Reid's plan shares one part, and their check-in stays theirs."""

import io

import pytest
from django.core.management import call_command

from peerpath.accounts.models import User
from peerpath.nonprod.demo import DEMO_ORGANISATION
from peerpath.nonprod.wellbeing_demo import seed_wellbeing
from peerpath.organisations.models import Organisation
from peerpath.wellbeing.models import CheckIn
from peerpath.wellbeing.selectors import shared_with_supervisor

pytestmark = pytest.mark.django_db


def test_jordan_shares_one_part_of_their_plan_and_no_check_in() -> None:
    call_command("seed_demo_data", stdout=io.StringIO())
    demo = Organisation.objects.get(name=DEMO_ORGANISATION)
    jordan = User.objects.get(email="psw@peerpath.example")
    shared = shared_with_supervisor(demo, jordan.pk)
    assert [part.heading for part in shared] == ["What helps me at work"]
    assert CheckIn.objects.filter(organisation=demo, worker=jordan, shared=False).count() == 1
    assert seed_wellbeing(demo) == 0  # seeding again adds nothing
