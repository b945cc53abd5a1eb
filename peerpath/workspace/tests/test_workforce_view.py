"""The workforce view (issue 12, point 8): its figures, the CSV export, who sees what, and
a query count that stays flat as the workforce grows."""

import ast
import csv
import io
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from django.urls import reverse
from django.utils import timezone

from conftest import World
from peerpath.accounts.tests.factories import UserFactory
from peerpath.caseload.tests.growth import count
from peerpath.core.models import AuditAction, AuditEvent
from peerpath.core.roles import Role
from peerpath.framework.models import Statement
from peerpath.learning.tests.helpers import employ, plan_unit, refresher
from peerpath.observation.tests.factories import DevelopmentPlanFactory, ObservationRatingFactory
from peerpath.organisations.tests.factories import MembershipFactory
from peerpath.supervision.models import SupervisionAgreement
from peerpath.supervision.tests.factories import session
from peerpath.training.tests.factories import AwardFactory, EnrolmentFactory
from peerpath.workspace import workforce_view

pytestmark = pytest.mark.django_db

URL = reverse("workspace:workforce")
EXPORT = reverse("workspace:workforce-export")
CONCERN = "Ends sessions abruptly (a canary of the plan's detail)"


def add_worker(world: World, n: int, *, on_time: bool = True) -> Any:
    """A worker in post with a supervision agreement (a session held recently, or none for
    months), one statement observed, a development unit and a concern plan due."""
    today = timezone.localdate()
    worker: Any = UserFactory(full_name=f"Worker {n:02d}")
    MembershipFactory(user=worker, organisation=world.organisation, role=Role.PSW, team=world.team)
    supervisor = world.user(Role.SUPERVISOR)
    employ(
        world.organisation,
        world.team,
        worker,
        line_manager=supervisor,
        supervisor=supervisor,
        starts_on=today - timedelta(days=200),
    )
    agreement = SupervisionAgreement.objects.get(worker=worker)
    if on_time:
        session(agreement, held_on=today - timedelta(days=7))
    ObservationRatingFactory(
        observation__organisation=world.organisation,
        observation__worker=worker,
        observation__observer=supervisor,
        observation__finalised_at=timezone.now(),
        statement=Statement.objects.filter(framework__is_current=True).order_by("pk")[n],
    )
    plan_unit(world.organisation, worker, "1.5", review_by=today - timedelta(days=1))
    DevelopmentPlanFactory(
        observation__organisation=world.organisation,
        observation__worker=worker,
        observation__observer=supervisor,
        concern=CONCERN,
        next_review_on=today - timedelta(days=n),
    )
    return worker


def test_one_worker_on_time_and_one_overdue_is_fifty_percent(
    world: World, framework: Any, client_for: Any
) -> None:
    add_worker(world, 1, on_time=True)
    add_worker(world, 2, on_time=False)
    refresher(world.organisation, "Safeguarding adults", every_months=6)
    response = client_for(Role.COORDINATOR).get(URL)
    assert response.status_code == 200
    ctx = response.context_data
    assert ctx["supervision_percent"] == 50
    assert ctx["supervision_on_time"] == 1 and len(ctx["supervision"]) == 2
    assert ctx["posts"] == {"filled": 2, "vacant": 0}
    assert ctx["retention"] == {"in_post": 2, "ended": 0, "all": 2}
    assert ctx["units_due_total"] == 2
    assert ctx["refreshers_due_total"] == 2  # started 200 days ago, every 6 months: overdue
    assert ctx["plans_due_count"] == 2
    rows = {row.name: row for row in ctx["rows"]}
    assert rows["Worker 01"].on_time is True and rows["Worker 02"].on_time is False
    assert rows["Worker 01"].statements == 1 and rows["Worker 02"].units_due == 1
    assert rows["Worker 02"].last_held is None
    page = response.content.decode()
    assert "50% of workers" in page
    # The peer development lead sees counts and due dates of concern plans, never the detail.
    assert "Plans for an area of significant concern due for review" in page
    assert CONCERN not in page


