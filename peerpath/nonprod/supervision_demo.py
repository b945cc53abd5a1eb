"""The demo's supervision: idempotent, as the rest of `seed_demo_data`.

Jordan Reid (the demo PSW) has peer practice supervision with Sam Patel (the demo peer
supervisor), every four weeks, agreed by both. Two sessions were held and signed by both;
an action from the first is not yet done, so it is carried forward into the second and
into the next session, which is booked for next week.
"""

from dataclasses import dataclass
from datetime import datetime, time, timedelta

from django.utils import timezone

from peerpath.accounts.models import User
from peerpath.organisations.models import Organisation
from peerpath.supervision.models import (
    ActionOwner,
    SessionState,
    SupervisionAction,
    SupervisionAgreement,
    SupervisionKind,
    SupervisionSession,
)
from peerpath.supervision.selectors import open_caseload_of

WORKER = "psw@peerpath.example"
SUPERVISOR = "supervisor@peerpath.example"


@dataclass(frozen=True)
class DemoSession:
    weeks_ago: int
    brought: str
    reflection: str
    caseload_review: str
    wellbeing: str
    comment: str
    # (text, owner, due so many weeks after the session, done)
    actions: tuple[tuple[str, str, int, bool], ...]


SESSIONS = (
    DemoSession(
        weeks_ago=7,
        brought=(
            "Jordan wanted to talk about a first meeting that went well and a person who "
            "has missed two appointments, and how to keep offering without pressure."
        ),
        reflection=(
            "Jordan used their own experience with care: sharing a little, then coming "
            "back to what the person wants. They noticed feeling responsible when a person "
            "does not attend, and we talked about what is theirs to carry."
        ),
        caseload_review="Each person's next contact is planned; no worries about safety.",
        wellbeing="",
        comment="Useful to talk about not attending. I feel clearer about my part.",
        actions=(
            (
                "Read the lone working policy and talk through one question about it",
                ActionOwner.WORKER,
                5,
                False,
            ),
            ("Find a date for the reflective practice group", ActionOwner.SUPERVISOR, 2, True),
        ),
    ),
    DemoSession(
        weeks_ago=3,
        brought="Ending peer support well with a person who is moving to college.",
        reflection=(
            "Jordan planned the ending with the person, celebrating what they achieved. "
            "They are building confidence in recovery-focused note writing."
        ),
        caseload_review="One ending planned; the rest continue as agreed.",
        wellbeing="Sleeping better since I changed my late shifts.",
        comment="",
        actions=(),
    ),
)


def seed_supervision(organisation: Organisation) -> int:
    """Create what is missing; return how many records were new."""
    worker = User.objects.filter(email=WORKER).first()
    supervisor = User.objects.filter(email=SUPERVISOR).first()
    if worker is None or supervisor is None:
        return 0
    today = timezone.localdate()
    now = timezone.now()
    agreement, created = SupervisionAgreement.objects.get_or_create(
        organisation=organisation,
        worker=worker,
        supervisor=supervisor,
        kind=SupervisionKind.PRACTICE,
        defaults={
            "every_weeks": 4,
            "where": "Community team base, the quiet room on the first floor",
            "what_is_recorded": (
                "A summary of what we talk about and the actions we agree, signed by both of "
                "us. Jordan decides what of the wellbeing check is written down."
            ),
            "confidentiality_limits": (
                "What we talk about stays between us, unless there is a risk of harm to "
                "Jordan or someone else: then the safeguarding lead is told, and Jordan is "
                "told first where that is safe."
            ),
            "starts_on": today - timedelta(weeks=8),
            "worker_agreed_at": now - timedelta(weeks=8),
            "supervisor_agreed_at": now - timedelta(weeks=8),
            "created_by": supervisor,
        },
    )
    new = int(created)
    if agreement.sessions.exists():
        return new
    people = list(open_caseload_of(organisation, worker.pk))
    for details in SESSIONS:
        held_on = today - timedelta(weeks=details.weeks_ago)
        signed = timezone.make_aware(datetime.combine(held_on, time(16, 0)))
        session = SupervisionSession.objects.create(
            organisation=organisation,
            agreement=agreement,
            held_on=held_on,
            starts_at=time(14, 0),
            state=SessionState.HELD,
            brought=details.brought,
            reflection=details.reflection,
            caseload_review=details.caseload_review,
            recorded_at=signed,
            wellbeing=details.wellbeing,
            worker_comment=details.comment,
            worker_part_at=signed if details.wellbeing or details.comment else None,
            supervisor_signed_at=signed,
            worker_signed_at=signed + timedelta(hours=1),
            created_by=supervisor,
        )
        session.caseload_people.set(people)
        new += 1
        for text, owner, due_weeks, done in details.actions:
            SupervisionAction.objects.create(
                organisation=organisation,
                session=session,
                text=text,
                owner=owner,
                due_on=held_on + timedelta(weeks=due_weeks),
                done_on=held_on + timedelta(weeks=1) if done else None,
                done_by=supervisor if done else None,
            )
            new += 1
    # The next session, due in a week, is booked.
    SupervisionSession.objects.create(
        organisation=organisation,
        agreement=agreement,
        held_on=today + timedelta(weeks=1),
        starts_at=time(14, 0),
        created_by=supervisor,
    )
    return new + 1
