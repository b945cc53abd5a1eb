"""Writes of urgent access: atomic and audited.

- A grant needs a reason of at least ten characters and a role that may ask for one (on
  call, safeguarding lead, supervisor; never a PSW, hazard H7). It lasts
  `URGENT_ACCESS_LASTS`. Its audit row, and every read it opens, names the role used and
  says "urgent access <pk>: <kind>: <reason>", which the person reads in "who has seen my
  record".
- The supervisors of the person's team and the organisation's safeguarding leads are
  emailed once the grant commits; the email names nobody (hazard H2).
- A grant can be ended early by whoever holds it, and is reviewed once, by someone else.
- Searching for a person is audited, a search that finds nobody too.
"""

from typing import TYPE_CHECKING

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import HttpRequest
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from peerpath.caseload.models import Person
from peerpath.core.actor import Actor
from peerpath.core.audit import audit
from peerpath.core.models import AuditAction, AuditOutcome
from peerpath.core.roles import Role
from peerpath.core.versioning import update_if_unchanged
from peerpath.jobs.mail import email_enqueue
from peerpath.recovery.documents import CRISIS_PLAN, EMERGENCY, SAMARITANS
from peerpath.recovery.models import DocumentVersion

from . import selectors
from .models import REASON_MIN_LENGTH, URGENT_ACCESS_LASTS, ReasonKind, ReviewOutcome, UrgentAccess

if TYPE_CHECKING:
    from peerpath.accounts.models import User

EMAIL_KIND = "urgent access"
EMAIL_SUBJECT = "PeerPath: urgent access to a record to review"
REASON_TOO_SHORT = (
    f"Say why you need the record now, in at least {REASON_MIN_LENGTH} characters: "
    "for example who called and what is happening."
)


def _set_role(request: HttpRequest | None, role: str) -> None:
    if request is not None:
        setattr(request, "audit_role", role)  # noqa: B010


def _link(request: HttpRequest | None) -> str:
    path = reverse("oversight:urgent-review-list")
    if request is not None:
        return request.build_absolute_uri(path)
    return settings.PEERPATH_BASE_URL.rstrip("/") + path


def person_search_audit(
    request: HttpRequest, *, actor: Actor, how: str, found: list[Person]
) -> None:
    """Every search for urgent access, "no match" included (what was typed is not kept)."""
    role = selectors.role_used(actor)
    _set_role(request, role or "")
    if not found:
        audit(
            request,
            action=AuditAction.VIEW,
            outcome=AuditOutcome.NOT_FOUND,
            object_type="caseload.person",
            reason=f"urgent access search by {how}: no match",
        )
        return
    for person in found:
        audit(
            request,
            action=AuditAction.VIEW,
            obj=person,
            person_id=person.pk,
            reason=f"urgent access search by {how}: found (name, date of birth and team)",
        )


def person_shown_audit(request: HttpRequest, *, actor: Actor, person: Person) -> None:
    """The grant form shows who the person is (name, date of birth, NHS number, team)."""
    _set_role(request, selectors.role_used(actor) or "")
    audit(
        request,
        action=AuditAction.VIEW,
        obj=person,
        person_id=person.pk,
        reason="urgent access: confirming who they are before giving a reason",
    )


def urgent_access_grant(
    *,
    actor: Actor,
    person: Person,
    reason_kind: str,
    reason: str,
    request: HttpRequest | None = None,
) -> UrgentAccess:
    """Open the person's crisis plan and contact details to the actor, for a while."""
    role = selectors.role_used(actor)
    if role is None or actor.user is None or actor.organisation is None:
        raise ValidationError("Your role cannot ask for urgent access.")
    if person.organisation_id != actor.organisation.pk:
        raise ValidationError("Find the person again.")
    reason = reason.strip()
    errors: dict[str, str] = {}
    if len(reason) < REASON_MIN_LENGTH:
        errors["reason"] = REASON_TOO_SHORT
    if reason_kind not in ReasonKind.values:
        errors["reason_kind"] = "Choose what the urgent access is for."
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        now = timezone.now()
        grant = UrgentAccess.objects.create(
            organisation=actor.organisation,
            person=person,
            granted_to=actor.user,
            role_used=role,
            reason_kind=reason_kind,
            reason=reason,
            started_at=now,
            expires_at=now + URGENT_ACCESS_LASTS,
        )
        _set_role(request, role)
        audit(
            request,
            action=AuditAction.CREATE,
            obj=grant,
            actor=actor.user,
            organisation_id=actor.organisation.pk,
            person_id=person.pk,
            reason=grant.audit_reason,
        )
        # Nothing about the person or the reason goes by email: only that one is waiting.
        email_enqueue(
            subject=EMAIL_SUBJECT,
            body=(
                "Someone used urgent access to open a crisis plan in PeerPath. Please "
                "review it: was it appropriate?\n\n"
                f"Review it in PeerPath: {_link(request)}\n"
            ),
            to=[e for e in selectors.reviewers_of(person) if e != actor.user.email],
            kind=EMAIL_KIND,
            organisation_id=actor.organisation.pk,
        )
    return grant


