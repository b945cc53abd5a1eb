"""The demo's learning after appointment: idempotent, as the rest of `seed_demo_data`.

Jordan Reid (PSW) is in post in the Community Peer Support Team with Sam Patel as line
manager and supervisor: their induction is mostly done (note writing is planned for next
week), their reflective practice work placement booklet has a signed entry and one
waiting for Sam's review, and their development plan has unit 1.5 signed off and section
5's unit 5.2 (working with people in groups) in progress; their yearly safeguarding
refresher is due in two weeks.
"""

from datetime import date, timedelta
from typing import Any

from django.utils import timezone

from peerpath.accounts.models import User
from peerpath.framework.models import Statement, Unit
from peerpath.learning.models import (
    BookletEntry,
    BookletReview,
    EntryStatus,
    LearningRecord,
    PlanUnit,
    Refresher,
    RefresherCompletion,
)
from peerpath.learning.refreshers import add_months
from peerpath.learning.services import induction_for
from peerpath.organisations.models import Organisation, Team
from peerpath.supervision.models import SupervisionAgreement, SupervisionKind
from peerpath.supervision.selectors import supervisor_ids_of
from peerpath.workforce.models import EmploymentRecord, Post
from peerpath.workforce.selectors import employment_current

from .demo import DEMO_TEAMS

PSW_EMAIL = "psw@peerpath.example"
SUPERVISOR_EMAIL = "supervisor@peerpath.example"
IN_POST_WEEKS = 10


def _employment(
    organisation: Organisation, jordan: User, sam: User, today: date
) -> tuple[Any, int]:
    """Jordan's current employment: the workforce demo's if it made one, else made here."""
    found = employment_current(organisation, jordan.pk, today)
    if found is not None:
        return found, 0
    team = Team.objects.get(organisation=organisation, name=DEMO_TEAMS[0])
    post, made = Post.objects.get_or_create(
        organisation=organisation,
        team=team,
        title="Peer support worker, community adult services",
        defaults={"service_area": "adult", "setting": "community", "hours_per_week": 22.5},
    )
    employment = EmploymentRecord.objects.create(
        organisation=organisation,
        worker=jordan,
        post=post,
        starts_on=today - timedelta(weeks=IN_POST_WEEKS),
        hours_per_week=22.5,
        line_manager=sam,
        peer_supervisor=sam,
    )
    return employment, 1 + int(made)


def _agreement(
    organisation: Organisation, jordan: User, sam: User, starts_on: date, today: date
) -> int:
    """Sam supervises Jordan (the supervision demo's agreement, if it made one first)."""
    if sam.pk in supervisor_ids_of(organisation, jordan.pk, today):
        return 0
    SupervisionAgreement.objects.create(
        organisation=organisation,
        worker=jordan,
        supervisor=sam,
        kind=SupervisionKind.MANAGERIAL,
        every_weeks=4,
        where="Team base, the quiet room",
        what_is_recorded="What Jordan brings, reflections, actions with who does them and by when",
        confidentiality_limits=(
            "What is said stays between us unless someone is at risk of harm, when it is "
            "shared with the safeguarding lead"
        ),
        starts_on=starts_on,
    )
    return 1


def _induction(employment: Any, sam: User, today: date) -> int:
    induction = induction_for(employment=employment)
    if induction.items.exclude(planned_on=None).exists():
        return 0
    start = employment.starts_on
    for item in induction.items.order_by("number"):
        planned = start + timedelta(weeks=item.number)
        last = item.number == 5
        item.planned_on = today + timedelta(days=7) if last else planned
        item.completed_on = None if last else min(planned, today)
        item.recorded_by = sam
        item.recorded_at = timezone.now()
        item.save()
    return 1 + induction.items.count()


def _booklet(organisation: Organisation, jordan: User, sam: User, today: date) -> int:
    if BookletEntry.objects.filter(organisation=organisation, worker=jordan).exists():
        return 0
    signed = BookletEntry.objects.create(
        organisation=organisation,
        worker=jordan,
        happened_on=today - timedelta(weeks=4),
        what_i_did=(
            "A first meeting with someone new to the service, on the ward. We talked about "
            "what they wanted from peer support."
        ),
        reflection=(
            "I noticed I wanted to fill the silences. When I waited, they told me more about "
            "what matters to them."
        ),
        what_i_learnt="Listening well means being comfortable with a pause.",
        status=EntryStatus.SIGNED,
        signed_by=sam,
        signed_at=timezone.now() - timedelta(weeks=3),
    )
    signed.statements.set(
        Statement.objects.filter(ref__in=("2.5.3", "2.5.7")).filter(framework__is_current=True)
    )
    BookletReview.objects.create(
        organisation=organisation,
        entry=signed,
        by=sam,
        comments="A thoughtful reflection: you used your own experience of waiting to be heard.",
        signs_off=True,
    )
    waiting = BookletEntry.objects.create(
        organisation=organisation,
        worker=jordan,
        happened_on=today - timedelta(weeks=1),
        what_i_did=(
            "Shared part of my own recovery story in a one-to-one, after checking it would help."
        ),
        reflection="I kept it short and brought the conversation back to them.",
        what_i_learnt="Sharing lived experience is about their recovery, not mine.",
        status=EntryStatus.SUBMITTED,
        submitted_at=timezone.now() - timedelta(days=5),
    )
    waiting.statements.set(
        Statement.objects.filter(ref__in=("2.1.1",)).filter(framework__is_current=True)
    )
    return 3


