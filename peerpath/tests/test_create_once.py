"""Create forms save once (finding 7): the same form sent twice makes one record and shows it.

Every view that creates a record is wrapped in `peerpath.core.once.creates_once` and its
form carries the one-time token. `CREATE_VIEWS` lists them; a test checks the list against
the URL patterns, so a new create form without the token fails here.
"""

import re
import threading
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from django.db import connection
from django.template import loader
from django.test import Client
from django.urls import reverse

from peerpath.contacts.models import ContactNote
from peerpath.contacts.tests.helpers import note_data
from peerpath.core import once
from peerpath.core.models import FormToken
from peerpath.core.roles import Role
from peerpath.governance.models import SafeguardingConcern
from peerpath.governance.tests.helpers import concern_data
from peerpath.oversight.tests import walk_examples as oversight_walk
from peerpath.tests.access_walk import iter_routes, route_policy
from peerpath.tests.walk_world import EXAMPLES

TOKEN = re.compile(r'name="form_token" value="([^"]+)"')


# Every route whose POST creates a record: where its form is shown, when that is not its
# own address as the walk's example fills it (another page, a query, or, where the walk's
# world cannot show the form, the template that holds it).
@dataclass(frozen=True)
class FormAt:
    page: str | None = None
    query: Callable[[Any], str] | None = None
    template: str | None = None


CREATE_VIEWS: dict[str, FormAt] = {
    "caseload:referral-create": FormAt(),
    # Shown once earlier peer support has ended; the walk's person has open support.
    "caseload:referral-again": FormAt(template="caseload/referral_again.jinja"),
    "caseload:family-create": FormAt(),
    "contacts:note-create": FormAt(),
    "contacts:note-amend": FormAt(),
    "contacts:appointment-create": FormAt(),
    "contacts:signpost-create": FormAt(query=lambda w: f"service={w.signpost.service_id}"),
    "governance:consent-grant": FormAt(),
    "governance:concern-create": FormAt(),
    "governance:concern-action-add": FormAt(),
    "governance:disclosure-create": FormAt(),
    # Shown once the person has agreed to share with that family member.
    "governance:carer-invite": FormAt(template="governance/carer_invite.jinja"),
    "recovery:goal-create": FormAt(),
    "recovery:step-add": FormAt(),
    "recovery:progress-add": FormAt(),
    # Shown until a plan of that kind has its first version; the walk's person has all.
    "recovery:document-create": FormAt(template="recovery/document_form.jinja"),
    "recovery:worksheet-create": FormAt(),
    "recovery:activity-create": FormAt(),
    "recovery:digital-create": FormAt(),
    "groups:group-create": FormAt(),
    # Shown when someone can still be added to the group.
    "groups:member-add": FormAt(template="groups/member_add.jinja"),
    "groups:session-create": FormAt(),
    "directory:service-create": FormAt(),
    "training:module-add": FormAt(page="training:programme-detail"),
    "training:programme-copy": FormAt(page="training:programme-detail"),
    "recruitment:intake-create": FormAt(),
    "recruitment:interest-form": FormAt(),
    "recruitment:application-appointment": FormAt(page="recruitment:application-detail"),
    "recruitment:application-note": FormAt(page="recruitment:application-detail"),
    "recruitment:application-enrol": FormAt(page="recruitment:application-detail"),
    "training:cohort-list": FormAt(),
    "training:placement-create": FormAt(),
    "training:placement-day": FormAt(page="training:placement-detail"),
    "training:placement-review": FormAt(page="training:placement-detail"),
    "training:outcome-add": FormAt(page="training:graduation"),
    "organisations:member-invite": FormAt(),
    "organisations:invitation-request": FormAt(),
    "supervision:agreement-create": FormAt(),
    "supervision:session-create": FormAt(),
    "supervision:action-add": FormAt(),
    "supervision:addendum-add": FormAt(),
    "workforce:request-create": FormAt(),
    "workforce:post-create": FormAt(),
    "workforce:vacancy-create": FormAt(),
    "workforce:apply": FormAt(),
    "workforce:graduate-apply": FormAt(),
    # Shown once an applicant is shortlisted; the walk's applicant is not yet.
    "workforce:application-interview": FormAt(template="workforce/application_detail.jinja"),
    # Shown to the interview's panel once an interview is booked.
    "workforce:application-score": FormAt(template="workforce/application_detail.jinja"),
    "wellbeing:check-in-create": FormAt(),
    "forums:create": FormAt(),
    "observation:observation-create": FormAt(),
    "observation:observation-addendum": FormAt(),
    "observation:plan-create": FormAt(),
    "learning:booklet-entry-create": FormAt(),
    "learning:booklet-addendum-add": FormAt(),
    "learning:plan-unit-add": FormAt(),
    "learning:learning-record-add": FormAt(),
    "learning:refresher-create": FormAt(),
    "learning:refresher-complete-add": FormAt(),
    # contacts (issue 13): the person adds their view of a note; asks about an appointment.
    "contacts:my-note-detail": FormAt(),
    # Shown while nothing is waiting; the walk's appointment has a request waiting.
    "contacts:my-appointment-ask": FormAt(template="contacts/my_appointment_ask.jinja"),
    # recovery lane: the person's own goals and suggested changes
    "recovery:my-goal-create": FormAt(),
    "recovery:my-step-add": FormAt(),
    "recovery:my-progress-add": FormAt(),
    "recovery:my-proposal-create": FormAt(),
    # oversight: the grant form opens from an exact search's match (a signed query).
    "oversight:urgent-new": FormAt(query=oversight_walk.match_query),
    # rights
    "rights:request-create": FormAt(),
    # The walk's person supported has no record of their own: the page shows the form
    # only to someone who has one.
    "rights:my-copy": FormAt(template="rights/my_copy.jinja"),
    "rights:my-correction-create": FormAt(template="rights/my_correction_form.jinja"),
    # consent lane (issue 13)
    "governance:carer-message": FormAt(),
    # The walk's person can sign in already, so the form shows only in its template.
    "caseload:portal-access": FormAt(template="caseload/portal_access.jinja"),
    # The walk's person persona has no own record, so the form shows only in its template.
    "governance:my-share": FormAt(template="governance/my_share.jinja"),
}

