"""Demo peer support: a service directory, and people on the demo PSW's caseload at each
step of the peer relationship, so every caseload page can be tried from `make run`.

Everyone here is invented. Alex Morgan is the demo "person supported" log-in and Robin
Morgan the demo carer, who sees Alex's crisis plan because Alex consented to share it.

A finished journey too, so every peer support role has something real on their home
page: Jamie Clarke's peer support ended a few days ago with a summary (the PSW can still
read it), a safeguarding concern about Jamie was closed with an outcome, an open concern
about Alex has two entries on its timeline for the safeguarding lead, and Lee Fraser said
yes to peer support and waits, on the waiting list, to be matched. Alex shares their goals
with their brother Casey, who has no account yet, so staff can invite him as a carer.

And a programme that is running, so each page of peer support has something to open
(the reachability crawl checks that every one is reached by links): the Riverside Walk
and Talk group, facilitated by the PSW and the supervisor, with Alex, Jamie and Kim as
members, weekly sessions with their registers and the next one planned; Nadia Hussain,
who said yes to peer support with the PSW and has her first meeting still to come; Alex's
recovery plan in two versions, a problem-solving worksheet, a meaningful activity and
the digital tools they use; a contact note each of the PSW and the supervisor have not
signed yet; and, on Alex's open concern, information shared without Alex's consent to
protect another tenant, with the reason.
"""

from collections.abc import Iterable
from datetime import date, datetime, time, timedelta
from typing import TYPE_CHECKING, Any

from django.utils import timezone

from peerpath.caseload.models import (
    FamilyMember,
    PeerRelationship,
    Person,
    RelationshipEvent,
    Status,
    WorkerProfile,
)
from peerpath.contacts.models import Appointment, ContactNote, Signpost
from peerpath.core.roles import Role
from peerpath.directory.models import Service
from peerpath.governance.models import (
    ConcernAction,
    ConcernStatus,
    Disclosure,
    SafeguardingConcern,
    SharingConsent,
)
from peerpath.groups.models import Attendance, GroupSession, PeerGroup, Presence
from peerpath.organisations.models import Membership, Organisation
from peerpath.recovery.models import (
    CopingWorksheet,
    DigitalIntervention,
    Document,
    DocumentKind,
    DocumentVersion,
    Goal,
    GoalStep,
    GoalUpdate,
    Helpfulness,
    MeaningfulActivity,
)

if TYPE_CHECKING:
    from peerpath.accounts.models import User

SERVICES = (
    {
        "name": "Riverside Hearing Voices Group",
        "kind": "group",
        "remit": (
            "A peer-led group for people who hear voices, see visions or have unusual beliefs."
        ),
        "who_for": "Adults in Riverside who hear voices",
        "how_to_access": "Drop in, Thursdays 2pm to 4pm. No referral needed.",
        "localities": "Riverside, Northfield",
        "needs": "hearing voices, psychosis, peer support",
        "phone": "0115 496 0000",
    },
    {
        "name": "Riverside Recovery College",
        "kind": "programme",
        "remit": (
            "Free courses about mental health and recovery, "
            "co-produced by people with lived experience."
        ),
        "who_for": "Anyone over 18 living or working in Riverside",
        "how_to_access": "Enrol online or by phone; no referral needed.",
        "localities": "Riverside",
        "needs": "learning, confidence, recovery, employment",
        "phone": "0115 496 0001",
    },
    {
        "name": "Green Shoots Allotment Project",
        "kind": "activity",
        "remit": "Growing food together on a shared allotment, twice a week.",
        "who_for": "Adults who would like to be outdoors and meet people",
        "how_to_access": "Self-referral by phone.",
        "localities": "Northfield",
        "needs": "loneliness, physical activity, meaningful activity",
        "phone": "0115 496 0002",
    },
)


def _user(organisation: Organisation, role: Role) -> Any:
    membership = (
        Membership.objects.filter(organisation=organisation, role=role)
        .select_related("user", "team")
        .first()
    )
    return membership


def _person_with_relationship(
    organisation: Organisation, team: Any, psw: Any, person: dict[str, Any], **relationship: Any
) -> tuple[Person, PeerRelationship]:
    """A person of the team, added by the PSW, and their peer relationship (`relationship`
    names its fields, with `worker` once someone is allocated)."""
    added = Person.objects.create(organisation=organisation, team=team, created_by=psw, **person)
    return added, PeerRelationship.objects.create(
        organisation=organisation, person=added, team=team, **relationship
    )


