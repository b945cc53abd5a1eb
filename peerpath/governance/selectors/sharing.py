"""Reads of consent to share and of what a carer is shown."""

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils import timezone

from peerpath.caseload.models import FamilyMember, Person
from peerpath.caseload.selectors import family_of
from peerpath.contacts import selectors as contacts
from peerpath.contacts.models import Appointment
from peerpath.core.actor import Actor
from peerpath.core.audit import audit_many
from peerpath.core.models import AuditAction
from peerpath.recovery import selectors as recovery
from peerpath.recovery.documents import Kind, kind_for
from peerpath.recovery.models import DocumentVersion, Goal

from ..models import (
    CarerMessage,
    Disclosure,
    ShareScope,
    SharingConsent,
)
from ..sharing import in_force, shared_since

# ---------------------------------------------------------------------------------------
# Consent to share


def consents_current(person: Person) -> list[SharingConsent]:
    """The consents in force for the person, with who granted them (one query)."""
    return list(consents_in_force(person))


def consents_in_force(person: Person) -> QuerySet[SharingConsent]:
    return (
        SharingConsent.objects.filter(in_force(), person=person)
        .select_related("granted_by", "recipient")
        .order_by("recipient__name", "recipient_id", "scope")
    )


def consent_history(person: Person) -> QuerySet[SharingConsent]:
    """Every consent ever recorded for the person, newest first, withdrawn ones included."""
    return (
        SharingConsent.objects.filter(person=person)
        .select_related("granted_by", "withdrawn_by", "recipient")
        .order_by("-granted_at", "-pk")
    )


def consents_of_person(person: Person) -> QuerySet[SharingConsent]:
    """This person's consents (another person's is not among them: a 404), with who
    they went to, who granted them and who withdrew them."""
    return SharingConsent.objects.filter(
        person=person, organisation_id=person.organisation_id
    ).select_related("recipient", "granted_by", "withdrawn_by")


@dataclass
class RecipientSharing:
    """A family member or carer with what the person currently shares with them."""

    recipient: FamilyMember
    consents: list[SharingConsent] = field(default_factory=list)


def sharing_by_recipient(person: Person) -> list[RecipientSharing]:
    """Each family member with their current consents (two queries)."""
    return sharing_rows_from(family_of(person), consents_current(person))


def sharing_rows_from(
    family: list[FamilyMember], consents: list[SharingConsent]
) -> list[RecipientSharing]:
    rows = {member.pk: RecipientSharing(member) for member in family}
    for consent in consents:
        if consent.recipient_id in rows:
            rows[consent.recipient_id].consents.append(consent)
    return list(rows.values())


# ---------------------------------------------------------------------------------------
# The carer's view


def caring_for(*, actor: Actor) -> QuerySet[FamilyMember]:
    """The family-member records that link this carer's account to a person, in the
    actor's organisation (another carer's link is not among them: a 404)."""
    if actor.user is None or actor.organisation is None:
        return FamilyMember.objects.none()
    return (
        FamilyMember.objects.filter(user=actor.user, organisation=actor.organisation)
        .select_related("person")
        .order_by("person__preferred_name", "person__full_name", "pk")
    )


def audit_links_listed(request: HttpRequest, links: Iterable[FamilyMember]) -> None:
    """One INSERT for every person named on the carer's list."""
    audit_many(
        request,
        action=AuditAction.VIEW,
        objects=list(links),
        person_id_of=lambda link: link.person_id,
        reason="listed for a carer",
    )


@dataclass(frozen=True)
class SharedSection:
    heading: str
    text: str


@dataclass
class SharedDocument:
    """The current version of a document, as a carer may see it."""

    kind: Kind
    version: DocumentVersion | None
    sections: list[SharedSection] = field(default_factory=list)

    @property
    def review_on(self) -> Any:
        return self.version.review_on if self.version else None

    def overdue(self, today: Any) -> bool:
        return bool(self.review_on and self.review_on < today)


@dataclass
class SharedView:
    """Only what the person shares with this carer right now; absent sections are None."""

    recipient: FamilyMember
    person: Person
    scopes: list[str]
    # When each shared scope was agreed.
    since: dict[str, Any] = field(default_factory=dict)
    recovery_plan: SharedDocument | None = None
    crisis_plan: SharedDocument | None = None
    advance_statement: SharedDocument | None = None
    goals: list[Goal] | None = None
    appointments: list[Appointment] | None = None


