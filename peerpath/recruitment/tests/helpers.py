"""Shared by recruitment's tests (not a test module, so tests may import it): an open
intake, and an applicant expressing interest and completing their application through the
public pages."""

from datetime import date
from typing import Any

import pytest
import time_machine
from django.test import Client

from conftest import World
from peerpath.core.roles import Role
from peerpath.recruitment.models import Application, Intake
from peerpath.recruitment.services import intake_create
from peerpath.training.models import Programme
from peerpath.training.tests.helpers import TODAY


@pytest.fixture
def intake(world: World, pep: Programme) -> Intake:
    return intake_create(
        programme=pep,
        title="PEP spring 2027",
        opens_on=date(2027, 1, 1),
        closes_on=date(2027, 2, 28),
        capacity=16,
        panel=[world.user(Role.TRAINER)],
        by=world.user(Role.COORDINATOR),
    )


def express_interest(intake: Intake, email: str = "sam@example.org", **extra: str) -> Any:
    with time_machine.travel(TODAY):
        return Client().post(
            f"/apply/{intake.organisation.slug}/{intake.pk}/",
            {
                "full_name": "Sam Rivers",
                "email": email,
                "interest": "I want to give back.",
                **extra,
            },
        )


def complete_application(application: Application, **overrides: Any) -> Any:
    data: dict[str, Any] = {
        "lived_experience": "CANARY-DISCLOSURE psychosis and recovery",
        "commitment_confirmed": "on",
    }
    for criterion in application.intake.programme.criteria.all():
        data[f"meets_{criterion.pk}"] = "yes"
        data[f"evidence_{criterion.pk}"] = f"Evidence for {criterion.order}"
    data.update(overrides)
    return Client().post(f"/application/{application.access_token}/", data)
