"""Urgent access (break-the-glass; hazards H11 and H7): finding a person exactly, the
reason, what a grant opens and for how long, the audit, the review, and who is refused."""

import re
from datetime import timedelta
from typing import Any

import pytest
from django.core import mail
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from conftest import OUTSIDER
from peerpath.caseload.tests.factories import PersonFactory
from peerpath.core.models import AuditAction, AuditEvent, AuditOutcome
from peerpath.core.roles import Role
from peerpath.jobs.testing import run_jobs
from peerpath.oversight.models import UrgentAccess
from peerpath.recovery.tests.factories import DocumentVersionFactory
from peerpath.tests.dates import date_boxes
from peerpath.tests.pages import words

from .factories import grant

pytestmark = [pytest.mark.django_db, pytest.mark.hazard("H11")]

NHS_NUMBER = "9434765919"
REASON = "Crisis call from their sister; Alex is alone and very distressed."
MATCH_LINK = re.compile(r'href="(/urgent-access/new/\?person=\d+&amp;match=[^"]+)"')
CRISIS_PLAN_TEXT = "Call my sister Jo first"


def url(name: str, **kwargs: Any) -> str:
    return reverse(f"oversight:{name}", kwargs=kwargs or None)


@pytest.fixture
def alex(caseload_world: Any) -> Any:
    person = caseload_world.person
    person.nhs_number = NHS_NUMBER
    person.phone = "07700 900456"
    person.save()
    # Versions are append-only: the plan's words come in a second version.
    document = caseload_world.documents["crisis_plan"]
    DocumentVersionFactory(
        document=document,
        number=2,
        content={"people": CRISIS_PLAN_TEXT, "warning_signs": "Not sleeping"},
        review_on=document.review_on,
        changed_by=caseload_world.user(Role.PSW),
    )
    document.current_version = 2
    document.save(update_fields=["current_version"])
    return person


def find(client: Client, **typed: Any) -> Any:
    data = {"nhs_number": "", "full_name": "", **date_boxes("date_of_birth", "//")}
    for key, value in typed.items():
        if key == "date_of_birth":
            data.update(date_boxes("date_of_birth", value))
        else:
            data[key] = value
    return client.post(url("urgent-find"), data)


def match_link(response: Any) -> str:
    found = MATCH_LINK.findall(response.content.decode())
    assert len(found) == 1, "expected exactly one person found"
    return str(found[0]).replace("&amp;", "&")


def open_grant(client: Client, reason: str = REASON) -> tuple[Any, str]:
    link = match_link(find(client, nhs_number="943 476 5919"))
    return client.post(link, {"reason_kind": "crisis_call", "reason": reason}), link


@pytest.mark.hazard("H11")
def test_on_call_finds_the_person_by_nhs_number_and_reads_their_crisis_plan(
    alex: Any, caseload_world: Any, client_for: Any
) -> None:
    client = client_for(Role.ON_CALL)
    response, _ = open_grant(client)
    given = UrgentAccess.objects.get()
    assert response.status_code == 302
    assert response["Location"] == url("urgent-detail", pk=given.pk)
    assert given.granted_to == caseload_world.user(Role.ON_CALL)
    assert given.role_used == Role.ON_CALL and given.reason == REASON
    assert given.expires_at - given.started_at == timedelta(hours=3)

    page = client.get(response["Location"])
    assert page.status_code == 200
    text = words(page)
    assert CRISIS_PLAN_TEXT in text and "07700 900456" in text
    assert "Peer support worker Riverside" in text  # the PSW
    assert "Samaritans" in text
    # Nothing else of the record: no goals, no notes.
    assert caseload_world.goal.in_own_words not in text
    assert caseload_world.note.note not in text
    read = AuditEvent.objects.filter(
        person_id=alex.pk, action=AuditAction.VIEW, path=response["Location"]
    ).get()
    assert read.actor_role == Role.ON_CALL and read.by_subject is False
    assert read.reason.startswith(f"urgent access {given.pk}: A crisis call: {REASON}")

    pdf = client.get(url("urgent-pdf", pk=given.pk))
    assert pdf.status_code == 200 and pdf["Content-Type"] == "application/pdf"
    export = AuditEvent.objects.get(person_id=alex.pk, action=AuditAction.EXPORT)
    assert export.actor_role == Role.ON_CALL and export.reason.startswith(
        f"urgent access {given.pk}"
    )


