"""The demo's direct observation: idempotent, as the rest of `seed_demo_data`.

Sam Patel (the demo supervisor) observed Jordan Reid (the demo PSW) in a one-to-one session
with Alex Morgan, who is on Jordan's caseload and agreed to being observed. Sam rated
Jordan against statements of unit 2.5, "Ability to use active listening and communication
skills in a peer relationship", with competence-based feedback, and finalised it, so it
shows in Jordan's competence record. Jordan added a reflection before it was finalised.
Earlier, five months ago, Sam's observation of a session with someone in distress found
an area of significant concern; the development plan it opened (shadowing, extra
supervision) was reviewed twice and closed, resolved. No open plan is seeded.

Still in draft: Sam's observation of Jordan co-facilitating the Walk and Talk group last
week, waiting for Jordan's reflection; and Tara Lewis's (the demo trainer) observation of
Priya Shah (the demo trainee) at her placement, waiting for Priya's.

If no supervision agreement puts Sam with Jordan yet (the supervision demo's), a practice
supervision agreement is added, so Sam may record the next observation from the demo.
"""

from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from peerpath.accounts.models import User
from peerpath.caseload.models import Person
from peerpath.framework.models import Statement
from peerpath.observation.models import (
    ConsentMethod,
    DevelopmentPlan,
    Observation,
    ObservationRating,
    PlanReview,
    PlanStatus,
    Rating,
)
from peerpath.organisations.models import Organisation
from peerpath.supervision.models import SupervisionAgreement, SupervisionKind
from peerpath.supervision.selectors import supervisor_ids_of

ACTIVITY = "A one-to-one peer support session"

# Unit 2.5 statement numbers, their rating, and Sam's feedback: strengths first.
RATINGS = (
    (
        2,
        Rating.CONFIDENT,
        "You gave Alex your full attention: phone away, turned towards them, and you "
        "let the pauses be. Alex said more after each one.",
    ),
    (
        3,
        Rating.CONFIDENT,
        "You listened without rushing to advise, and came back to the things Alex said "
        "mattered most to them.",
    ),
    (
        7,
        Rating.DEMONSTRATED,
        "When Alex spoke about the college open day, you named how nervous and proud "
        "they sounded. That felt genuine.",
    ),
    (
        10,
        Rating.DEVELOPING,
        "At the end you agreed the next step together. Next time, try asking Alex to sum "
        "up what you agreed, so it is in their words.",
    ),
)


def _ensure_agreement(organisation: Organisation, worker: User, supervisor: User) -> int:
    today = timezone.localdate()
    if supervisor.pk in supervisor_ids_of(organisation, worker.pk, today):
        return 0
    SupervisionAgreement.objects.create(
        organisation=organisation,
        worker=worker,
        supervisor=supervisor,
        kind=SupervisionKind.PRACTICE,
        every_weeks=4,
        where="The team base, in the quiet room",
        what_is_recorded="The themes we discuss, actions agreed, and observations of practice.",
        confidentiality_limits=(
            "What we discuss stays between us, unless someone is at risk of harm: then I "
            "share what is needed to keep them safe, and tell you first where I can."
        ),
        starts_on=today - timedelta(days=120),
        created_by=supervisor,
    )
    return 1


EARLIER = "A one-to-one session with someone in distress"
GROUP = "Co-facilitating the Riverside Walk and Talk group"
PLACEMENT = "Welcoming people at the drop-in, on placement"


def _draft(
    organisation: Organisation,
    *,
    worker: User,
    observer: User,
    activity: str,
    setting: str,
    days_ago: int,
    ratings: tuple[tuple[Statement, str, str], ...],
) -> int:
    if Observation.objects.filter(
        organisation=organisation, worker=worker, activity=activity
    ).exists():
        return 0
    observation = Observation.objects.create(
        organisation=organisation,
        worker=worker,
        observer=observer,
        observed_on=timezone.localdate() - timedelta(days=days_ago),
        activity=activity,
        setting=setting,
    )
    ObservationRating.objects.bulk_create(
        ObservationRating(
            organisation=organisation,
            observation=observation,
            statement=statement,
            rating=rating,
            feedback=feedback,
        )
        for statement, rating, feedback in ratings
    )
    return 1 + len(ratings)


