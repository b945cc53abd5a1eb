""" "Who has seen my record": others' reads of the person's record from the audit log, in
plain sentences, newest first, a page at a time; their own views, automatic jobs and
refused attempts are left out. Also: the audit rows name the role used and whether the
person did it themselves."""

import re
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from peerpath.core.models import AuditAction, AuditEvent, AuditOutcome
from peerpath.core.roles import Role
from peerpath.oversight import presenters, selectors
from peerpath.recovery.documents import KINDS
from peerpath.tests.databases import plan_of
from peerpath.tests.pages import words

from .factories import grant

pytestmark = pytest.mark.django_db

SEEN = reverse("oversight:who-has-seen")
PSW_NAME = "Peer support worker Riverside"


@pytest.fixture
def alex(caseload_world: Any) -> Any:
    person = caseload_world.person
    person.user = caseload_world.user(Role.PERSON)
    person.save()
    return person


def seen(client_for: Any, query: str = "") -> str:
    response = client_for(Role.PERSON).get(SEEN + query)
    assert response.status_code == 200
    return words(response)


def test_the_audit_row_names_the_role_and_whether_it_was_the_person(
    alex: Any, client_for: Any
) -> None:
    assert client_for(Role.PSW).get(f"/people/{alex.pk}/").status_code == 200
    psw_read = AuditEvent.objects.filter(person_id=alex.pk, path=f"/people/{alex.pk}/").get()
    assert psw_read.actor_role == "psw" and psw_read.by_subject is False
    client_for(Role.SUPERVISOR).get(f"/people/{alex.pk}/")
    supervisor_read = AuditEvent.objects.filter(path=f"/people/{alex.pk}/").exclude(pk=psw_read.pk)
    assert supervisor_read.get().actor_role == "supervisor"
    client_for(Role.PERSON).get(SEEN)
    own = AuditEvent.objects.get(person_id=alex.pk, path=SEEN)
    assert own.actor_role == "person" and own.by_subject is True


def test_the_psws_reads_make_one_plain_sentence(alex: Any, client_for: Any) -> None:
    psw = client_for(Role.PSW)
    psw.get(f"/people/{alex.pk}/goals/")
    psw.get(f"/people/{alex.pk}/plans/crisis-plan/")
    psw.get(f"/people/{alex.pk}/plans/crisis-plan/")
    text = seen(client_for)
    assert (
        f"{PSW_NAME}, your peer support worker, looked at your crisis plan and goals, today, "
        "3 times." in text
    )


def test_a_carers_reads_and_a_safeguarding_concern_are_shown(
    alex: Any, caseload_world: Any, client_for: Any
) -> None:
    carer = client_for(Role.CARER)
    assert carer.get(f"/shared-with-me/{caseload_world.family_member.pk}/").status_code == 200
    lead = client_for(Role.SAFEGUARDING_LEAD)
    assert lead.get(f"/people/{alex.pk}/").status_code == 200
    text = seen(client_for)
    assert "Carer Riverside, your carer, looked at your crisis plan, today, once." in text
    assert "Safeguarding lead Riverside, a safeguarding lead, looked at your record" in text
    assert "Why: during a safeguarding concern" in text


def test_urgent_access_is_shown_with_its_reason(
    alex: Any, caseload_world: Any, client_for: Any
) -> None:
    given = grant(alex, caseload_world.user(Role.ON_CALL))
    client_for(Role.ON_CALL).get(reverse("oversight:urgent-detail", kwargs={"pk": given.pk}))
    text = seen(client_for)
    assert (
        "On-call or crisis team Riverside, from the on-call or crisis team, looked at your "
        "crisis plan and contact details, today, once." in text
    )
    assert f"Why: urgent access, for a crisis call: “{given.reason}”" in text


def test_own_views_automatic_jobs_and_refusals_are_left_out(
    alex: Any, caseload_world: Any, client_for: Any
) -> None:
    client_for(Role.PERSON).get(SEEN)
    client_for(Role.PERSON).get("/")  # their home page reads their record too
    now = timezone.now()
    AuditEvent.objects.bulk_create(
        [
            AuditEvent(
                at=now,
                action=AuditAction.VIEW,
                person_id=alex.pk,
                reason="a nightly job",
                organisation_id=alex.organisation_id,
            ),
            AuditEvent(
                at=now,
                action=AuditAction.VIEW,
                person_id=alex.pk,
                actor_id=caseload_world.user(Role.TRAINER).pk,
                outcome=AuditOutcome.DENIED,
                organisation_id=alex.organisation_id,
            ),
            AuditEvent(
                at=now,
                action=AuditAction.VIEW,
                person_id=alex.pk,
                actor_id=caseload_world.user(Role.TRAINER).pk,
                outcome=AuditOutcome.NOT_FOUND,
                organisation_id=alex.organisation_id,
            ),
        ]
    )
    outsider = caseload_world.peers["psw in the same team"]
    other = Client()
    other.force_login(outsider)
    assert other.get(f"/people/{alex.pk}/").status_code == 404
    text = seen(client_for)
    assert "Nobody else has opened your record yet." in text
    assert "Person supported Riverside" not in text.split("Who has seen my record", 2)[-1]


