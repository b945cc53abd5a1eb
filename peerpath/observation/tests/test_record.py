"""The ongoing competence record: the framework's statements with the worker's training
portfolio evidence and every finalised observation, for the worker and the people who
support their development only; flat query counts; the workforce view's aggregate."""

from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from peerpath.core.models import AuditAction, AuditEvent
from peerpath.core.roles import Role
from peerpath.framework.models import Statement
from peerpath.observation import selectors
from peerpath.observation.tests.walk_examples import observe, supervise
from peerpath.tests.pages import text, words
from peerpath.training.models import PortfolioStatus
from peerpath.training.tests.factories import (
    CohortFactory,
    EnrolmentFactory,
    PortfolioEntryFactory,
    PortfolioEvidenceFactory,
)

pytestmark = pytest.mark.django_db


def first_of(code: str) -> Statement:
    return Statement.objects.filter(unit__code=code).order_by("number")[0]


def portfolio(world: Any, statement: Statement, note: str) -> None:
    cohort: Any = CohortFactory(
        organisation=world.organisation, programme__organisation=world.organisation
    )
    enrolment = EnrolmentFactory(cohort=cohort, trainee=world.user(Role.PSW))
    entry = PortfolioEntryFactory(
        enrolment=enrolment, statement=statement, status=PortfolioStatus.SIGNED_OFF
    )
    PortfolioEvidenceFactory(entry=entry, note=note)


def test_the_record_shows_portfolio_and_finalised_observations_only(
    world: Any, framework: Any, client_for: Any
) -> None:
    supervise(world)
    portfolio(world, first_of("1.1"), "My reflective account of the values of peer support")
    observe(world, final=True)
    draft = observe(world, final=False)
    draft.ratings.update(feedback="A draft's words, not evidence yet")
    client = client_for(Role.PSW)
    page = text(client.get("/competence-records/mine/"))
    assert "My competence record" in page
    assert "My reflective account of the values of peer support" in page  # section 1 first
    assert "signed off" in page
    section_two_page = client.get("/competence-records/mine/?section=2")
    section_two = text(section_two_page)
    assert "Listened closely and reflected back what was said." in section_two
    assert "A draft's words" not in section_two
    assert first_of("2.5").text in section_two
    # The summary on the page: one statement observed and demonstrated, one observation,
    # one statement signed off in the portfolio.
    assert "Statements observed 1 " in words(section_two_page)
    assert "Statements signed off in the training portfolio 1 " in words(section_two_page)
    summary = selectors.record_summary(world.organisation, world.user(Role.PSW).pk)
    assert (summary.statements_observed, summary.statements_demonstrated) == (1, 1)
    assert (summary.observations, summary.portfolio_signed_off) == (1, 1)
    printed = text(client.get(f"/competence-records/{world.user(Role.PSW).pk}/print/"))
    assert "Listened closely" in printed and "My reflective account" in printed
    assert AuditEvent.objects.filter(
        action=AuditAction.VIEW, object_type="accounts.user", object_id=str(world.user(Role.PSW).pk)
    ).exists()


@pytest.mark.parametrize(
    ("persona", "status"),
    [
        (Role.SUPERVISOR, 200),  # on an agreement in force
        (Role.COORDINATOR, 200),  # the peer development team
        (Role.TRAINER, 404),  # not their trainee
        (Role.TRAINEE, 404),  # another worker
        (Role.ORG_ADMIN, 403),
        (Role.SAFEGUARDING_LEAD, 403),
    ],
)
def test_who_may_open_a_workers_record(
    world: Any, framework: Any, client_for: Any, persona: Role, status: int
) -> None:
    supervise(world)
    observe(world, final=True)
    url = f"/competence-records/{world.user(Role.PSW).pk}/"
    assert client_for(persona).get(url).status_code == status


def test_a_trainer_opens_their_own_trainees_record(
    world: Any, framework: Any, client_for: Any
) -> None:
    cohort: Any = CohortFactory(
        organisation=world.organisation, programme__organisation=world.organisation
    )
    cohort.facilitators.add(world.user(Role.TRAINER))
    EnrolmentFactory(cohort=cohort, trainee=world.user(Role.TRAINEE))
    client = client_for(Role.TRAINER)
    assert "Trainee Riverside" in text(client.get("/competence-records/"))
    assert client.get(f"/competence-records/{world.user(Role.TRAINEE).pk}/").status_code == 200


def test_the_record_runs_the_same_queries_however_many_observations(
    world: Any, framework: Any, client_for: Any, django_assert_max_num_queries: Any
) -> None:
    supervise(world)
    observe(world, final=True)
    portfolio(world, first_of("2.5"), "Evidence one")
    client = client_for(Role.SUPERVISOR)
    url = f"/competence-records/{world.user(Role.PSW).pk}/?section=2"
    client.get(url)
    with CaptureQueriesContext(connection) as one:
        client.get(url)
    for unit in ("2.1", "2.2", "2.3", "2.5", "2.6"):
        observe(world, final=True, unit=unit)
    portfolio(world, first_of("2.3"), "Evidence two")
    with django_assert_max_num_queries(len(one.captured_queries)):
        page = client.get(url)
    assert text(page).count("Listened closely") == 6
    printable = f"/competence-records/{world.user(Role.PSW).pk}/print/"
    client.get(printable)
    with CaptureQueriesContext(connection) as before:
        client.get(printable)
    observe(world, final=True, unit="3.1")
    with django_assert_max_num_queries(len(before.captured_queries)):
        client.get(printable)


def test_statements_observed_by_worker_is_one_query(
    world: Any, framework: Any, django_assert_num_queries: Any
) -> None:
    supervise(world)
    observe(world, final=True, unit="2.5")
    observe(world, final=True, unit="2.5")  # the same statement again
    observe(world, final=True, unit="3.1")
    observe(world, final=False, unit="1.1")  # a draft does not count
    with django_assert_num_queries(1):
        counts = selectors.statements_observed_by_worker(world.organisation)
    assert counts == {world.user(Role.PSW).pk: 2}
    assert selectors.statements_observed_by_worker(world.other_organisation) == {}
