"""Writes to people's records and peer relationships: atomic, audited, version-checked.

The relationship moves referred → offered → active → ending → ended, or to declined when
the person chooses not to work with a PSW. Where each step starts from and what it leads
to are declared once, in `steps.py`; every step checks it here, so a stale page cannot
move a relationship twice or backwards.
"""

from collections.abc import Callable
from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F
from django.http import HttpRequest
from django.utils import timezone

from peerpath.accounts.models import User
from peerpath.core.audit import audit
from peerpath.core.models import AuditAction
from peerpath.core.roles import Role
from peerpath.core.versioning import (
    EditConflict,
    bump_version,
    claim_version,
    create_first,
    save_if_unchanged,
    update_if_unchanged,
)
from peerpath.organisations.models import Organisation, Team

from . import selectors, steps
from .models import (
    OPEN_STATUSES,
    FamilyMember,
    PeerRelationship,
    Person,
    PortalAgreement,
    RelationshipEvent,
    Status,
    WorkerProfile,
)
from .selectors import DEFAULT_CAPACITY
from .steps import Step


class WrongStatus(Exception):
    """The relationship is no longer at the step this action starts from."""


def _audit(
    request: HttpRequest | None,
    obj: Any,
    person: Person,
    action: AuditAction,
    reason: str,
    by: "User",
) -> None:
    audit(
        request,
        action=action,
        obj=obj,
        person_id=person.pk,
        reason=reason,
        actor=by,
        organisation_id=person.organisation_id,
    )


def _event(relationship: PeerRelationship, by: "User", text: str) -> None:
    RelationshipEvent.objects.create(
        organisation_id=relationship.organisation_id, relationship=relationship, by=by, text=text
    )


def referral_create(
    *,
    organisation: Organisation,
    team: Team,
    person_data: dict[str, Any] | None,
    person: Person | None = None,
    referral_data: dict[str, Any],
    worker: "User | None",
    by: "User",
    request: HttpRequest | None = None,
) -> PeerRelationship:
    """A referral, for a new person (person_data) or one already known (person). A worker
    taking it themselves must have room within their agreed capacity."""
    with transaction.atomic():
        if worker is not None:
            _check_capacity(organisation.pk, worker, field="allocate_to_me")
        if person is None:
            person = Person(
                organisation=organisation, team=team, created_by=by, **(person_data or {})
            )
            person.full_clean()
            person.save()
            _audit(request, person, person, AuditAction.CREATE, "referred", by)
        elif person.team_id != team.pk:
            # Referred again, to another team: its supervisors now oversee the record.
            bump_version(Person.objects.filter(pk=person.pk), team=team)
            person.refresh_from_db()
        relationship = PeerRelationship(
            organisation=organisation, person=person, team=team, worker=worker, **referral_data
        )
        relationship.full_clean()
        relationship.save()
        _event(
            relationship,
            by,
            f"Referred ({relationship.get_source_display().lower()})"
            + (f"; allocated to {worker.display_name}" if worker else "; on the waiting list"),
        )
        _audit(request, relationship, person, AuditAction.CREATE, "referral", by)
    return relationship


def person_update(
    *,
    person: Person,
    data: dict[str, Any],
    expected_version: int | None,
    by: "User",
    request: HttpRequest | None = None,
) -> Person:
    """Change the person's details, refusing (EditConflict) if someone else saved them
    since `expected_version`."""
    with transaction.atomic():
        save_if_unchanged(
            person,
            expected_version=expected_version,
            changes={**data, "updated_at": timezone.now()},
        )
        _audit(
            request, person, person, AuditAction.UPDATE, "changed: " + ", ".join(sorted(data)), by
        )
    return person


def family_member_save(
    *,
    person: Person,
    member: FamilyMember | None,
    data: dict[str, Any],
    expected_version: int | None = None,
    by: "User",
    request: HttpRequest | None = None,
) -> FamilyMember:
    """Add a family member or carer, or change one: a change is refused (EditConflict) if
    someone else saved them since `expected_version` (it holds what a carer may be told)."""
    with transaction.atomic():
        if member is None:
            member = FamilyMember(organisation_id=person.organisation_id, person=person, **data)
            action = AuditAction.CREATE
        else:
            claim_version(member, expected_version=expected_version)
            for name, value in data.items():
                setattr(member, name, value)
            action = AuditAction.UPDATE
        member.full_clean()
        member.save()
        _audit(request, member, person, action, "family and carers", by)
    return member