def _history(relationship: PeerRelationship, by: "User", events: Iterable[tuple[int, str]]) -> None:
    """The relationship's history, each entry dated (days ago, text) as it happened."""
    today = timezone.localdate()
    for days_ago, text in events:
        event = RelationshipEvent.objects.create(
            organisation=relationship.organisation, relationship=relationship, by=by, text=text
        )
        # `at` is set on creation; the demo's history happened over the past weeks.
        RelationshipEvent.objects.filter(pk=event.pk).update(
            at=_at(today - timedelta(days=days_ago), 10)
        )


def seed_caseload(organisation: Organisation) -> int:
    """Idempotent: each part adds nothing once its first person exists."""
    return (
        _seed_people(organisation)
        + _seed_finished_journey(organisation)
        + _seed_running_programme(organisation)
    )


def _seed_people(organisation: Organisation) -> int:
    psw_membership = _user(organisation, Role.PSW)
    if (
        psw_membership is None
        or Person.objects.filter(organisation=organisation, full_name="Alex Morgan").exists()
    ):
        return 0
    psw, team = psw_membership.user, psw_membership.team
    person_membership = _user(organisation, Role.PERSON)
    carer_membership = _user(organisation, Role.CARER)
    today = timezone.localdate()
    created = 0
    services = []
    for data in SERVICES:
        service, new = Service.objects.get_or_create(
            organisation=organisation,
            name=data["name"],
            defaults={**data, "last_checked_on": today},
        )
        services.append(service)
        created += new
    WorkerProfile.objects.get_or_create(
        organisation=organisation,
        user=psw,
        defaults={"shared_experiences": "psychosis, hearing voices, being a carer", "capacity": 8},
    )

    alex, _ = _person_with_relationship(
        organisation,
        team,
        psw,
        {
            "full_name": "Alex Morgan",
            "preferred_name": "Alex",
            "pronouns": "they/them",
            "date_of_birth": today.replace(year=today.year - 34, day=1),
            "nhs_number": "9434765919",
            "phone": "07700 900456",
            "address": "4 Mill Lane, Riverside, RV1 2AB",
            "contact_preferences": "Text first; afternoons are best.",
            "communication_needs": "Prefers written information in plain English.",
            "what_matters": "Music and their local community garden.",
            "user": person_membership.user if person_membership else None,
        },
        worker=psw,
        status=Status.ACTIVE,
        source="professional",
        referrer="Riverside Community Mental Health Team",
        reason="Would like support to reconnect with the community after a stay in hospital.",
        experience_wanted="hearing voices",
        referred_on=today - timedelta(days=45),
        offered_on=today - timedelta(days=40),
        choice_recorded_on=today - timedelta(days=40),
        first_met_on=today - timedelta(days=35),
        purpose_discussed=True,
        boundaries_discussed=True,
        confidentiality_discussed=True,
        consent_to_proceed=True,
        meeting_place="The café in the park",
        away_from_services=True,
        safety_check="The team diary shows where and when; a text to the duty worker afterwards.",
    )
    robin = FamilyMember.objects.create(
        organisation=organisation,
        person=alex,
        name="Robin Morgan",
        relationship="parent",
        is_carer=True,
        may_be_told="Alex is happy for Robin to know their crisis plan.",
        user=carer_membership.user if carer_membership else None,
    )
    SharingConsent.objects.create(
        organisation=organisation,
        person=alex,
        recipient=robin,
        scope="crisis_plan",
        granted_at=timezone.now(),
        granted_by=psw,
    )
    goal = Goal.objects.create(
        organisation=organisation,
        person=alex,
        in_own_words="Play music with other people again",
        why_it_matters="Music is where I feel most like me.",
        strengths="Plays guitar; friendly; knows the local open-mic night.",
        created_by=psw,
    )
    GoalStep.objects.create(
        organisation=organisation,
        goal=goal,
        text="Go along to the open-mic night to listen",
        due_on=today + timedelta(days=7),
    )
    GoalUpdate.objects.create(
        organisation=organisation,
        goal=goal,
        on=today - timedelta(days=10),
        text="Restrung the guitar and played for an hour.",
        is_success=True,
        by=psw,
    )
    crisis = Document.objects.create(
        organisation=organisation,
        person=alex,
        kind=DocumentKind.CRISIS_PLAN,
        current_version=1,
        review_on=today + timedelta(days=60),
    )
    DocumentVersion.objects.create(
        organisation=organisation,
        document=crisis,
        number=1,
        content={
            "warning_signs": "Not sleeping for two nights; the voices getting louder.",
            "what_i_can_do": "Play music, walk by the river, call Robin.",
            "people": "Robin Morgan (parent), 07700 900123",
            "places": "The community garden",
            "services": "Riverside crisis team: 0115 496 0999",
        },
        review_on=crisis.review_on,
        change_note="First version, written together",
        changed_by=psw,
    )
    ContactNote.objects.create(
        organisation=organisation,
        person=alex,
        author=psw,
        contact_on=today - timedelta(days=3),
        kind="one_to_one",
        place="The café in the park",
        duration_minutes=60,
        note="Alex talked about the open-mic night and chose to go along to listen first.",
        signed_at=timezone.now(),
    )
    Signpost.objects.create(
        organisation=organisation,
        person=alex,
        service=services[0],
        by=psw,
        willing_and_able=True,
        note="Alex would like to try the group with me the first time.",
        follow_up_on=today,
    )
    Appointment.objects.create(
        organisation=organisation,
        person=alex,
        worker=psw,
        starts_at=timezone.make_aware(datetime.combine(today, time(15, 0))),
        what="Visit the recovery college open afternoon",
        place="Riverside Recovery College",
        goal=goal,
    )
    created += 10

    # Someone newly referred, to try choice and the first meeting; someone waiting.
    _person_with_relationship(
        organisation,
        team,
        psw,
        {
            "full_name": "Sam Taylor",
            "pronouns": "he/him",
        },
        worker=psw,
        source="self",
        reason="Sam would like to talk with someone who has been through something similar.",
        experience_wanted="being a carer",
        referred_on=today - timedelta(days=2),
    )
    _person_with_relationship(
        organisation,
        team,
        psw,
        {
            "full_name": "Kim Adeyemi",
            "pronouns": "she/her",
        },
        source="team",
        referrer="Riverside Early Intervention in Psychosis team",
        reason="Kim asked for peer support with shared experience of psychosis.",
        experience_wanted="psychosis",
        referred_on=today - timedelta(days=9),
    )
    return created + 4


