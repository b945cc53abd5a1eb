"""A person's copy of their record (subject access; hazard H12).

Canaries are planted in another person's record, in a family member's details, in a
safeguarding concern and in a note withheld from the person. The draft copy leaves out the
third-party, safeguarding and withheld canaries until a reviewer releases them; another
person's canary never appears; every source of the registry is in the JSON with exactly the
person's rows, checked against the database; the PDF is read with pdftotext.
"""

import dataclasses
import json
import subprocess
from datetime import date, timedelta
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from peerpath.caseload.tests.factories import PersonFactory, RelationshipEventFactory
from peerpath.contacts.tests.factories import ContactNoteFactory
from peerpath.core.actor import Actor
from peerpath.core.models import AuditAction, AuditEvent
from peerpath.core.roles import Role
from peerpath.core.versioning import EditConflict
from peerpath.governance.tests.factories import ConcernActionFactory
from peerpath.jobs.testing import run_jobs
from peerpath.observation.tests.factories import ObservationFactory
from peerpath.organisations.selectors import actor_for
from peerpath.recovery.tests.factories import GoalFactory
from peerpath.rights import clock, sar_registry, services
from peerpath.rights.models import AccessRequest, Decision, FileKind, RequestStatus
from peerpath.rights.sar_registry import SAFEGUARDING, SOURCES, THIRD_PARTY, WITHHELD
from peerpath.tests.pages import words

CANARY_OTHER = "CANARY-OTHER-PERSON-7731"
CANARY_FAMILY = "CANARY-FAMILY-MEMBER-5512"
CANARY_CONCERN = "CANARY-CONCERN-SAID-4409"
CANARY_WITHHELD = "CANARY-WITHHELD-NOTE-9923"


def actor(world: Any, role: Role) -> Actor:
    return actor_for(world.user(role), world.organisation)


@pytest.fixture
def planted(caseload_world: Any, monkeypatch: pytest.MonkeyPatch) -> Any:
    w = caseload_world
    person = w.person
    person.user = w.user(Role.PERSON)
    person.save()
    other = PersonFactory(organisation=w.organisation, team=w.team, full_name="Sam Other")
    GoalFactory(person=other, in_own_words=CANARY_OTHER, created_by=w.user(Role.PSW))
    w.family_member.name = CANARY_FAMILY
    w.family_member.save()
    w.concern.what_was_said = CANARY_CONCERN
    w.concern.save()
    ConcernActionFactory(concern=w.concern, recorded_by=w.user(Role.SAFEGUARDING_LEAD))
    RelationshipEventFactory(relationship=w.relationship, by=w.user(Role.PSW))
    ObservationFactory(
        organisation=w.organisation, person=person, consent_given=True, consent_method="verbal"
    )
    withheld: Any = ContactNoteFactory(
        person=person,
        author=w.user(Role.PSW),
        contact_on=timezone.localdate(),
        kind="one_to_one",
        duration_minutes=30,
        note=CANARY_WITHHELD,
        signed_at=timezone.now(),
    )
    # Withholding a note is another part of PeerPath's (contacts); the registry marks a
    # row WITHHELD through `row_flags`. Here one note is withheld that way.
    notes = SOURCES["contacts.contactnote"]
    monkeypatch.setitem(
        SOURCES,
        "contacts.contactnote",
        dataclasses.replace(
            notes,
            row_flags=lambda note: frozenset({WITHHELD}) if note.pk == withheld.pk else frozenset(),
        ),
    )
    w.withheld_note = withheld
    w.other_person = other
    return w


def ask_and_gather(w: Any) -> AccessRequest:
    access_request = services.access_request_create(person=w.person, by=w.user(Role.PERSON))
    assert access_request.status == RequestStatus.RECEIVED
    run_jobs()
    access_request.refresh_from_db()
    assert access_request.status == RequestStatus.ASSEMBLED
    return access_request


def text_of(records: Any) -> str:
    return json.dumps(records, ensure_ascii=False)


