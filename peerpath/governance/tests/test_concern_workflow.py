"""The safeguarding lead's workflow (issue 9, item 4): the person fully identified, a dated
timeline of what was done, and the person's record open to the lead while the concern is."""

from datetime import date, timedelta
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.db import DatabaseError, connection, transaction
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from peerpath.caseload.models import PeerRelationship, Person, Status
from peerpath.core.models import AuditEvent, AuditOutcome
from peerpath.core.roles import Role
from peerpath.governance import services
from peerpath.governance.models import ConcernAction, SafeguardingConcern
from peerpath.tests.pages import text

pytestmark = pytest.mark.django_db


def detail(concern: SafeguardingConcern) -> str:
    return reverse("governance:concern-detail", kwargs={"pk": concern.pk})


def add_url(concern: SafeguardingConcern) -> str:
    return reverse("governance:concern-action-add", kwargs={"pk": concern.pk})


def record_of(person: Person) -> str:
    return reverse("workspace:person-detail", kwargs={"person": person.pk})


def action_data(**overrides: Any) -> dict[str, Any]:
    data = {
        "kind": "call",
        "happened_on": timezone.localdate() - timedelta(days=1),
        "happened_time": "10:30",
        "with_whom": "Alex, on their mobile",
        "what": "Phoned Alex: they are safe today and have their bank card back.",
    }
    data.update(overrides)
    return data


@pytest.mark.hazard("H2")
def test_the_concern_page_identifies_the_person_fully(caseload_world: Any, client_for: Any) -> None:
    world = caseload_world
    Person.objects.filter(pk=world.person.pk).update(
        nhs_number="9434765919",
        phone="07700 900456",
        email="alex@example.org",
        address="4 Mill Lane, Riverside",
        contact_preferences="Text first",
    )
    page = text(client_for(Role.SAFEGUARDING_LEAD).get(detail(world.concern)))
    for fact in (
        "Alex Morgan",
        "17 May 1990",
        "943 476 5919",
        "07700 900456",
        "alex@example.org",
        "4 Mill Lane, Riverside",
        "Text first",
        world.user(Role.PSW).display_name,  # their peer support worker
        world.user(Role.SUPERVISOR).display_name,  # their team's supervisor
    ):
        assert fact in page, fact


@pytest.mark.hazard("H2")
def test_the_lead_and_the_supervisor_add_to_the_timeline_before_the_outcome(
    caseload_world: Any, client_for: Any
) -> None:
    world = caseload_world
    concern = world.concern
    lead = client_for(Role.SAFEGUARDING_LEAD)
    page = lead.get(detail(concern)).content.decode()
    assert add_url(concern) in page
    form = lead.get(add_url(concern))
    assert form.status_code == 200
    yesterday = timezone.localdate() - timedelta(days=1)
    response = lead.post(add_url(concern), action_data(happened_on=yesterday))
    assert response.status_code == 302 and response["Location"] == detail(concern)
    supervisor = client_for(Role.SUPERVISOR)
    response = supervisor.post(
        add_url(concern),
        action_data(
            kind="told",
            happened_on=timezone.localdate(),
            happened_time="00:05",
            with_whom="Adult social care duty team",
            what="Told the duty team.",
        ),
    )
    assert response.status_code == 302
    entries = list(ConcernAction.objects.filter(concern=concern).order_by("happened_at"))
    assert [e.recorded_by for e in entries] == [
        world.user(Role.SAFEGUARDING_LEAD),
        world.user(Role.SUPERVISOR),
    ]
    assert timezone.localtime(entries[0].happened_at).date() == yesterday
    page = text(lead.get(detail(concern)))
    assert page.index("Phoned Alex") < page.index("Told the duty team.")
    assert "Adult social care duty team" in page
    assert world.user(Role.SUPERVISOR).display_name in page
    audited = AuditEvent.objects.filter(
        person_id=world.person.pk, object_type="governance.concernaction"
    )
    assert audited.count() == 2

    # The PSW who raised it reads the timeline but does not add to it.
    psw = client_for(Role.PSW)
    assert "Told the duty team." in text(psw.get(detail(concern)))
    assert psw.post(add_url(concern), action_data()).status_code == 403
    assert ConcernAction.objects.filter(concern=concern).count() == 2