def _seed_finished_journey(organisation: Organisation) -> int:
    """An ended relationship with its summary, a closed concern with its outcome, an open
    concern with a timeline, and someone who said yes waiting to be matched."""
    psw_membership = _user(organisation, Role.PSW)
    alex = Person.objects.filter(organisation=organisation, full_name="Alex Morgan").first()
    if (
        psw_membership is None
        or alex is None
        or Person.objects.filter(organisation=organisation, full_name="Jamie Clarke").exists()
    ):
        return 0
    psw, team = psw_membership.user, psw_membership.team
    lead_membership = _user(organisation, Role.SAFEGUARDING_LEAD)
    supervisor_membership = _user(organisation, Role.SUPERVISOR)
    lead = lead_membership.user if lead_membership else None
    supervisor = supervisor_membership.user if supervisor_membership else None
    today = timezone.localdate()
    now = timezone.now()

    jamie, ended = _person_with_relationship(
        organisation,
        team,
        psw,
        {
            "full_name": "Jamie Clarke",
            "preferred_name": "Jamie",
            "pronouns": "he/him",
            "date_of_birth": today.replace(year=today.year - 27, day=1),
            "phone": "07700 900789",
            "contact_preferences": "A phone call in the morning.",
        },
        worker=psw,
        status=Status.ENDED,
        source="self",
        reason="Jamie wanted to feel less isolated after moving to Riverside.",
        experience_wanted="being a carer",
        referred_on=today - timedelta(days=120),
        offered_on=today - timedelta(days=115),
        choice_recorded_on=today - timedelta(days=115),
        first_met_on=today - timedelta(days=110),
        purpose_discussed=True,
        boundaries_discussed=True,
        confidentiality_discussed=True,
        consent_to_proceed=True,
        meeting_place="The library café",
        planned_end_on=today - timedelta(days=6),
        next_wanted="To keep going to the walking group and the recovery college.",
        ended_on=today - timedelta(days=6),
        ended_at=now - timedelta(days=6),
        ending_summary=(
            "Jamie joined the walking group, made two friends there and enrolled on a "
            "recovery college course. He knows how to come back to peer support if he "
            "would like to."
        ),
        transition_to="Riverside Recovery College",
        continuity_plan="The college's peer tutor knows Jamie is starting in January.",
    )
    _history(
        ended,
        psw,
        (
            (120, "Referred (the person themselves); allocated to " + psw.display_name),
            (
                110,
                "First meeting: purpose, boundaries and confidentiality discussed; "
                "consent to proceed",
            ),
            (6, "Peer support ended"),
        ),
    )
    closed = SafeguardingConcern.objects.create(
        organisation=organisation,
        person=jamie,
        raised_by=psw,
        raised_at=now - timedelta(days=40),
        raised_from=f"caseload.person:{jamie.pk}",
        abuse_type="self_neglect",
        who_is_at_risk="Jamie",
        immediacy="soon",
        what_was_said="Jamie said he had stopped eating proper meals since moving.",
        actions_taken="Talked it through with Jamie and agreed to raise it.",
        lead=lead,
        supervisor=supervisor,
    )
    recorder = lead or supervisor or psw
    ConcernAction.objects.create(
        organisation=organisation,
        concern=closed,
        person=jamie,
        kind="meeting",
        happened_at=now - timedelta(days=39),
        with_whom="Jamie, with his peer support worker",
        what="Met Jamie: he agreed to a referral to the community food project.",
        recorded_by=recorder,
    )
    SafeguardingConcern.objects.filter(pk=closed.pk).update(
        status=ConcernStatus.CLOSED,
        outcome=(
            "Jamie was referred to the community food project with his agreement and goes "
            "twice a week. No further safeguarding action needed."
        ),
        closed_at=now - timedelta(days=35),
        closed_by=recorder,
    )
    concern = SafeguardingConcern.objects.create(
        organisation=organisation,
        person=alex,
        raised_by=psw,
        raised_at=now - timedelta(hours=5),
        raised_from=f"caseload.person:{alex.pk}",
        abuse_type="financial",
        who_is_at_risk="Alex",
        immediacy="today",
        what_was_said="Alex said a neighbour keeps their bank card and gives them cash on Fridays.",
        actions_taken="Listened, checked Alex was safe today and told them I would raise it.",
        lead=lead,
        supervisor=supervisor,
    )
    ConcernAction.objects.create(
        organisation=organisation,
        concern=concern,
        person=alex,
        kind="call",
        happened_at=now - timedelta(hours=4),
        with_whom="Alex, on their mobile",
        what="Phoned Alex: they are safe at home today and have their bank card back.",
        recorded_by=recorder,
    )
    ConcernAction.objects.create(
        organisation=organisation,
        concern=concern,
        person=alex,
        kind="told",
        happened_at=now - timedelta(hours=2),
        with_whom="Riverside adult social care duty team",
        what="Told the duty team, with Alex's agreement; they will call Alex tomorrow.",
        recorded_by=supervisor or recorder,
    )
    # Alex also shares their goals with their brother, who has no PeerPath account yet:
    # staff can invite him from Alex's family and carers panel.
    casey = FamilyMember.objects.create(
        organisation=organisation,
        person=alex,
        name="Casey Morgan",
        relationship="brother",
        is_carer=True,
        email="casey.morgan@example.org",
        may_be_told="How Alex is getting on with their goals.",
    )
    SharingConsent.objects.create(
        organisation=organisation,
        person=alex,
        recipient=casey,
        scope="goals",
        granted_at=now - timedelta(days=1),
        granted_by=psw,
    )
    _person_with_relationship(
        organisation,
        team,
        psw,
        {
            "full_name": "Lee Fraser",
            "preferred_name": "Lee",
            "pronouns": "they/them",
            "date_of_birth": today.replace(year=today.year - 41, day=1),
        },
        status=Status.OFFERED,
        source="professional",
        referrer="Dr Shah, Riverside Health Centre",
        reason="Lee would like support to get back into work after a long time unwell.",
        experience_wanted="hearing voices",
        referred_on=today - timedelta(days=12),
        offered_on=today - timedelta(days=3),
        choice_recorded_on=today - timedelta(days=3),
        choice_note="Lee would like someone who has been through something similar.",
    )
    return 14


