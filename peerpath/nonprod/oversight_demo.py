"""Demo of oversight: urgent access and "who has seen my record".

- Nine days ago Nia Evans (on call) opened Alex's crisis plan after a crisis call, ended it
  early, and Sam Patel (Alex's team's supervisor) reviewed it as appropriate.
- Two hours ago Nia opened Kim Adeyemi's crisis plan on a request from the crisis team and
  ended it; nobody has reviewed it yet, so it waits on Sam's and Grace's home pages.
- The audit log holds what those reads wrote, and a few earlier reads of Alex's record by
  Jordan Reid (their PSW) and Robin Morgan (their carer), as the pages would have written
  them, so Alex's "who has seen my record" has something true to show.
"""

from datetime import timedelta
from typing import Any

from django.contrib.auth import get_user_model
from django.utils import timezone

from peerpath.caseload.models import Person
from peerpath.core.models import AuditAction, AuditEvent
from peerpath.core.roles import Role
from peerpath.organisations.models import Organisation
from peerpath.oversight.models import (
    URGENT_ACCESS_LASTS,
    ReasonKind,
    ReviewOutcome,
    UrgentAccess,
)

ALEX_REASON = "Crisis call from Alex's sister at 02:10; Alex is very distressed and alone."
KIM_REASON = "The crisis team asked for Kim's crisis plan before a home visit tonight."


def _user(email: str) -> Any:
    return get_user_model().objects.filter(email=email).first()


def _event(
    organisation: Organisation,
    person: Person,
    actor: Any,
    role: str,
    at: Any,
    reason: str,
    *,
    action: str = AuditAction.VIEW,
    obj: Any = None,
) -> AuditEvent:
    obj = obj or person
    return AuditEvent(
        at=at,
        actor_id=actor.pk,
        actor_label=actor.email,
        organisation_id=organisation.pk,
        action=action,
        object_type=obj._meta.label_lower,
        object_id=str(obj.pk),
        object_label=str(obj)[:200],
        person_id=person.pk,
        reason=reason,
        actor_role=role,
    )


def _grant(
    organisation: Organisation,
    person: Person,
    nia: Any,
    *,
    ago: timedelta,
    kind: str,
    reason: str,
    lasted: timedelta,
    reviewer: Any = None,
) -> UrgentAccess:
    started = timezone.now() - ago
    grant = UrgentAccess.objects.create(
        organisation=organisation,
        person=person,
        granted_to=nia,
        role_used=Role.ON_CALL,
        reason_kind=kind,
        reason=reason,
        started_at=started,
        expires_at=started + URGENT_ACCESS_LASTS,
        ended_at=started + lasted,
        reviewed_by=reviewer,
        reviewed_at=started + timedelta(days=1) if reviewer else None,
        review_outcome=ReviewOutcome.APPROPRIATE if reviewer else "",
        review_note="Right call: the crisis plan's numbers helped reach Alex's sister."
        if reviewer
        else "",
    )
    AuditEvent.objects.bulk_create(
        [
            _event(
                organisation,
                person,
                nia,
                Role.ON_CALL,
                started,
                grant.audit_reason,
                action=AuditAction.CREATE,
                obj=grant,
            ),
            _event(
                organisation,
                person,
                nia,
                Role.ON_CALL,
                started + timedelta(minutes=1),
                f"{grant.audit_reason} (crisis plan and contact details)",
            ),
        ]
    )
    return grant


def seed_oversight(organisation: Organisation) -> int:
    """Idempotent: nothing is added once Nia's first urgent access exists."""
    nia = _user("oncall@peerpath.example")
    sam = _user("supervisor@peerpath.example")
    jordan = _user("psw@peerpath.example")
    robin = _user("carer@peerpath.example")
    people = Person.objects.filter(organisation=organisation)
    alex = people.filter(full_name="Alex Morgan").first()
    kim = people.filter(full_name="Kim Adeyemi").first()
    if nia is None or sam is None or jordan is None or robin is None:
        return 0
    if alex is None or kim is None:
        return 0
    if UrgentAccess.objects.filter(organisation=organisation, granted_to=nia).exists():
        return 0
    now = timezone.now()
    # Earlier reads by Alex's PSW and carer, as their pages record them.
    earlier = now - timedelta(days=12)
    AuditEvent.objects.bulk_create(
        [
            _event(organisation, alex, jordan, Role.PSW, earlier, ""),
            _event(
                organisation, alex, jordan, Role.PSW, earlier + timedelta(minutes=2), "Crisis plan"
            ),
            _event(
                organisation,
                alex,
                jordan,
                Role.PSW,
                earlier + timedelta(minutes=5),
                "recovery goals",
            ),
            _event(
                organisation,
                alex,
                robin,
                Role.CARER,
                now - timedelta(days=10),
                "shared with a carer: crisis_plan",
            ),
        ]
    )
    _grant(
        organisation,
        alex,
        nia,
        ago=timedelta(days=9),
        kind=ReasonKind.CRISIS_CALL,
        reason=ALEX_REASON,
        lasted=timedelta(minutes=40),
        reviewer=sam,
    )
    _grant(
        organisation,
        kim,
        nia,
        ago=timedelta(hours=2),
        kind=ReasonKind.ON_CALL_REQUEST,
        reason=KIM_REASON,
        lasted=timedelta(minutes=25),
    )
    return 2 + 6