def test_a_timeline_entry_needs_what_was_done_and_a_date_not_in_the_future(
    caseload_world: Any, client_for: Any
) -> None:
    lead = client_for(Role.SAFEGUARDING_LEAD)
    concern = caseload_world.concern
    response = lead.post(add_url(concern), action_data(what="", happened_on=""))
    assert response.status_code == 400
    page = text(response)
    assert "Enter what was done" in page and "Enter the date it happened" in page
    tomorrow = timezone.localdate() + timedelta(days=1)
    response = lead.post(add_url(concern), action_data(happened_on=tomorrow))
    assert response.status_code == 400
    # The same message as every date of something that happened (core/dates.py HAPPENED).
    assert "Date it happened must be today or in the past" in text(response)
    assert not ConcernAction.objects.exists()


@pytest.mark.hazard("H2")
def test_timeline_entries_are_append_only_and_stop_when_the_concern_is_closed(
    caseload_world: Any, client_for: Any
) -> None:
    world = caseload_world
    lead = world.user(Role.SAFEGUARDING_LEAD)
    entry = services.concern_action_record(
        concern=world.concern,
        data={
            "kind": "call",
            "happened_at": timezone.now(),
            "with_whom": "",
            "what": "Phoned Alex.",
        },
        by=lead,
    )
    entry.what = "Something else"
    with pytest.raises(ValidationError):
        entry.save()
    with pytest.raises(ValidationError):
        entry.delete()
    services.concern_close(concern=world.concern, outcome="Resolved with Alex.", by=lead)
    client = Client()
    client.force_login(lead)
    assert client.post(add_url(world.concern), action_data()).status_code == 409
    assert ConcernAction.objects.get().what == "Phoned Alex."
    assert add_url(world.concern) not in client.get(detail(world.concern)).content.decode()


@pytest.mark.hazard("H7")
def test_the_lead_reads_the_record_while_the_concern_is_open_audited_with_the_concern(
    caseload_world: Any, client_for: Any
) -> None:
    world = caseload_world
    person, concern = world.person, world.concern
    lead = client_for(Role.SAFEGUARDING_LEAD)
    page = lead.get(detail(concern)).content.decode()
    assert record_of(person) in page
    response = lead.get(record_of(person))
    assert response.status_code == 200
    body = text(response)
    assert f'data-person-id="{person.pk}"' in response.content.decode()
    assert "open safeguarding concern" in body  # why they can read it, and for how long
    read = AuditEvent.objects.filter(person_id=person.pk, outcome=AuditOutcome.ALLOWED).latest("pk")
    assert read.actor_id == world.user(Role.SAFEGUARDING_LEAD).pk
    assert f"safeguarding concern {concern.pk}" in read.reason
    # Read only: no link to change the record.
    for name, kwargs in (
        ("caseload:person-edit", {"person": person.pk}),
        ("recovery:goal-create", {"person": person.pk}),
        ("contacts:note-create", {"person": person.pk}),
    ):
        assert reverse(name, kwargs=kwargs) not in response.content.decode()
        assert lead.get(reverse(name, kwargs=kwargs)).status_code == 403

    services.concern_close(
        concern=concern, outcome="Resolved with Alex.", by=world.user(Role.SAFEGUARDING_LEAD)
    )
    assert lead.get(record_of(person)).status_code == 404
    assert record_of(person) not in lead.get(detail(concern)).content.decode()
    refused = AuditEvent.objects.filter(person_id=person.pk, outcome=AuditOutcome.NOT_FOUND).latest(
        "pk"
    )
    assert refused.actor_id == world.user(Role.SAFEGUARDING_LEAD).pk