WALK_AND_TALK = "Riverside Walk and Talk"

# Alex's recovery plan as first written, and what the review changed.
RECOVERY_PLAN_FIRST = {
    "recovery_means": "Playing music again, having people around me, and running my own days.",
    "strengths_values": "I play guitar, I listen well and I turn up for people.",
    "keeps_me_well": "Bed before midnight, the community garden on Wednesdays, a bit of guitar "
    "most days.",
    "triggers": "Money worries; loud, crowded places when I am tired.",
    "early_warning_signs": "Staying in bed, putting the guitar away, the voices getting more "
    "critical.",
    "getting_harder": "A walk by the river; tell Robin or Jordan early, before it builds up.",
    "who_supports": "Robin (my parent), Jordan (my peer support worker), the garden group.",
}
RECOVERY_PLAN_REVIEWED = {
    **RECOVERY_PLAN_FIRST,
    "keeps_me_well": "Bed before midnight, the community garden on Wednesdays, the Walk and "
    "Talk group each week, a bit of guitar most days.",
    "triggers": "Money worries (a plan for the bills helps: see my worksheet); loud, crowded "
    "places when I am tired.",
    "who_supports": "Robin (my parent), Jordan (my peer support worker), the garden group, "
    "and everyone at Walk and Talk.",
}