# Routes that look like creating (".../new/", "-add", "-create") but are not, and why.
NOT_CREATING: dict[str, str] = {
    # consent lane (issue 13): allauth's, which PeerPath mounts but did not write; a second
    # send of the same passkey is refused by allauth (the credential is already registered).
    "mfa_add_webauthn": "allauth's page for adding a passkey",
}

_LOOKS_CREATING = re.compile(r"(new/$|/add/$)")
_NAME_CREATING = re.compile(r"-(create|add|new|grant|invite|copy)$")


def test_every_route_that_looks_like_creating_is_in_the_list() -> None:
    looks = {
        route.name
        for route in iter_routes()
        if route.name and (_LOOKS_CREATING.search(route.route) or _NAME_CREATING.search(route.name))
    }
    assert looks - set(CREATE_VIEWS) - set(NOT_CREATING) == set()


def test_every_create_view_saves_once() -> None:
    callbacks = {route.name: route.callback for route in iter_routes() if route.name}
    assert set(CREATE_VIEWS) <= set(callbacks)
    missing = [name for name in CREATE_VIEWS if not getattr(callbacks[name], "creates_once", 0)]
    assert missing == []


def _url(form: FormAt, name: str, world: Any) -> str:
    page = form.page or name
    example = EXAMPLES.get(page)
    url = reverse(page, kwargs=example.kwargs(world) if example else None)
    return f"{url}?{form.query(world)}" if form.query else url


@pytest.mark.django_db
def test_every_create_form_carries_the_token(walk_world: Any, client_for: Any) -> None:
    routes = {route.name: route for route in iter_routes() if route.name}
    without = []
    for name, form in CREATE_VIEWS.items():
        if form.template:
            source = loader.get_template(form.template).template.filename  # type: ignore[attr-defined]
            if "form_token(request)" not in Path(source).read_text():
                without.append(f"{name} ({form.template})")
            continue
        policy = route_policy(routes[form.page or name])
        assert policy is not None
        clients = [client_for(role) for role in sorted(policy.roles)] or [Client()]
        url = _url(form, name, walk_world)
        pages = [r.content.decode() for c in clients if (r := c.get(url)).status_code == 200]
        if not any(TOKEN.search(page) for page in pages):
            without.append(f"{name} ({url})")
    assert without == [], "\n".join(without)


