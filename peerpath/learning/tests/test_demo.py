"""The demo's learning (peerpath/nonprod/learning_demo.py), seeded twice."""

import io
from typing import Any

import pytest
from django.core.management import call_command
from django.utils import timezone

from peerpath.accounts.models import User
from peerpath.learning.models import BookletEntry, EntryStatus, Induction, PlanUnit, Refresher
from peerpath.learning.refreshers import Due, refreshers_due

pytestmark = pytest.mark.django_db


def test_jordan_has_a_mostly_done_induction_and_a_signed_booklet_entry() -> None:
    call_command("seed_demo_data", stdout=io.StringIO())
    counts = (Induction.objects.count(), BookletEntry.objects.count())
    call_command("seed_demo_data", stdout=io.StringIO())
    assert (Induction.objects.count(), BookletEntry.objects.count()) == counts
    jordan: Any = User.objects.get(email="psw@peerpath.example")
    induction = Induction.objects.get(worker=jordan)
    assert induction.items.exclude(completed_on=None).count() == 4
    assert induction.items.get(number=5).planned_on is not None
    signed = BookletEntry.objects.get(worker=jordan, status=EntryStatus.SIGNED)
    assert signed.signed_by is not None
    assert signed.signed_by.email == "supervisor@peerpath.example"
    assert sorted(s.ref for s in signed.statements.all()) == ["2.5.3", "2.5.7"]
    assert BookletEntry.objects.filter(worker=jordan, status=EntryStatus.SUBMITTED).exists()
    units = {u.unit.code: u for u in PlanUnit.objects.filter(worker=jordan)}
    assert units["1.5"].is_signed
    assert not units["5.2"].is_signed and units["5.2"].records.exists()
    [due] = [
        r
        for r in refreshers_due(jordan_org(jordan), timezone.localdate())
        if r.worker_id == jordan.pk
    ]
    assert (due.name, due.state) == ("Safeguarding", Due.SOON)
    retired = Refresher.objects.get(retired_on__isnull=False)
    assert retired.name == "Paper case notes and filing"
    assert retired.completions.filter(worker=jordan).exists()


def jordan_org(jordan: Any) -> Any:
    return jordan.memberships.get().organisation
