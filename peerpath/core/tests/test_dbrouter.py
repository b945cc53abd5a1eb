"""The replica router (peerpath/core/dbrouter.py): reports and dashboards read from the
replica, everything else and every write use the primary, and a replica that does not
answer leaves reports on the primary with no error.

The "replica" alias here is a test mirror of the default database, as Django's TEST
MIRROR makes it: the same rows through another alias, so each query shows up on the
alias it was routed to.
"""

import socket
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from django.db import connections
from django.db.utils import load_backend
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from peerpath.core.dbrouter import REPLICA
from peerpath.core.roles import Role

ROUTER = ["peerpath.core.dbrouter.ReplicaRouter"]


def _add_replica(settings_dict: dict[str, Any]) -> Any:
    connections.settings[REPLICA] = settings_dict
    return connections[REPLICA]


def _remove_replica() -> None:
    replica = connections[REPLICA]
    replica.connection = None  # the mirror's connection is the default's: never close it
    del connections[REPLICA]
    del connections.settings[REPLICA]


@pytest.fixture
def mirror(world: Any, settings: Any) -> Iterator[Any]:
    default = connections["default"]
    default.ensure_connection()
    replica = _add_replica(
        {**default.settings_dict, "CONN_MAX_AGE": None, "TEST": {"MIRROR": "default"}}
    )
    replica.connection = default.connection  # the same rows, the test's included
    replica.autocommit = True  # as a fresh connection: Django keeps it open between requests
    settings.DATABASE_ROUTERS = ROUTER
    yield replica
    _remove_replica()


@pytest.fixture
def unreachable(world: Any, settings: Any, tmp_path: Path) -> Iterator[Any]:
    default = connections["default"]
    closed = dict(default.settings_dict)
    if default.vendor == "postgresql":
        with socket.socket() as probe:  # a port nothing listens on
            probe.bind(("127.0.0.1", 0))
            port = probe.getsockname()[1]
        closed.update(HOST="127.0.0.1", PORT=port, OPTIONS={"connect_timeout": 2})
    else:
        closed.update(NAME=str(tmp_path / "no-such-folder" / "replica.sqlite3"))
    # Made by hand, not from settings: Django's test case lets it try to connect.
    replica = load_backend(closed["ENGINE"]).DatabaseWrapper(closed, REPLICA)
    connections[REPLICA] = replica
    settings.DATABASE_ROUTERS = ROUTER
    yield replica
    del connections[REPLICA]


def _selects(context: CaptureQueriesContext, table: str) -> list[str]:
    # A streamed export reads through a server-side cursor on PostgreSQL: DECLARE … SELECT.
    return [
        q["sql"]
        for q in context.captured_queries
        if q["sql"].startswith(("SELECT", "DECLARE")) and table in q["sql"]
    ]


def _writes(context: CaptureQueriesContext) -> list[str]:
    return [
        q["sql"]
        for q in context.captured_queries
        if q["sql"].split(" ", 1)[0] in ("INSERT", "UPDATE", "DELETE")
    ]


def _get(client: Any, url: str) -> tuple[Any, CaptureQueriesContext, CaptureQueriesContext]:
    with (
        CaptureQueriesContext(connections["default"]) as primary,
        CaptureQueriesContext(connections[REPLICA]) as replica,
    ):
        response = client.get(url)
        if response.streaming:
            b"".join(response.streaming_content)
    return response, primary, replica


def test_the_audit_log_reads_from_the_replica_and_writes_its_audit_to_the_primary(
    mirror: Any, client_for: Any
) -> None:
    response, primary, replica = _get(client_for(Role.ORG_ADMIN), reverse("core:audit-list"))
    assert response.status_code == 200
    assert _selects(replica, "core_auditevent")
    assert not _selects(primary, "core_auditevent")
    assert not _writes(replica)


def test_the_audit_export_streams_from_the_replica_and_audits_on_the_primary(
    mirror: Any, client_for: Any
) -> None:
    response, primary, replica = _get(client_for(Role.ORG_ADMIN), reverse("core:audit-export"))
    assert response.status_code == 200
    assert _selects(replica, "core_auditevent")  # the rows, read while streaming
    assert any("core_auditevent" in sql for sql in _writes(primary))  # the export's own audit
    assert not _writes(replica)


def test_the_training_dashboard_reads_from_the_replica(mirror: Any, client_for: Any) -> None:
    response, _primary, replica = _get(
        client_for(Role.COORDINATOR), reverse("recruitment:dashboard")
    )
    assert response.status_code == 200
    assert replica.captured_queries
    assert not _writes(replica)


def test_a_page_that_is_not_a_report_reads_only_from_the_primary(
    mirror: Any, client_for: Any
) -> None:
    response, primary, replica = _get(client_for(Role.ORG_ADMIN), reverse("workspace:home"))
    assert response.status_code == 200
    assert primary.captured_queries
    assert replica.captured_queries == []


def test_with_the_replica_unreachable_a_report_comes_from_the_primary(
    unreachable: Any, client_for: Any
) -> None:
    with CaptureQueriesContext(connections["default"]) as primary:
        response = client_for(Role.ORG_ADMIN).get(reverse("core:audit-list"))
    assert response.status_code == 200
    assert _selects(primary, "core_auditevent")