def _token(client: Client, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200
    found = TOKEN.search(response.content.decode())
    assert found, "the form has no one-time token"
    return found.group(1)


@pytest.mark.django_db
def test_a_concern_sent_twice_is_raised_once_and_shown(
    caseload_world: Any, client_for: Any
) -> None:
    psw = client_for(Role.PSW)
    url = f"/people/{caseload_world.person.pk}/concerns/new/"
    data = concern_data() | {"form_token": _token(psw, url)}
    before = SafeguardingConcern.objects.count()
    first = psw.post(url, data)
    assert first.status_code == 302
    concern = SafeguardingConcern.objects.latest("pk")
    assert first["Location"] == f"/safeguarding/{concern.pk}/"
    again = psw.post(url, data, follow=True)
    assert SafeguardingConcern.objects.count() == before + 1
    assert again.redirect_chain == [(f"/safeguarding/{concern.pk}/", 302)]
    assert again.status_code == 200
    assert once.ALREADY_SAVED in again.content.decode()


@pytest.mark.django_db
def test_a_contact_note_sent_twice_is_saved_once(caseload_world: Any, client_for: Any) -> None:
    psw = client_for(Role.PSW)
    person = caseload_world.person
    url = f"/people/{person.pk}/contacts/new/"
    data = note_data(note="Talked about the allotment.") | {"form_token": _token(psw, url)}
    first = psw.post(url, data)
    second = psw.post(url, data)
    notes = ContactNote.objects.filter(person=person, note="Talked about the allotment.")
    assert notes.count() == 1
    assert second.status_code == 302
    assert second["Location"] == first["Location"]
    # A new form (a new token) is a new note.
    psw.post(url, data | {"form_token": _token(psw, url)})
    assert notes.count() == 2


@pytest.mark.django_db
def test_a_form_with_errors_can_be_corrected_and_sent(caseload_world: Any, client_for: Any) -> None:
    psw = client_for(Role.PSW)
    url = f"/people/{caseload_world.person.pk}/concerns/new/"
    token = _token(psw, url)
    before = SafeguardingConcern.objects.count()
    wrong = psw.post(url, concern_data(abuse_type="") | {"form_token": token})
    assert wrong.status_code == 400
    assert psw.post(url, concern_data() | {"form_token": token}).status_code == 302
    assert SafeguardingConcern.objects.count() == before + 1


@pytest.mark.django_db
def test_another_users_token_is_not_theirs(caseload_world: Any, client_for: Any) -> None:
    """A token works only for the person it was shown to: another user's send is handled
    as a new one, never redirected to someone else's record."""
    url = f"/people/{caseload_world.person.pk}/concerns/new/"
    psw = client_for(Role.PSW)
    token = _token(psw, url)
    first = psw.post(url, concern_data() | {"form_token": token})
    assert first.status_code == 302
    other = client_for(Role.SAFEGUARDING_LEAD).post(url, concern_data() | {"form_token": token})
    assert other.get("Location") != first["Location"]
    assert once.ALREADY_SAVED not in other.content.decode()
    assert FormToken.objects.count() == 1


@pytest.mark.django_db
def test_old_rows_are_forgotten_by_the_nightly_job(caseload_world: Any, client_for: Any) -> None:
    """The worker's nightly tidy-up (jobs/periodic.py) deletes tokens that can no longer
    be sent; younger ones stay, so a repeated send still finds its record."""
    import time_machine
    from django.utils import timezone

    from peerpath.jobs.periodic import prune_job_records
    from peerpath.jobs.testing import run_jobs

    psw = client_for(Role.PSW)
    url = f"/people/{caseload_world.person.pk}/concerns/new/"
    psw.post(url, concern_data() | {"form_token": _token(psw, url)})
    assert FormToken.objects.count() == 1
    assert once.forget_old() == 0
    with time_machine.travel(timezone.now() + once.KEEP_FOR + once.VALID_FOR):
        prune_job_records.enqueue()
        assert run_jobs() >= 1
    assert FormToken.objects.count() == 0


@pytest.mark.django_db(transaction=True)
def test_two_sends_at_once_make_one_record(caseload_world: Any, client_for: Any) -> None:
    """Two workers given the same form at the same moment: the token's row is locked, so
    the second waits for the first and then shows its record."""
    if connection.vendor != "postgresql":
        pytest.skip("SQLite runs one write at a time; this runs in the PostgreSQL pass")
    url = f"/people/{caseload_world.person.pk}/concerns/new/"
    clients = [client_for(Role.PSW), client_for(Role.PSW)]
    data = concern_data() | {"form_token": _token(clients[0], url)}
    before = SafeguardingConcern.objects.count()
    together = threading.Barrier(2)
    answers: list[int] = []

    def send(client: Client) -> None:
        together.wait()
        try:
            answers.append(client.post(url, data).status_code)
        finally:
            connection.close()

    threads = [threading.Thread(target=send, args=(client,)) for client in clients]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert answers == [302, 302]
    assert SafeguardingConcern.objects.count() == before + 1