def test_an_admin_sees_the_view_but_only_the_count_of_concern_plans(
    world: World, framework: Any, client_for: Any
) -> None:
    add_worker(world, 1)
    response = client_for(Role.ORG_ADMIN).get(URL)
    assert response.status_code == 200
    page = response.content.decode()
    assert "1 plan for an area of significant concern is due for review" in page
    assert response.context_data["plans_due_by_worker"] == []
    assert "Plans for an area of significant concern due for review" not in page
    assert CONCERN not in page


@pytest.mark.parametrize("role", [Role.PSW, Role.SUPERVISOR, Role.TRAINER, Role.TRAINEE])
def test_only_coordinators_and_admins_may_open_it(client_for: Any, role: Role) -> None:
    assert client_for(role).get(URL).status_code == 403
    assert client_for(role).get(EXPORT).status_code == 403


def test_the_days_from_graduation_to_employment_median_and_range(
    world: World, client_for: Any
) -> None:
    today = timezone.localdate()
    for n, days in enumerate((10, 30, 90)):
        worker = UserFactory(full_name=f"Graduate {n}")
        # Made with its date: PostgreSQL refuses a change to an award once saved.
        award: Any = AwardFactory(
            enrolment=EnrolmentFactory(
                cohort__programme__organisation=world.organisation, trainee=worker
            ),
            awarded_on=today - timedelta(days=300),
        )
        employ(
            world.organisation,
            world.team,
            worker,
            line_manager=world.user(Role.SUPERVISOR),
            starts_on=award.awarded_on + timedelta(days=days),
        )
    ctx = client_for(Role.COORDINATOR).get(URL).context_data
    assert (ctx["days_median"], ctx["days_min"], ctx["days_max"]) == (30, 10, 90)
    assert [row["days"] for row in ctx["employed"]] == [10, 30, 90]


def test_the_csv_has_a_row_per_worker_and_is_audited_as_an_export(
    world: World, framework: Any, client_for: Any
) -> None:
    add_worker(world, 1, on_time=True)
    add_worker(world, 2, on_time=False)
    response = client_for(Role.COORDINATOR).get(EXPORT)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert "attachment" in response["Content-Disposition"]
    header, *rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert tuple(header) == workforce_view.CSV_COLUMNS
    assert header[:3] == ["Name", "Post", "Started"]
    today = timezone.localdate()
    assert rows[0] == [
        "Worker 01",
        "Peer support worker",
        str(today - timedelta(days=200)),
        str(today - timedelta(days=7)),
        str(today - timedelta(days=7) + timedelta(weeks=4)),
        "Yes",
        "1",
        "1",
        "0",
    ]
    assert rows[1][0] == "Worker 02" and rows[1][5] == "No"
    assert CONCERN not in response.content.decode()
    event = AuditEvent.objects.get(action=AuditAction.EXPORT)
    assert event.actor_id == world.user(Role.COORDINATOR).pk
    assert event.object_label == "workforce view (CSV)"


def test_a_cell_that_looks_like_a_formula_is_made_safe(
    world: World, framework: Any, client_for: Any
) -> None:
    worker = add_worker(world, 1)
    worker.full_name = "=HYPERLINK(1)"
    worker.save()
    response = client_for(Role.COORDINATOR).get(EXPORT)
    assert "'=HYPERLINK(1)" in response.content.decode()


def test_the_view_and_the_export_run_the_same_queries_for_2_and_8_workers(
    world: World, framework: Any, client_for: Any, django_assert_num_queries: Any
) -> None:
    refresher(world.organisation, "Safeguarding adults", every_months=6)
    client = client_for(Role.COORDINATOR)
    for n in range(2):
        add_worker(world, n, on_time=n % 2 == 0)
    view_queries, export_queries = count(client, URL), count(client, EXPORT)
    with django_assert_num_queries(view_queries):
        assert len(client.get(URL).context_data["rows"]) == 2
    for n in range(2, 8):
        add_worker(world, n, on_time=n % 2 == 0)
    with django_assert_num_queries(view_queries):
        assert len(client.get(URL).context_data["rows"]) == 8
    with django_assert_num_queries(export_queries):
        assert client.get(EXPORT).content.decode().count("\n") == 9


