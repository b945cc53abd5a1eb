"""The admin's audit search: exact filters, a bounded date range, keyset pages (issue 14)."""

import csv
import io
import re
from datetime import date, timedelta
from typing import Any

import pytest
from django.utils import timezone

from conftest import World
from peerpath.core import audit_partitions as partitions
from peerpath.core.actor import Actor
from peerpath.core.models import AuditAction, AuditEvent, AuditOutcome
from peerpath.core.roles import Role
from peerpath.core.selectors import AuditFilter, Cursor, audit_page, default_range
from peerpath.tests.dates import date_boxes

pytestmark = pytest.mark.django_db
URL = "/manage/audit/"


def event(world: World, **fields: Any) -> AuditEvent:
    values: dict[str, Any] = {
        "at": timezone.now(),
        "organisation_id": world.organisation.pk,
        "action": AuditAction.VIEW,
        **fields,
    }
    return AuditEvent.objects.create(**values)


def admin_actor(world: World) -> Actor:
    return Actor(
        user=world.user(Role.ORG_ADMIN), organisation=world.organisation, roles=frozenset()
    )


def labels(page: str) -> set[str]:
    return set(re.findall(r"label-(\d+)", page))


def test_pages_by_keyset_miss_and_repeat_no_row_even_with_equal_times(world: World) -> None:
    now = timezone.now()
    # 130 rows over 13 distinct instants: many share their time, so only (at, id) orders them.
    AuditEvent.objects.bulk_create(
        [
            AuditEvent(
                at=now - timedelta(seconds=i // 10),
                organisation_id=world.organisation.pk,
                action=AuditAction.VIEW,
                object_label=f"label-{i}",
            )
            for i in range(130)
        ]
    )
    criteria = AuditFilter(*default_range())
    actor = admin_actor(world)
    expected = list(
        AuditEvent.objects.filter(organisation_id=world.organisation.pk)
        .order_by("-at", "-id")
        .values_list("pk", flat=True)
    )
    seen: list[int] = []
    pages = [audit_page(criteria, actor=actor, size=20)]
    while pages[-1].older:
        pages.append(audit_page(criteria, actor=actor, older_than=pages[-1].older, size=20))
    for page in pages:
        seen += [e.pk for e in page.events]
    assert seen == expected
    assert len(pages) == 7 and pages[0].newer is None and pages[-1].older is None
    # And back, newer page by newer page, from the oldest: the same pages.
    back = [pages[-1]]
    while back[-1].newer:
        back.append(audit_page(criteria, actor=actor, newer_than=back[-1].newer, size=20))
    assert [e.pk for page in reversed(back) for e in page.events] == expected
    assert [len(p.events) for p in back] == [10, 20, 20, 20, 20, 20, 20]


def test_the_cursor_survives_its_link_and_nonsense_is_ignored() -> None:
    cursor = Cursor(timezone.now().replace(microsecond=123456), 42)
    assert Cursor.parse(str(cursor)) == cursor
    for nonsense in ("", "x", "1.2.3", "9" * 40 + ".1", None):
        assert Cursor.parse(nonsense) is None


def test_older_and_newer_links_walk_the_list(world: World, client_for: Any) -> None:
    now = timezone.now()
    AuditEvent.objects.bulk_create(
        [
            AuditEvent(
                at=now - timedelta(minutes=i),
                organisation_id=world.organisation.pk,
                action=AuditAction.VIEW,
                object_label=f"label-{i}",
            )
            for i in range(60)
        ]
    )
    client = client_for(Role.ORG_ADMIN)
    first = client.get(URL, {"action": "view"}).content.decode()
    assert labels(first) == {str(i) for i in range(50)}
    assert "Newer events" not in first
    older = re.search(r'href="\?([^"]*older=[^"]*)"', first)
    assert older
    second = client.get(URL + "?" + older[1].replace("&amp;", "&")).content.decode()
    assert labels(second) == {str(i) for i in range(50, 60)}
    assert "Older events" not in second
    newer = re.search(r'href="\?([^"]*newer=[^"]*)"', second)
    assert newer and "action=view" in newer[1]
    back = client.get(URL + "?" + newer[1].replace("&amp;", "&")).content.decode()
    assert labels(back) == labels(first)


def test_exact_filters_find_only_their_rows(world: World, client_for: Any) -> None:
    psw = world.user(Role.PSW)
    event(world, person_id=7, object_label="label-1")
    event(world, person_id=8, object_label="label-2")
    event(world, actor_id=psw.pk, actor_label=psw.email, object_label="label-3")
    event(world, object_type="caseload.person", object_id="7", object_label="label-4")
    event(world, object_type="caseload.person", object_id="8", object_label="label-5")
    event(world, outcome=AuditOutcome.DENIED, object_label="label-6")
    event(world, at=timezone.now() - timedelta(days=40), object_label="label-7")
    client = client_for(Role.ORG_ADMIN)

    def found(**query: str) -> set[str]:
        response = client.get(URL, query)
        assert response.status_code == 200
        return labels(response.content.decode())

    assert found(person="P7") == {"1"}
    assert found(person="8") == {"2"}
    assert found(who=psw.email.upper()) == {"3"}
    assert found(who=str(psw.pk)) == {"3"}
    assert found(object_type="caseload.person", object_id="7") == {"4"}
    assert found(object_type="caseload.person") == {"4", "5"}
    assert found(outcome="denied") == {"6"}
    # The last 30 days unless asked: the 40-day-old row needs its dates.
    assert "7" not in found()
    start = timezone.localdate() - timedelta(days=45)
    assert "7" in found(
        **date_boxes("date_from", start), **date_boxes("date_to", start + timedelta(days=10))
    )
    assert found(text="abel-7") == set()
    assert found(text="ABEL-6") == {"6"}


def test_a_search_is_always_bounded_and_explains_what_to_change(
    world: World, client_for: Any
) -> None:
    event(world, object_label="label-1")
    client = client_for(Role.ORG_ADMIN)
    today = timezone.localdate()

    def errors(**query: str) -> str:
        page = client.get(URL, query).content.decode()
        assert "label-1" not in page and "Correct the search above" in page
        return page

    page = errors(
        **date_boxes("date_from", today), **date_boxes("date_to", today - timedelta(days=1))
    )
    assert "The end date must be on or after the start date." in page
    page = errors(text="ab")
    assert "Enter at least 3 letters to search for words" in page
    page = errors(text="label", **date_boxes("date_from", today - timedelta(days=40)))
    assert "A search for words covers at most 31 days" in page
    page = errors(**date_boxes("date_from", today - timedelta(days=400)))
    assert "Search at most a year at a time" in page
    assert "Enter the record number, like P1234" in errors(person="Alex")
    assert "Enter an email address" in errors(who="Jordan")
    assert "Enter the kind of record, as well as its number" in errors(object_id="7")
    # Each message is next to its field and in the summary, linked to it.
    assert 'href="#id_person"' in errors(person="Alex")
    # The form shows the default range it searches.
    first = client.get(URL).content.decode()
    start, end = default_range()
    assert f'value="{start.day}"' in first and f'value="{end.year}"' in first
    assert "label-1" in first


def test_an_admin_sees_only_their_organisations_events(world: World, client_for: Any) -> None:
    event(world, person_id=7, object_label="label-1")
    event(world, organisation_id=world.other_organisation.pk, person_id=7, object_label="label-2")
    client = client_for(Role.ORG_ADMIN)
    assert labels(client.get(URL, {"person": "7"}).content.decode()) == {"1"}
    assert labels(client.get(URL, {"text": "abel"}).content.decode()) == {"1"}
    export = client.get(URL + "export.csv", {"person": "7"})
    rows = list(csv.DictReader(io.StringIO(b"".join(export.streaming_content).decode())))
    assert [row["object_label"] for row in rows] == ["label-1"]


def test_the_export_keeps_the_filters_and_their_rules(world: World, client_for: Any) -> None:
    event(world, person_id=7, object_label="label-1")
    event(world, person_id=8, object_label="label-2")
    event(world, at=timezone.now() - timedelta(days=40), person_id=7, object_label="label-3")
    client = client_for(Role.ORG_ADMIN)
    export = client.get(URL + "export.csv", {"person": "P7"})
    assert export.streaming
    rows = list(csv.DictReader(io.StringIO(b"".join(export.streaming_content).decode())))
    assert [row["object_label"] for row in rows] == ["label-1"]
    refused = client.get(
        URL + "export.csv", {"text": "label", **date_boxes("date_from", "1/1/2020")}
    )
    assert refused["Content-Type"].startswith("text/html")
    assert "A search for words covers at most 31 days" in refused.content.decode()


def test_partition_names_and_months() -> None:
    assert partitions.partition_name(date(2026, 12, 1)) == "core_auditevent_p202612"
    assert partitions.add_months(date(2026, 12, 1), 1) == date(2027, 1, 1)
    assert partitions.add_months(date(2026, 1, 1), -13) == date(2024, 12, 1)