def _grow(person: Any, actors: list[Any], n: int) -> None:
    """`n` sentences: each row by the next actor, so no two consecutive rows group."""
    now = timezone.now()
    AuditEvent.objects.bulk_create(
        [
            AuditEvent(
                at=now - timedelta(minutes=i),
                action=AuditAction.VIEW,
                person_id=person.pk,
                organisation_id=person.organisation_id,
                actor_id=actors[i % len(actors)].pk,
                actor_role=Role.PSW if i % 2 else Role.SUPERVISOR,
                object_type="caseload.person",
                reason="recovery goals" if i % 3 else "urgent access 999999: x: y",
            )
            for i in range(n)
        ]
    )


def test_pages_of_25_sentences_with_a_signed_cursor(
    alex: Any, caseload_world: Any, client_for: Any
) -> None:
    actors = [caseload_world.user(Role.PSW), caseload_world.user(Role.SUPERVISOR)]
    _grow(alex, actors, 60)
    client = client_for(Role.PERSON)
    first = client.get(SEEN).content.decode()
    assert first.count('<li class="nhsuk-u-margin-bottom-3">') == 25
    after = re.search(r'href="\?after=([^"]+)"', first)
    assert after is not None
    second = client.get(f"{SEEN}?after={after.group(1)}").content.decode()
    assert second.count('<li class="nhsuk-u-margin-bottom-3">') == 25
    after = re.search(r'href="\?after=([^"]+)"', second)
    assert after is not None
    third = client.get(f"{SEEN}?after={after.group(1)}").content.decode()
    assert third.count('<li class="nhsuk-u-margin-bottom-3">') == 10
    assert "?after=" not in third
    # A cursor made up or changed by hand gives the first page, never an error.
    tampered = client.get(f"{SEEN}?after=bm9uc2Vuc2U:1abc")
    assert tampered.status_code == 200
    assert tampered.content.decode().count('<li class="nhsuk-u-margin-bottom-3">') == 25


@pytest.mark.parametrize("rows", [5, 300])
def test_the_query_count_does_not_grow(
    alex: Any, caseload_world: Any, client_for: Any, django_assert_num_queries: Any, rows: int
) -> None:
    actors = [caseload_world.user(Role.PSW), caseload_world.user(Role.SUPERVISOR)]
    _grow(alex, actors, rows)
    client = client_for(Role.PERSON)
    client.get(SEEN)
    # The request's own (session, user, memberships, ...), the person and their audit row,
    # then the events, the names and the grants named: the same for 5 rows as for 300.
    with django_assert_num_queries(QUERIES):
        client.get(SEEN)


QUERIES = 8


def test_every_page_reason_names_a_part_of_the_record() -> None:
    """Every reason a record page gives `person_view` has words in PART_BY_REASON."""
    root = Path(__file__).resolve().parents[2]
    found = set()
    for path in root.rglob("*.py"):
        if "/tests/" in str(path):
            continue
        for match in re.finditer(r'person_view\(\s*(?:_about\()?"([^"]*)"', path.read_text()):
            found.add(match.group(1))
    reasons: set[str] = set()
    for reason in found:
        if "{title}" in reason:
            reasons.update(reason.replace("{title}", kind.title) for kind in KINDS)
        else:
            reasons.add(re.sub(r"\{\w+\}", "1", reason))
    reasons.discard("")  # the person's page: "your record"
    assert len(reasons) > 30
    unnamed = sorted(r for r in reasons if presenters._part_from_reason(r) is None)
    assert unnamed == []


@pytest.mark.skipif(connection.vendor != "postgresql", reason="EXPLAIN is PostgreSQL's")
def test_the_list_is_read_through_its_partial_index(alex: Any) -> None:
    query = selectors.seen_by_others_query(alex)[:400]
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
    plan = plan_of(query)
    assert "audit_person_seen" in plan
