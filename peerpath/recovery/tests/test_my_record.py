"""The person supported's own goals and plans (/my/...): what they read and add, the
changes they suggest and their worker reviews, and the crisis plan kept on their phone."""

from datetime import timedelta
from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from peerpath.caseload.tests.factories import person_on_caseload
from peerpath.core.models import AuditAction, AuditEvent
from peerpath.core.roles import Role
from peerpath.core.versioning import EditConflict
from peerpath.groups.tests.factories import GroupSessionFactory, PeerGroupFactory
from peerpath.recovery import selectors, services
from peerpath.recovery.documents import CRISIS_PLAN
from peerpath.recovery.models import (
    DocumentProposal,
    DocumentVersion,
    Goal,
    GoalStep,
    GoalUpdate,
    ProposalStatus,
)
from peerpath.recovery.offline import KEPT_COOKIE
from peerpath.tests.dates import date_boxes
from peerpath.tests.pages import text

from .factories import DocumentProposalFactory, GoalFactory, GoalStepFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def alex(caseload_world: Any) -> Any:
    """The world's person, linked to the person supported's log-in."""
    person = caseload_world.person
    person.user = caseload_world.user(Role.PERSON)
    person.save(update_fields=["user"])
    return person


@pytest.fixture
def me(alex: Any, client_for: Any) -> Client:
    client: Client = client_for(Role.PERSON)
    return client


def _own_reads(alex: Any) -> Any:
    return AuditEvent.objects.filter(person_id=alex.pk, action=AuditAction.VIEW, by_subject=True)


# --- goals --------------------------------------------------------------------------------


def test_the_person_adds_a_goal_in_their_own_words_only(
    alex: Any, me: Client, caseload_world: Any
) -> None:
    form = me.get("/my/goals/new/")
    assert form.status_code == 200
    assert "Your goal, in your own words" in text(form)
    response = me.post("/my/goals/new/", {"in_own_words": "Sing in a choir"})
    goal = Goal.objects.get(person=alex, in_own_words="Sing in a choir")
    assert response.status_code == 302
    assert response["Location"] == f"/my/goals/{goal.pk}/"
    assert goal.created_by == caseload_world.user(Role.PERSON)
    assert (goal.why_it_matters, goal.strengths) == ("", "")
    created = AuditEvent.objects.get(action=AuditAction.CREATE, object_id=str(goal.pk))
    assert created.by_subject is True
    assert created.actor_role == Role.PERSON
    page = text(me.get(f"/my/goals/{goal.pk}/"))
    assert "Sing in a choir" in page
    assert "Why it matters to you" not in page  # nothing written, no empty heading


def test_an_empty_goal_is_explained(alex: Any, me: Client) -> None:
    response = me.post("/my/goals/new/", {"in_own_words": "  "})
    assert response.status_code == 400
    assert text(response).count("Write your goal in your own words.") == 2
    assert not Goal.objects.filter(person=alex, in_own_words="").exists()


def test_the_person_adds_a_step_marks_it_done_and_records_a_success(
    alex: Any, me: Client, caseload_world: Any
) -> None:
    goal = caseload_world.goal
    user = caseload_world.user(Role.PERSON)
    response = me.post(
        f"/my/goals/{goal.pk}/steps/",
        {"text": "Ring the college", **date_boxes("due_on", timezone.localdate())},
    )
    assert response.status_code == 302
    step = GoalStep.objects.get(goal=goal, text="Ring the college")
    response = me.post(f"/my/goals/{goal.pk}/steps/{step.pk}/done/")
    assert response.status_code == 302
    step.refresh_from_db()
    assert step.done_on == timezone.localdate()
    response = me.post(
        f"/my/goals/{goal.pk}/updates/",
        {
            **date_boxes("on", timezone.localdate()),
            "text": "Rang them and booked a visit",
            "is_success": "on",
        },
    )
    assert response.status_code == 302
    update = GoalUpdate.objects.get(goal=goal, text="Rang them and booked a visit")
    assert update.is_success and update.by == user
    page = text(me.get(f"/my/goals/{goal.pk}/"))
    assert "A success to celebrate" in page
    assert "recorded by you" in page
    writes = AuditEvent.objects.filter(person_id=alex.pk, action__in=("create", "update"))
    assert writes.count() == 3
    assert set(writes.values_list("by_subject", flat=True)) == {True}