def _resolved_plan(
    organisation: Organisation, worker: User, supervisor: User, statements: dict[int, Statement]
) -> int:
    """The earlier observation, its area of significant concern and the closed plan."""
    if Observation.objects.filter(
        organisation=organisation, worker=worker, activity=EARLIER
    ).exists():
        return 0
    today = timezone.localdate()
    observation = Observation.objects.create(
        organisation=organisation,
        worker=worker,
        observer=supervisor,
        observed_on=today - timedelta(days=150),
        activity=EARLIER,
        setting="The team base, in the quiet room",
        overall_feedback=(
            "You stayed kind and present. When the person became very upset, you moved "
            "quickly to solutions; we agreed to work on staying with distress together."
        ),
        finalised_at=timezone.now() - timedelta(days=148),
    )
    concerned = [statements[n] for n in (12, 13) if n in statements]
    ObservationRating.objects.bulk_create(
        ObservationRating(
            organisation=organisation,
            observation=observation,
            statement=statement,
            rating=Rating.DEVELOPING,
            feedback="Warm to start with; then the pace picked up as the person grew upset.",
        )
        for statement in concerned
    )
    plan = DevelopmentPlan.objects.create(
        organisation=organisation,
        worker=worker,
        observation=observation,
        concern=(
            "When someone becomes very distressed, Jordan moves quickly to fixing things "
            "rather than staying with the person at their pace."
        ),
        agreed_support=(
            "Shadow Sam in two sessions; a refresher on supporting people in distress; "
            "fortnightly practice supervision until the next review."
        ),
        next_review_on=today - timedelta(days=90),
        status=PlanStatus.CLOSED,
        opened_by=supervisor,
        closed_on=today - timedelta(days=90),
        outcome=(
            "Resolved. Jordan now notices the urge to fix, slows down and checks in. "
            "Seen in two sessions since; no further support needed."
        ),
        closed_by=supervisor,
    )
    plan.statements.set(concerned)
    PlanReview.objects.bulk_create(
        [
            PlanReview(
                organisation=organisation,
                plan=plan,
                reviewed_on=today - timedelta(days=120),
                progress="Shadowing done; Jordan found it useful to see pauses held.",
                next_review_on=today - timedelta(days=90),
                by=supervisor,
            ),
            PlanReview(
                organisation=organisation,
                plan=plan,
                reviewed_on=today - timedelta(days=90),
                progress="Two sessions observed informally: calm, unhurried, person-led.",
                by=supervisor,
            ),
        ]
    )
    return 2 + len(concerned) + 2


def seed_observation(organisation: Organisation) -> int:
    """Create what is missing; return how many records were new."""
    worker = User.objects.filter(email="psw@peerpath.example").first()
    supervisor = User.objects.filter(email="supervisor@peerpath.example").first()
    person = Person.objects.filter(organisation=organisation, full_name="Alex Morgan").first()
    statements = {
        s.number: s for s in Statement.objects.filter(unit__code="2.5", framework__is_current=True)
    }
    if worker is None or supervisor is None or not statements:
        return 0
    with transaction.atomic():
        created = _ensure_agreement(organisation, worker, supervisor)
        created += _resolved_plan(organisation, worker, supervisor, statements)
        created += _draft(
            organisation,
            worker=worker,
            observer=supervisor,
            activity=GROUP,
            setting="Riverside Park",
            days_ago=5,
            ratings=(
                (
                    statements[2],
                    Rating.DEMONSTRATED,
                    "You made sure the quieter walkers were part of the conversation.",
                ),
            ),
        )
        trainee = User.objects.filter(email="trainee@peerpath.example").first()
        trainer = User.objects.filter(email="trainer@peerpath.example").first()
        if trainee is not None and trainer is not None:
            created += _draft(
                organisation,
                worker=trainee,
                observer=trainer,
                activity=PLACEMENT,
                setting="The Riverside drop-in",
                days_ago=3,
                ratings=(
                    (
                        statements[3],
                        Rating.DEMONSTRATED,
                        "You listened to each person arriving without hurrying them.",
                    ),
                ),
            )
        if Observation.objects.filter(
            organisation=organisation, worker=worker, observer=supervisor, activity=ACTIVITY
        ).exists():
            return created
        observed_on = timezone.localdate() - timedelta(days=12)
        observation = Observation.objects.create(
            organisation=organisation,
            worker=worker,
            observer=supervisor,
            observed_on=observed_on,
            activity=ACTIVITY,
            setting="Riverside community café",
            person=person,
            consent_given=person is not None,
            consent_method=ConsentMethod.SPOKEN if person is not None else "",
            consent_note="Asked at the start of the session; Alex was happy for Sam to sit in."
            if person is not None
            else "",
            overall_feedback=(
                "A warm, unhurried session. Your listening is a real strength: Alex did most "
                "of the talking and left with a plan they owned. To grow: checking "
                "understanding at the end, in Alex's own words."
            ),
            worker_reflection=(
                "I was nervous being observed but forgot about it quickly. I want to practise "
                "asking people to sum up what we agreed."
            ),
            reflected_at=timezone.now() - timedelta(days=10),
            finalised_at=timezone.now() - timedelta(days=9),
        )
        ObservationRating.objects.bulk_create(
            ObservationRating(
                organisation=organisation,
                observation=observation,
                statement=statements[number],
                rating=rating,
                feedback=feedback,
            )
            for number, rating, feedback in RATINGS
            if number in statements
        )
    return created + 1 + len(RATINGS)