def _move(
    relationship: PeerRelationship,
    step: Step,
    *,
    expected_version: int,
    changes: dict[str, Any],
    by: "User",
    event: str,
    request: HttpRequest | None,
) -> PeerRelationship:
    """Take the step: change the relationship only if it is still where the step starts
    from (`steps.py`) and at the version the caller saw."""
    if not step.leads_to_status(changes):
        raise ValueError(f"The step {step.name!r} does not lead to {changes['status']!r}.")
    if changes.get("status") == Status.ENDED:
        changes = {**changes, "ended_at": timezone.now()}  # when the ending was recorded
    with transaction.atomic():
        base = PeerRelationship.objects.filter(pk=relationship.pk).filter(step.condition())
        try:
            update_if_unchanged(
                base,
                expected_version=expected_version,
                changes={**changes, "updated_at": timezone.now()},
            )
        except EditConflict:
            relationship.refresh_from_db()
            if not base.exists():
                raise WrongStatus from None
            raise
        relationship.refresh_from_db()
        _event(relationship, by, event)
        _audit(request, relationship, relationship.person, AuditAction.UPDATE, event, by)
    return relationship


def take_step(
    step: Step,
    relationship: PeerRelationship,
    *,
    data: dict[str, Any],
    expected_version: int,
    by: "User",
    request: HttpRequest | None = None,
) -> PeerRelationship:
    """Take a step of the relationship with the form's cleaned data: `data` is what the
    user entered; the step adds the status it leads to. A step that does more has its own
    service below; every step starts only from where the table says."""
    special = _STEPS_THAT_DO_MORE.get(step.name)
    if special is not None:
        return special(
            relationship, data=data, expected_version=expected_version, by=by, request=request
        )
    if len(step.leads_to) > 1:
        raise ValueError(f"The step {step.name!r} needs its own service to choose a status.")
    changes = {**data, **({"status": step.leads_to[0]} if step.leads_to else {})}
    return _move(
        relationship,
        step,
        expected_version=expected_version,
        changes=changes,
        by=by,
        event=step.event.format(**data),
        request=request,
    )


def record_choice(
    relationship: PeerRelationship,
    *,
    data: dict[str, Any],
    expected_version: int,
    by: "User",
    request: HttpRequest | None = None,
) -> PeerRelationship:
    """The person's own choice: a "yes" offers peer support; a "no" ends the referral,
    with no further contact."""
    on: date = data["on"]
    changes: dict[str, Any] = {"choice_recorded_on": on, "choice_note": data.get("note", "")}
    if data["wants_peer_support"]:
        changes.update(status=Status.OFFERED, offered_on=on)
        event = "The person chose to work with a peer support worker"
    else:
        changes.update(status=Status.DECLINED, ended_on=on)
        event = "The person chose not to have peer support; no further contact"
    return _move(
        relationship,
        steps.CHOICE,
        expected_version=expected_version,
        changes=changes,
        by=by,
        event=event,
        request=request,
    )


def withdraw_consent(
    relationship: PeerRelationship,
    *,
    data: dict[str, Any],
    expected_version: int,
    by: "User",
    request: HttpRequest | None = None,
) -> PeerRelationship:
    """The person no longer consents to peer support: it stops at once, today, with a
    summary saying so."""
    said = data.get("reason", "")
    return _move(
        relationship,
        steps.WITHDRAW,
        expected_version=expected_version,
        changes={
            "status": Status.ENDED,
            "consent_to_proceed": False,
            "ended_on": timezone.localdate(),
            "ending_summary": f"The person withdrew their consent to peer support. {said}".strip(),
        },
        by=by,
        event="The person withdrew consent to peer support; it stopped at once",
        request=request,
    )


