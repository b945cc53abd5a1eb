"""Recruitment: expressions of interest, applications, the pipeline, enrolment.

Every write is atomic and audited; every stage change is kept as a StageChange row and
tells the applicant, kindly, what happens next.
"""

import secrets
from datetime import date, datetime
from typing import TYPE_CHECKING, Any

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.http import HttpRequest
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from peerpath.core.audit import audit
from peerpath.core.http import absolute_url
from peerpath.core.models import AuditAction
from peerpath.core.roles import Role
from peerpath.core.versioning import bump_version, claim_version
from peerpath.jobs.mail import EmailKind, email_enqueue
from peerpath.organisations.models import Membership
from peerpath.organisations.services import user_invite
from peerpath.training.models import Cohort, EligibilityCriterion, Enrolment, Programme
from peerpath.training.services.programmes import require_own_programme

from .models import (
    CLOSED_STAGES,
    Application,
    CriterionAnswer,
    Intake,
    SelectionBooking,
    SelectionPanelNote,
    Stage,
    StageChange,
)

if TYPE_CHECKING:
    from peerpath.accounts.models import User


def _tell_applicant(
    application: Application, subject: str, template: str, request: HttpRequest | None, **extra: Any
) -> None:
    context = {
        "application": application,
        "intake": application.intake,
        "programme": application.intake.programme,
        "organisation": application.organisation,
        "link": absolute_url(
            request,
            reverse("recruitment:applicant-home", kwargs={"token": application.access_token}),
        ),
        **extra,
    }
    body = render_to_string(template, context)
    # Queued in the caller's transaction; the worker sends it (and retries) once it commits.
    email_enqueue(
        subject=f"PeerPath: {subject}",
        body=body,
        to=[application.email],
        kind=EmailKind.RECRUITMENT,
        organisation_id=application.organisation_id,
    )


def intake_create(
    *,
    programme: Programme,
    title: str,
    opens_on: date,
    closes_on: date,
    capacity: int,
    panel: list[Any],
    by: "User | None",
    request: HttpRequest | None = None,
) -> Intake:
    require_own_programme(programme)
    to_check = programme.copied_texts.filter(confirmed_at__isnull=True).count()
    if to_check:
        raise ValidationError(
            {
                "programme": f"Before an intake can open, check the wording copied from the "
                f"template: {to_check} {'piece' if to_check == 1 else 'pieces'} of text still "
                f"name the template's own organisation, places or phone numbers. Confirm or "
                f"reword them from the programme's page (“Check the copied wording”)."
            }
        )
    with transaction.atomic():
        intake = Intake(
            organisation=programme.organisation,
            programme=programme,
            title=title,
            opens_on=opens_on,
            closes_on=closes_on,
            capacity=capacity,
        )
        intake.full_clean()
        intake.save()
        intake.panel.set(panel)
        audit(
            request,
            action=AuditAction.CREATE,
            obj=intake,
            actor=by,
            organisation_id=intake.organisation_id,
        )
    return intake


def interest_submit(
    *,
    intake: Intake,
    full_name: str,
    email: str,
    phone: str,
    interest: str,
    request: HttpRequest | None = None,
    today: date | None = None,
) -> Application:
    """Someone expresses interest through the public form (no account needed)."""
    today = today or timezone.localdate()
    if not intake.opens_on <= today <= intake.closes_on:
        raise ValidationError("This intake is not taking expressions of interest today.")
    email = email.strip().lower()
    if Application.objects.filter(intake=intake, email__iexact=email).exists():
        raise ValidationError(
            {
                "email": "You have already expressed interest in this intake. Your email from us "
                "has a link to your application."
            }
        )
    with transaction.atomic():
        application = Application.objects.create(
            organisation=intake.organisation,
            intake=intake,
            full_name=full_name.strip(),
            email=email,
            phone=phone.strip(),
            interest=interest.strip(),
            access_token=secrets.token_urlsafe(32),
        )
        StageChange.objects.create(
            organisation=intake.organisation,
            application=application,
            from_stage="",
            to_stage=Stage.INTEREST,
            reason="Expression of interest received",
            by=None,
        )
        audit(
            request,
            action=AuditAction.CREATE,
            obj=application,
            organisation_id=intake.organisation_id,
            reason="expression of interest",
        )
        _tell_applicant(
            application, "thank you for your interest", "recruitment/email/interest.txt", request
        )
    return application