@pytest.mark.hazard("H12")
def test_the_draft_leaves_out_flagged_records_until_a_reviewer_releases_them(planted: Any) -> None:
    w = planted
    access_request = ask_and_gather(w)
    draft = text_of(services.released_records(access_request))
    assert "Go back to college" in draft  # the person's own goal, unflagged
    for canary in (CANARY_FAMILY, CANARY_CONCERN, CANARY_WITHHELD, CANARY_OTHER):
        assert canary not in draft

    items = access_request.items.all()
    by_source = {i.source: i for i in items}
    assert by_source["caseload.familymember"].decision == Decision.PENDING
    assert THIRD_PARTY in by_source["caseload.familymember"].flags
    assert set(by_source["governance.safeguardingconcern"].flags) == {SAFEGUARDING, THIRD_PARTY}
    withheld = items.get(source="contacts.contactnote", object_id=str(w.withheld_note.pk))
    assert withheld.flags == [WITHHELD] and withheld.decision == Decision.PENDING
    # Generically: every item flagged withheld waits, and is not in the draft.
    for item in items:
        if WITHHELD in item.flags:
            assert item.decision == Decision.PENDING
    assert by_source["recovery.goal"].decision == Decision.RELEASE

    # An admin may not decide about a safeguarding record; a safeguarding lead may.
    admin, lead = actor(w, Role.ORG_ADMIN), actor(w, Role.SAFEGUARDING_LEAD)
    concern_item = by_source["governance.safeguardingconcern"]
    with pytest.raises(ValidationError):
        services.item_decide(
            item=concern_item,
            expected_version=concern_item.version,
            decision="release",
            reason="",
            actor=admin,
        )
    with pytest.raises(ValidationError):
        services.access_release(
            access_request=access_request, expected_version=access_request.version, actor=lead
        )

    # The lead redacts who raised the concern, withholds the withheld note and releases
    # the rest.
    for item in access_request.items.filter(decision=Decision.PENDING):
        if item.pk == withheld.pk:
            services.item_decide(
                item=item,
                expected_version=item.version,
                decision="withhold",
                reason="It would reveal a third party",
                actor=lead,
            )
        elif item.pk == concern_item.pk:
            with pytest.raises(ValidationError):  # a redaction needs a reason
                services.item_decide(
                    item=item,
                    expected_version=item.version,
                    decision="redact",
                    reason="",
                    fields=["Raised by"],
                    actor=lead,
                )
            services.item_decide(
                item=item,
                expected_version=item.version,
                decision="redact",
                reason="Who raised a concern is not shared",
                fields=["Raised by"],
                actor=lead,
            )
        else:
            services.item_decide(
                item=item, expected_version=item.version, decision="release", reason="", actor=lead
            )
    concern_item.refresh_from_db()
    assert concern_item.content["Raised by"] == w.user(Role.PSW).display_name  # kept
    assert (concern_item.redacted_content or {})["Raised by"].startswith("[Removed:")

    access_request.refresh_from_db()
    assert access_request.status == RequestStatus.IN_REVIEW
    services.access_release(
        access_request=access_request, expected_version=access_request.version, actor=lead
    )
    assert AuditEvent.objects.filter(
        action=AuditAction.EXPORT, object_id=str(access_request.pk), reason__contains="released"
    ).exists()
    run_jobs()

    files = {f.kind: f for f in access_request.files.all()}
    assert set(files) == {FileKind.PDF, FileKind.JSON}
    data = json.loads(bytes(files[FileKind.JSON].data))
    assert set(data) == {"request", "person", "records", "access_log", "withheld", "generated_at"}
    released = text_of(data["records"])
    assert CANARY_FAMILY in released
    assert CANARY_CONCERN in released
    assert w.user(Role.PSW).display_name not in text_of(
        data["records"]["governance.safeguardingconcern"]
    )
    assert CANARY_WITHHELD not in json.dumps(data)
    assert CANARY_OTHER not in json.dumps(data)
    assert data["withheld"] == [
        {
            "kind": "contacts.contactnote",
            "reason": "It would reveal a third party",
            "about": ["Withheld from the person"],
        }
    ]
    assert any(row["why"] for row in data["access_log"])

    # Every source, with exactly the person's rows, checked against the database.
    assert set(data["records"]) == set(SOURCES)
    for key, source in SOURCES.items():
        model = source.model_class()
        expected = set(source.rows(w.person).values_list("pk", flat=True))
        if any(f.name == "person" and f.is_relation for f in model._meta.fields):
            assert expected == set(
                model._default_manager.filter(person=w.person).values_list("pk", flat=True)
            ), key
        if key == "contacts.contactnote":
            expected.discard(w.withheld_note.pk)
        assert {int(row["id"]) for row in data["records"][key]} == expected, key
    for key in (
        "caseload.person",
        "caseload.familymember",
        "caseload.relationshipevent",
        "recovery.goalstep",
        "recovery.documentversion",
        "contacts.noteamendment",
        "governance.concernaction",
        "groups.peergroup",
        "groups.attendance",
        "observation.observation",
    ):
        assert data["records"][key], key

    pdf = subprocess.run(
        ["/usr/bin/pdftotext", "-", "-"],
        input=bytes(files[FileKind.PDF].data),
        capture_output=True,
        check=True,
    ).stdout.decode()
    assert "A copy of your record" in pdf
    assert "Go back to college" in pdf
    assert CANARY_FAMILY in pdf
    assert CANARY_OTHER not in pdf and CANARY_WITHHELD not in pdf


