"""Training's object rules (peerpath/training/rules.py): each says yes and no."""

from typing import Any

import pytest

from peerpath.accounts.tests.factories import UserFactory
from peerpath.core.actor import Actor
from peerpath.core.roles import Role
from peerpath.organisations.tests.factories import OrganisationFactory
from peerpath.training.tests.factories import PlacementFactory, PortfolioEntryFactory

pytestmark = pytest.mark.django_db


def actor(user: Any, organisation: Any, *roles: Role) -> Actor:
    return Actor(user=user, organisation=organisation, roles=frozenset(roles))


def test_the_named_supervisor_and_the_coordinator_supervise_a_placement() -> None:
    supervisor = UserFactory()
    placement: Any = PlacementFactory(supervisor=supervisor)
    here = placement.organisation
    assert actor(supervisor, here, Role.SUPERVISOR).may("training.supervise_placement", placement)
    assert actor(UserFactory(), here, Role.COORDINATOR).may(
        "training.supervise_placement", placement
    )
    # Another supervisor, the trainee, a trainer, or the coordinator of elsewhere may not.
    assert not actor(UserFactory(), here, Role.SUPERVISOR).may(
        "training.supervise_placement", placement
    )
    trainee = placement.enrolment.trainee
    assert not actor(trainee, here, Role.TRAINEE).may("training.supervise_placement", placement)
    assert not actor(UserFactory(), here, Role.TRAINER).may(
        "training.supervise_placement", placement
    )
    assert not actor(UserFactory(), OrganisationFactory(), Role.COORDINATOR).may(
        "training.supervise_placement", placement
    )


def test_only_the_trainee_logs_a_day_of_their_placement() -> None:
    placement: Any = PlacementFactory()
    here = placement.organisation
    trainee = placement.enrolment.trainee
    assert actor(trainee, here, Role.TRAINEE).may("training.log_placement_day", placement)
    assert not actor(UserFactory(), here, Role.TRAINEE).may("training.log_placement_day", placement)
    assert not actor(UserFactory(), here, Role.COORDINATOR).may(
        "training.log_placement_day", placement
    )
    assert not Actor.anonymous().may("training.log_placement_day", placement)


def test_a_portfolio_entry_is_signed_off_by_the_course_never_by_its_trainee() -> None:
    entry: Any = PortfolioEntryFactory()
    here = entry.organisation
    trainee = entry.enrolment.trainee
    for role in (Role.TRAINER, Role.SUPERVISOR, Role.COORDINATOR):
        assert actor(UserFactory(), here, role).may("training.sign_portfolio_entry", entry)
    # A trainee who is also a trainer still cannot sign off their own entry.
    assert not actor(trainee, here, Role.TRAINER, Role.TRAINEE).may(
        "training.sign_portfolio_entry", entry
    )
    assert not actor(UserFactory(), here, Role.ORG_ADMIN).may(
        "training.sign_portfolio_entry", entry
    )
    assert not actor(UserFactory(), OrganisationFactory(), Role.TRAINER).may(
        "training.sign_portfolio_entry", entry
    )


def test_the_trainee_adds_evidence_to_their_own_entry_only() -> None:
    entry: Any = PortfolioEntryFactory()
    here = entry.organisation
    trainee = entry.enrolment.trainee
    assert actor(trainee, here, Role.PSW).may("training.add_portfolio_evidence", entry)
    assert not actor(UserFactory(), here, Role.TRAINEE).may(
        "training.add_portfolio_evidence", entry
    )
    assert not actor(UserFactory(), here, Role.TRAINER).may(
        "training.add_portfolio_evidence", entry
    )


def test_who_may_read_a_portfolio_entry() -> None:
    entry: Any = PortfolioEntryFactory()
    here = entry.organisation
    trainee = entry.enrolment.trainee
    assert actor(trainee, here, Role.TRAINEE).may("training.view_portfolio_entry", entry)
    for role in (Role.TRAINER, Role.SUPERVISOR, Role.COORDINATOR, Role.ORG_ADMIN):
        assert actor(UserFactory(), here, role).may("training.view_portfolio_entry", entry)
    assert not actor(UserFactory(), here, Role.TRAINEE).may("training.view_portfolio_entry", entry)
    assert not actor(UserFactory(), here, Role.PSW).may("training.view_portfolio_entry", entry)
    assert not actor(UserFactory(), OrganisationFactory(), Role.ORG_ADMIN).may(
        "training.view_portfolio_entry", entry
    )