def application_submit(
    *,
    application: Application,
    answers: dict[int, tuple[bool, str]],
    lived_experience: str,
    commitment_confirmed: bool,
    request: HttpRequest | None = None,
) -> Application:
    """The applicant answers every eligibility criterion with evidence, once."""
    if application.stage != Stage.INTEREST or application.submitted_at is not None:
        raise ValidationError("This application has already been sent.")
    criteria = list(EligibilityCriterion.objects.filter(programme=application.intake.programme))
    errors: dict[str, str] = {}
    for criterion in criteria:
        _meets, evidence = answers.get(criterion.pk, (False, ""))
        if not evidence.strip():
            errors[f"evidence_{criterion.pk}"] = "Tell us about this, in a few words."
    if not commitment_confirmed:
        errors["commitment_confirmed"] = "Confirm you can commit to the training."
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        CriterionAnswer.objects.bulk_create(
            CriterionAnswer(
                organisation=application.organisation,
                application=application,
                criterion=criterion,
                meets=answers[criterion.pk][0],
                evidence=answers[criterion.pk][1].strip(),
            )
            for criterion in criteria
        )
        application.lived_experience = lived_experience.strip()
        application.commitment_confirmed = True
        application.submitted_at = timezone.now()
        application.stage = Stage.APPLICATION
        application.save()
        # A move made on a page opened before the application came in is refused.
        bump_version(Application.objects.filter(pk=application.pk))
        StageChange.objects.create(
            organisation=application.organisation,
            application=application,
            from_stage=Stage.INTEREST,
            to_stage=Stage.APPLICATION,
            reason="Application sent by the applicant",
            by=None,
        )
        audit(
            request,
            action=AuditAction.UPDATE,
            obj=application,
            organisation_id=application.organisation_id,
            reason="application sent",
        )
        _tell_applicant(
            application,
            "we have your application",
            "recruitment/email/stage.txt",
            request,
            stage=Stage.APPLICATION,
        )
    return application


def application_move(
    *,
    application: Application,
    to_stage: str,
    reason: str,
    expected_version: int | None,
    by: "User | None",
    request: HttpRequest | None = None,
) -> Application:
    """Move an application to another stage, with the reason recorded and the applicant told.

    Refused (EditConflict) if it changed since `expected_version`: the mover decided on
    what their page showed."""
    if not reason.strip():
        raise ValidationError({"reason": "Give a reason for this change."})
    if to_stage not in Stage.values:
        raise ValidationError({"to_stage": "Choose a stage."})
    if to_stage == Stage.INTEREST:
        raise ValidationError({"to_stage": "An application cannot go back to the start."})
    with transaction.atomic():
        # First the version: a move decided on an older page is a conflict, whatever the
        # stage is now. The checks below then see the stage as it is saved.
        claim_version(application, expected_version=expected_version)
        if application.stage in CLOSED_STAGES:
            raise ValidationError({"to_stage": "This application is closed and cannot move."})
        if to_stage == application.stage:
            raise ValidationError({"to_stage": "The application is already at this stage."})
        placed = (Stage.OFFER, Stage.ACCEPTED)
        if to_stage in placed and application.stage not in placed:
            intake = Intake.objects.select_for_update().get(pk=application.intake_id)
            taken = intake.applications.filter(stage__in=placed).count()
            if taken >= intake.capacity:
                raise ValidationError(
                    {
                        "to_stage": f"All {intake.capacity} places in this intake are offered or "
                        "accepted. Free a place, or raise the number of places, first."
                    }
                )
        StageChange.objects.create(
            organisation=application.organisation,
            application=application,
            from_stage=application.stage,
            to_stage=to_stage,
            reason=reason.strip(),
            by=by,
        )
        application.stage = to_stage
        application.save(update_fields=["stage", "updated_at"])
        audit(
            request,
            action=AuditAction.UPDATE,
            obj=application,
            actor=by,
            organisation_id=application.organisation_id,
            reason=f"moved to {Stage(to_stage).label}: {reason.strip()}",
        )
        _tell_applicant(
            application,
            f"your application: {Stage(to_stage).label.lower()}",
            "recruitment/email/stage.txt",
            request,
            stage=to_stage,
        )
    return application