def test_another_persons_goal_is_not_found(alex: Any, me: Client, caseload_world: Any) -> None:
    other = person_on_caseload(caseload_world)
    goal: Any = GoalFactory(person=other, in_own_words="Someone else's goal")
    step: Any = GoalStepFactory(goal=goal)
    assert me.get(f"/my/goals/{goal.pk}/").status_code == 404
    assert me.get(f"/my/goals/{goal.pk}/steps/").status_code == 404
    assert me.post(f"/my/goals/{goal.pk}/steps/", {"text": "x"}).status_code == 404
    assert me.post(f"/my/goals/{goal.pk}/steps/{step.pk}/done/").status_code == 404
    assert me.get(f"/my/goals/{goal.pk}/updates/").status_code == 404
    # Their own goal with the other person's step is not found either.
    own = caseload_world.goal
    assert me.post(f"/my/goals/{own.pk}/steps/{step.pk}/done/").status_code == 404
    step.refresh_from_db()
    assert step.done_on is None
    assert "Someone else's goal" not in text(me.get("/my/goals/"))


def test_staff_and_carers_do_not_get_the_persons_own_pages(
    alex: Any, client_for: Any, caseload_world: Any
) -> None:
    for role in (Role.PSW, Role.CARER, Role.SUPERVISOR):
        assert client_for(role).get("/my/goals/").status_code == 403
        assert client_for(role).get("/my/crisis-plan/").status_code == 403


def test_the_goals_list_is_audited_as_the_persons_own_read(alex: Any, me: Client) -> None:
    response = me.get("/my/goals/")
    assert response.status_code == 200
    assert "Go back to college" in text(response)
    read = _own_reads(alex).latest("at")
    assert read.reason == "the person reading their own goals"
    assert read.actor_role == Role.PERSON


def test_the_goals_list_takes_the_same_queries_however_many_goals(alex: Any, me: Client) -> None:
    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            assert me.get("/my/goals/").status_code == 200
        return len(queries)

    me.get("/my/goals/")  # the first page after log-in renews the session's idle timer
    few = count()
    for n in range(6):
        goal = GoalFactory(person=alex, in_own_words=f"Goal {n}")
        GoalStepFactory(goal=goal, text=f"Step {n}")
        GoalStepFactory(goal=goal, text=f"Another step {n}")
    assert count() == few


# --- plans --------------------------------------------------------------------------------


def _crisis_version(world: Any) -> DocumentVersion:
    return DocumentVersion.objects.get(document=world.documents["crisis_plan"], number=1)


def test_the_person_reads_prints_and_downloads_their_plan(
    alex: Any, me: Client, caseload_world: Any
) -> None:
    page = text(me.get("/my/plans/crisis-plan/"))
    assert "Your crisis plan" in page
    assert "Version 1" in page
    assert "Samaritans: call 116 123" in page
    assert "Review date:" in page
    assert "Suggest a change" in page
    assert "Version 1" in text(me.get("/my/plans/crisis-plan/print/"))
    pdf = me.get("/my/plans/crisis-plan/pdf/")
    assert pdf.status_code == 200
    assert pdf["Content-Type"] == "application/pdf"
    assert pdf.content.startswith(b"%PDF")
    export = AuditEvent.objects.get(person_id=alex.pk, action=AuditAction.EXPORT)
    assert export.by_subject is True
    assert me.get("/my/plans/no-such-plan/").status_code == 404