def transfer(
    relationship: PeerRelationship,
    *,
    data: dict[str, Any],
    expected_version: int,
    by: "User",
    request: HttpRequest | None = None,
) -> PeerRelationship:
    """Ownership moves: the new worker and team see the person; the old worker does not."""
    worker, team = data["worker"], data["team"]
    old = relationship.worker.display_name if relationship.worker else "nobody"
    with transaction.atomic():
        _check_room(relationship, worker)
        moved = _move(
            relationship,
            steps.TRANSFER,
            expected_version=expected_version,
            changes=data,
            by=by,
            event=f"Transferred from {old} to {worker.display_name} ({team.name})",
            request=request,
        )
        moved.shared_with.remove(worker)
        bump_version(Person.objects.filter(pk=moved.person_id), team=team)
    return moved


def match(
    relationship: PeerRelationship,
    *,
    data: dict[str, Any],
    expected_version: int,
    by: "User",
    request: HttpRequest | None = None,
) -> PeerRelationship:
    """Allocate a worker, only while they have room within their agreed capacity."""
    with transaction.atomic():
        _check_room(relationship, data["worker"])
        return _move(
            relationship,
            steps.MATCH,
            expected_version=expected_version,
            changes=data,
            by=by,
            event=steps.MATCH.event.format(**data),
            request=request,
        )


def open_caseload_size(organisation_id: int, worker: "User") -> int:
    """How many open relationships the worker holds (one query)."""
    return PeerRelationship.objects.filter(
        organisation_id=organisation_id, worker=worker, status__in=OPEN_STATUSES
    ).count()


def _check_room(relationship: PeerRelationship, worker: "User") -> None:
    """Refuse a match or transfer past the worker's agreed capacity (issue 12 point 5).

    There is no override: a supervisor and a worker who agree to take one more record a
    new capacity first (`capacity_agree`), so the number on every page stays the one they
    agreed. Two queries."""
    if relationship.worker_id == worker.pk:
        return
    _check_capacity(relationship.organisation_id, worker, field="worker")


def _check_capacity(organisation_id: int, worker: "User", *, field: str) -> None:
    profile = WorkerProfile.objects.filter(organisation_id=organisation_id, user=worker).first()
    capacity = profile.capacity if profile else DEFAULT_CAPACITY
    load = open_caseload_size(organisation_id, worker)
    if load < capacity:
        return
    if field == "allocate_to_me":
        message = (
            f"Your caseload is full: {load} of {capacity} agreed. Leave this for the team's "
            "supervisor to match, or agree a new capacity with them first."
        )
    else:
        message = (
            f"{worker.display_name}'s caseload is full: {load} of {capacity} agreed. "
            "Choose someone with room, or agree a new capacity with them first."
        )
    raise ValidationError({field: message})


def capacity_agree(
    *,
    organisation: Organisation,
    worker: "User",
    capacity: int,
    expected_version: int | None,
    by: "User",
    request: HttpRequest | None = None,
) -> WorkerProfile:
    """Record the caseload capacity the worker and their supervisor (`by`) agreed. The
    first record of a worker with no profile yet is made here (`expected_version` 0); a
    change refused (EditConflict) if the profile was saved since."""
    today = timezone.localdate()
    changes = {"capacity": capacity, "capacity_agreed_on": today, "capacity_agreed_by": by}
    with transaction.atomic():
        rows = WorkerProfile.objects.filter(organisation=organisation, user=worker)
        if expected_version == 0:
            profile = create_first(
                lambda: WorkerProfile.objects.create(
                    organisation=organisation, user=worker, **changes
                ),
                rows=rows,
            )
        else:
            found = rows.first()
            if found is None:
                raise EditConflict(0)
            profile = save_if_unchanged(found, expected_version=expected_version, changes=changes)
        audit(
            request,
            action=AuditAction.UPDATE,
            obj=profile,
            actor=by,
            organisation_id=organisation.pk,
            reason=f"caseload capacity agreed: {capacity}",
        )
    return profile


_STEPS_THAT_DO_MORE: dict[str, Callable[..., PeerRelationship]] = {
    steps.MATCH.name: match,
    steps.CHOICE.name: record_choice,
    steps.WITHDRAW.name: withdraw_consent,
    steps.TRANSFER.name: transfer,
}