def booking_schedule(
    *,
    application: Application,
    kind: str,
    starts_at: datetime,
    place: str,
    by: "User | None",
    request: HttpRequest | None = None,
) -> SelectionBooking:
    if starts_at <= timezone.now():
        raise ValidationError({"starts_at": "Choose a date and time in the future."})
    with transaction.atomic():
        appointment = SelectionBooking(
            organisation=application.organisation,
            application=application,
            kind=kind,
            starts_at=starts_at,
            place=place.strip(),
        )
        appointment.full_clean()
        appointment.save()
        audit(
            request,
            action=AuditAction.CREATE,
            obj=appointment,
            actor=by,
            organisation_id=application.organisation_id,
            reason=f"{appointment.get_kind_display()} booked",
        )
        _tell_applicant(
            application,
            f"your {appointment.get_kind_display().lower()}",
            "recruitment/email/appointment.txt",
            request,
            appointment=appointment,
        )
    return appointment


def panel_note_add(
    *,
    application: Application,
    note: str,
    score: int | None,
    by: "User | None",
    request: HttpRequest | None = None,
) -> SelectionPanelNote:
    with transaction.atomic():
        panel_note = SelectionPanelNote(
            organisation=application.organisation,
            application=application,
            stage=application.stage,
            author=by,
            note=note.strip(),
            score=score,
        )
        panel_note.full_clean()
        panel_note.save()
        audit(
            request,
            action=AuditAction.CREATE,
            obj=panel_note,
            actor=by,
            organisation_id=application.organisation_id,
            reason="panel note",
        )
    return panel_note


def application_enrol(
    *,
    application: Application,
    cohort: Cohort,
    by: "User | None",
    request: HttpRequest | None = None,
) -> Enrolment:
    """An accepted applicant becomes a trainee in the cohort, with an account invitation."""
    if application.stage != Stage.ACCEPTED:
        raise ValidationError({"cohort": "Only accepted applicants can be enrolled."})
    if cohort.organisation_id != application.organisation_id:
        raise ValidationError({"cohort": "Choose a cohort of this organisation."})
    if cohort.programme_id != application.intake.programme_id:
        raise ValidationError({"cohort": "Choose a cohort of the programme they applied for."})
    if Enrolment.objects.filter(application_id=application.pk).exists():
        raise ValidationError({"cohort": "This applicant is already enrolled."})
    organisation = application.organisation
    with transaction.atomic():
        user = get_user_model().objects.filter(email__iexact=application.email).first()
        if user is None:
            user = user_invite(
                organisation=organisation,
                email=application.email,
                full_name=application.full_name,
                roles={Role.TRAINEE},
                team=None,
                by=by,
                request=request,
            )
        else:
            Membership.objects.get_or_create(
                user=user, organisation=organisation, role=Role.TRAINEE
            )
        try:
            with transaction.atomic():
                enrolment = Enrolment.objects.create(
                    organisation=organisation,
                    cohort=cohort,
                    trainee=user,
                    application_id=application.pk,
                )
        except IntegrityError as error:
            raise ValidationError(
                {"cohort": f"{application.full_name} is already enrolled in {cohort}."}
            ) from error
        application.trainee = user
        application.save(update_fields=["trainee", "updated_at"])
        audit(
            request,
            action=AuditAction.CREATE,
            obj=enrolment,
            actor=by,
            organisation_id=organisation.pk,
            reason=f"enrolled in {cohort}",
        )
    return enrolment