def test_the_table_is_paginated(
    world: World, framework: Any, client_for: Any, monkeypatch: Any
) -> None:
    from peerpath.workspace import views

    monkeypatch.setattr(views, "WORKERS_PER_PAGE", 2)
    for n in range(3):
        add_worker(world, n)
    client = client_for(Role.COORDINATOR)
    first = client.get(URL)
    assert [row.name for row in first.context_data["rows"]] == ["Worker 00", "Worker 01"]
    assert "Next page" in first.content.decode()
    second = client.get(URL, {"page": 2})
    assert [row.name for row in second.context_data["rows"]] == ["Worker 02"]


def test_the_workforce_view_never_imports_wellbeing() -> None:
    source = Path(workforce_view.__file__).read_text()
    imported: list[str] = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            imported += [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module:
            imported.append(node.module)
            imported += [f"{node.module}.{alias.name}" for alias in node.names]
    assert "peerpath.workforce.selectors" in imported or "peerpath.workforce" in imported
    assert not [name for name in imported if "wellbeing" in name]


def test_a_median_of_an_even_number_of_graduates_reads_as_days() -> None:
    assert workforce_view._whole_or_tenth(42.0) == 42
    assert str(workforce_view._whole_or_tenth(42.0)) == "42"
    assert workforce_view._whole_or_tenth(20.5) == 20.5


def in_post_alone(world: World, n: int) -> Any:
    """A worker in post with no supervision agreement at all."""
    from peerpath.workforce.tests.factories import EmploymentRecordFactory, PostFactory

    worker: Any = UserFactory(full_name=f"Alone {n:02d}")
    MembershipFactory(user=worker, organisation=world.organisation, role=Role.PSW, team=world.team)
    return EmploymentRecordFactory(
        post=PostFactory(team=world.team, title=f"Peer support worker {n}"),
        worker=worker,
        starts_on=timezone.localdate() - timedelta(days=30),
        line_manager=world.user(Role.SUPERVISOR),
    )


def test_workers_in_post_without_an_agreement_in_force_are_counted_and_named(
    world: World, framework: Any, client_for: Any
) -> None:
    add_worker(world, 1)  # an agreement in force: not counted
    alone = in_post_alone(world, 1)
    ended = add_worker(world, 2)
    SupervisionAgreement.objects.filter(worker=ended).update(
        ends_on=timezone.localdate() - timedelta(days=1)
    )
    coordinator = client_for(Role.COORDINATOR).get(URL)
    assert coordinator.context_data["no_agreement_count"] == 2
    names = [r.worker.display_name for r in coordinator.context_data["no_agreement"]]
    assert names == ["Alone 01", "Worker 02"]
    page = coordinator.content.decode()
    assert "In post without a supervision agreement in force" in page
    assert "2 peer workers&#39; posts have no supervision agreement in force" in page
    assert f'href="/workforce/employment/{alone.pk}/"' in page
    admin = client_for(Role.ORG_ADMIN).get(URL)
    assert admin.context_data["no_agreement_count"] == 2
    assert admin.context_data["no_agreement"] is None
    # A count only, for admins (the table of workers in post names everyone, unlinked).
    assert f'href="/workforce/employment/{alone.pk}/"' not in admin.content.decode()


def test_every_worker_with_an_agreement_reads_so(
    world: World, framework: Any, client_for: Any
) -> None:
    add_worker(world, 1)
    page = client_for(Role.COORDINATOR).get(URL).content.decode()
    assert "Every peer worker in post has a supervision agreement in force." in page


@pytest.mark.parametrize("role", [Role.COORDINATOR, Role.ORG_ADMIN])
def test_the_count_and_list_without_an_agreement_make_the_same_queries_however_many(
    world: World, client_for: Any, django_assert_num_queries: Any, role: Role, monkeypatch: Any
) -> None:
    from peerpath.workspace import views

    monkeypatch.setattr(views, "UNSUPERVISED_PER_PAGE", 3)
    client = client_for(role)
    in_post_alone(world, 0)
    queries = count(client, URL)
    for n in range(1, 8):
        in_post_alone(world, n)
    with django_assert_num_queries(queries):
        response = client.get(URL)
    assert response.context_data["no_agreement_count"] == 8
    if role == Role.COORDINATOR:
        assert len(response.context_data["no_agreement"]) == 3
        assert "no_agreement_page=2" in response.content.decode()