def share(
    relationship: PeerRelationship,
    *,
    worker: "User",
    by: "User",
    request: HttpRequest | None = None,
) -> None:
    with transaction.atomic():
        relationship.shared_with.add(worker)
        _event(relationship, by, f"Shared with {worker.display_name}")
        _audit(request, relationship, relationship.person, AuditAction.UPDATE, "shared", by)


def unshare(
    relationship: PeerRelationship,
    *,
    worker: "User",
    by: "User",
    request: HttpRequest | None = None,
) -> None:
    with transaction.atomic():
        relationship.shared_with.remove(worker)
        _event(relationship, by, f"No longer shared with {worker.display_name}")
        _audit(request, relationship, relationship.person, AuditAction.UPDATE, "unshared", by)


def worker_profile_save(
    *,
    organisation: Organisation,
    user: "User",
    data: dict[str, Any],
    expected_version: int | None,
    request: HttpRequest | None = None,
) -> WorkerProfile:
    """Save the PSW's matching profile: the first one (`expected_version` 0), or a change
    refused (EditConflict) if it was saved since, from another window."""
    with transaction.atomic():
        rows = WorkerProfile.objects.filter(organisation=organisation, user=user)
        if expected_version == 0:
            profile = create_first(
                lambda: WorkerProfile.objects.create(organisation=organisation, user=user, **data),
                rows=rows,
            )
        else:
            found = rows.first()
            if found is None:
                raise EditConflict(0)  # there is none: saving again makes the first
            profile = save_if_unchanged(found, expected_version=expected_version, changes=data)
        audit(
            request,
            action=AuditAction.UPDATE,
            obj=profile,
            actor=user,
            organisation_id=organisation.pk,
        )
    return profile


# --- signing in to PeerPath (the person's own account) ------------------------------------


def portal_access_give(
    *,
    person: Person,
    email: str,
    agreed_on: date,
    how: str,
    note: str = "",
    by: "User",
    request: HttpRequest | None = None,
) -> tuple[PortalAgreement, bool]:
    """Record the person's agreement to sign in to PeerPath, then give them an account
    linked to their record, in one transaction: a new address gets an invitation
    (`user_invite`, role Person supported); someone who already holds that role here is
    linked without one. Returns the agreement and whether an invitation was sent."""
    from peerpath.organisations.services import user_invite

    email = email.strip()
    with transaction.atomic():
        locked = Person.objects.select_for_update().get(pk=person.pk)
        if locked.user_id is not None:
            raise ValidationError(
                f"{person.display_name} can already sign in to PeerPath with their own account."
            )
        existing, roles = selectors.account_roles_here(person.organisation_id, email)
        if existing is not None and Person.objects.filter(user=existing).exists():
            raise ValidationError(
                {"email": "This address is already linked to another person's record."}
            )
        agreement = PortalAgreement(
            organisation_id=person.organisation_id,
            person=person,
            agreed_on=agreed_on,
            how=how,
            note=note,
            recorded_by=by,
        )
        agreement.full_clean()
        agreement.save()
        invited = False
        if existing is not None and roles:
            if roles != {Role.PERSON}:
                raise ValidationError(
                    {
                        "email": "This address belongs to someone who uses PeerPath here in "
                        "another role. Use a different address, or ask your organisation "
                        "admin for help."
                    }
                )
            user = existing
        else:
            user = user_invite(
                organisation=person.organisation,
                email=email,
                full_name=person.full_name,
                roles={Role.PERSON},
                team=None,
                by=by,
                request=request,
            )
            invited = True
        Person.objects.filter(pk=person.pk).update(
            user=user, email=person.email or email, version=F("version") + 1
        )
        person.refresh_from_db()
        _audit(
            request,
            agreement,
            person,
            AuditAction.CREATE,
            f"agreed to sign in to PeerPath ({agreement.get_how_display().lower()}); "
            + ("invitation sent" if invited else "their existing account linked"),
            by,
        )
    return agreement, invited