def test_a_plan_not_written_yet_invites_a_suggestion(
    alex: Any, me: Client, caseload_world: Any
) -> None:
    other_person_plan = person_on_caseload(caseload_world, "Sam Other")
    page = text(me.get("/my/plans/crisis-plan/"))
    assert "Sam Other" not in page
    assert me.get("/my/plans/crisis-plan/pdf/").status_code == 200
    # A person with no recovery plan of their own is told so, kindly.
    alex.documents.filter(kind="recovery_plan").update(current_version=0)
    page = text(me.get("/my/plans/recovery-plan/"))
    assert "You do not have a recovery plan yet" in page
    assert me.get("/my/plans/recovery-plan/pdf/").status_code == 404
    assert other_person_plan.pk != alex.pk


def _suggest(me: Client, **content: str) -> DocumentProposal:
    response = me.post(
        "/my/plans/crisis-plan/suggest/",
        {"based_on": "1", "note": "My playlist helps", **content},
    )
    assert response.status_code == 302, text(response)
    assert response["Location"] == "/my/plans/crisis-plan/"
    return DocumentProposal.objects.latest("pk")


def test_the_person_suggests_a_change_and_the_worker_accepts_it(
    alex: Any, me: Client, client_for: Any, caseload_world: Any
) -> None:
    form = text(me.get("/my/plans/crisis-plan/suggest/"))
    assert "Suggest a change to your crisis plan" in form
    proposal = _suggest(me, what_i_can_do="Put on my calm playlist")
    assert proposal.status == ProposalStatus.WAITING
    assert proposal.proposed_by == caseload_world.user(Role.PERSON)
    assert proposal.content["what_i_can_do"] == "Put on my calm playlist"
    assert "Waiting for your peer support worker" in text(me.get("/my/plans/crisis-plan/"))

    psw = client_for(Role.PSW)
    staff_page = text(psw.get(f"/people/{alex.pk}/plans/crisis-plan/"))
    assert "Changes suggested by Alex" in staff_page
    review_url = f"/people/{alex.pk}/plans/crisis-plan/proposals/{proposal.pk}/"
    review = text(psw.get(review_url))
    assert "A change Alex suggested" in review
    assert "Put on my calm playlist" in review
    assert "has changed since" not in review
    review_on = timezone.localdate() + timedelta(days=60)
    response = psw.post(
        review_url,
        {
            "action": "accept",
            "accept-version": str(proposal.version),
            "accept-based_on": "1",
            "accept-note": "Thank you",
            **date_boxes("accept-review_on", review_on),
        },
    )
    assert response.status_code == 302, text(response)
    version = DocumentVersion.objects.get(
        document=caseload_world.documents["crisis_plan"], number=2
    )
    assert version.co_author == caseload_world.user(Role.PERSON)
    assert version.proposal == proposal
    assert version.changed_by == caseload_world.user(Role.PSW)
    assert version.content["what_i_can_do"] == "Put on my calm playlist"
    proposal.refresh_from_db()
    assert proposal.status == ProposalStatus.ACCEPTED
    assert "Co-author: Alex" in text(psw.get(f"/people/{alex.pk}/plans/crisis-plan/"))
    mine = text(me.get("/my/plans/crisis-plan/"))
    assert "Co-author: you" in mine
    assert "Accepted" in mine
    assert "Co-author: you" in text(me.get("/my/plans/crisis-plan/print/"))