@pytest.mark.hazard("H7")
def test_the_concern_page_links_the_record_only_for_those_who_may_open_it(
    caseload_world: Any, client_for: Any
) -> None:
    """Who raised a concern, or supervises it from another team, keeps reading the concern
    but may not open the person's record: the page names the person without a link that
    would answer "Page not found". Those who may open it still get the link."""
    world = caseload_world
    person, concern = world.person, world.concern
    psw, supervisor = client_for(Role.PSW), client_for(Role.SUPERVISOR)
    assert record_of(person) in psw.get(detail(concern)).content.decode()
    # Peer support ends: the record closes to the worker, the concern they raised does not.
    PeerRelationship.objects.filter(pk=world.relationship.pk).update(
        status=Status.ENDED, ended_at=timezone.now()
    )
    assert psw.get(record_of(person)).status_code == 404
    page = psw.get(detail(concern))
    assert page.status_code == 200
    assert record_of(person) not in page.content.decode()
    assert "Alex Morgan" in text(page)  # still fully identified, as a name
    # The team's supervisor still opens the record from the concern.
    assert record_of(person) in supervisor.get(detail(concern)).content.decode()
    assert supervisor.get(record_of(person)).status_code == 200
    # A supervisor of another team, sent the concern as the raiser's supervisor, does not.
    elsewhere = world.peers["supervisor of another team"]
    SafeguardingConcern.objects.filter(pk=concern.pk).update(supervisor=elsewhere)
    other = Client()
    other.force_login(elsewhere)
    assert other.get(record_of(person)).status_code == 404
    page = other.get(detail(concern))
    assert page.status_code == 200 and record_of(person) not in page.content.decode()


@pytest.mark.hazard("H7")
def test_a_lead_with_no_open_concern_about_someone_cannot_read_their_record(
    caseload_world: Any, client_for: Any
) -> None:
    world = caseload_world
    other = Person.objects.create(
        organisation=world.organisation,
        team=world.team,
        full_name="Sam Other",
        date_of_birth=date(1980, 1, 1),
    )
    assert client_for(Role.SAFEGUARDING_LEAD).get(record_of(other)).status_code == 404


def test_the_concern_page_does_not_grow_with_its_timeline(
    caseload_world: Any, client_for: Any
) -> None:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    world = caseload_world
    lead = client_for(Role.SAFEGUARDING_LEAD)

    def count() -> int:
        lead.get(detail(world.concern))
        with CaptureQueriesContext(connection) as queries:
            assert lead.get(detail(world.concern)).status_code == 200
        return len(queries)

    def entries(n: int) -> None:
        for k in range(n):
            services.concern_action_record(
                concern=world.concern,
                data={
                    "kind": "call",
                    "happened_at": timezone.now() - timedelta(minutes=k + 1),
                    "with_whom": "",
                    "what": f"Call {k}",
                },
                by=world.user(Role.SUPERVISOR if k % 2 else Role.SAFEGUARDING_LEAD),
            )

    entries(1)
    small = count()
    entries(10)
    assert count() == small


@pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="the trigger is PostgreSQL's; SQLite has no such trigger (runs in the PostgreSQL pass)",
)
@pytest.mark.parametrize(
    "statement",
    ["UPDATE {table} SET what = 'Rewritten' WHERE id = %s", "DELETE FROM {table} WHERE id = %s"],
)
@pytest.mark.hazard("H2")
def test_postgresql_refuses_to_change_or_delete_a_timeline_entry(
    caseload_world: Any, statement: str
) -> None:
    entry = services.concern_action_record(
        concern=caseload_world.concern,
        data={"kind": "call", "happened_at": timezone.now(), "with_whom": "", "what": "Phoned."},
        by=caseload_world.user(Role.SAFEGUARDING_LEAD),
    )
    with (
        pytest.raises(DatabaseError, match="append-only"),
        transaction.atomic(),
        connection.cursor() as cursor,
    ):
        cursor.execute(statement.format(table="governance_concernaction"), [entry.pk])
    assert ConcernAction.objects.get(pk=entry.pk).what == "Phoned."
