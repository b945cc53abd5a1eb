import io

import pytest
from allauth.mfa.models import Authenticator
from django.contrib.auth import get_user_model
from django.core.management import call_command

from peerpath.nonprod.demo import DEMO_USERS
from peerpath.organisations.models import Membership, Organisation, Team
from peerpath.training.models import Cohort, Intake, Programme

pytestmark = pytest.mark.django_db


def counts() -> dict[str, int]:
    return {
        "organisations": Organisation.objects.count(),
        "teams": Team.objects.count(),
        "users": get_user_model().objects.count(),
        "memberships": Membership.objects.count(),
        "authenticators": Authenticator.objects.count(),
        "programmes": Programme.objects.count(),
        "cohorts": Cohort.objects.count(),
        "intakes": Intake.objects.count(),
    }


def test_seeding_twice_changes_nothing_the_second_time() -> None:
    call_command("seed_demo_data", stdout=io.StringIO())
    first = counts()
    out = io.StringIO()
    call_command("seed_demo_data", stdout=out)
    assert counts() == first
    assert "(0 new records)" in out.getvalue()
    assert first == {
        "organisations": 2,
        "teams": 2,
        "users": len(DEMO_USERS),
        "memberships": len(DEMO_USERS),
        "authenticators": sum(d.is_staff_role for d in DEMO_USERS),
        "programmes": 8,  # four templates and the demo trust's copy of each
        "cohorts": 4,
        "intakes": 4,
    }


def test_demo_logins_lists_every_demo_user() -> None:
    out = io.StringIO()
    call_command("demo_logins", stdout=out)
    for demo in DEMO_USERS:
        assert demo.email in out.getvalue()
    code = io.StringIO()
    call_command("demo_logins", "--code", stdout=code)
    assert code.getvalue().strip().isdigit() and len(code.getvalue().strip()) == 6
