import csv
import io
from typing import Any

import pytest
from django.db import DatabaseError, connection, transaction

from conftest import World
from peerpath.core.audit import audit
from peerpath.core.models import AppendOnlyError, AuditAction, AuditEvent, AuditOutcome
from peerpath.core.roles import Role
from peerpath.tests.dates import date_boxes

pytestmark = pytest.mark.django_db


def make_event(world: World, **fields: Any) -> AuditEvent:
    return audit(
        None,
        action=fields.pop("action", AuditAction.VIEW),
        actor=fields.pop("actor", world.user(Role.PSW)),
        organisation_id=fields.pop("organisation_id", world.organisation.pk),
        **fields,
    )


def test_audit_rows_cannot_be_changed_or_deleted_through_the_orm(world: World) -> None:
    event = make_event(world, object_label="Team list")
    event.reason = "tampered"
    with pytest.raises(AppendOnlyError):
        event.save()
    with pytest.raises(AppendOnlyError):
        event.delete()
    with pytest.raises(AppendOnlyError):
        AuditEvent.objects.filter(pk=event.pk).update(reason="tampered")
    with pytest.raises(AppendOnlyError):
        AuditEvent.objects.filter(pk=event.pk).delete()
    assert AuditEvent.objects.get(pk=event.pk).reason == ""


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the trigger is PostgreSQL's")
def test_postgresql_refuses_raw_update_and_delete_of_audit_rows(world: World) -> None:
    event = make_event(world)
    for sql in (
        "UPDATE core_auditevent SET reason = 'tampered' WHERE id = %s",
        "DELETE FROM core_auditevent WHERE id = %s",
    ):
        with (
            pytest.raises(DatabaseError, match="append-only"),
            transaction.atomic(),
            connection.cursor() as cursor,
        ):
            cursor.execute(sql, [event.pk])
    assert AuditEvent.objects.filter(pk=event.pk, reason="").exists()


def test_admin_searches_only_their_own_organisations_audit_log(world: World, client_for) -> None:
    make_event(world, object_label="Riverside canary record")
    make_event(
        world,
        actor=world.user("outsider"),
        organisation_id=world.other_organisation.pk,
        object_label="Eastfield canary record",
    )
    response = client_for(Role.ORG_ADMIN).get("/manage/audit/", {"text": "canary"})
    page = response.content.decode()
    assert response.status_code == 200
    assert "Riverside canary record" in page
    assert "Eastfield canary record" not in page


def test_audit_search_filters_by_action_and_outcome(world: World, client_for) -> None:
    make_event(world, object_label="Viewed thing")
    make_event(
        world, action=AuditAction.LOGIN_FAILED, outcome=AuditOutcome.DENIED, object_label="Bad"
    )
    client = client_for(Role.ORG_ADMIN)
    page = client.get("/manage/audit/", {"action": "login_failed"}).content.decode()
    assert "Bad" in page and "Viewed thing" not in page
    page = client.get("/manage/audit/", {"outcome": "allowed", "text": "thing"}).content.decode()
    assert "Viewed thing" in page and ">Bad<" not in page


def test_audit_search_explains_a_bad_date(world: World, client_for) -> None:
    client = client_for(Role.ORG_ADMIN)
    response = client.get("/manage/audit/", date_boxes("date_from", "31/02/2026"))
    assert response.status_code == 200
    assert "The start date must be a real date" in response.content.decode()
    assert 'href="#id_date_from_day"' in response.content.decode()
    response = client.get("/manage/audit/", date_boxes("date_to", "1/1/0001"))
    assert "The end date must be between 1900 and 2100" in response.content.decode()


def test_audit_csv_export_is_scoped_safe_for_spreadsheets_and_audited(
    world: World, client_for
) -> None:
    make_event(world, object_label="=HYPERLINK(evil)", reason="looked at the team list")
    make_event(world, organisation_id=world.other_organisation.pk, object_label="Eastfield only")
    response = client_for(Role.ORG_ADMIN).get("/manage/audit/export.csv")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(b"".join(response.streaming_content).decode())))
    labels = {row["object_label"] for row in rows}
    assert "'=HYPERLINK(evil)" in labels
    assert "Eastfield only" not in labels
    assert AuditEvent.objects.filter(
        action=AuditAction.EXPORT, actor_id=world.user(Role.ORG_ADMIN).pk
    ).exists()


@pytest.mark.parametrize("rows", [5, 60])
def test_audit_list_query_count_does_not_grow_with_rows_and_never_counts(
    world: World, client_for, django_assert_num_queries, rows: int
) -> None:
    for i in range(rows):
        make_event(world, object_label=f"row {i}")
    client = client_for(Role.ORG_ADMIN)
    client.get("/manage/audit/")  # warm the session
    # session, user, memberships, one page of rows (keyset: no COUNT): the same for 5 rows
    # as for 60. It was 5 with the paginator's COUNT.
    with django_assert_num_queries(4) as captured:
        response = client.get("/manage/audit/")
    assert response.status_code == 200
    assert not [q["sql"] for q in captured.captured_queries if "COUNT(" in q["sql"].upper()]