def _plan(organisation: Organisation, jordan: User, sam: User, today: date) -> int:
    """Unit 1.5 signed off; section 5's unit 5.2 (groups) in progress."""
    if PlanUnit.objects.filter(organisation=organisation, worker=jordan).exists():
        return 0
    units = {
        u.code: u for u in Unit.objects.filter(framework__is_current=True, code__in=("1.5", "5.2"))
    }
    if len(units) < 2:
        return 0
    ethics = PlanUnit.objects.create(
        organisation=organisation,
        worker=jordan,
        unit=units["1.5"],
        what_i_want_to_learn="How the codes of conduct apply to my role, and keeping boundaries.",
        added_by=sam,
        signed_by=sam,
        signed_at=timezone.now() - timedelta(weeks=2),
        sign_off_comment="Jordan talks about boundaries with confidence and checks in when unsure.",
    )
    LearningRecord.objects.create(
        organisation=organisation,
        plan_unit=ethics,
        activity="Information governance and boundaries e-learning",
        happened_on=today - timedelta(weeks=6),
        what_i_learnt="When to share information and who to ask first.",
        evidence="Certificate of completion",
        recorded_by=jordan,
    )
    groups = PlanUnit.objects.create(
        organisation=organisation,
        worker=jordan,
        unit=units["5.2"],
        what_i_want_to_learn="To co-facilitate a peer group, starting with the walking group.",
        review_by=today + timedelta(weeks=6),
        added_by=jordan,
    )
    LearningRecord.objects.create(
        organisation=organisation,
        plan_unit=groups,
        activity="Shadowed the Tuesday walking group",
        happened_on=today - timedelta(weeks=1),
        what_i_learnt="Checking in with each person at the start helps everyone take part.",
        recorded_by=jordan,
    )
    return 4


def _refresher(organisation: Organisation, jordan: User, sam: User, today: date) -> int:
    """A yearly safeguarding refresher (unit 1.7); Jordan's is due in two weeks."""
    unit = Unit.objects.filter(framework__is_current=True, code="1.7").first()
    safeguarding, made = Refresher.objects.get_or_create(
        organisation=organisation,
        name="Safeguarding",
        defaults={"unit": unit, "every_months": 12, "created_by": sam},
    )
    if RefresherCompletion.objects.filter(refresher=safeguarding, worker=jordan).exists():
        return int(made)
    RefresherCompletion.objects.create(
        organisation=organisation,
        refresher=safeguarding,
        worker=jordan,
        completed_on=add_months(today, -12) + timedelta(days=14),
        note="Safeguarding adults and children, level 2, during training",
        recorded_by=sam,
    )
    return 1 + int(made)


LONE_WORKING = "Personal safety when working alone"
RETIRED = "Paper case notes and filing"


def _more_refreshers(organisation: Organisation, jordan: User, sam: User, today: date) -> int:
    """A two-yearly personal safety refresher Jordan did recently, and one retired when the
    team moved to electronic notes, kept with Jordan's completion of it."""
    created = 0
    notes, made = Refresher.objects.get_or_create(
        organisation=organisation,
        name=LONE_WORKING,
        defaults={
            "every_months": 24,
            "description": "The trust's lone working policy, and using the lone working app.",
            "created_by": sam,
        },
    )
    created += int(made)
    if not RefresherCompletion.objects.filter(refresher=notes, worker=jordan).exists():
        RefresherCompletion.objects.create(
            organisation=organisation,
            refresher=notes,
            worker=jordan,
            completed_on=today - timedelta(weeks=8),
            note="With the community team",
            recorded_by=sam,
        )
        created += 1
    if not Refresher.objects.filter(organisation=organisation, name=RETIRED).exists():
        paper = Refresher.objects.create(
            organisation=organisation,
            name=RETIRED,
            every_months=12,
            description="Storing paper notes safely, before the team moved to electronic notes.",
            created_by=sam,
        )
        RefresherCompletion.objects.create(
            organisation=organisation,
            refresher=paper,
            worker=jordan,
            completed_on=today - timedelta(weeks=20),
            recorded_by=sam,
        )
        Refresher.objects.filter(pk=paper.pk).update(
            retired_on=today - timedelta(weeks=6), retired_by=sam, version=2
        )
        created += 2
    return created


def seed_learning(organisation: Organisation) -> int:
    """Create what is missing; return how many records were new."""
    today = timezone.localdate()
    jordan = User.objects.filter(email=PSW_EMAIL).first()
    sam = User.objects.filter(email=SUPERVISOR_EMAIL).first()
    if jordan is None or sam is None:
        return 0
    employment, created = _employment(organisation, jordan, sam, today)
    created += _agreement(organisation, jordan, sam, employment.starts_on, today)
    created += _induction(employment, sam, today)
    created += _booklet(organisation, jordan, sam, today)
    created += _plan(organisation, jordan, sam, today)
    created += _refresher(organisation, jordan, sam, today)
    created += _more_refreshers(organisation, jordan, sam, today)
    return created