def test_the_grant_is_audited_and_the_reviewers_are_emailed_without_personal_details(
    alex: Any, caseload_world: Any, client_for: Any
) -> None:
    open_grant(client_for(Role.ON_CALL))
    given = UrgentAccess.objects.get()
    created = AuditEvent.objects.get(
        action=AuditAction.CREATE, object_type="oversight.urgentaccess"
    )
    assert created.person_id == alex.pk and created.actor_role == Role.ON_CALL
    run_jobs()
    [email] = mail.outbox
    assert sorted(email.to) == sorted(
        [
            caseload_world.user(Role.SUPERVISOR).email,
            caseload_world.user(Role.SAFEGUARDING_LEAD).email,
        ]
    )
    for personal in ("Alex", "Morgan", "sister", NHS_NUMBER, given.reason):
        assert personal not in f"{email.subject} {email.body}"
    assert "http://testserver/urgent-access/review/" in email.body


def test_found_by_full_name_and_date_of_birth_in_any_case(alex: Any, client_for: Any) -> None:
    response = find(
        client_for(Role.ON_CALL), full_name="  alex   MORGAN ", date_of_birth=alex.date_of_birth
    )
    assert f"?person={alex.pk}&amp;match=" in response.content.decode()


@pytest.mark.parametrize(
    "typed",
    [
        {"full_name": "Alex"},  # part of a name, with the right birthday
        {"full_name": "Alex Morga"},
        {"full_name": "Alex Morgan", "wrong_birthday": True},
        {"nhs_number": "401 023 2137"},  # a valid number of nobody here
    ],
)
def test_anything_but_an_exact_match_finds_nobody_and_is_audited(
    alex: Any, client_for: Any, typed: dict[str, Any]
) -> None:
    birthday = alex.date_of_birth - timedelta(days=1 if typed.pop("wrong_birthday", False) else 0)
    if "full_name" in typed:
        typed["date_of_birth"] = birthday
    response = find(client_for(Role.ON_CALL), **typed)
    assert response.status_code == 200
    assert "No match" in words(response) and not MATCH_LINK.search(response.content.decode())
    miss = AuditEvent.objects.get(outcome=AuditOutcome.NOT_FOUND, reason__contains="no match")
    assert miss.actor_role == Role.ON_CALL and miss.person_id is None


def test_a_search_needs_a_number_or_a_name_and_birthday(alex: Any, client_for: Any) -> None:
    client = client_for(Role.ON_CALL)
    assert "Enter their NHS number, or their full name and date of birth." in words(find(client))
    response = find(client, full_name="Alex Morgan")
    assert response.status_code == 400
    assert "Enter their date of birth as well as their name." in words(response)
    bad = find(client, nhs_number="1234567890")
    assert bad.status_code == 400 and "This is not a valid NHS number" in words(bad)


def test_a_person_of_another_organisation_is_never_found(
    alex: Any, caseload_world: Any, client_for: Any
) -> None:
    PersonFactory(
        organisation=caseload_world.other_organisation,
        team=caseload_world.other_team,
        full_name="Kit Other",
        nhs_number="4010232137",
        date_of_birth=alex.date_of_birth,
    )
    client = client_for(Role.ON_CALL)
    assert "No match" in words(find(client, nhs_number="4010232137"))
    assert "No match" in words(
        find(client, full_name="Kit Other", date_of_birth=alex.date_of_birth)
    )
    # And the other organisation's on-call staff never find Alex.
    assert "No match" in words(find(client_for(OUTSIDER), nhs_number=NHS_NUMBER))


