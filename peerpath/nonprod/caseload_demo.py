"""Demo peer support: a service directory, and people on the demo PSW's caseload at each
step of the peer relationship, so every caseload page can be tried from `make run`.

Everyone here is invented. Alex Morgan is the demo "person supported" log-in and Robin
Morgan the demo carer, who sees Alex's crisis plan because Alex consented to share it.
"""

from datetime import datetime, time, timedelta
from typing import Any

from django.utils import timezone

from peerpath.caseload.models import FamilyMember, PeerRelationship, Person, Status, WorkerProfile
from peerpath.contacts.models import Appointment, ContactNote, Signpost
from peerpath.core.roles import Role
from peerpath.directory.models import Service
from peerpath.governance.models import SharingConsent
from peerpath.organisations.models import Membership, Organisation
from peerpath.recovery.models import (
    Document,
    DocumentKind,
    DocumentVersion,
    Goal,
    GoalStep,
    GoalUpdate,
)

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


def seed_caseload(organisation: Organisation) -> int:
    """Idempotent: nothing is added once the demo person exists."""
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

    alex = Person.objects.create(
        organisation=organisation,
        team=team,
        full_name="Alex Morgan",
        preferred_name="Alex",
        pronouns="they/them",
        date_of_birth=today.replace(year=today.year - 34, day=1),
        nhs_number="9434765919",
        contact_preferences="Text first; afternoons are best.",
        communication_needs="Prefers written information in plain English.",
        what_matters="Music and their local community garden.",
        user=person_membership.user if person_membership else None,
        created_by=psw,
    )
    PeerRelationship.objects.create(
        organisation=organisation,
        person=alex,
        team=team,
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
    sam = Person.objects.create(
        organisation=organisation,
        team=team,
        full_name="Sam Taylor",
        pronouns="he/him",
        created_by=psw,
    )
    PeerRelationship.objects.create(
        organisation=organisation,
        person=sam,
        team=team,
        worker=psw,
        source="self",
        reason="Sam would like to talk with someone who has been through something similar.",
        experience_wanted="being a carer",
        referred_on=today - timedelta(days=2),
    )
    kim = Person.objects.create(
        organisation=organisation,
        team=team,
        full_name="Kim Adeyemi",
        pronouns="she/her",
        created_by=psw,
    )
    PeerRelationship.objects.create(
        organisation=organisation,
        person=kim,
        team=team,
        source="team",
        referrer="Riverside Early Intervention in Psychosis team",
        reason="Kim asked for peer support with shared experience of psychosis.",
        experience_wanted="psychosis",
        referred_on=today - timedelta(days=9),
    )
    return created + 4
