"""People supported, referrals and choice, and the peer relationship from start to end."""

from datetime import timedelta
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from peerpath.caseload.models import (
    PeerRelationship,
    Person,
    Status,
    WorkerProfile,
    validate_nhs_number,
)
from peerpath.caseload.selectors import match_suggestions
from peerpath.core.models import AuditAction, AuditEvent
from peerpath.core.roles import Role
from peerpath.tests.dates import date_boxes
from peerpath.tests.pages import text

pytestmark = pytest.mark.django_db


def login(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


def referral_data(world: Any, **overrides: str) -> dict[str, str]:
    data = {
        "team": str(world.team.pk),
        "full_name": "Robin Hale",
        "preferred_name": "Rob",
        "pronouns": "he/him",
        "date_of_birth": "1985-03-02",
        "nhs_number": "943 476 5919",
        "source": "professional",
        "referrer": "Dr Shah, Riverside CMHT, 0115 000 0000",
        "reason": "Would like support with getting out more.",
        "experience_wanted": "psychosis",
        "referred_on": timezone.localdate().isoformat(),
        "allocate_to_me": "on",
    }
    data.update(overrides)
    return data


def rel_url(name: str, rel: PeerRelationship) -> str:
    return reverse(f"caseload:{name}", kwargs={"person": rel.person_id, "pk": rel.pk})


def person_url(person: Person) -> str:
    return reverse("workspace:person-detail", kwargs={"person": person.pk})


@pytest.mark.parametrize("number", ["9434765919", "943 476 5919", "943-476-5919"])
def test_a_valid_nhs_number_passes_the_modulus_11_check(number: str) -> None:
    validate_nhs_number(number)


@pytest.mark.parametrize(
    ("number", "message"),
    [
        ("9434765918", "not a valid NHS number"),
        ("123", "10 digits"),
        ("94347659AB", "10 digits"),
        ("1000000010", "not a valid NHS number"),  # check digit would be 10
    ],
)
def test_an_invalid_nhs_number_is_refused_with_a_reason(number: str, message: str) -> None:
    with pytest.raises(ValidationError, match=message):
        validate_nhs_number(number)


def test_a_psw_records_a_referral_and_takes_it_on(world: Any) -> None:
    psw = world.user(Role.PSW)
    response = login(psw).post(reverse("caseload:referral-create"), referral_data(world))
    rel = PeerRelationship.objects.get()
    assert response.status_code == 302
    assert response["Location"] == rel_url("relationship", rel)
    assert rel.worker == psw and rel.status == Status.REFERRED and rel.team == world.team
    assert rel.person.nhs_number == "9434765919"
    assert (
        rel.events.get().text
        == "Referred (a professional); allocated to Peer support worker Riverside"
    )
    assert (
        AuditEvent.objects.filter(person_id=rel.person_id, action=AuditAction.CREATE).count() == 2
    )


def test_bad_referral_input_is_explained_next_to_each_field_and_saves_nothing(
    world: Any,
) -> None:
    tomorrow = timezone.localdate() + timedelta(days=1)
    data = referral_data(world, full_name="", reason="", referrer="", nhs_number="123")
    del data["referred_on"]
    response = login(world.user(Role.PSW)).post(
        reverse("caseload:referral-create"), {**data, **date_boxes("referred_on", tomorrow)}
    )
    page = text(response)
    assert response.status_code == 400
    for message in (
        "Enter the person's full name.",
        "Enter the reason for the referral.",
        "Enter who made the referral and how to reach them.",
        "Enter an NHS number of 10 digits",
        "Date of referral must be today or in the past",
    ):
        assert message in page
    assert not Person.objects.exists() and not PeerRelationship.objects.exists()


def test_a_referral_for_the_supervisor_to_match_goes_on_the_waiting_list(world: Any) -> None:
    login(world.user(Role.PSW)).post(
        reverse("caseload:referral-create"), referral_data(world, allocate_to_me="")
    )
    rel = PeerRelationship.objects.get()
    assert rel.worker is None
    # The PSW did not take it on, so it is not on their caseload.
    assert login(world.user(Role.PSW)).get(person_url(rel.person)).status_code == 404
    waiting = login(world.user(Role.SUPERVISOR)).get(reverse("caseload:referral-list"))
    assert "Robin Hale" in text(waiting) or "Rob" in text(waiting)
    assert "Waiting list" in text(waiting)


def refer(world: Any, **overrides: str) -> PeerRelationship:
    login(world.user(Role.PSW)).post(
        reverse("caseload:referral-create"), referral_data(world, **overrides)
    )
    return PeerRelationship.objects.latest("pk")


@pytest.mark.hazard("H17")
def test_matching_ranks_shared_experience_then_room_on_the_caseload(world: Any) -> None:
    rel = refer(world, allocate_to_me="")
    psw = world.user(Role.PSW)
    WorkerProfile.objects.create(
        organisation=world.organisation, user=psw, shared_experiences="Psychosis, carer", capacity=5
    )
    suggestions = match_suggestions(rel)
    assert suggestions[0].worker == psw
    assert suggestions[0].shared == ["psychosis"]
    assert suggestions[0].caseload == 0 and suggestions[0].has_capacity
    # Full: the worker drops below anyone with room, and the page says nobody has capacity.
    WorkerProfile.objects.filter(user=psw).update(capacity=0)
    assert not match_suggestions(rel)[0].has_capacity
    page = text(login(world.user(Role.SUPERVISOR)).get(rel_url("relationship-match", rel)))
    assert "Nobody has capacity" in page
    # Matching past the agreed capacity is refused, with no override (issue 12 point 5)...
    supervisor = login(world.user(Role.SUPERVISOR))
    refused = supervisor.post(
        rel_url("relationship-match", rel), {"version": rel.version, "worker": psw.pk}
    )
    assert refused.status_code == 400
    assert "caseload is full: 0 of 0 agreed" in text(refused)
    rel.refresh_from_db()
    assert rel.worker is None
    # ...until the supervisor and the worker agree room for one more.
    WorkerProfile.objects.filter(user=psw).update(capacity=1)
    response = supervisor.post(
        rel_url("relationship-match", rel), {"version": rel.version, "worker": psw.pk}
    )
    assert response.status_code == 302
    rel.refresh_from_db()
    assert rel.worker == psw


def test_no_means_no_further_contact(world: Any) -> None:
    rel = refer(world)
    client = login(world.user(Role.PSW))
    response = client.post(
        rel_url("relationship-choice", rel),
        {
            "version": rel.version,
            "wants_peer_support": "no",
            "on": timezone.localdate(),
            "note": "",
        },
    )
    assert response.status_code == 302
    rel.refresh_from_db()
    assert rel.status == Status.DECLINED and rel.ended_on == timezone.localdate()
    # The person is off the worker's caseload at once: no further contact.
    assert client.get(person_url(rel.person)).status_code == 404
    assert client.get(reverse("caseload:caseload")).content.count(b"Robin Hale") == 0


def test_the_first_meeting_needs_each_conversation_and_consent(world: Any) -> None:
    rel = refer(world)
    client = login(world.user(Role.PSW))
    client.post(
        rel_url("relationship-choice", rel),
        {"version": rel.version, "wants_peer_support": "yes", "on": timezone.localdate()},
    )
    rel.refresh_from_db()
    assert rel.status == Status.OFFERED
    response = client.post(
        rel_url("relationship-first-meeting", rel),
        {
            "version": rel.version,
            "first_met_on": timezone.localdate(),
            "meeting_place": "The café on the high street",
            "away_from_services": "on",
        },
    )
    page = text(response)
    assert response.status_code == 400
    assert "Talk about the purpose of peer support before going on." in page
    assert "Talk about boundaries before going on." in page
    assert "Talk about the limits of confidentiality before going on." in page
    assert "Peer support goes on only with the person's consent." in page
    assert "Record the personal-safety check for meeting away from services." in page
    rel.refresh_from_db()
    assert rel.status == Status.OFFERED
    response = client.post(
        rel_url("relationship-first-meeting", rel),
        {
            "version": rel.version,
            "first_met_on": timezone.localdate(),
            "purpose_discussed": "on",
            "boundaries_discussed": "on",
            "confidentiality_discussed": "on",
            "consent_to_proceed": "on",
            "meeting_place": "The café on the high street",
            "away_from_services": "on",
            "safety_check": "The team knows where I am; I check in by phone after.",
        },
    )
    assert response.status_code == 302
    rel.refresh_from_db()
    assert rel.status == Status.ACTIVE and rel.away_from_services and rel.consent_to_proceed


def activate(world: Any) -> PeerRelationship:
    rel = refer(world)
    PeerRelationship.objects.filter(pk=rel.pk).update(status=Status.ACTIVE)
    rel.refresh_from_db()
    return rel


def test_an_ending_is_prepared_then_summarised_and_the_worker_steps_back(world: Any) -> None:
    rel = activate(world)
    client = login(world.user(Role.PSW))
    yesterday = timezone.localdate() - timedelta(days=1)
    response = client.post(
        rel_url("relationship-ending", rel),
        {"version": rel.version, "planned_end_on": yesterday, "next_wanted": "A walking group"},
    )
    assert "Planned end date must be today or in the future" in text(response)
    client.post(
        rel_url("relationship-ending", rel),
        {
            "version": rel.version,
            "planned_end_on": timezone.localdate() + timedelta(days=14),
            "next_wanted": "A walking group and a college course",
            "transition_to": "Riverside Recovery College",
            "continuity_plan": "A joint meeting with the course tutor",
        },
    )
    rel.refresh_from_db()
    assert rel.status == Status.ENDING
    response = client.post(
        rel_url("relationship-end", rel),
        {"version": rel.version, "ended_on": timezone.localdate(), "ending_summary": ""},
    )
    assert "Write a summary of the peer relationship." in text(response)
    client.post(
        rel_url("relationship-end", rel),
        {
            "version": rel.version,
            "ended_on": timezone.localdate(),
            "ending_summary": "Rob reached his goal of joining a course.",
        },
    )
    rel.refresh_from_db()
    assert rel.status == Status.ENDED
    assert client.get(person_url(rel.person)).status_code == 404
    supervisor_view = login(world.user(Role.SUPERVISOR)).get(rel_url("relationship", rel))
    assert "Rob reached his goal of joining a course." in text(supervisor_view)
    assert "Riverside Recovery College" in text(supervisor_view)


def test_a_step_that_no_longer_applies_changes_nothing(world: Any) -> None:
    rel = activate(world)
    response = login(world.user(Role.PSW)).post(
        rel_url("relationship-choice", rel),
        {"version": rel.version, "wants_peer_support": "no", "on": timezone.localdate()},
    )
    assert response.status_code == 409
    rel.refresh_from_db()
    assert rel.status == Status.ACTIVE


@pytest.mark.hazard("H6")
def test_a_stale_page_does_not_overwrite_a_newer_change(world: Any) -> None:
    rel = activate(world)
    stale = rel.version
    client = login(world.user(Role.PSW))
    client.post(
        rel_url("relationship-ending", rel),
        {
            "version": stale,
            "planned_end_on": timezone.localdate() + timedelta(days=7),
            "next_wanted": "First answer",
        },
    )
    response = client.post(
        rel_url("relationship-ending", rel),
        {
            "version": stale,
            "planned_end_on": timezone.localdate() + timedelta(days=9),
            "next_wanted": "Second answer",
        },
    )
    assert response.status_code == 400
    assert "Someone else saved a change to Rob's peer support" in text(response)
    assert "Nothing has been overwritten" in text(response)
    assert "Second answer" in text(response)
    rel.refresh_from_db()
    assert rel.next_wanted == "First answer"


def test_withdrawing_consent_stops_peer_support_at_once(world: Any) -> None:
    rel = activate(world)
    client = login(world.user(Role.PSW))
    assert client.get(person_url(rel.person)).status_code == 200
    response = client.post(
        rel_url("relationship-withdraw", rel), {"version": rel.version, "reason": "Feeling better"}
    )
    assert response.status_code == 302
    rel.refresh_from_db()
    assert rel.status == Status.ENDED and not rel.consent_to_proceed
    assert "withdrew their consent" in rel.ending_summary
    assert client.get(person_url(rel.person)).status_code == 404


def test_a_transfer_moves_ownership_and_the_old_worker_loses_access(world: Any) -> None:
    from peerpath.caseload.tests.world import build_caseload

    build_caseload(world)
    rel = world.relationship
    new_worker = world.peers["psw in another team"]
    new_team = new_worker.memberships.get().team
    old = login(world.user(Role.PSW))
    response = old.post(
        rel_url("relationship-transfer", rel),
        {
            "version": rel.version,
            "worker": new_worker.pk,
            "team": new_team.pk,
            "transition_to": "Northfield, nearer home",
            "continuity_plan": "A three-way handover meeting",
        },
    )
    assert response.status_code == 302
    rel.refresh_from_db()
    assert rel.worker == new_worker and rel.team == new_team
    assert Person.objects.get(pk=rel.person_id).team == new_team
    assert old.get(person_url(rel.person)).status_code == 404
    assert login(new_worker).get(person_url(rel.person)).status_code == 200
    # The new team's supervisor sees the person; the old team's no longer does.
    assert (
        login(world.peers["supervisor of another team"]).get(person_url(rel.person)).status_code
        == 200
    )
    assert login(world.user(Role.SUPERVISOR)).get(person_url(rel.person)).status_code == 404


def test_sharing_lets_a_second_worker_see_the_record_until_it_stops(world: Any) -> None:
    from peerpath.caseload.tests.world import build_caseload

    build_caseload(world)
    rel = world.relationship
    colleague = world.peers["psw in the same team"]
    owner = login(world.user(Role.PSW))
    assert login(colleague).get(person_url(world.person)).status_code == 404
    owner.post(rel_url("relationship-share", rel), {"version": rel.version, "worker": colleague.pk})
    assert login(colleague).get(person_url(world.person)).status_code == 200
    assert login(world.user(Role.PSW)).get(person_url(world.person)).status_code == 200
    owner.post(
        rel_url("relationship-share", rel),
        {"version": rel.version, "worker": colleague.pk, "stop": "1"},
    )
    assert login(colleague).get(person_url(world.person)).status_code == 404
    texts = list(rel.events.values_list("text", flat=True))
    assert "Shared with Psw In The Same Team" in texts
    assert "No longer shared with Psw In The Same Team" in texts


def test_editing_details_checks_the_version_and_the_nhs_number(world: Any) -> None:
    rel = activate(world)
    person = rel.person
    client = login(world.user(Role.PSW))
    url = reverse("caseload:person-edit", kwargs={"person": person.pk})
    data = {"full_name": "Robin Hale", "preferred_name": "Robin", "version": person.version}
    response = client.post(url, {**data, "nhs_number": "9434765918"})
    assert "This is not a valid NHS number" in text(response)
    assert client.post(url, data).status_code == 302
    response = client.post(url, {**data, "preferred_name": "Bobby"})
    assert response.status_code == 400
    assert "Someone else saved this record while this page was open." in text(response)
    person.refresh_from_db()
    assert person.preferred_name == "Robin"


def test_every_read_of_the_record_is_audited(world: Any) -> None:
    rel = activate(world)
    login(world.user(Role.PSW)).get(person_url(rel.person))
    assert AuditEvent.objects.filter(
        person_id=rel.person_id, action=AuditAction.VIEW, object_type="caseload.person"
    ).exists()


def test_someone_known_is_referred_again_once_earlier_peer_support_has_ended(
    world: Any,
) -> None:
    rel = activate(world)
    url = reverse("caseload:referral-again", kwargs={"person": rel.person_id})
    supervisor = login(world.user(Role.SUPERVISOR))
    # The worker never sees someone whose peer support has ended: the supervisor refers.
    assert login(world.user(Role.PSW)).get(url).status_code == 403
    data = {
        "source": "self",
        "reason": "Would like support again after a hard winter.",
        "referred_on": timezone.localdate().isoformat(),
        "team": str(world.team.pk),
    }
    # While peer support is open, a second referral is refused and nothing is added.
    assert "already has peer support that has not ended" in text(supervisor.get(url))
    assert supervisor.post(url, data).status_code == 409
    assert PeerRelationship.objects.count() == 1
    PeerRelationship.objects.filter(pk=rel.pk).update(status=Status.ENDED)
    assert "Record a new referral for Rob" in text(supervisor.get(person_url(rel.person)))
    response = supervisor.post(url, {**data, "reason": ""})
    assert response.status_code == 400
    assert "Enter the reason for the referral." in text(response)
    response = supervisor.post(url, data)
    again = PeerRelationship.objects.latest("pk")
    assert response.status_code == 302 and response["Location"] == rel_url("relationship", again)
    assert again.person_id == rel.person_id and again.status == Status.REFERRED
    assert again.worker is None  # on the waiting list, for the supervisor to match
    assert Person.objects.count() == 1