@pytest.mark.parametrize("reason", ["", "too short", "         x         "])
def test_no_reason_or_a_short_one_is_refused_next_to_the_field(
    alex: Any, client_for: Any, reason: str
) -> None:
    response, _ = open_grant(client_for(Role.ON_CALL), reason=reason)
    assert response.status_code == 400
    assert "Say why you need the record now, in at least 10 characters" in words(response)
    assert 'id="id_reason-error"' in response.content.decode()
    assert not UrgentAccess.objects.exists()


def test_the_grant_form_needs_a_fresh_match_not_an_id(alex: Any, client_for: Any) -> None:
    client = client_for(Role.ON_CALL)
    guessed = client.get(url("urgent-new") + f"?person={alex.pk}")
    assert guessed.status_code == 200 and "Find the person first" in words(guessed)
    # A match found by someone else is not theirs to use.
    link = match_link(find(client_for(Role.SUPERVISOR), nhs_number=NHS_NUMBER))
    assert "Find the person first" in words(client.get(link))
    assert "Find the person first" in words(
        client.post(link, {"reason_kind": "other", "reason": REASON})
    )
    assert not UrgentAccess.objects.exists()


@pytest.mark.hazard("H11")
def test_after_it_expires_or_ends_the_grant_opens_nothing(
    alex: Any, caseload_world: Any, client_for: Any
) -> None:
    on_call = caseload_world.user(Role.ON_CALL)
    client = client_for(Role.ON_CALL)
    expired = grant(alex, on_call, ago=timedelta(hours=3, minutes=1))
    assert client.get(url("urgent-detail", pk=expired.pk)).status_code == 404
    assert client.get(url("urgent-pdf", pk=expired.pk)).status_code == 404
    in_force = grant(alex, on_call, ago=timedelta(hours=2))
    assert client.get(url("urgent-detail", pk=in_force.pk)).status_code == 200
    ended = client.post(url("urgent-end", pk=in_force.pk))
    assert ended.status_code == 302
    in_force.refresh_from_db()
    assert in_force.ended_at is not None
    assert client.get(url("urgent-detail", pk=in_force.pk)).status_code == 404


def test_a_grant_opens_only_its_holders_pages(
    alex: Any, caseload_world: Any, client_for: Any
) -> None:
    given = grant(alex, caseload_world.user(Role.ON_CALL))
    for role in (Role.SUPERVISOR, Role.SAFEGUARDING_LEAD, OUTSIDER):
        assert client_for(role).get(url("urgent-detail", pk=given.pk)).status_code == 404


@pytest.mark.hazard("H11")
def test_a_grant_never_opens_the_record_pages(
    alex: Any, caseload_world: Any, client_for: Any
) -> None:
    """`get_person_or_404` ignores grants: /people/<p>/… stays closed."""
    supervisor = caseload_world.peers["supervisor of another team"]
    grant(alex, supervisor, role_used=Role.SUPERVISOR)
    other = Client()
    other.force_login(supervisor)
    for path in (f"/people/{alex.pk}/", f"/people/{alex.pk}/plans/crisis-plan/"):
        assert other.get(path).status_code == 404
    # On-call staff hold no role the record pages allow at all.
    grant(alex, caseload_world.user(Role.ON_CALL))
    assert client_for(Role.ON_CALL).get(f"/people/{alex.pk}/").status_code == 403


@pytest.mark.hazard("H7")
@pytest.mark.parametrize("role", [Role.PSW, Role.TRAINEE, Role.CARER, Role.PERSON, Role.ORG_ADMIN])
def test_psws_and_other_roles_are_refused(alex: Any, client_for: Any, role: Role) -> None:
    client = client_for(role)
    assert client.get(url("urgent-find")).status_code == 403
    assert find(client, nhs_number=NHS_NUMBER).status_code == 403
    assert (
        client.post(url("urgent-new") + f"?person={alex.pk}", {"reason": REASON}).status_code == 403
    )
    assert not UrgentAccess.objects.exists()


