"""The demo's observation: Sam Patel observed Jordan Reid against unit 2.5, with Alex
present and consenting; finalised, it shows in Jordan's competence record."""

import io

import pytest
from django.core.management import call_command
from django.test import Client

from peerpath.accounts.models import User
from peerpath.nonprod.observation_demo import ACTIVITY, seed_observation
from peerpath.observation.models import DevelopmentPlan, Observation, PlanStatus
from peerpath.organisations.models import Organisation
from peerpath.tests.pages import text

pytestmark = pytest.mark.django_db


def test_the_demo_observation_is_in_jordans_competence_record() -> None:
    call_command("seed_demo_data", stdout=io.StringIO())
    observation = Observation.objects.get(activity=ACTIVITY)
    assert observation.worker.full_name == "Jordan Reid"
    assert observation.observer.full_name == "Sam Patel"
    assert observation.person is not None and observation.consent_given
    assert observation.finalised_at is not None
    assert {r.statement.unit.code for r in observation.ratings.all()} == {"2.5"}
    organisation = observation.organisation
    assert seed_observation(Organisation.objects.get(pk=organisation.pk)) == 0
    client = Client()
    client.force_login(User.objects.get(email="psw@peerpath.example"))
    page = text(client.get("/competence-records/mine/?section=2"))
    assert "Your listening is a real strength" not in page  # overall feedback is on the observation
    assert "You gave Alex your full attention" in page
    assert "Demonstrated with confidence" in page
    # The demo's only development plan is resolved and closed.
    assert list(DevelopmentPlan.objects.values_list("status", flat=True)) == [PlanStatus.CLOSED]
