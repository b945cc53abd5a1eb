"""Placements / work-experience days: a host team, a named peer supervisor, a reflection
for every day, three reviews, the supervisor's confirmation of each day and final sign-off."""

from datetime import date
from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.http import HttpRequest
from django.utils import timezone

from peerpath.core.audit import audit
from peerpath.core.models import AuditAction
from peerpath.training.models import Enrolment, Placement, PlacementDay, PlacementReview, ReviewKind
from peerpath.training.selectors.placement import confirmed_days

if TYPE_CHECKING:
    from peerpath.accounts.models import User


def placement_create(
    *,
    enrolment: Enrolment,
    host_team: Any,
    host_description: str,
    supervisor: Any,
    by: "User | None",
    request: HttpRequest | None = None,
) -> Placement:
    if host_team is None and not host_description.strip():
        raise ValidationError({"host_team": "Choose the host team, or describe where it is."})
    with transaction.atomic():
        placement = Placement.objects.create(
            organisation=enrolment.organisation,
            enrolment=enrolment,
            host_team=host_team,
            host_description=host_description.strip(),
            supervisor=supervisor,
        )
        audit(
            request,
            action=AuditAction.CREATE,
            obj=placement,
            actor=by,
            organisation_id=enrolment.organisation_id,
        )
    return placement


def placement_day_log(
    *,
    placement: Placement,
    on: date,
    reflection: str,
    by: "User | None",
    request: HttpRequest | None = None,
) -> PlacementDay:
    if on > timezone.localdate():
        raise ValidationError({"on": "Log a day once it has happened."})
    if not reflection.strip():
        raise ValidationError({"reflection": "Write a short reflection on the day."})
    try:
        with transaction.atomic():
            day = PlacementDay.objects.create(
                organisation=placement.organisation,
                placement=placement,
                date=on,
                reflection=reflection.strip(),
            )
            audit(
                request,
                action=AuditAction.CREATE,
                obj=day,
                actor=by,
                organisation_id=placement.organisation_id,
            )
    except IntegrityError as error:
        raise ValidationError({"on": "You have already logged this day."}) from error
    return day


def placement_day_confirm(
    *, day: PlacementDay, by: "User | None", request: HttpRequest | None = None
) -> None:
    with transaction.atomic():
        day.confirmed_by, day.confirmed_at = by, timezone.now()
        day.save(update_fields=["confirmed_by", "confirmed_at"])
        audit(
            request,
            action=AuditAction.UPDATE,
            obj=day,
            actor=by,
            organisation_id=day.organisation_id,
            reason="day confirmed by the supervisor",
        )


def placement_review_add(
    *,
    placement: Placement,
    kind: str,
    notes: str,
    by: "User | None",
    request: HttpRequest | None = None,
) -> PlacementReview:
    if by is None:
        raise ValueError("Someone signed in must do this.")
    if not notes.strip():
        raise ValidationError({"notes": "Write the review notes."})
    try:
        with transaction.atomic():
            review = PlacementReview.objects.create(
                organisation=placement.organisation,
                placement=placement,
                kind=kind,
                notes=notes.strip(),
                by=by,
            )
            audit(
                request,
                action=AuditAction.CREATE,
                obj=review,
                actor=by,
                organisation_id=placement.organisation_id,
            )
    except IntegrityError as error:
        raise ValidationError(
            {"kind": f"The {ReviewKind(kind).label.lower()} is already written."}
        ) from error
    return review


def placement_sign_off(
    *, placement: Placement, by: "User | None", request: HttpRequest | None = None
) -> None:
    required = placement.enrolment.cohort.programme.placement_days_required
    if confirmed_days(placement) < required:
        raise ValidationError(
            f"{required} confirmed days are needed before sign-off; "
            f"{confirmed_days(placement)} are confirmed."
        )
    if not placement.reviews.filter(kind=ReviewKind.FINAL).exists():
        raise ValidationError("Write the final review before signing off.")
    with transaction.atomic():
        placement.signed_off_by, placement.signed_off_at = by, timezone.now()
        placement.save(update_fields=["signed_off_by", "signed_off_at"])
        audit(
            request,
            action=AuditAction.UPDATE,
            obj=placement,
            actor=by,
            organisation_id=placement.organisation_id,
            reason="placement signed off",
        )