def _at(day: date, hour: int, minute: int = 0) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(hour, minute)))


def _seed_running_programme(organisation: Organisation) -> int:
    """A peer group with its sessions and registers, someone waiting for their first
    meeting, Alex's tools and a reviewed plan, unsigned notes and a disclosure."""
    psw_membership = _user(organisation, Role.PSW)
    supervisor_membership = _user(organisation, Role.SUPERVISOR)
    people = {
        p.full_name: p
        for p in Person.objects.filter(
            organisation=organisation, full_name__in=("Alex Morgan", "Jamie Clarke", "Kim Adeyemi")
        )
    }
    if (
        psw_membership is None
        or supervisor_membership is None
        or len(people) < 3
        or PeerGroup.objects.filter(organisation=organisation, name=WALK_AND_TALK).exists()
    ):
        return 0
    psw, team = psw_membership.user, psw_membership.team
    supervisor = supervisor_membership.user
    alex, jamie, kim = people["Alex Morgan"], people["Jamie Clarke"], people["Kim Adeyemi"]
    today = timezone.localdate()
    now = timezone.now()
    created = 0

    # Nadia said yes to peer support with the PSW; their first meeting is still to come.
    _, offered = _person_with_relationship(
        organisation,
        team,
        psw,
        {
            "full_name": "Nadia Hussain",
            "preferred_name": "Nadia",
            "pronouns": "she/her",
            "date_of_birth": today.replace(year=today.year - 52, day=1),
            "phone": "07700 900321",
            "contact_preferences": "A phone call after 10am; a voicemail is fine.",
        },
        worker=psw,
        status=Status.OFFERED,
        source="team",
        referrer="Riverside Community Mental Health Team",
        reason="Nadia cares for her father and would like to talk with someone who has been "
        "a carer too, and to get out of the house more.",
        experience_wanted="being a carer",
        referred_on=today - timedelta(days=14),
        offered_on=today - timedelta(days=5),
        choice_recorded_on=today - timedelta(days=5),
        choice_note="Nadia would like to meet somewhere quiet, near home, in the mornings.",
    )
    _history(
        offered,
        psw,
        (
            (14, "Referred (a team); allocated to " + psw.display_name),
            (5, "The person chose to work with a peer support worker"),
        ),
    )
    created += 4

    # The Walk and Talk group: weekly, with registers taken and the next session planned.
    group = PeerGroup.objects.create(
        organisation=organisation,
        team=team,
        name=WALK_AND_TALK,
        purpose="A gentle walk by the river and a cup of tea afterwards, at everyone's own "
        "pace: a peer group where people share what is helping their recovery.",
        where="Meets at the park café, Riverside Park",
    )
    group.facilitators.set([psw, supervisor])
    # Jamie keeps coming after his one-to-one peer support ended; Kim joined while she waits
    # to be matched with a worker.
    group.members.set([alex, jamie, kim])
    created += 1
    sessions = (
        (21, "What helps on a hard day", {alex: Presence.CAME, jamie: Presence.CAME}),
        (
            14,
            "Sleep, and what each of us does about it",
            {alex: Presence.CAME, jamie: Presence.LET_US_KNOW},
        ),
        (
            7,
            "The riverside loop, past the community garden",
            {alex: Presence.CAME, jamie: Presence.CAME, kim: Presence.CAME},
        ),
    )
    for days_ago, topic, register in sessions:
        session = GroupSession.objects.create(
            organisation=organisation,
            group=group,
            starts_at=_at(today - timedelta(days=days_ago), 10, 30),
            topic=topic,
        )
        Attendance.objects.bulk_create(
            Attendance(
                organisation=organisation,
                session=session,
                person=person,
                presence=presence,
                recorded_by=psw,
                recorded_at=session.starts_at + timedelta(hours=2),
            )
            for person, presence in register.items()
        )
        created += 1 + len(register)
    GroupSession.objects.create(
        organisation=organisation,
        group=group,
        starts_at=_at(today + timedelta(days=7), 10, 30),
        topic="Choosing next month's routes together",
    )
    created += 1

    # Alex's recovery plan, written together and reviewed after they joined the group.
    plan = Document.objects.create(
        organisation=organisation,
        person=alex,
        kind=DocumentKind.RECOVERY_PLAN,
        current_version=2,
        review_on=today + timedelta(days=90),
    )
    for number, content, days_ago, note in (
        (1, RECOVERY_PLAN_FIRST, 30, "First version, written together"),
        (
            2,
            RECOVERY_PLAN_REVIEWED,
            2,
            "Reviewed together: added the Walk and Talk group and a plan for the bills",
        ),
    ):
        # Written as on its day: a version is never changed afterwards (recovery.0003).
        DocumentVersion.objects.create(
            organisation=organisation,
            document=plan,
            number=number,
            content=content,
            review_on=plan.review_on,
            change_note=note,
            written_together=True,
            changed_by=psw,
            created_at=now - timedelta(days=days_ago),
        )
    created += 3

    # Alex's tools: a problem-solving worksheet, what gives them meaning, what they use online.
    CopingWorksheet.objects.create(
        organisation=organisation,
        person=alex,
        problem="My money runs out before the end of the month and I lie awake worrying about it.",
        parts="Knowing what comes in and what goes out; the bills that all come at once; "
        "not wanting to ask for help.",
        ideas="A budgeting app; the Citizens Advice money adviser; paying the bills on the "
        "day the money comes in; asking the bank about a basic account.",
        chosen="Seeing the money adviser: Alex would rather talk it through face to face.",
        plan=f"Alex phones Citizens Advice Riverside on Monday to book. {psw.display_name} "
        "goes along to the first appointment if Alex would like.",
    )
    MeaningfulActivity.objects.create(
        organisation=organisation,
        person=alex,
        activity="Volunteering at the community garden",
        how_often="Wednesday mornings",
        what_it_gives="Being outdoors, a reason to get up, and people who are glad to see me.",
        started_on=today - timedelta(days=60),
    )
    DigitalIntervention.objects.create(
        organisation=organisation,
        person=alex,
        name="A sleep and mood diary app",
        how_used="Alex notes their sleep and mood each evening and brings it to meetings, "
        "to spot early warning signs together.",
        helpfulness=Helpfulness.SOMEWHAT,
    )
    DigitalIntervention.objects.create(
        organisation=organisation,
        person=alex,
        name="An online hearing voices peer group",
        how_used="Joins on Sunday evenings; hearing how others cope with loud days helps.",
        helpfulness=Helpfulness.VERY,
    )
    created += 4

    # Notes written but not signed yet: each author finishes and signs their own.
    ContactNote.objects.create(
        organisation=organisation,
        person=alex,
        author=psw,
        contact_on=today - timedelta(days=1),
        kind="one_to_one",
        place="The café in the park",
        duration_minutes=50,
        note="We went through a problem-solving worksheet about money worries together. "
        "Alex chose to see the Citizens Advice money adviser and will phone on Monday.",
    )
    ContactNote.objects.create(
        organisation=organisation,
        person=alex,
        author=supervisor,
        contact_on=today - timedelta(days=7),
        kind="group",
        place="Riverside Park",
        duration_minutes=90,
        note="Walk and Talk group: Alex walked the whole riverside loop and suggested going "
        "past the community garden next time, so they could show everyone round.",
    )
    created += 2

    # Shared without Alex's consent, to protect someone else; Alex was told why.
    concern = SafeguardingConcern.objects.filter(
        organisation=organisation, person=alex, status=ConcernStatus.OPEN
    ).first()
    Disclosure.objects.create(
        organisation=organisation,
        person=alex,
        concern=concern,
        by=supervisor,
        at=now - timedelta(hours=1),
        told_whom="Riverside Police neighbourhood team",
        what_was_shared="What Alex told us: that a neighbour keeps their bank card and gives "
        "them cash on Fridays; and the neighbour's name and address.",
        justification="Alex said the same neighbour keeps the bank card of an older tenant "
        "in the block who lives alone. Alex did not want the police told, but that tenant is "
        "at risk of serious financial harm. Agreed with the safeguarding lead.",
        person_told=f"Yes: {supervisor.display_name} phoned Alex straight afterwards and "
        "explained why.",
    )
    Person.objects.filter(pk=alex.pk).update(disclosure_recorded=True)
    created += 1
    return created