def urgent_access_read_audit(
    request: HttpRequest, *, grant: UrgentAccess, what: str, action: AuditAction = AuditAction.VIEW
) -> None:
    """A read the grant opened, in the role used and with the grant's reason."""
    _set_role(request, grant.role_used)
    audit(
        request,
        action=action,
        obj=grant.person,
        person_id=grant.person_id,
        reason=f"{grant.audit_reason} ({what})",
    )


def urgent_access_end(
    *, grant: UrgentAccess, by: "User", request: HttpRequest | None = None
) -> UrgentAccess:
    """End the grant now (its holder is done before it expires); a second end is a no-op."""
    with transaction.atomic():
        ended = UrgentAccess.objects.filter(pk=grant.pk, ended_at__isnull=True).update(
            ended_at=timezone.now()
        )
        grant.refresh_from_db()
        if ended:
            _set_role(request, grant.role_used)
            audit(
                request,
                action=AuditAction.UPDATE,
                obj=grant,
                actor=by,
                organisation_id=grant.organisation_id,
                reason="urgent access ended early",
            )
    return grant


def urgent_access_review(
    *,
    grant: UrgentAccess,
    outcome: str,
    note: str,
    expected_version: int | None,
    by: "User",
    reviewer_role: Role,
    request: HttpRequest | None = None,
) -> UrgentAccess:
    """Record the review, once: a grant already reviewed is an `EditConflict`."""
    if outcome not in ReviewOutcome.values:
        raise ValidationError({"outcome": "Choose whether the urgent access was appropriate."})
    if grant.granted_to_id == by.pk:
        raise ValidationError("Someone else reviews your own urgent access.")
    with transaction.atomic():
        update_if_unchanged(
            UrgentAccess.objects.filter(pk=grant.pk, reviewed_at__isnull=True),
            expected_version=expected_version,
            changes={
                "reviewed_by": by,
                "reviewed_at": timezone.now(),
                "review_outcome": outcome,
                "review_note": note.strip(),
            },
        )
        grant.refresh_from_db()
        _set_role(request, reviewer_role)
        audit(
            request,
            action=AuditAction.UPDATE,
            obj=grant,
            actor=by,
            organisation_id=grant.organisation_id,
            reason=f"urgent access reviewed: {grant.get_review_outcome_display().lower()}",
        )
    return grant


def crisis_plan_pdf(
    *, grant: UrgentAccess, version: DocumentVersion, request: HttpRequest
) -> bytes:
    """The current crisis plan as the recovery pages print it; the export is audited with
    the grant's reason."""
    from weasyprint import HTML  # imported here: it is slow to load and only PDFs need it

    today = timezone.localdate()
    html = render_to_string(
        "recovery/document.pdf.jinja",
        {
            "person": grant.person,
            "kind": CRISIS_PLAN,
            "version": version,
            "overdue": version.review_on is not None and version.review_on < today,
            "today": today,
            "samaritans": SAMARITANS,
            "emergency": EMERGENCY,
        },
    )
    pdf = bytes(HTML(string=html).write_pdf())
    urgent_access_read_audit(
        request,
        grant=grant,
        what=f"crisis plan PDF, version {version.number}",
        action=AuditAction.EXPORT,
    )
    return pdf