def test_gathering_twice_writes_nothing_more(planted: Any) -> None:
    access_request = ask_and_gather(planted)
    count = access_request.items.count()
    assert services.pack_assemble(access_request.pk) == 0
    assert access_request.items.count() == count


@pytest.mark.parametrize(
    ("received", "due"),
    [
        (date(2027, 1, 30), date(2027, 2, 28)),
        (date(2028, 1, 30), date(2028, 2, 29)),
        (date(2027, 1, 31), date(2027, 2, 28)),
        (date(2027, 3, 31), date(2027, 4, 30)),
        (date(2026, 12, 15), date(2027, 1, 15)),
        (date(2026, 12, 31), date(2027, 1, 31)),
    ],
)
def test_the_clock_is_one_calendar_month_clamped_to_the_months_end(
    received: date, due: date
) -> None:
    assert clock.due_on(received) == due


def test_an_extension_is_up_to_two_months_and_only_before_the_due_date(planted: Any) -> None:
    w = planted
    access_request = services.access_request_create(
        person=w.person, by=w.user(Role.PERSON), received_on=date(2026, 11, 30)
    )
    assert access_request.due_on == date(2026, 12, 30)
    admin = w.user(Role.ORG_ADMIN)

    def extend(to: date, today: date) -> AccessRequest:
        return services.access_request_extend(
            access_request=access_request,
            extend_to=to,
            reason="Many records across two teams",
            expected_version=access_request.version,
            by=admin,
            today=today,
        )

    with pytest.raises(ValidationError, match="passed"):
        extend(date(2027, 1, 30), today=date(2026, 12, 31))
    with pytest.raises(ValidationError, match="two months"):
        extend(date(2027, 3, 1), today=date(2026, 12, 30))
    extended = extend(date(2027, 2, 28), today=date(2026, 12, 30))
    assert extended.extended_to == date(2027, 2, 28)
    assert extended.answer_by == date(2027, 2, 28)
    with pytest.raises(ValidationError, match="already"):
        extend(date(2027, 2, 1), today=date(2026, 12, 1))


def test_a_request_cannot_be_dated_in_the_future(planted: Any) -> None:
    with pytest.raises(ValidationError):
        services.access_request_create(
            person=planted.person,
            by=planted.user(Role.PSW),
            received_on=timezone.localdate() + timedelta(days=1),
        )


@pytest.mark.hazard("H12")
def test_nobody_reviews_their_own_request(planted: Any) -> None:
    w = planted
    access_request = services.access_request_create(person=w.person, by=w.user(Role.ORG_ADMIN))
    run_jobs()
    item = access_request.items.get(source="caseload.familymember")
    with pytest.raises(ValidationError):
        services.item_decide(
            item=item,
            expected_version=item.version,
            decision="release",
            reason="",
            actor=actor(w, Role.ORG_ADMIN),
        )
    services.item_decide(
        item=item,
        expected_version=item.version,
        decision="release",
        reason="",
        actor=actor(w, Role.SAFEGUARDING_LEAD),
    )