def test_accepting_after_the_plan_changed_is_refused_and_nothing_is_written(
    alex: Any, me: Client, client_for: Any, caseload_world: Any
) -> None:
    proposal = _suggest(me, what_i_can_do="Call my sister")
    psw_user = caseload_world.user(Role.PSW)
    services.document_save(
        person=alex,
        kind=CRISIS_PLAN,
        content={"warning_signs": "Not sleeping"},
        review_on=timezone.localdate() + timedelta(days=30),
        change_note="",
        written_together=False,
        expected_version=1,
        by=psw_user,
    )
    review_url = f"/people/{alex.pk}/plans/crisis-plan/proposals/{proposal.pk}/"
    psw = client_for(Role.PSW)
    assert "has changed since" in text(psw.get(review_url))
    response = psw.post(
        review_url,
        {
            "action": "accept",
            "accept-version": str(proposal.version),
            "accept-based_on": "1",
            **date_boxes("accept-review_on", timezone.localdate() + timedelta(days=60)),
        },
    )
    assert response.status_code == 400
    assert "while this page was open" in text(response)
    assert not DocumentVersion.objects.filter(co_author__isnull=False).exists()
    proposal.refresh_from_db()
    assert proposal.status == ProposalStatus.WAITING
    with pytest.raises(EditConflict):
        services.proposal_accept(
            proposal=proposal,
            kind=CRISIS_PLAN,
            review_on=timezone.localdate() + timedelta(days=60),
            note="",
            expected_version=proposal.version,
            expected_document_version=1,
            by=psw_user,
        )
    proposal.refresh_from_db()
    assert proposal.status == ProposalStatus.WAITING


def test_the_worker_declines_with_a_reason_the_person_reads(
    alex: Any, me: Client, client_for: Any
) -> None:
    proposal = _suggest(me, people="Nobody")
    review_url = f"/people/{alex.pk}/plans/crisis-plan/proposals/{proposal.pk}/"
    psw = client_for(Role.PSW)
    empty = psw.post(review_url, {"action": "decline", "decline-version": str(proposal.version)})
    assert empty.status_code == 400
    assert "Say why, so they know what to do next." in text(empty)
    response = psw.post(
        review_url,
        {
            "action": "decline",
            "decline-version": str(proposal.version),
            "decline-reason": "Let us talk about who to call when we meet on Tuesday.",
        },
    )
    assert response.status_code == 302
    proposal.refresh_from_db()
    assert proposal.status == ProposalStatus.DECLINED
    page = text(me.get("/my/plans/crisis-plan/"))
    assert "Not accepted" in page
    assert "Let us talk about who to call when we meet on Tuesday." in page


def test_the_person_withdraws_a_waiting_suggestion_only(
    alex: Any, me: Client, caseload_world: Any
) -> None:
    proposal = _suggest(me, people="Robin")
    url = f"/my/plans/crisis-plan/suggestions/{proposal.pk}/withdraw/"
    assert me.post(url, {"version": str(proposal.version)}).status_code == 302
    proposal.refresh_from_db()
    assert proposal.status == ProposalStatus.WITHDRAWN
    # Already decided: withdrawing again changes nothing, and says so.
    again = me.post(url, {"version": str(proposal.version)})
    assert again.status_code == 400
    assert "while this page was open" in text(again)
    proposal.refresh_from_db()
    assert proposal.status == ProposalStatus.WITHDRAWN
    assert proposal.decided_by == caseload_world.user(Role.PERSON)


def test_another_persons_suggestion_is_not_found(
    alex: Any, me: Client, client_for: Any, caseload_world: Any
) -> None:
    other = person_on_caseload(caseload_world)
    theirs: Any = DocumentProposalFactory(person=other)
    url = f"/my/plans/crisis-plan/suggestions/{theirs.pk}/withdraw/"
    assert me.post(url, {"version": "1"}).status_code == 404
    theirs.refresh_from_db()
    assert theirs.status == ProposalStatus.WAITING
    # On the staff side, a suggestion reached through another person's URL is a 404.
    psw = client_for(Role.PSW)
    assert psw.get(f"/people/{alex.pk}/plans/crisis-plan/proposals/{theirs.pk}/").status_code == 404
    ok = psw.get(f"/people/{other.pk}/plans/crisis-plan/proposals/{theirs.pk}/")
    assert ok.status_code == 200


