"""Writes to peer groups: atomic, audited, and no silent overwrite of an edit.

Attendance is recorded without penalty: a person either came, did not come this time, or
let the group know they could not come. Removing someone from a group keeps their past
attendance.
"""

from collections.abc import Iterable, Mapping
from datetime import datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone

from peerpath.accounts.models import User
from peerpath.caseload.models import Person
from peerpath.core.audit import audit, audit_many
from peerpath.core.models import AuditAction
from peerpath.core.versioning import claim_version, save_if_unchanged
from peerpath.organisations.models import Organisation, Team

from .models import Attendance, GroupSession, PeerGroup, Presence


def _check_name_free(organisation_id: int, name: str, *, exclude_pk: int | None = None) -> None:
    taken = PeerGroup.objects.filter(organisation_id=organisation_id, name__iexact=name)
    if exclude_pk is not None:
        taken = taken.exclude(pk=exclude_pk)
    if taken.exists():
        raise ValidationError(
            {"name": f"There is already a group called “{name}”. Choose another name."}
        )


def group_create(
    *,
    organisation: Organisation,
    name: str,
    purpose: str,
    where: str,
    team: Team,
    facilitators: Iterable[Any],
    by: "User",
    request: HttpRequest | None = None,
) -> PeerGroup:
    """A new group in one of the organisation's teams, with at least one facilitator."""
    chosen = list(facilitators)
    if not chosen:
        raise ValidationError({"facilitators": "Choose at least one facilitator."})
    with transaction.atomic():
        _check_name_free(organisation.pk, name)
        group = PeerGroup(
            organisation=organisation, team=team, name=name, purpose=purpose, where=where
        )
        group.full_clean()
        group.save()
        group.facilitators.set(chosen)
        audit(
            request,
            action=AuditAction.CREATE,
            obj=group,
            actor=by,
            organisation_id=organisation.pk,
        )
    return group


def group_update(
    *,
    group: PeerGroup,
    name: str,
    purpose: str,
    where: str,
    team: Team,
    facilitators: Iterable[Any],
    expected_version: int | None,
    by: "User",
    request: HttpRequest | None = None,
) -> PeerGroup:
    """Change the group's details; refused (EditConflict) if someone saved it meanwhile."""
    chosen = list(facilitators)
    if not chosen:
        raise ValidationError({"facilitators": "Choose at least one facilitator."})
    with transaction.atomic():
        _check_name_free(group.organisation_id, name, exclude_pk=group.pk)
        save_if_unchanged(
            group,
            expected_version=expected_version,
            changes={"name": name, "purpose": purpose, "where": where, "team": team},
        )
        group.facilitators.set(chosen)
        audit(
            request,
            action=AuditAction.UPDATE,
            obj=group,
            actor=by,
            organisation_id=group.organisation_id,
            reason="details and facilitators",
        )
    return group


def members_add(
    *, group: PeerGroup, people: Iterable[Person], by: "User", request: HttpRequest
) -> list[Person]:
    """Add people to the group; one audit row per person, in one INSERT.

    The caller has already limited `people` to those they may see.
    """
    adding = [p for p in people if p.organisation_id == group.organisation_id]
    with transaction.atomic():
        group.members.add(*adding)
        audit_many(
            request,
            action=AuditAction.UPDATE,
            objects=adding,
            person_id_of=lambda p: p.pk,
            reason=f"joined the peer group “{group.name}” (group {group.pk})",
        )
    return adding


def member_remove(*, group: PeerGroup, person: Person, by: "User", request: HttpRequest) -> None:
    """Take the person out of the group; their past attendance stays."""
    with transaction.atomic():
        group.members.remove(person)
        audit(
            request,
            action=AuditAction.UPDATE,
            obj=person,
            actor=by,
            person_id=person.pk,
            reason=f"left the peer group “{group.name}” (group {group.pk}); attendance kept",
        )


def session_create(
    *, group: PeerGroup, starts_at: datetime, topic: str, by: "User", request: HttpRequest | None
) -> GroupSession:
    with transaction.atomic():
        session = GroupSession(
            organisation_id=group.organisation_id, group=group, starts_at=starts_at, topic=topic
        )
        session.full_clean()
        session.save()
        audit(
            request,
            action=AuditAction.CREATE,
            obj=session,
            actor=by,
            organisation_id=group.organisation_id,
        )
    return session


def register_save(
    *,
    session: GroupSession,
    entries: Mapping[int, str],
    listed: Iterable[Person],
    expected_version: int | None,
    by: "User",
    request: HttpRequest,
) -> int:
    """Record who came: {person id: presence}. One transaction; re-saving updates.

    `listed` are the people on the register (the group's members, and anyone already
    recorded who has since left); each must have an answer. Returns how many records were
    added or changed. A register that changes something is refused (EditConflict) if the
    session was saved since `expected_version`. Queries: a fixed number, whatever the size
    of the group.
    """
    allowed = {p.pk: p for p in listed}
    if set(entries) - set(allowed):
        raise ValidationError("The register lists someone who is not in this group.")
    errors = {
        f"presence_{person.pk}": f"Choose an answer for {person.display_name}: came, "
        "not this time, or let us know they could not come."
        for person in allowed.values()
        if entries.get(person.pk) not in Presence.values
    }
    if errors:
        raise ValidationError(errors)
    now = timezone.now()
    with transaction.atomic():
        existing = {
            a.person_id: a for a in Attendance.objects.select_for_update().filter(session=session)
        }
        for found in existing.values():
            if found.person_id in allowed:
                found.person = allowed[found.person_id]
        to_create: list[Attendance] = []
        to_update: list[Attendance] = []
        for person_id, presence in entries.items():
            record = existing.get(person_id)
            if record is None:
                to_create.append(
                    Attendance(
                        organisation_id=session.organisation_id,
                        session=session,
                        person=allowed[person_id],
                        presence=presence,
                        recorded_by=by,
                        recorded_at=now,
                    )
                )
            elif record.presence != presence:
                record.presence, record.recorded_by, record.recorded_at = presence, by, now
                to_update.append(record)
        if to_create or to_update:
            # A register opened before someone else saved it would put their answers back.
            claim_version(session, expected_version=expected_version)
        Attendance.objects.bulk_create(to_create)
        Attendance.objects.bulk_update(to_update, ["presence", "recorded_by", "recorded_at"])
        audit_many(
            request,
            action=AuditAction.UPDATE,
            objects=[*to_create, *to_update],
            person_id_of=lambda a: a.person_id,
            reason=f"group register, session {session.pk}",
        )
    return len(to_create) + len(to_update)
