"""One of everything a caseload URL can point at, for the access walks.

`build_caseload(world)` adds to the personas' world:
- `person`: on the home PSW's caseload (an active relationship), in the home team;
- `relationship`, `family_member` (a carer linked to the carer persona's account);
- the objects behind every person-scoped URL (goal, documents, notes, signposts, ...);
- `peers`: extra staff for the caseload-scoping test, keyed by a description;
- `other_team_group`: a peer group of another team that the home PSW must not reach.
"""

from datetime import date, datetime, timedelta
from typing import Any

from django.utils import timezone

from conftest import make_user
from peerpath.caseload.models import Status
from peerpath.caseload.tests.factories import (
    FamilyMemberFactory,
    PeerRelationshipFactory,
    PersonFactory,
)
from peerpath.contacts.tests.factories import (
    AppointmentFactory,
    ContactNoteFactory,
    NoteAmendmentFactory,
    SignpostFactory,
)
from peerpath.core.roles import Role
from peerpath.directory.tests.factories import ServiceFactory
from peerpath.governance.tests.factories import (
    DisclosureFactory,
    SafeguardingConcernFactory,
    SharingConsentFactory,
)
from peerpath.groups.tests.factories import AttendanceFactory, GroupSessionFactory, PeerGroupFactory
from peerpath.organisations.tests.factories import MembershipFactory, TeamFactory
from peerpath.recovery.models import DocumentKind
from peerpath.recovery.tests.factories import (
    CopingWorksheetFactory,
    DigitalInterventionFactory,
    DocumentFactory,
    DocumentVersionFactory,
    GoalFactory,
    GoalStepFactory,
    GoalUpdateFactory,
    MeaningfulActivityFactory,
)

# Staff who hold a caseload role but must not reach the home PSW's person.
NOT_ON_CASELOAD = ("psw in the same team", "psw in another team", "supervisor of another team")


def _staff(world: Any, key: str, role: Role, team: Any) -> Any:
    slug = key.replace(" ", "-")
    user = make_user(f"{slug}@riverside.example", full_name=key.title(), totp=True)
    MembershipFactory(user=user, organisation=world.organisation, role=role, team=team)
    return user


def build_caseload(world: Any) -> Any:
    org = world.organisation
    psw = world.user(Role.PSW)
    other_team: Any = TeamFactory(organisation=org, name="Northfield Peer Team")
    world.peers = {
        "psw in the same team": _staff(world, "psw in the same team", Role.PSW, world.team),
        "psw in another team": _staff(world, "psw in another team", Role.PSW, other_team),
        "supervisor of another team": _staff(
            world, "supervisor of another team", Role.SUPERVISOR, other_team
        ),
    }
    today = timezone.localdate()
    person: Any = PersonFactory(
        organisation=org,
        team=world.team,
        full_name="Alex Morgan",
        preferred_name="Alex",
        pronouns="they/them",
        date_of_birth=date(1990, 5, 17),
        created_by=psw,
    )
    world.person = person
    world.relationship = PeerRelationshipFactory(
        person=person,
        team=world.team,
        worker=psw,
        status=Status.ACTIVE,
        source="self",
        reason="Would like support to get back to college.",
        referred_on=today - timedelta(days=30),
        first_met_on=today - timedelta(days=20),
    )
    world.family_member = FamilyMemberFactory(
        person=person,
        name="Jo Morgan",
        relationship="sister",
        is_carer=True,
        user=world.user(Role.CARER),
    )
    world.consent = SharingConsentFactory(
        person=person,
        recipient=world.family_member,
        scope="crisis_plan",
        granted_at=timezone.now(),
        granted_by=psw,
    )
    world.goal = GoalFactory(
        person=person,
        in_own_words="Go back to college",
        why_it_matters="I loved learning",
        strengths="Curious, determined",
        created_by=psw,
    )
    world.goal_step = GoalStepFactory(goal=world.goal, text="Visit the open day", due_on=today)
    world.goal_update = GoalUpdateFactory(
        goal=world.goal, on=today, text="Went to the open day", by=psw
    )
    world.documents = {}
    for kind in DocumentKind:
        document: Any = DocumentFactory(
            person=person,
            kind=kind,
            current_version=1,
            review_on=today + timedelta(days=90),
        )
        DocumentVersionFactory(
            document=document,
            number=1,
            content={},
            review_on=document.review_on,
            changed_by=psw,
        )
        world.documents[kind.value] = document
    world.worksheet = CopingWorksheetFactory(person=person, problem="Money worries")
    world.activity = MeaningfulActivityFactory(person=person, activity="Allotment")
    world.digital = DigitalInterventionFactory(
        person=person, name="A mood diary app", helpfulness="somewhat"
    )
    world.note = ContactNoteFactory(
        person=person,
        author=psw,
        contact_on=today,
        kind="one_to_one",
        duration_minutes=60,
        note="We talked about college.",
        signed_at=timezone.now(),
    )
    world.draft_note = ContactNoteFactory(
        person=person,
        author=psw,
        contact_on=today,
        kind="phone",
        duration_minutes=15,
        note="A short call.",
    )
    world.amendment = NoteAmendmentFactory(
        note=world.note,
        text="We talked about college and work.",
        reason="Missed a topic",
        by=psw,
    )
    world.appointment = AppointmentFactory(
        organisation=org,
        person=person,
        worker=psw,
        starts_at=timezone.make_aware(
            datetime.combine(today, datetime.min.time()) + timedelta(hours=14)
        ),
        what="College open day",
        place="Riverside College",
        goal=world.goal,
    )
    service: Any = ServiceFactory(
        organisation=org,
        name="Riverside Hearing Voices Group",
        kind="group",
        remit="Peer-led group",
        who_for="Adults who hear voices",
        how_to_access="Drop in",
        localities="Riverside",
        needs="hearing voices",
        last_checked_on=today,
    )
    world.signpost_service = service  # the directory entry behind the signpost
    world.signpost = SignpostFactory(
        person=person,
        service=service,
        by=psw,
        willing_and_able=True,
        follow_up_on=today,
    )
    world.concern = SafeguardingConcernFactory(
        person=person,
        raised_by=psw,
        raised_at=timezone.now(),
        abuse_type="financial",
        who_is_at_risk="Alex",
        immediacy="soon",
        what_was_said="Someone is taking Alex's money.",
        actions_taken="Talked it through with Alex.",
        lead=world.user(Role.SAFEGUARDING_LEAD),
        supervisor=world.user(Role.SUPERVISOR),
    )
    world.disclosure = DisclosureFactory(
        person=person,
        concern=world.concern,
        by=psw,
        at=timezone.now(),
        told_whom="Adult social care duty team",
        what_was_shared="Name and the concern",
        justification="To prevent serious harm",
    )
    world.group = PeerGroupFactory(
        organisation=org, team=world.team, name="Tuesday Peer Group", purpose="Mutual support"
    )
    world.group.facilitators.add(psw)
    world.group.members.add(person)
    world.group_session = GroupSessionFactory(
        group=world.group, starts_at=timezone.now(), topic="Hope"
    )
    AttendanceFactory(session=world.group_session, person=person, presence="came")
    # A group of another team in the same organisation: the home PSW and supervisor must
    # not reach it.
    other_worker = world.peers["psw in another team"]
    world.other_team_group = PeerGroupFactory(
        organisation=org,
        team=other_team,
        name="Northfield Walk and Talk",
        purpose="Walking and talking together",
    )
    world.other_team_group.facilitators.add(other_worker)
    return world