def test_the_psws_home_lists_waiting_suggestions_from_the_same_selector(
    alex: Any, me: Client, client_for: Any, caseload_world: Any
) -> None:
    psw = client_for(Role.PSW)
    assert "Changes suggested by people you support" not in text(psw.get("/"))
    proposal = _suggest(me, people="Robin")
    home = text(psw.get("/"))
    assert "Changes suggested by people you support" in home
    assert "Alex's crisis plan" in home
    actor_waiting = selectors.proposals_waiting(actor=_actor(caseload_world, Role.PSW))
    assert list(actor_waiting) == [proposal]
    # Someone else's PSW does not see it.
    other_psw = caseload_world.peers["psw in another team"]
    assert list(selectors.proposals_waiting(actor=_actor_for(caseload_world, other_psw))) == []


def _actor(world: Any, role: Role) -> Any:
    return _actor_for(world, world.user(role))


def _actor_for(world: Any, user: Any) -> Any:
    from peerpath.organisations.selectors import actor_for

    return actor_for(user, world.organisation)


# --- the crisis plan, one tap from home, and offline -----------------------------------------


def test_the_crisis_plan_is_one_tap_from_home(alex: Any, me: Client) -> None:
    home = me.get("/")
    assert 'href="/my/crisis-plan/"' in home.content.decode()
    assert "My crisis plan" in text(home)
    page = me.get("/my/crisis-plan/")
    assert page.status_code == 200
    assert page["X-PeerPath-Offline"] == "crisis-plan"
    words = text(page)
    assert "Samaritans: call 116 123, free, any time" in words
    assert "In an emergency, call 999" in words
    assert "Keep a copy on this phone" in words
    assert "crisis-plan-offline.js" in page.content.decode()
    assert _own_reads(alex).filter(reason="the person reading their own crisis plan").exists()


def test_the_service_worker_is_public_and_holds_no_personal_data(
    alex: Any, me: Client, caseload_world: Any
) -> None:
    response = Client().get("/my/crisis-plan/offline.js")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/javascript")
    assert response["Service-Worker-Allowed"] == "/my/crisis-plan/"
    script = response.content.decode()
    assert 'const PAGE = "/my/crisis-plan/"' in script
    assert "response.redirected" in script
    assert "Alex" not in script and "Morgan" not in script
    assert me.get("/my/crisis-plan/offline.js").content.decode() == script


def test_logging_out_clears_the_site_unless_a_copy_is_kept(alex: Any, me: Client) -> None:
    cleared = me.post("/accounts/logout/")
    assert cleared["Clear-Site-Data"] == '"storage"'
    keeper: Client = Client()
    keeper.force_login(alex.user)
    keeper.cookies[KEPT_COOKIE] = "1"
    kept = keeper.post("/accounts/logout/")
    assert "Clear-Site-Data" not in kept
    assert me.get("/my/crisis-plan/").status_code == 302  # signed out


# --- groups -------------------------------------------------------------------------------


def test_my_groups_name_no_other_member(alex: Any, me: Client, caseload_world: Any) -> None:
    group: Any = PeerGroupFactory(
        organisation=caseload_world.organisation,
        team=caseload_world.team,
        name="Riverside Walk and Talk",
        where="The park café",
    )
    other = person_on_caseload(caseload_world, "Jamie Canary")
    group.members.set([alex, other])
    GroupSessionFactory(
        group=group, starts_at=timezone.now() + timedelta(days=2), topic="What helps"
    )
    elsewhere: Any = PeerGroupFactory(
        organisation=caseload_world.organisation, team=caseload_world.team, name="Not mine"
    )
    elsewhere.members.set([other])
    page = text(me.get("/my/groups/"))
    assert "Riverside Walk and Talk" in page
    assert "What helps" in page
    assert "Jamie Canary" not in page
    assert "Not mine" not in page
    assert _own_reads(alex).filter(reason="the person reading their own peer groups").exists()
