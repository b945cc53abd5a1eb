"""The one place that decides whether something of a person's may be shared (hazard H4).

Every sharing path (the carer's pages today; exports, PDFs and partner agencies later)
asks `may_share` at the moment it shares, and never keeps the answer: a withdrawal takes
effect on the very next request. A consent is in force from `granted_at` until it is
withdrawn; a withdrawn row stays, so the history is complete.
"""

from collections.abc import Iterable
from datetime import datetime

from django.db.models import Q, QuerySet

from peerpath.caseload.models import FamilyMember, Person

from .models import ShareScope, SharingConsent

SCOPES: tuple[str, ...] = tuple(ShareScope.values)


def in_force(at: datetime | None = None) -> Q:
    """Consents in force now (not withdrawn), or at a past moment `at`."""
    if at is None:
        return Q(withdrawn_at__isnull=True)
    return Q(granted_at__lte=at) & (Q(withdrawn_at__isnull=True) | Q(withdrawn_at__gt=at))


def _consents_in_force(
    person_id: int, organisation_id: int, recipient: FamilyMember, at: datetime | None
) -> QuerySet[SharingConsent]:
    # The recipient must be this person's family member, in the person's organisation:
    # a consent row can never make one person's record visible through another's.
    if recipient.person_id != person_id or recipient.organisation_id != organisation_id:
        return SharingConsent.objects.none()
    return SharingConsent.objects.filter(
        in_force(at),
        person_id=person_id,
        organisation_id=organisation_id,
        recipient_id=recipient.pk,
    )


def may_share(
    person: Person, recipient: FamilyMember, scope: str, at: datetime | None = None
) -> bool:
    """True when the person consents to share `scope` with `recipient` (now, or at `at`).

    One query, every time: no caching, so a withdrawal is honoured at once.
    """
    if scope not in SCOPES:
        return False
    consents = _consents_in_force(person.pk, person.organisation_id, recipient, at)
    return consents.filter(scope=scope).exists()


def shared_scopes(recipient: FamilyMember, at: datetime | None = None) -> set[str]:
    """Every scope the recipient's person currently shares with them (one query)."""
    consents = _consents_in_force(recipient.person_id, recipient.organisation_id, recipient, at)
    return set(consents.values_list("scope", flat=True))


def shared_since(recipient: FamilyMember) -> dict[str, datetime]:
    """Each scope the recipient's person shares with them now, with when it was agreed
    (one query; the same rule as `may_share`)."""
    consents = _consents_in_force(
        recipient.person_id, recipient.organisation_id, recipient, None
    ).values_list("scope", "granted_at")
    return {scope: granted_at for scope, granted_at in consents if scope in SCOPES}


def shared_scopes_of(recipients: Iterable[FamilyMember]) -> dict[int, set[str]]:
    """`shared_scopes` for several recipients at once (one query), for lists such as the
    carer's home page: the same rule, in force now, each consent only for its own person."""
    wanted = {r.pk: r for r in recipients}
    found: dict[int, set[str]] = {pk: set() for pk in wanted}
    if not wanted:
        return found
    rows = SharingConsent.objects.filter(in_force(), recipient_id__in=list(wanted)).values_list(
        "recipient_id", "person_id", "organisation_id", "scope"
    )
    for recipient_id, person_id, organisation_id, scope in rows:
        recipient = wanted[recipient_id]
        if (
            recipient.person_id == person_id
            and recipient.organisation_id == organisation_id
            and scope in SCOPES
        ):
            found[recipient_id].add(scope)
    return found