def test_a_refusal_needs_a_reason(planted: Any) -> None:
    w = planted
    access_request = ask_and_gather(w)
    with pytest.raises(ValidationError):
        services.access_request_refuse(
            access_request=access_request,
            reason=" ",
            expected_version=access_request.version,
            by=w.user(Role.ORG_ADMIN),
        )
    services.access_request_refuse(
        access_request=access_request,
        reason="The same request was answered last week",
        expected_version=access_request.version,
        by=w.user(Role.ORG_ADMIN),
    )
    access_request.refresh_from_db()
    assert access_request.status == RequestStatus.REFUSED


def _release_all(w: Any, access_request: AccessRequest) -> None:
    lead = actor(w, Role.SAFEGUARDING_LEAD)
    for item in access_request.items.filter(decision=Decision.PENDING):
        services.item_decide(
            item=item, expected_version=item.version, decision="release", reason="", actor=lead
        )
    access_request.refresh_from_db()
    services.access_release(
        access_request=access_request, expected_version=access_request.version, actor=lead
    )
    run_jobs()


def test_the_person_asks_with_one_button_and_downloads_their_copy(
    planted: Any, client_for: Any
) -> None:
    w = planted
    client = client_for(Role.PERSON)
    page = client.get(reverse("rights:my-copy"))
    assert page.status_code == 200
    assert "You have not asked for a copy yet" in page.content.decode()
    response = client.post(reverse("rights:my-copy"), {"form_token": _token(client)})
    assert response.status_code == 302
    access_request = AccessRequest.objects.get(person=w.person)
    assert access_request.requested_by == w.user(Role.PERSON)
    run_jobs()
    page = client.get(reverse("rights:my-copy")).content.decode()
    assert "Ready by" in page and "Download" not in page
    download = reverse("rights:my-copy-download", kwargs={"pk": access_request.pk, "kind": "pdf"})
    assert client.get(download).status_code == 404  # not released yet

    _release_all(w, access_request)
    page = client.get(reverse("rights:my-copy")).content.decode()
    assert "Download your copy (PDF)" in page
    before = AuditEvent.objects.filter(
        action=AuditAction.EXPORT, reason__contains="downloaded"
    ).count()
    response = client.get(download)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert (
        AuditEvent.objects.filter(action=AuditAction.EXPORT, reason__contains="downloaded").count()
        == before + 1
    )


def _token(client: Any) -> str:
    import re

    page = client.get(reverse("rights:my-copy")).content.decode()
    match = re.search(r'name="form_token" value="([^"]+)"', page)
    assert match
    return match.group(1)


@pytest.mark.hazard("H12")
def test_another_persons_copy_is_a_404(planted: Any, client_for: Any) -> None:
    w = planted
    theirs = services.access_request_create(person=w.other_person, by=w.user(Role.PSW))
    run_jobs()
    _release_all(w, theirs)
    assert theirs.files.count() == 2
    client = client_for(Role.PERSON)
    for kind in ("pdf", "json"):
        url = reverse("rights:my-copy-download", kwargs={"pk": theirs.pk, "kind": kind})
        assert client.get(url).status_code == 404
    assert CANARY_OTHER not in client.get(reverse("rights:my-copy")).content.decode()


def test_staff_ask_on_the_persons_behalf(planted: Any, client_for: Any) -> None:
    w = planted
    client = client_for(Role.PSW)
    url = reverse("rights:request-create", kwargs={"person": w.person.pk})
    assert client.get(url).status_code == 200
    response = client.post(url, {"received_on": "", "on_behalf": "staff"})
    assert response.status_code == 400
    assert "identity" in response.content.decode()
    today = timezone.localdate()
    data = {
        "received_on_0": today.day,
        "received_on_1": today.month,
        "received_on_2": today.year,
        "received_on": today.isoformat(),
        "on_behalf": "staff",
        "identity_checked": "on",
    }
    response = client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:3000]
    assert AccessRequest.objects.get(person=w.person).on_behalf == "staff"
    # Another person's id: 404.
    other = reverse("rights:request-create", kwargs={"person": w.other_person.pk})
    assert client_for(Role.PSW).get(other).status_code == 404


