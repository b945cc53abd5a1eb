"""Recruitment's object rules (peerpath/recruitment/rules.py): each says yes and no."""

from typing import Any

import pytest

from peerpath.accounts.tests.factories import UserFactory
from peerpath.core.actor import Actor
from peerpath.core.roles import Role
from peerpath.organisations.tests.factories import OrganisationFactory
from peerpath.recruitment.tests.factories import ApplicationFactory

pytestmark = pytest.mark.django_db


def actor(user: Any, organisation: Any, *roles: Role) -> Actor:
    return Actor(user=user, organisation=organisation, roles=frozenset(roles))


def test_only_the_intakes_selection_panel_reads_what_applicants_disclose() -> None:
    application: Any = ApplicationFactory()
    here = application.organisation
    member = UserFactory()
    application.intake.panel.add(member)
    on_panel = actor(member, here, Role.TRAINER)
    assert on_panel.may("recruitment.read_disclosures", application)

    coordinator = actor(UserFactory(), here, Role.COORDINATOR)
    assert not coordinator.may("recruitment.read_disclosures", application)
    elsewhere = actor(member, OrganisationFactory(), Role.TRAINER)
    assert not elsewhere.may("recruitment.read_disclosures", application)
    assert not Actor.anonymous().may("recruitment.read_disclosures", application)