@pytest.mark.hazard("H11")
def test_the_supervisor_reviews_it_and_the_person_sees_it(
    alex: Any, caseload_world: Any, client_for: Any
) -> None:
    on_call = client_for(Role.ON_CALL)
    open_grant(on_call)
    given = UrgentAccess.objects.get()
    assert on_call.get(url("urgent-detail", pk=given.pk)).status_code == 200
    supervisor = client_for(Role.SUPERVISOR)
    assert "1 urgent access to a record is waiting for your review." in words(supervisor.get("/"))
    listed = words(supervisor.get(url("urgent-review-list")))
    assert "On-call or crisis team Riverside opened Alex Morgan's crisis plan" in listed
    assert REASON in listed
    saved = supervisor.post(
        url("urgent-review", pk=given.pk),
        {"version": given.version, "outcome": "appropriate", "note": "Talked it through."},
    )
    assert saved.status_code == 302
    given.refresh_from_db()
    assert given.review_outcome == "appropriate"
    assert given.reviewed_by == caseload_world.user(Role.SUPERVISOR)
    assert "No urgent access is waiting for your review." in words(supervisor.get("/"))
    # Reviewed once: a second review from the same page is refused, nothing overwritten.
    again = supervisor.post(
        url("urgent-review", pk=given.pk),
        {"version": given.version - 1, "outcome": "discuss", "note": "No"},
    )
    assert again.status_code == 400 and "Nothing has been overwritten" in words(again)
    given.refresh_from_db()
    assert given.review_outcome == "appropriate"

    # The person sees it with its reason.
    alex.user = caseload_world.user(Role.PERSON)
    alex.save()
    seen = words(client_for(Role.PERSON).get(reverse("oversight:who-has-seen")))
    assert "from the on-call or crisis team, looked at your crisis plan and contact details" in seen
    assert REASON in seen


def test_the_lead_sees_every_grant_and_nobody_reviews_their_own(
    alex: Any, caseload_world: Any, client_for: Any
) -> None:
    other_team_person = PersonFactory(
        organisation=caseload_world.organisation,
        team=caseload_world.peers["supervisor of another team"].memberships.get().team,
        full_name="Sol Far",
    )
    lead = caseload_world.user(Role.SAFEGUARDING_LEAD)
    grant(other_team_person, caseload_world.user(Role.ON_CALL))
    grant(alex, lead, role_used=Role.SAFEGUARDING_LEAD)
    lead_list = words(client_for(Role.SAFEGUARDING_LEAD).get(url("urgent-review-list")))
    assert "Sol Far" in lead_list and "Alex Morgan" not in lead_list  # not their own
    supervisor_list = words(client_for(Role.SUPERVISOR).get(url("urgent-review-list")))
    assert "Alex Morgan" in supervisor_list and "Sol Far" not in supervisor_list


def test_supervisors_and_leads_may_use_urgent_access_too(alex: Any, client_for: Any) -> None:
    response, _ = open_grant(client_for(Role.SAFEGUARDING_LEAD))
    assert response.status_code == 302
    assert UrgentAccess.objects.get().role_used == Role.SAFEGUARDING_LEAD


def test_the_review_list_query_count_is_flat(
    alex: Any, caseload_world: Any, client_for: Any, django_assert_num_queries: Any
) -> None:
    on_call = caseload_world.user(Role.ON_CALL)
    client = client_for(Role.SUPERVISOR)
    grant(alex, on_call)
    client.get(url("urgent-review-list"))
    with CaptureQueriesContext(connection) as few:
        client.get(url("urgent-review-list"))
    for _ in range(6):
        grant(
            PersonFactory(organisation=caseload_world.organisation, team=caseload_world.team),
            on_call,
        )
    with django_assert_num_queries(len(few)):
        client.get(url("urgent-review-list"))