def test_the_reviewers_pages(planted: Any, client_for: Any) -> None:
    w = planted
    access_request = ask_and_gather(w)
    lead = client_for(Role.SAFEGUARDING_LEAD)
    listed = lead.get(reverse("rights:review-list"))
    assert listed.status_code == 200 and w.person.display_name in listed.content.decode()
    detail_url = reverse("rights:review-detail", kwargs={"pk": access_request.pk})
    reads = AuditEvent.objects.filter(action=AuditAction.VIEW, object_id=str(access_request.pk))
    before = reads.count()
    page = lead.get(detail_url).content.decode()
    assert reads.count() == before + 1
    # Flagged records come first.
    assert page.index(CANARY_FAMILY) < page.index("Go back to college")
    assert "still need" in page

    admin = client_for(Role.ORG_ADMIN)
    concern_item = access_request.items.get(source="governance.safeguardingconcern")
    decide = reverse(
        "rights:item-decide", kwargs={"pk": access_request.pk, "item": concern_item.pk}
    )
    assert admin.post(decide, {"decision": "release"}).status_code == 404
    version = concern_item.version
    response = lead.post(decide, {"decision": "withhold", "reason": "", "version": version})
    assert response.status_code == 400
    response = lead.post(
        decide, {"decision": "withhold", "reason": "Safeguarding", "version": version}
    )
    assert response.status_code == 302
    release = reverse("rights:release", kwargs={"pk": access_request.pk})
    access_request.refresh_from_db()
    lead.post(release, {"version": access_request.version})
    access_request.refresh_from_db()
    assert access_request.status == RequestStatus.IN_REVIEW  # others still pending

    for item in access_request.items.filter(decision=Decision.PENDING):
        url = reverse("rights:item-decide", kwargs={"pk": access_request.pk, "item": item.pk})
        decided = lead.post(url, {"decision": "release", "version": item.version})
        assert decided.status_code == 302
    assert lead.post(release, {"version": access_request.version}).status_code == 302
    access_request.refresh_from_db()
    assert access_request.status == RequestStatus.RELEASED
    run_jobs()
    download = reverse("rights:review-download", kwargs={"pk": access_request.pk, "kind": "json"})
    response = admin.get(download)
    assert response.status_code == 200
    assert CANARY_CONCERN not in response.content.decode()  # withheld
    # Staff outside the reviewers, and the other organisation, are refused.
    assert client_for(Role.PSW).get(detail_url).status_code == 403
    assert client_for("outsider").get(detail_url).status_code == 404


def test_a_reviewer_extends_or_refuses_a_request_from_its_page(
    planted: Any, client_for: Any
) -> None:
    """Both steps on the whole request: their own errors on the request's page, a stale
    save refused, then done with a message."""
    w = planted
    access_request = ask_and_gather(w)
    detail = reverse("rights:review-detail", kwargs={"pk": access_request.pk})
    extend = reverse("rights:extend", kwargs={"pk": access_request.pk})
    refuse = reverse("rights:refuse", kwargs={"pk": access_request.pk})
    lead = client_for(Role.SAFEGUARDING_LEAD)
    opened = access_request.version
    later = access_request.due_on + timedelta(days=20)

    too_far = lead.post(
        extend,
        {"extend_to": (later + timedelta(days=90)).isoformat(), "reason": "x", "version": opened},
    )
    assert too_far.status_code == 400
    assert "no more than two months" in words(too_far)
    no_reason = lead.post(refuse, {"reason": " ", "version": opened})
    assert no_reason.status_code == 400
    assert "Say why the copy is not being provided." in words(no_reason)

    extended = lead.post(
        extend, {"extend_to": later.isoformat(), "reason": "Many records", "version": opened}
    )
    assert extended.status_code == 302 and extended["Location"] == detail
    assert "Due date extended." in words(lead.get(detail))
    access_request.refresh_from_db()
    assert access_request.extended_to == later
    # A refusal from the page as it was before the extension is refused, and changes nothing.
    stale = lead.post(refuse, {"reason": "Asked last week", "version": opened})
    assert stale.status_code == 400
    assert "Someone else saved this request while this page was open." in words(stale)
    access_request.refresh_from_db()
    assert access_request.status != RequestStatus.REFUSED
    refused = lead.post(refuse, {"reason": "Asked last week", "version": access_request.version})
    assert refused.status_code == 302
    access_request.refresh_from_db()
    assert access_request.status == RequestStatus.REFUSED
    # Only reviewers take these steps.
    assert client_for(Role.PSW).post(refuse, {"reason": "x"}).status_code == 403