def _current_document(person: Person, scope: str) -> SharedDocument:
    kind = kind_for(scope)
    version = recovery.current_version_of(person, scope)
    shared = SharedDocument(kind, version)
    if version is not None and isinstance(version.content, dict):
        # Only the kind's own sections, in its order: nothing else in the stored content.
        for section in kind.sections:
            text = str(version.content.get(section.key) or "").strip()
            if text:
                shared.sections.append(SharedSection(section.heading, text))
    return shared


def shared_with_carer(recipient: FamilyMember, *, with_content: bool = True) -> SharedView:
    """What the carer may see: the consents in force at the moment of reading (the rule of
    `may_share`, asked once for every scope), and, unless `with_content` is False (a page
    that says only what is shared), the shared parts themselves.

    The only entry for what a carer reads. Field allowlist (hazard H8): goals show the
    person's words, steps and successes only; appointments show date, what and where only.
    """
    person = recipient.person
    since = shared_since(recipient)
    view = SharedView(recipient=recipient, person=person, scopes=[], since=since)
    for scope in ShareScope.values:
        if scope not in since:
            continue
        view.scopes.append(scope)
        if not with_content:
            continue
        if scope in (
            ShareScope.RECOVERY_PLAN,
            ShareScope.CRISIS_PLAN,
            ShareScope.ADVANCE_STATEMENT,
        ):
            setattr(view, scope, _current_document(person, scope))
        elif scope == ShareScope.GOALS:
            view.goals = recovery.goals_as_shared(person)
        elif scope == ShareScope.APPOINTMENTS:
            view.appointments = contacts.appointments_as_shared(person, timezone.now())
    return view


# ---------------------------------------------------------------------------------------
# The person's own view of their sharing


@dataclass
class MySharing:
    """A family member or carer, what the person shares with them now (consents, with who
    agreed each and when) and what they do not share with them."""

    recipient: FamilyMember
    consents: list[SharingConsent]
    not_shared: list[ShareScope]


def my_sharing(person: Person) -> list[MySharing]:
    """For the person's own sharing page: each family member with what is shared now and
    what is not (two queries, however many family members and consents)."""
    rows = []
    for entry in sharing_by_recipient(person):
        scopes = {c.scope for c in entry.consents}
        order = list(ShareScope.values)
        consents = sorted(entry.consents, key=lambda c: order.index(c.scope))
        rows.append(
            MySharing(
                entry.recipient,
                consents,
                [ShareScope(s) for s in ShareScope.values if s not in scopes],
            )
        )
    return rows


def my_consents_in_force(person: Person) -> QuerySet[SharingConsent]:
    """The person's consents in force, to withdraw one (another person's is a 404)."""
    return consents_of_person(person).filter(in_force())


def disclosures_shown_to_person(person: Person) -> list[Disclosure]:
    """Disclosures without consent the person sees on their own page: all but those
    withheld from them with a recorded reason."""
    return list(
        Disclosure.objects.filter(
            person=person, organisation_id=person.organisation_id, withheld_from_person=""
        ).order_by("-at", "-pk")
    )


def disclosures_of_person_qs(person: Person) -> QuerySet[Disclosure]:
    """The person's disclosures, to fetch one by id (another person's is a 404)."""
    return Disclosure.objects.filter(
        person=person, organisation_id=person.organisation_id
    ).select_related("by", "concern")


# ---------------------------------------------------------------------------------------
# Carers' messages


def carer_messages_of_person(person: Person) -> QuerySet[CarerMessage]:
    """Messages carers sent about the person, newest first (for the person's record)."""
    return (
        CarerMessage.objects.filter(person=person, organisation_id=person.organisation_id)
        .select_related("sender", "to_worker", "read_by")
        .order_by("-sent_at", "-pk")
    )


def carer_messages_sent(member: FamilyMember) -> list[CarerMessage]:
    """The messages this carer sent about the person (their own words only)."""
    return list(
        CarerMessage.objects.filter(sender=member, organisation_id=member.organisation_id).order_by(
            "-sent_at", "-pk"
        )[:20]
    )


@dataclass(frozen=True)
class UnreadMessages:
    person: Person
    count: int


def unread_carer_messages(*, actor: Actor) -> list[UnreadMessages]:
    """Per person, the carers' messages sent to this worker that nobody has read yet (one
    query), for the worker's home page."""
    if actor.user is None or actor.organisation is None:
        return []
    rows = (
        CarerMessage.objects.filter(
            organisation=actor.organisation, to_worker=actor.user, read_at__isnull=True
        )
        .select_related("person")
        .order_by("person__full_name", "person_id", "-sent_at")
    )
    counts: dict[int, UnreadMessages] = {}
    for message in rows:
        found = counts.get(message.person_id)
        counts[message.person_id] = UnreadMessages(
            message.person, (found.count if found else 0) + 1
        )
    return list(counts.values())
