"""Writes of consent to share, and the carer's account that consent opens: atomic and
audited. A consent is granted per scope and withdrawn by stamping
`withdrawn_at`/`withdrawn_by`; rows are never deleted, so the history stays whole (hazard
H4)."""

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone

from peerpath.caseload.models import FamilyMember, Person
from peerpath.core.audit import audit
from peerpath.core.models import AuditAction
from peerpath.core.roles import Role

from .. import selectors
from ..models import (
    ShareScope,
    SharingConsent,
)
from ..sharing import in_force, shared_scopes

if TYPE_CHECKING:
    from peerpath.accounts.models import User


class AlreadyWithdrawn(Exception):
    """The consent was withdrawn already (perhaps by someone else a moment ago)."""


def consent_grant(
    *,
    person: Person,
    recipient: FamilyMember,
    scopes: Iterable[str],
    by: "User",
    request: HttpRequest | None = None,
) -> tuple[list[SharingConsent], list[str]]:
    """Record the person's consent to share each scope with the recipient.

    Returns the new consents and the scopes that were already shared (left as they were).
    """
    if recipient.person_id != person.pk or recipient.organisation_id != person.organisation_id:
        raise ValidationError("Choose one of this person's family members or carers.")
    wanted = [s for s in dict.fromkeys(scopes) if s in ShareScope.values]
    with transaction.atomic():
        already = set(
            SharingConsent.objects.select_for_update()
            .filter(in_force(), person=person, recipient=recipient, scope__in=wanted)
            .values_list("scope", flat=True)
        )
        now = timezone.now()
        created = []
        for scope in wanted:
            if scope in already:
                continue
            consent = SharingConsent(
                organisation_id=person.organisation_id,
                person=person,
                recipient=recipient,
                scope=scope,
                granted_at=now,
                granted_by=by,
            )
            consent.full_clean()
            consent.save()
            audit(
                request,
                action=AuditAction.CREATE,
                obj=consent,
                actor=by,
                organisation_id=person.organisation_id,
                person_id=person.pk,
                reason=f"consent to share {consent.get_scope_display()} with {recipient.name}",
            )
            created.append(consent)
    return created, [s for s in wanted if s in already]


def consent_withdraw(
    *, consent: SharingConsent, by: "User", request: HttpRequest | None = None
) -> SharingConsent:
    """Withdraw at once; the next read by the recipient no longer sees this scope."""
    with transaction.atomic():
        now = timezone.now()
        changed = SharingConsent.objects.filter(pk=consent.pk, withdrawn_at__isnull=True).update(
            withdrawn_at=now, withdrawn_by=by
        )
        if not changed:
            raise AlreadyWithdrawn
        consent.refresh_from_db()
        audit(
            request,
            action=AuditAction.UPDATE,
            obj=consent,
            actor=by,
            organisation_id=consent.organisation_id,
            person_id=consent.person_id,
            reason=(
                f"consent withdrawn: {consent.get_scope_display()} "
                f"no longer shared with {consent.recipient.name}"
            ),
        )
    return consent


class NoConsentYet(Exception):
    """The person has not agreed to share anything with this family member."""


class AlreadyLinked(Exception):
    """This family member already has a PeerPath account linked to the person."""


def carer_invite(
    *, member: FamilyMember, email: str, by: "User", request: HttpRequest | None = None
) -> tuple[Any, bool]:
    """Give a family member a carer account linked to the person, once the person's
    consent to share something with them is recorded (hazard H4: what they then see is
    still decided by `may_share` on every request).

    A new address gets an invitation (`user_invite`, role Carer, no team); someone who is
    already a carer in the organisation is linked without one. Returns the account and
    whether an invitation was sent. Audited as a change to the person's record.
    """
    from peerpath.organisations.services import user_invite

    email = email.strip()
    with transaction.atomic():
        member = FamilyMember.objects.select_for_update().select_related("person").get(pk=member.pk)
        if member.user_id is not None:
            raise AlreadyLinked
        if not shared_scopes(member):
            raise NoConsentYet
        person = member.person
        existing, roles = selectors.account_roles(person.organisation_id, email)
        invited = False
        if existing is not None and roles:
            if Role.CARER not in roles:
                raise ValidationError(
                    {
                        "email": "This address belongs to someone who uses PeerPath here in "
                        "another role. Ask your organisation admin to add the carer role to "
                        "their account first, then link them here."
                    }
                )
            user = existing
        else:
            user = user_invite(
                organisation=person.organisation,
                email=email,
                full_name=member.name,
                roles={Role.CARER},
                team=None,
                by=by,
                request=request,
            )
            invited = True
        FamilyMember.objects.filter(pk=member.pk).update(user=user, email=member.email or email)
        member.refresh_from_db()
        audit(
            request,
            action=AuditAction.UPDATE,
            obj=member,
            actor=by,
            organisation_id=person.organisation_id,
            person_id=person.pk,
            reason="carer account linked: "
            + ("invitation sent" if invited else "their existing carer account"),
        )
    return user, invited