@pytest.mark.hazard("H12")
def test_a_stale_decision_about_an_item_is_refused_and_changes_nothing(
    planted: Any, client_for: Any
) -> None:
    """Two reviewers open the same copy; the second to decide about an item is told, and
    does not silently release what the first withheld."""
    w = planted
    access_request = ask_and_gather(w)
    item = access_request.items.get(source="governance.safeguardingconcern")
    url = reverse("rights:item-decide", kwargs={"pk": access_request.pk, "item": item.pk})
    first = client_for(Role.SAFEGUARDING_LEAD)
    second = client_for(Role.SAFEGUARDING_LEAD)
    opened = item.version
    withheld = first.post(
        url, {"decision": "withhold", "reason": "Names who raised it", "version": opened}
    )
    assert withheld.status_code == 302
    events = AuditEvent.objects.filter(
        action=AuditAction.UPDATE, object_type="rights.accesspackitem", object_id=str(item.pk)
    ).count()
    stale = second.post(url, {"decision": "release", "reason": "", "version": opened})
    assert stale.status_code == 400
    page = words(stale)
    assert f"Someone else saved a decision about “{item.label}”" in page
    assert "Nothing has been overwritten" in page
    item.refresh_from_db()
    assert item.decision == Decision.WITHHOLD
    assert item.decision_reason == "Names who raised it"
    assert item.version == opened + 1
    assert (
        AuditEvent.objects.filter(
            action=AuditAction.UPDATE, object_type="rights.accesspackitem", object_id=str(item.pk)
        ).count()
        == events
    )
    # The service refuses it too, whoever calls it.
    with pytest.raises(EditConflict):
        services.item_decide(
            item=item,
            expected_version=opened,
            decision="release",
            reason="",
            actor=actor(w, Role.SAFEGUARDING_LEAD),
        )
    item.refresh_from_db()
    assert item.decision == Decision.WITHHOLD


@pytest.mark.hazard("H12")
def test_registry_covers_every_model_linked_to_a_person() -> None:
    from django.apps import apps

    from peerpath.caseload.models import Person

    def points_at(model: Any, targets: set[Any]) -> bool:
        for f in model._meta.get_fields():
            linked = (f.many_to_one or f.one_to_one or f.many_to_many) and f.concrete
            if linked and f.related_model in targets:
                return True
        return any(f.name == "person_id" for f in model._meta.concrete_fields)

    models = [m for m in apps.get_models() if m is not Person]
    one_hop = {m for m in models if points_at(m, {Person})}
    two_hops = {m for m in models if m not in one_hop and points_at(m, one_hop)}
    linked = {m._meta.label_lower for m in one_hop | two_hops}
    missing = sorted(linked - set(SOURCES) - set(sar_registry.NOT_IN_SAR))
    assert missing == [], f"add each to rights/sar_registry.py SOURCES or NOT_IN_SAR: {missing}"
    assert "recovery.goalstep" in linked and "core.auditevent" in linked  # walks both hops
    stale = sorted((set(SOURCES) | set(sar_registry.NOT_IN_SAR)) - linked - {"caseload.person"})
    assert stale == []
    for source in SOURCES.values():
        assert source.fields, source.model
        names = {f.name for f in source.model_class()._meta.get_fields()}
        for name, _label in source.fields:
            assert name.split("__")[0] in names, (source.model, name)
